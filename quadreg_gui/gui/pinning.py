"""Pinned runs: kept beside the current one, faded, for comparison.

``Pins`` keeps the pins (core.pins), handles the pin actions, fills the Pins
tab and turns the pins into the traces the loss panel and the landscape draw.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from ..core.i18n import tr
from ..core.pins import MAX_PINS, Pin, PinBoard
from .panels.loss_plot import LossPlot
from .panels.pins import PinsPanel
from .run_state import RunState
from .traces import Trace


#: A note on pins stays this long in the status bar: it says what to do next.
NOTE_MS = 8000


class Pins(QObject):
    """The ``run``'s pins, listed in ``panel``; notes on them go to ``status_bar``.
    ``changed``: the traces are new; ``requestReset``/``requestStart``: a pin starts a
    new run from the same start (running again if it ran)."""

    changed = Signal()
    requestReset = Signal()
    requestStart = Signal()

    def __init__(self, run: RunState, panel: PinsPanel, loss_plot: LossPlot,
                 status_bar: QStatusBar) -> None:
        super().__init__(run)
        self.run, self.panel, self.loss_plot = run, panel, loss_plot
        self.status_bar = status_bar
        self.board = PinBoard()
        self.traces: list[Trace] = []
        panel.removeRequested.connect(self.remove_pin)
        panel.clearRequested.connect(self.clear_pins)
        run.configChanged.connect(self._follow_settings)
        run.loadedChanged.connect(self._follow_settings)

    @Slot()
    def pin_run(self) -> None:
        """Keep this run beside the next ones; a new run starts from the same start."""
        if self.pin() is None:
            return
        running = self.run.state == "running"
        self.requestReset.emit()
        if running:
            self.requestStart.emit()
        self._note(tr("Pinned. Change a setting and run again to compare."))

    def pin(self) -> Pin | None:
        """Pin this run as it is (the run goes on); None, said, when it cannot be."""
        run = self.run
        p, ld = run.latest, run.loaded
        if ld is None:
            return None
        if p is None or p.epoch == 0 or run.curve is None:
            self._note(tr("Nothing to pin yet: run some epochs first."))
            return None
        if self.board.full:
            self._note(tr("At most {n} pins: remove one in the Pins tab first.").format(
                n=MAX_PINS))
            return None
        path = run.path.params if run.path is not None else np.empty((0, ld.initial.size))
        pin = self.board.add(run.config, run.curve.epochs, run.curve.loss, ld.initial, path,
                             p.theta, p.epoch, p.loss_now,
                             changed_live=bool(self.loss_plot.marks))
        self.refresh()
        return pin

    def take_away(self, pins: list[Pin]) -> None:
        """Remove ``pins`` (those still on the board)."""
        if self.board.discard(pins):
            self.refresh()

    @Slot(int)
    def remove_pin(self, index: int) -> None:
        if 0 <= index < len(self.board.pins):
            self.board.remove(index)
            self.refresh()

    @Slot()
    def clear_pins(self) -> None:
        self.board.clear()
        self.refresh()

    @Slot()
    def _follow_settings(self) -> None:
        if self.board.pins:
            self.refresh()

    def refresh(self) -> None:
        """The list and the traces anew: labels name what differs from the settings now
        (and are in the language now)."""
        current = self.run.config
        self.panel.show_pins(self.board.pins, current)
        self.traces = [
            Trace(pin.number, pin.label(current), pin.color, pin.epochs, pin.loss,
                  pin.start, pin.path, pin.theta, (pin.epoch, pin.loss_now), faded=True)
            for pin in self.board.pins]
        self.changed.emit()

    def drop_for_new_data(self) -> None:
        """New data or model: a pinned curve on other data would mislead."""
        if self.board.pins:
            self.clear_pins()
            self._note(tr("Pins cleared: the data or model changed, and a pinned curve on "
                          "other data would mislead."))

    def _note(self, text: str) -> None:
        self.status_bar.showMessage(text, NOTE_MS)
