"""The race's results: a row per racer, live while it runs, final at the end."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...core.i18n import tr
from ...core.analysis.race import (
    RESULT_HEADERS,
    RESULT_NOTES,
    RaceResult,
    race_summary,
    result_cells,
    results_table,
)
from ..look import Look
from ..traces import swatch
from .tab_page import lay_out, push_button


class RacePanel(QWidget):
    """Results table (objectName raceTable), Copy table and End race."""

    endRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel(tr("No race yet: Run ▸ Race optimizers… (Ctrl+Shift+R)."))
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, len(RESULT_HEADERS))
        self.table.setObjectName("raceTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in RESULT_HEADERS])
        for col, note in enumerate(RESULT_NOTES):
            self.table.horizontalHeaderItem(col).setToolTip(tr(note))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        rows = self.table.fontMetrics().height() + 6  # six racers fit without scrolling
        self.table.verticalHeader().setDefaultSectionSize(rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.copy_button = push_button(
            tr("Copy table"), "copyRaceButton", self.copy,
            tr("Copy the results as aligned text, as quadreg-train --race prints them."))
        self.end_button = push_button(tr("End race"), "endRaceButton", self.endRequested,
                                      tr("Back to your own run, as it was (Esc)."))
        lay_out(self, self.title, self.table, [self.copy_button, self.end_button])
        self._results: tuple[RaceResult, ...] = ()
        self._epoch = self._target = 0
        self._cells: tuple = ()
        self.look = Look()
        self.set_active(False)

    def apply_look(self, look: Look) -> None:
        self.look = look
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setIcon(swatch(look, row))

    def set_active(self, on: bool) -> None:
        """A race runs (``on``), or none does: the table left is the last race's."""
        self.copy_button.setEnabled(bool(self._results))
        self.end_button.setEnabled(on)
        if not on and self._results:
            self.title.setText(tr("Last race, ended at epoch {k} of {n}. {summary}").format(
                k=f"{self._epoch:,}", n=f"{self._target:,}",
                summary=race_summary(list(self._results))))

    def show_results(self, results: tuple[RaceResult, ...], epoch: int, target: int,
                     finished: bool) -> None:
        """The table (rewritten only when a cell changed) and a line on the race."""
        self._results, self._epoch, self._target = results, epoch, target
        cells = tuple(result_cells(r, over=finished) for r in results)
        if len(cells) != len(self._cells):  # a new race: its rows, made once
            self.table.setRowCount(len(cells))
            for row in range(len(cells)):
                for col in range(len(RESULT_HEADERS)):
                    self.table.setItem(row, col, QTableWidgetItem())
                self.table.item(row, 0).setIcon(swatch(self.look, row))
            self._cells = tuple(("",) * len(RESULT_HEADERS) for _ in cells)
        for row, (new, old) in enumerate(zip(cells, self._cells)):
            for col, (text, before) in enumerate(zip(new, old)):
                if text != before:
                    self.table.item(row, col).setText(text)
        self._cells = cells
        state = tr("finished") if finished else tr("epoch {k} of {n}").format(
            k=f"{epoch:,}", n=f"{target:,}")
        self.title.setText(tr("Race, {state}. {summary}").format(
            state=state, summary=race_summary(list(results)) if finished else ""))
        self.copy_button.setEnabled(bool(results))

    @property
    def text(self) -> str:
        return results_table(list(self._results))

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
