"""Static texts in the new language after a switch, without rebuilding a widget.

Labels, buttons, menus, tooltips and combo items are set once, through ``tr``,
which remembers each text's source (``core.i18n.source_of``).  After a switch
every such text under the window is found by what it shows now and set again
from its source.  Texts with values filled in (readouts, the status bar, plot
titles with a name) have no source there: their owners make them anew.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabWidget,
    QWidget,
)

from ..core.i18n import source_of, tr

TIP = Qt.ItemDataRole.ToolTipRole


def translated(text: str) -> str | None:
    """``text`` in the current language, if it is a text ``tr`` made; else None."""
    source = source_of(text)
    return None if source is None else tr(source)


def _swap(getter: Callable[[], str], setter: Callable[[str], object]) -> None:
    text = getter()
    if text:
        new = translated(text)
        if new is not None and new != text:
            setter(new)


def _widget(widget: QWidget) -> None:
    _swap(widget.toolTip, widget.setToolTip)
    _swap(widget.accessibleName, widget.setAccessibleName)
    _swap(widget.accessibleDescription, widget.setAccessibleDescription)
    if widget.isWindow():
        _swap(widget.windowTitle, widget.setWindowTitle)
    if isinstance(widget, (QLabel, QAbstractButton)):
        _swap(widget.text, widget.setText)
    elif isinstance(widget, QGroupBox):
        _swap(widget.title, widget.setTitle)
    elif isinstance(widget, QMenu):
        _swap(widget.title, widget.setTitle)
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            _swap(lambda i=i: widget.itemText(i), lambda t, i=i: widget.setItemText(i, t))
            _swap(lambda i=i: widget.itemData(i, TIP) or "",
                  lambda t, i=i: widget.setItemData(i, t, TIP))
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            _swap(lambda i=i: widget.tabText(i), lambda t, i=i: widget.setTabText(i, t))
            _swap(lambda i=i: widget.tabToolTip(i), lambda t, i=i: widget.setTabToolTip(i, t))
    elif isinstance(widget, QLineEdit):
        _swap(widget.placeholderText, widget.setPlaceholderText)
    elif isinstance(widget, QAbstractSpinBox):
        _swap(widget.specialValueText, widget.setSpecialValueText)
    elif isinstance(widget, QListWidget):
        for i in range(widget.count()):
            item = widget.item(i)
            _swap(item.text, item.setText)
            _swap(item.toolTip, item.setToolTip)


def _action(action: QAction) -> None:
    _swap(action.text, action.setText)
    _swap(action.toolTip, action.setToolTip)
    _swap(action.statusTip, action.setStatusTip)


def retranslate_tree(root: QObject) -> None:
    """Every static text of ``root`` and of the widgets and actions under it."""
    if isinstance(root, QWidget):
        _widget(root)
    for widget in root.findChildren(QWidget):
        _widget(widget)
    for action in root.findChildren(QAction):
        _action(action)
