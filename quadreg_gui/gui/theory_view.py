"""What theory says for the current settings, on the panels that show it: the
learning rate's limits (readout and slider zones) and, for full-batch gradient
descent at a constant rate, the predicted loss curve and epochs to the optimum."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from ..core.analysis.theory import Stability, prediction, stability
from .controls import ParameterPanel
from .panels.directions_plot import DirectionsPane
from .panels.loss_plot import LossPlot
from .run_state import RunState


class TheoryView(QObject):
    """Derived from the run's state when what it depends on changes, never per epoch:
    the limits from the settings shown (they speak of the rate being chosen), the
    prediction from the settings the engine runs and where they began (a live
    change at epoch 170 is predicted from epoch 170 and the parameters then)."""

    def __init__(self, run: RunState, panel: ParameterPanel, loss_plot: LossPlot,
                 directions_pane: DirectionsPane) -> None:
        super().__init__(run)
        self.run, self.panel, self.loss_plot = run, panel, loss_plot
        self.directions_pane = directions_pane
        self.stability: Stability | None = None
        self.predicted: int | None = None  # epochs to within 1 % of the optimum, in theory
        self.no_prediction: str | None = None  # why there is none
        self.beyond: int | None = None  # not near by then, though converging

    @property
    def limit(self) -> float | None:
        """The largest stable learning rate (None: none known, or not known yet)."""
        return self.stability.limit if self.stability is not None else None

    def show_again(self) -> None:
        """What was shown last, made anew (in the language just chosen)."""
        self.refresh_limits()
        self.refresh_prediction()

    @Slot()
    def refresh_limits(self) -> None:
        run = self.run
        if run.loaded is None or run.quad is None:
            return
        self.stability = s = stability(run.quad, run.config, run.loaded.initial)
        self.panel.stability.show_stability(s, run.config.optimizer)
        self.panel.lr_slider.set_limit(s.limit)
        self.panel.lr_slider.set_zones(s.smooth, s.limit, s.minibatch)

    @Slot()
    def refresh_prediction(self) -> None:
        run, ld = self.run, self.run.loaded
        if ld is None or run.quad is None:
            return
        predicted = prediction(run.quad, run.run_config, ld.initial, ld.data.n, run.segment,
                               run.target)
        self.predicted, self.no_prediction = predicted.near_optimum_at, predicted.reason
        self.beyond = predicted.beyond
        self.loss_plot.show_prediction(predicted.epochs, predicted.loss, predicted.reason)
        self.directions_pane.show_predicted(predicted.epochs, predicted.by_direction)
