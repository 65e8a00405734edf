"""A real mouse path for GUI tests: press, moves with the button held (QTest's moves
carry no buttons), release."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget


def mouse(widget: QWidget, kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else \
        Qt.MouseButton.LeftButton
    QApplication.sendEvent(widget, QMouseEvent(kind, QPointF(at), QPointF(widget.mapToGlobal(at)),
                                               button, buttons, Qt.KeyboardModifier.NoModifier))


def drag(plot, start: QPoint, end: QPoint, steps: int = 10) -> None:
    """A left drag on ``plot``'s viewport from ``start`` to ``end`` in ``steps`` moves."""
    viewport, left = plot.viewport(), Qt.MouseButton.LeftButton
    mouse(viewport, QEvent.Type.MouseButtonPress, start, left)
    for k in range(1, steps + 1):
        mouse(viewport, QEvent.Type.MouseMove, start + (end - start) * (k / steps), left)
    mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
