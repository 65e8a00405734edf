"""Static texts in the new language after a switch, without rebuilding a widget.

Labels, buttons, menus, tooltips and combo items are set once, through ``tr``,
which remembers each text's source (``core.i18n.source_of``).  After a switch
every such text under the window is found by what it shows now and set again
from its source.  Two sources may share a translation ("Loss" and "loss" are
both 损失), so each text's source is also remembered where it is shown; the
window is built in English, where every text is its own source, and the first
switch fills that memory.  Texts with values filled in (readouts, the status
bar, plot titles with a name) have no source: their owners make them anew.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

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
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from ..core.i18n import source_of, tr

TIP = Qt.ItemDataRole.ToolTipRole


class Retranslator:
    """Sets texts again in the current language, remembering where each came from."""

    def __init__(self) -> None:
        #: (object id, property) -> (source, text shown): valid while the text is shown.
        self._memo: dict[Hashable, tuple[str, str]] = {}

    def again(self, key: Hashable, text: str) -> str:
        """``text``, shown at ``key``, in the current language (itself if ``tr`` did not
        make it)."""
        memo = self._memo.get(key)
        source = memo[0] if memo is not None and memo[1] == text else source_of(text)
        if source is None:
            return text
        new = tr(source)
        self._memo[key] = (source, new)
        return new

    def _swap(self, key: Hashable, getter: Callable[[], str],
              setter: Callable[[str], object]) -> None:
        text = getter()
        if text:
            new = self.again(key, text)
            if new != text:
                setter(new)

    def widget(self, widget: QWidget) -> None:
        swap, k = self._swap, id(widget)
        swap((k, "tip"), widget.toolTip, widget.setToolTip)
        swap((k, "name"), widget.accessibleName, widget.setAccessibleName)
        swap((k, "description"), widget.accessibleDescription, widget.setAccessibleDescription)
        if widget.isWindow():
            swap((k, "window"), widget.windowTitle, widget.setWindowTitle)
        if isinstance(widget, (QLabel, QAbstractButton)):
            swap((k, "text"), widget.text, widget.setText)
        elif isinstance(widget, (QGroupBox, QMenu)):
            swap((k, "title"), widget.title, widget.setTitle)
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                swap((k, "item", i), lambda i=i: widget.itemText(i),
                     lambda t, i=i: widget.setItemText(i, t))
                swap((k, "itemtip", i), lambda i=i: widget.itemData(i, TIP) or "",
                     lambda t, i=i: widget.setItemData(i, t, TIP))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                swap((k, "tab", i), lambda i=i: widget.tabText(i),
                     lambda t, i=i: widget.setTabText(i, t))
                swap((k, "tabtip", i), lambda i=i: widget.tabToolTip(i),
                     lambda t, i=i: widget.setTabToolTip(i, t))
        elif isinstance(widget, QPlainTextEdit):
            swap((k, "text"), widget.toPlainText, widget.setPlainText)
        elif isinstance(widget, QLineEdit):
            swap((k, "placeholder"), widget.placeholderText, widget.setPlaceholderText)
        elif isinstance(widget, QAbstractSpinBox):
            swap((k, "special"), widget.specialValueText, widget.setSpecialValueText)
        elif isinstance(widget, QTableWidget):
            for i in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(i)
                if item is not None:
                    swap((k, "head", i), item.text, item.setText)
                    swap((k, "headtip", i), item.toolTip, item.setToolTip)
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                item = widget.item(i)
                swap((k, "row", i), item.text, item.setText)
                swap((k, "rowtip", i), item.toolTip, item.setToolTip)

    def action(self, action: QAction) -> None:
        k = id(action)
        self._swap((k, "text"), action.text, action.setText)
        self._swap((k, "tip"), action.toolTip, action.setToolTip)
        self._swap((k, "status"), action.statusTip, action.setStatusTip)

    def tree(self, root: QObject) -> None:
        """Every static text of ``root`` and of the widgets and actions under it."""
        if isinstance(root, QWidget):
            self.widget(root)
        for widget in root.findChildren(QWidget):
            self.widget(widget)
        for action in root.findChildren(QAction):
            self.action(action)
