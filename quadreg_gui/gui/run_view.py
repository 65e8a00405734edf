"""The run drawn: every panel from the run's state, at most FRAME_SECONDS apart
(however often reports come, a redraw is one frame's work)."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Slot

from ..core.analysis.theory import excess_by_direction
from ..core.logformat import curve_on_x
from .panels.plot_grid import PlotGrid
from .panels.status_line import StatusLine
from .pinning import Pins
from .presentation import Presentation
from .racing import Race
from .run_state import RunState
from .theory_view import TheoryView

#: Shortest time between two redraws: the display rate.  (Training runs in a
#: process of its own: a redraw no longer takes the GIL from it.)
FRAME_SECONDS = 1 / 60


class RunView(QObject):
    """Draws the ``run`` on the ``grid``'s panels and the ``status_line``, with the
    ``theory``'s prediction, the ``pins`` or the ``race``, and the ``presentation``'s
    line.  ``redraws`` counts the redraws done."""

    def __init__(self, run: RunState, grid: PlotGrid, status_line: StatusLine,
                 theory: TheoryView, pins: Pins, race: Race,
                 presentation: Presentation) -> None:
        super().__init__(grid)
        self.run, self.grid, self.status_line, self.theory = run, grid, status_line, theory
        self.pins, self.race, self.presentation = pins, race, presentation
        self.redraws = 0
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.redraw)

    @Slot()
    def schedule(self) -> None:
        if not self._timer.isActive():
            wait = FRAME_SECONDS - (time.perf_counter() - self._last)
            self._timer.start(max(0, int(wait * 1000)))

    def stop(self) -> None:
        self._timer.stop()

    @property
    def pending(self) -> bool:
        """A redraw is scheduled and not yet done."""
        return self._timer.isActive()

    @Slot()
    def _show_directions(self, target: int) -> None:
        """The measured loss above the optimum along each eigen-direction of the surface
        now: since the last live change where L2 moved the surface, else since the
        start."""
        run, curve = self.run, self.run.curve
        assert run.quad is not None and run.loaded is not None
        # (A row's parameters are those after its epoch: after k + 1 epochs.)
        epochs, params = np.zeros(1, dtype=np.int64), run.loaded.initial[None, :]
        if curve is not None and len(curve.epochs):
            epochs = np.concatenate([epochs, curve.epochs + 1])
            params = np.vstack([params, curve.params])
        segment = run.segment
        if not run.quad.same_surface(run.loaded.quad) and segment is not None:
            kept = epochs >= segment[0]
            epochs, params = epochs[kept], params[kept]
        parts = excess_by_direction(run.quad, params)
        self.grid.directions_pane.show_measured(epochs, parts.sum(axis=1), parts, target)

    def redraw(self) -> None:
        self._last = time.perf_counter()
        self.redraws += 1
        run, grid = self.run, self.grid
        ld, p, theta = run.loaded, run.latest, run.theta
        if ld is None or theta is None or run.quad is None:
            return
        epoch, target = run.epoch, run.target
        if run.loading and self.status_line.busy.isVisible():
            return  # the old data's numbers are not the new data's
        if self.presentation.active:
            self.presentation.run_line.show_run(run.config, epoch, target)
        traces = self.race.traces if self.race.active else self.pins.traces
        grid.loss_plot.show_traces(traces)
        grid.landscape.show_traces(traces)
        if self.race.active:
            self.race.draw()
            return  # a race drew in the run's place
        grid.data_plot.show_fit(theta)
        loss = run.loss_now
        r2, rmse = run.quad.fit_quality(theta)
        grid.fit_readout.show_fit(r2, rmse, loss, curve_on_x(ld.model, ld.data, theta))
        grid.theory_readout.show_epochs(p.near_optimum_at if p is not None else None,
                                        self.theory.predicted, self.theory.no_prediction,
                                        self.theory.beyond)
        grid.landscape.show_run(theta, run.path.params if run.path is not None else None,
                                p.velocity if p is not None else None, run.batches)
        curve = run.curve
        grid.loss_plot.show_loss(curve.epochs if curve else np.empty(0),
                                 curve.loss if curve else np.empty(0),
                                 p.loss_now if p is not None else None, epoch, target)
        if grid.directions_pane.isVisible():
            self._show_directions(target)
        self.status_line.show_run(run.state, epoch, target, ld.model.params, theta, loss,
                                  p.lr_next if p is not None else run.config.lr,
                                  self.theory.limit, p.batch if p is not None else None)
