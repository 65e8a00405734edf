"""What the training worker reports, taken in the GUI thread: into the run's state,
and into the instruments that keep a record of their own (the loss plot's marks of
live changes, the log, the step explained, the source of the data)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from ..core.training.engine import Loaded, Progress
from .loading import Loading
from .panels.plot_grid import PlotGrid
from .controls import ParameterPanel
from .pinning import Pins
from .racing import Race
from .run_log import RunLog
from .run_controls import RunControls
from .run_messages import RunMessages
from .run_state import RunState
from .theory_view import TheoryView


class RunReports(QObject):
    """The worker's loads, progress reports and states, and L2's moves of the loss
    surface, shown; ``acknowledged`` once a report is taken (the worker sends the next
    only then)."""

    acknowledged = Signal()

    def __init__(self, run: RunState, grid: PlotGrid, controls: RunControls,
                 panel: ParameterPanel, loading: Loading, race: Race, pins: Pins,
                 theory: TheoryView, messages: RunMessages, run_log: RunLog,
                 redraw: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.run, self.grid, self.controls, self.panel = run, grid, controls, panel
        self.loading, self.race, self.pins, self.theory = loading, race, pins, theory
        self.messages, self.run_log, self.redraw = messages, run_log, redraw

    @Slot(object)
    def on_loaded(self, loaded: Loaded) -> None:
        self.loading.done()
        grid = self.grid
        if not loaded.same_data:
            self.race.leave()  # the worker ended it with the load
            if not loaded.same_problem(self.run.loaded):
                self.pins.drop_for_new_data()
                for plot in (grid.loss_plot, grid.landscape):  # now, before the new problem
                    plot.show_traces([])  # is drawn: an old path may have other parameters
            self.panel.show_source(loaded.data.name, loaded.data.n, loaded.data.notice)
        grid.show_problem(loaded)
        self.run.load(loaded)
        self._started_over()
        self.messages.refresh()

    def _started_over(self) -> None:
        """The run of ``run.generation`` starts: its loss plot and log begin anew."""
        run = self.run
        assert run.initial_loss is not None and run.min_loss is not None
        self.grid.loss_plot.start_over(run.initial_loss, run.min_loss, run.config.epochs)
        self.run_log.start()
        self.redraw()

    @Slot()
    def surface_changed(self) -> None:
        """L2 moved the loss surface: its optimum, the optimal loss, the limits and the
        banner's limit (the prediction follows segmentChanged, which the L2 change in
        the engine's settings brings with it)."""
        run = self.run
        if run.quad is None or run.loaded is None:
            return
        self.grid.landscape.set_quadratic(run.quad)
        self.grid.loss_plot.set_losses(run.initial_loss, run.min_loss)
        self.theory.refresh_limits()
        self.messages.refresh()
        self.run_log.end(run.state)

    @Slot(object)
    def on_progress(self, p: Progress) -> None:
        try:
            run, grid = self.run, self.grid
            new_run = p.generation > run.generation
            was_full = run.latest is None or run.latest.full_resolution
            if not run.report(p):
                return
            if new_run:
                self._started_over()
            if p.step is not None:
                # The engine's settings: the step ran with them (those shown may be newer).
                grid.step_view.show_step(p.step, run.loaded.model, p.config, run.loaded.data.n)
            if not p.full_resolution and was_full:
                self.messages.say_resolution_limit()
            grid.log_view.model_.add_epochs(p.logged.epochs, p.logged.params, p.logged.loss)
            now = time.monotonic()
            for epoch, names in p.changes:
                grid.loss_plot.add_mark(epoch, run.config, names, now)
        finally:
            self.acknowledged.emit()

    @Slot(str)
    def on_state(self, state: str) -> None:
        self.run.set_state(state)
        self.controls.set_state(state, self.run.config.epochs)
        if self.race.active:
            self.race.show_results()
        else:
            self.run_log.end(state)
            self.messages.refresh()
        self.redraw()
