"""The training log, line for line as quadreg-train prints it, formatted only when shown.

At millions of epochs a second the log gains a hundred thousand lines a second:
formatting and appending each as text would take the GUI thread's whole time.
The model keeps the logged epochs' numbers and makes a line only when the view
asks for it (a few dozen visible rows).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea

from ...core.logformat import epoch_line

#: Logged epochs kept; beyond, the oldest go first (the history export has them all).
LOG_ROWS_KEPT = 1 << 20

Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("LogView", text)


class LogModel(QAbstractListModel):
    """Lines: the head (the initial parameters), one per logged epoch, then the tail
    (the final lines or the divergence)."""

    def __init__(self) -> None:
        super().__init__()
        self._names: Sequence[str] = ()
        self._head: list[str] = []
        self._tail: list[str] = []
        self._blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._starts: list[int] = []  # first row of each block, among the epoch rows
        self._count = 0

    def start(self, names: Sequence[str], head: Sequence[str]) -> None:
        """A new log: the parameter names and its first lines."""
        self.beginResetModel()
        self._names, self._head, self._tail = tuple(names), list(head), []
        self._blocks, self._starts, self._count = [], [], 0
        self.endResetModel()

    def add_epochs(self, epochs: np.ndarray, params: np.ndarray, loss: np.ndarray) -> None:
        """Logged epochs, after those so far (and before any tail)."""
        if not epochs.size:
            return
        self._drop_oldest(len(epochs))
        at = len(self._head) + self._count
        self.beginInsertRows(QModelIndex(), at, at + epochs.size - 1)
        self._starts.append(self._count)
        self._blocks.append((epochs.copy(), params.copy(), loss.copy()))
        self._count += epochs.size
        self.endInsertRows()

    def _drop_oldest(self, coming: int) -> None:
        removable = 0
        while len(self._blocks) > removable and \
                self._count - self._block_size(range(removable + 1)) + coming > LOG_ROWS_KEPT:
            removable += 1
        if not removable:
            return
        gone = self._block_size(range(removable))
        first = len(self._head)
        self.beginRemoveRows(QModelIndex(), first, first + gone - 1)
        del self._blocks[:removable]
        self._starts = [s - gone for s in self._starts[removable:]]
        self._count -= gone
        self.endRemoveRows()

    def _block_size(self, which: range) -> int:
        return sum(self._blocks[k][0].size for k in which)

    def add_lines(self, lines: Sequence[str]) -> None:
        """Lines at the end (the final parameters, a divergence)."""
        if not lines:
            return
        at = self.rowCount()
        self.beginInsertRows(QModelIndex(), at, at + len(lines) - 1)
        self._tail.extend(lines)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._head) + self._count + len(self._tail)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return self.line(index.row())

    def line(self, row: int) -> str:
        if row < len(self._head):
            return self._head[row]
        row -= len(self._head)
        if row >= self._count:
            return self._tail[row - self._count]
        block = bisect.bisect_right(self._starts, row) - 1
        epochs, params, loss = self._blocks[block]
        k = row - self._starts[block]
        return epoch_line(self._names, int(epochs[k]), params[k], float(loss[k]))

    def lines(self) -> list[str]:
        return [self.line(row) for row in range(self.rowCount())]


class LogView(QAbstractScrollArea):
    """The log's view: monospace, following new lines while it is scrolled to the end;
    Ctrl+C (or the context menu) copies the whole log.

    It paints only the visible lines.  Qt's item views lay out every row again when
    rows are added, asking the (Python) model about each: quadratic over a long run.
    """

    def __init__(self) -> None:
        super().__init__()
        self.model_ = LogModel()
        self.setObjectName("logView")
        self.setAccessibleName(tr("Training log"))
        self.setToolTip(tr("The training log, line for line as quadreg-train prints it."))
        self.setFont(QFont("monospace"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        copy = QAction(tr("Copy the log"), self, shortcut=QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy)
        self.addAction(copy)
        self._follow = True
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        for signal in (self.model_.rowsInserted, self.model_.rowsRemoved,
                       self.model_.modelReset):
            signal.connect(self._changed)

    def _line_height(self) -> int:
        return self.fontMetrics().lineSpacing()

    def _visible_lines(self) -> int:
        return max(1, self.viewport().height() // self._line_height())

    def _changed(self) -> None:
        bar = self.verticalScrollBar()
        follow = self._follow
        bar.setRange(0, max(0, self.model_.rowCount() - self._visible_lines()))
        bar.setPageStep(self._visible_lines())
        if follow:
            bar.setValue(bar.maximum())
        self.viewport().update()

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum()
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._changed()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        height, first = self._line_height(), self.verticalScrollBar().value()
        ascent = self.fontMetrics().ascent()
        last = min(self.model_.rowCount(), first + self._visible_lines() + 1)
        for k, row in enumerate(range(first, last)):
            painter.drawText(4, k * height + ascent + 2, self.model_.line(row))
        painter.end()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.model_.lines()))
