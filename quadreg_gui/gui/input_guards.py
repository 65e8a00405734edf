"""Who gets the wheel and the keys: fields get them only when the user is in them.

- The mouse wheel changes a spin box, combo or slider only when it has the
  keyboard focus; otherwise it scrolls the panel under the pointer.
- The single-key shortcuts (Space, R, S, → to run, Shift+S and Shift+→ to step a
  batch; 0-4 to focus a pane) act unless the focused field would use that key
  itself (typing into a number, → along a slider).
- Enter in a number field applies the value and hands the keyboard back (to
  the Start button), so that Space then starts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: Keys that shortcuts use on their own (no modifier): running, and focusing a pane.
RUN_KEYS = frozenset({Qt.Key.Key_Space, Qt.Key.Key_R, Qt.Key.Key_S, Qt.Key.Key_Right,
                      Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4})
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _keys_owned(widget: QObject) -> frozenset:
    """The run keys that ``widget`` uses itself while it has the focus."""
    if isinstance(widget, (QAbstractSpinBox, QLineEdit, QComboBox)):
        return RUN_KEYS
    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
        return RUN_KEYS
    if isinstance(widget, QAbstractSlider):
        return frozenset({Qt.Key.Key_Right})
    return frozenset()


class InputGuard(QObject):
    """An event filter for the fields of the settings panel (install with ``guard``)."""

    handBack = Signal()  # Enter applied a number: give the keyboard back

    def guard(self, widget: QWidget) -> None:
        if isinstance(widget, (QAbstractSpinBox, QComboBox, QAbstractSlider)):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if isinstance(obj, QWidget) and not obj.hasFocus():
                event.ignore()  # handled here, so it goes on to the scroll area
                return True
        elif kind == QEvent.Type.ShortcutOverride:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            plain = key_event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                              Qt.KeyboardModifier.KeypadModifier,
                                              Qt.KeyboardModifier.ShiftModifier)
            if plain and key_event.key() in _keys_owned(obj):
                event.accept()  # the key goes to the field, not to the shortcut
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(obj, QAbstractSpinBox):
            if event.key() in _ENTER:  # type: ignore[attr-defined]
                # After the spin box has applied the value (it handles Enter next).
                QTimer.singleShot(0, self, self.handBack.emit)
        return False
