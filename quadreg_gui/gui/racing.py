"""A race of optimizers, which takes the run's place while it runs.

``Race`` starts and ends races, keeps the latest race report, turns it into
the traces the loss panel, the landscape and the data plot draw and fills the
Race tab and the status bar.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from ..core.training.engine import RaceProgress
from ..core.training.history import DrawnRows
from ..core.i18n import tr
from ..core.analysis.race import Racer
from .dialogs import run_modal
from .message_banner import MessageBanner
from .panels.plot_grid import PlotGrid
from .panels.status_line import StatusLine
from .race_dialog import RaceDialog
from .run_state import RunState
from .traces import Trace

#: Trace keys of racers start here (pins use their numbers, 1 to 8 and up).
RACER_KEYS = 1_000


class Race(QObject):
    """Races on the ``run``'s data, drawn on the ``grid``'s plots and in the
    ``status_line``; the race dialog opens over ``parent``.

    ``requestRace``, ``requestEndRace`` and ``requestStart`` (the epoch to pause
    at, 0 for none) go to the worker,
    ``acknowledged`` after each report; ``activeChanged``: a race began or ended;
    ``changed``: there is something new to draw."""

    requestRace = Signal(object)  # list[Racer]
    requestEndRace = Signal()
    #: The race dialog opened: its racers will soon want the compiled loops.
    requestWarmUp = Signal()
    requestStart = Signal(int)
    acknowledged = Signal()
    activeChanged = Signal(bool)
    changed = Signal()

    def __init__(self, run: RunState, grid: PlotGrid, status_line: StatusLine,
                 banner: MessageBanner, parent: QWidget) -> None:
        super().__init__(run)
        self.run, self.grid, self.status_line, self.banner = run, grid, status_line, banner
        self.parent_widget = parent
        self.racers: list[Racer] = []
        self.progress: RaceProgress | None = None
        self.start = np.zeros(2)
        self.traces: list[Trace] = []
        self._curves: list[DrawnRows | None] = []
        self._paths: list[DrawnRows | None] = []
        grid.race_panel.endRequested.connect(self.end)

    @property
    def active(self) -> bool:
        return bool(self.racers)

    @Slot()
    def open_dialog(self) -> None:
        """The race dialog; its racers start at once."""
        run, ld = self.run, self.run.loaded
        if ld is None or self.active or run.loading:
            return
        self.requestWarmUp.emit()  # ready by the time the racers are chosen
        dialog = RaceDialog(self.parent_widget, run.config, run.quad, ld.initial)
        if run_modal(dialog) and dialog.racers:
            self.begin(dialog.racers)

    @property
    def epoch(self) -> int | None:
        """The epoch the race has reached, as last reported (None before its first report)."""
        return self.progress.epoch if self.active and self.progress is not None else None

    def begin(self, racers: list[Racer], until: int = 0) -> None:
        """Race ``racers`` at once (to epoch ``until`` and pause there, if given)."""
        self.prepare(racers)
        self.requestStart.emit(until)

    def prepare(self, racers: list[Racer]) -> None:
        """``racers`` at their start, ready to run (or to be stepped)."""
        assert self.run.loaded is not None
        self.racers = racers
        self.start = self.run.loaded.initial
        self.progress = None
        self._curves = [None] * len(racers)
        self._paths = [None] * len(racers)
        self.traces = []
        self._show_racing(True)
        self.requestRace.emit(racers)

    @Slot()
    def end(self) -> None:
        if self.active:
            self.leave()
            self.requestEndRace.emit()

    def leave(self) -> None:
        """The race is over (ended here, or by the worker with a load)."""
        if not self.active:
            return
        self.racers = []
        self.traces = []
        self.grid.data_plot.show_fits([])  # drawn only while racing: dropped now
        self._show_racing(False)

    def _show_racing(self, on: bool) -> None:
        """A race takes the run's place: the plots show the racers."""
        g = self.grid
        for plot in (g.loss_plot, g.landscape, g.data_plot):
            plot.set_main_visible(not on)
        for readout in (g.fit_readout, g.theory_readout):  # they speak of the run
            readout.setVisible(not on)
        g.race_panel.set_active(on)
        if on:
            g.tabs.setCurrentWidget(g.race_panel)
        self.activeChanged.emit(on)
        self.changed.emit()

    @Slot(object)
    def on_progress(self, p: RaceProgress) -> None:
        try:
            if p.generation >= self.run.generation and self.active:
                self.run.generation = p.generation
                self._take(p)
                self.changed.emit()
        finally:
            self.acknowledged.emit()

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
        self.traces = traces

    def show_results(self) -> None:
        p = self.progress
        if p is not None:
            self.grid.race_panel.show_results(p.results, p.epoch, p.target,
                                              self.run.state == "finished")

    def show_banner(self) -> None:
        self.banner.show_message(
            tr("Racing {n} optimizers from the same start; your run waits until the race "
               "ends.").format(n=len(self.racers)), "hint", tr("End race"), self.end)

    def draw(self) -> None:
        """The race's frame, in the run's place."""
        assert self.run.loaded is not None
        g, p = self.grid, self.progress
        epoch, target = (p.epoch, p.target) if p else (0, self.run.config.epochs)
        g.data_plot.show_fits(self.traces)
        g.landscape.show_run(self.run.loaded.initial, None, None)
        self.show_results()
        self.status_line.show_race(self.run.state, epoch, target, len(self.traces))
        g.loss_plot.show_loss(np.empty(0), np.empty(0), None, epoch, target)
