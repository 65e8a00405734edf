"""The list of pinned runs: each in its colour, removable one by one or all at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ...core.config import TrainConfig
from ...core.i18n import tr
from ...core.pins import MAX_PINS, Pin
from ..look import Look
from ..traces import swatch
from .tab_page import lay_out, push_button


class PinsPanel(QWidget):
    """Pins by label ("Pin 2: lr 0.005"); Remove and Clear pins."""

    removeRequested = Signal(int)
    clearRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.list = QListWidget()
        self.list.setObjectName("pinList")
        self.list.setAccessibleName(tr("Pinned runs"))
        self.list.currentRowChanged.connect(self._selection_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self._remove,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.remove_button = push_button(tr("Remove"), "removePinButton", self._remove,
                                         tr("Remove the selected pin (Delete)."))
        self.clear_button = push_button(tr("Clear pins"), "clearPinsButton", self.clearRequested)
        lay_out(self, self.hint, self.list, [self.remove_button, self.clear_button])
        self.look = Look()
        self.show_pins([], TrainConfig())

    def apply_look(self, look: Look) -> None:
        self.look = look
        self.show_pins(*self._shown)

    def show_pins(self, pins: list[Pin], current: TrainConfig) -> None:
        """The pins, labelled by what differs from ``current``; the selection stays."""
        self._shown = (pins, current)
        row = self.list.currentRow()
        self.list.clear()
        for pin in pins:
            item = QListWidgetItem(swatch(self.look, pin.color), pin.label(current))
            item.setToolTip(pin.label(current) + "\n" + tr("{epochs} epochs, final loss {loss}")
                            .format(epochs=f"{pin.epoch:,}", loss=f"{pin.loss_now:.6g}"))
            self.list.addItem(item)
        if pins:
            self.list.setCurrentRow(min(max(row, 0), len(pins) - 1))
        self.hint.setText(tr("Pin run (Ctrl+P) keeps the current run on the loss plot and the "
                             "landscape and starts a new one from the same start; up to {n}.")
                          .format(n=MAX_PINS) if not pins else
                          tr("{n} of {max} pins").format(n=len(pins), max=MAX_PINS))
        self.clear_button.setEnabled(bool(pins))
        self._selection_changed()

    @Slot()
    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0 and self.list.count() > 0)

    @Slot()
    def _remove(self) -> None:
        if self.list.currentRow() >= 0:
            self.removeRequested.emit(self.list.currentRow())
