"""Runs beside the current one: pinned runs, and a race that takes the run's place.

The window owns one Comparisons: it keeps the pins (core.pins) and the race's
latest report, handles the pin and race actions, and turns both into the
traces the loss panel, the landscape and the data plot draw and into the pins
and race panels' contents.  While a race runs it draws in the run's place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from ..core.config import TrainConfig
from ..core.engine import RaceProgress
from ..core.history import Rows
from ..core.i18n import tr
from ..core.pins import MAX_PINS, PinBoard
from ..core.race import Racer
from .race_dialog import RaceDialog
from .traces import Trace

if TYPE_CHECKING:
    from .main_window import MainWindow

#: Trace keys of racers start here (pins use their numbers, 1 to 8 and up).
RACER_KEYS = 1_000
#: How long a note on pins stays in the status bar.
NOTE_MS = 8_000


class Comparisons(QObject):
    """Pins and races for ``win``; ``requestRace`` and ``requestEndRace`` go to the worker."""

    requestRace = Signal(object)  # list[Racer]
    requestEndRace = Signal()

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.board = PinBoard()
        self.racers: list[Racer] = []
        self.progress: RaceProgress | None = None
        self.start = np.zeros(2)
        self._curves: list[Rows | None] = []
        self._paths: list[Rows | None] = []
        self._pin_traces: list[Trace] = []
        self._race_traces: list[Trace] = []
        win.pins_panel.removeRequested.connect(self.remove_pin)
        win.pins_panel.clearRequested.connect(self.clear_pins)
        win.race_panel.endRequested.connect(self.end_race)

    @property
    def racing(self) -> bool:
        return bool(self.racers)

    def _note(self, text: str) -> None:
        self.win.statusBar().showMessage(text, NOTE_MS)

    # --- pins ------------------------------------------------------------------------------
    @Slot()
    def pin_run(self) -> None:
        """Keep this run beside the next ones; a new run starts from the same start."""
        win = self.win
        p, ld = win.run.latest, win.run.loaded
        if self.racing or ld is None:
            return
        if p is None or p.epoch == 0 or win.run.curve is None:
            self._note(tr("Nothing to pin yet: run some epochs first."))
            return
        if self.board.full:
            self._note(tr("At most {n} pins: remove one in the Pins tab first.").format(
                n=MAX_PINS))
            return
        run = win.run
        path = run.path.params if run.path is not None else np.empty((0, ld.initial.size))
        self.board.add(run.config, run.curve.epochs, run.curve.loss, ld.initial, path,
                       p.theta, p.epoch, p.loss_now, changed_live=bool(win.loss_plot.marks))
        self.follow_settings(win.run.config, force=True)
        running = win.run.state == "running"
        win.requestReset.emit()
        if running:
            win.requestStart.emit()
        self._note(tr("Pinned. Change a setting and run again to compare."))

    @Slot(int)
    def remove_pin(self, index: int) -> None:
        if 0 <= index < len(self.board.pins):
            self.board.remove(index)
            self.follow_settings(self.win.run.config, force=True)

    @Slot()
    def clear_pins(self) -> None:
        self.board.clear()
        self.follow_settings(self.win.run.config, force=True)

    def follow_settings(self, current: TrainConfig, force: bool = False) -> None:
        """Pin labels name what differs from ``current``: remade when it changes."""
        if not force and not self.board.pins:
            return
        self.win.pins_panel.show_pins(self.board.pins, current)
        self._pin_traces = [
            Trace(pin.number, pin.label(current), pin.color, pin.epochs, pin.loss,
                  pin.start, pin.path, pin.theta, (pin.epoch, pin.loss_now), faded=True)
            for pin in self.board.pins]
        self.win.schedule_redraw()

    def drop_for_new_data(self) -> None:
        """New data or model: pins and a race belong to the old data."""
        if self.racing:
            self._leave_race()  # the worker ended it with the load
        if self.board.pins:
            self.clear_pins()
            self._note(tr("Pins cleared: the data or model changed, and a pinned curve on "
                          "other data would mislead."))
        for plot in (self.win.loss_plot, self.win.landscape):  # now, before the new
            plot.show_traces([])  # problem is drawn: an old path may have other parameters

    # --- the race --------------------------------------------------------------------------
    @Slot()
    def race_optimizers(self) -> None:
        """The race dialog; its racers start at once."""
        win, ld = self.win, self.win.run.loaded
        if ld is None or self.racing or win.run.loading:
            return
        dialog = RaceDialog(win, win.run.config, win.run.quad, ld.initial)
        if dialog.exec() and dialog.racers:
            self.start_race(dialog.racers)

    def start_race(self, racers: list[Racer]) -> None:
        assert self.win.run.loaded is not None
        self.racers = racers
        self.start = self.win.run.loaded.initial
        self.progress = None
        self._curves = [None] * len(racers)
        self._paths = [None] * len(racers)
        self._race_traces = []
        self._show_racing(True)
        self.requestRace.emit(racers)
        self.win.requestStart.emit()

    @Slot()
    def end_race(self) -> None:
        if self.racing:
            self._leave_race()
            self.requestEndRace.emit()

    def _leave_race(self) -> None:
        self.racers = []
        self._race_traces = []
        self.win.data_plot.show_fits([])  # drawn only while racing: dropped now
        self._show_racing(False)

    def _show_racing(self, on: bool) -> None:
        """A race takes the run's place: the settings wait, the plots show the racers."""
        win = self.win
        win.panel.setEnabled(not on)
        for plot in (win.loss_plot, win.landscape, win.data_plot):
            plot.set_main_visible(not on)
        for readout in (win.fit_readout, win.theory_readout):  # they speak of the run
            readout.setVisible(not on)
        win.pin_action.setEnabled(not on)
        win.race_action.setEnabled(not on)
        win.end_race_action.setEnabled(on)
        win.race_panel.set_active(on)
        if on:
            win.tabs.setCurrentWidget(win.race_panel)
        win.messages.refresh()
        win.schedule_redraw()

    @Slot(object)
    def on_race_progress(self, p: RaceProgress) -> None:
        try:
            if p.generation >= self.win.run.generation and self.racing:
                self.win.run.generation = p.generation
                self._take(p)
                self.win.schedule_redraw()
        finally:
            self.win.acknowledged.emit()

    def _take(self, p: RaceProgress) -> None:
        """A race report: the racers' traces (curves kept until new ones come)."""
        self.progress = p
        shorts = [r.short for r in self.racers]
        traces = []
        for k, (racer, state) in enumerate(zip(self.racers, p.racers)):
            if state.curve is not None:
                self._curves[k], self._paths[k] = state.curve, state.path
            curve, path = self._curves[k], self._paths[k]
            label = racer.short if shorts.count(racer.short) == 1 else racer.name
            traces.append(Trace(
                RACER_KEYS + k, label, k,
                curve.epochs if curve is not None else np.empty(0),
                curve.loss if curve is not None else np.empty(0), self.start,
                path.params if path is not None else np.empty((0, self.start.size)),
                state.theta, (state.epoch, state.loss_now), faded=False))
        self._race_traces = traces

    def show_results(self) -> None:
        p = self.progress
        if p is not None:
            self.win.race_panel.show_results(p.results, p.epoch, p.target,
                                             self.win.run.state == "finished")

    def show_banner(self) -> None:
        self.win.banner.show_message(
            tr("Racing {n} optimizers from the same start; your run waits until the race "
               "ends.").format(n=len(self.racers)), "hint", tr("End race"), self.end_race)

    # --- drawing ---------------------------------------------------------------------------
    def draw(self) -> bool:
        """The traces on the plots; while racing, the whole frame (returns True)."""
        win = self.win
        traces = self._race_traces if self.racing else self._pin_traces
        win.loss_plot.show_traces(traces)
        win.landscape.show_traces(traces)
        if not self.racing:
            return False
        assert win.run.loaded is not None
        p = self.progress
        epoch, target = (p.epoch, p.target) if p else (0, win.run.config.epochs)
        win.data_plot.show_fits(traces)
        win.landscape.show_run(win.run.loaded.initial, None, None)
        self.show_results()
        win.status_line.show_race(win.run.state, epoch, target, len(traces))
        win.loss_plot.show_loss(np.empty(0), np.empty(0), None, epoch, target)
        return True
