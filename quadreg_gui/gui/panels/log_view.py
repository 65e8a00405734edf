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
from PySide6.QtCore import QObject, Qt, Signal
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

from ...core.i18n import tr
from ...core.logformat import epoch_line

#: Logged epochs kept; beyond, the oldest go first (the history export has them all).
LOG_ROWS_KEPT = 1 << 20


class LogModel(QObject):
    """Lines: the head (the initial parameters), one per logged epoch, then the tail
    (the final lines or the divergence).  ``changed`` after every change."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.start((), [])

    def start(self, names: Sequence[str], head: Sequence[str]) -> None:
        """A new log: the parameter names and its first lines."""
        self._names, self._head, self._tail = tuple(names), list(head), []
        self._blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._starts: list[int] = []  # first row of each block, among the epoch rows
        self._count = 0
        self.changed.emit()

    def add_epochs(self, epochs: np.ndarray, params: np.ndarray, loss: np.ndarray) -> None:
        """Logged epochs, after those so far (and before any tail)."""
        if not epochs.size:
            return
        while self._blocks and self._count + epochs.size > LOG_ROWS_KEPT:  # oldest first
            gone = self._blocks.pop(0)[0].size
            self._starts = [start - gone for start in self._starts[1:]]
            self._count -= gone
        self._starts.append(self._count)
        self._blocks.append((epochs.copy(), params.copy(), loss.copy()))
        self._count += epochs.size
        self.changed.emit()

    def set_tail(self, lines: Sequence[str]) -> None:
        """The lines at the end (the final parameters, a divergence), in place of those
        before: a run that goes on ends anew; a divergence is said in another language."""
        if lines != self._tail:
            self._tail = list(lines)
            self.changed.emit()

    def line_count(self) -> int:
        return len(self._head) + self._count + len(self._tail)

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
        return [self.line(row) for row in range(self.line_count())]


class LogView(QAbstractScrollArea):
    """The log's view: monospace, following new lines while it is scrolled to the end;
    Ctrl+C (or the context menu) copies the whole log.

    It paints only the visible lines.  Qt's item views (over a QAbstractItemModel)
    lay out every row again when rows are added, asking the Python model about each:
    quadratic over a long run.
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
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        self.model_.changed.connect(self._changed)

    def _line_height(self) -> int:
        return self.fontMetrics().lineSpacing()

    def _visible_lines(self) -> int:
        return max(1, self.viewport().height() // self._line_height())

    def _changed(self) -> None:
        bar = self.verticalScrollBar()
        follow = self._follow
        bar.setRange(0, max(0, self.model_.line_count() - self._visible_lines()))
        bar.setPageStep(self._visible_lines())
        if follow:
            bar.setValue(bar.maximum())
        self.viewport().update()

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum()
        self.viewport().update()

    def _visible_rows(self) -> range:
        first = self.verticalScrollBar().value()
        return range(first, min(self.model_.line_count(), first + self._visible_lines() + 1))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._changed()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        lines = [self.model_.line(row) for row in self._visible_rows()]
        # Sideways: as far as the widest line in view (a long divergence message).
        widest = max((self.fontMetrics().horizontalAdvance(t) for t in lines), default=0)
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(0, widest + 8 - self.viewport().width()))
        bar.setPageStep(self.viewport().width())
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        height, ascent = self._line_height(), self.fontMetrics().ascent()
        for k, text in enumerate(lines):
            painter.drawText(4 - bar.value(), k * height + ascent + 2, text)
        painter.end()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.model_.lines()))
