"""What theory says for the current settings, on the panels that show it: the
learning rate's limits (readout and slider zones) and, for full-batch gradient
descent at a constant rate, the predicted loss curve and epochs to the optimum."""

from __future__ import annotations

from ..core.config import TrainConfig
from ..core.engine import Loaded
from ..core.objective import QuadraticLoss
from ..core.theory import Stability, prediction, stability
from .controls import ParameterPanel
from .panels.loss_plot import LossPlot


class TheoryView:
    """Recomputed only when the settings or the loss change, never per epoch."""

    def __init__(self, panel: ParameterPanel, loss_plot: LossPlot) -> None:
        self.panel, self.loss_plot = panel, loss_plot
        self.stability: Stability | None = None
        self.predicted: int | None = None  # epochs to near the optimum, in theory
        self.no_prediction: str | None = None  # why there is none
        self._shown: tuple[Loaded, QuadraticLoss, TrainConfig] | None = None

    @property
    def limit(self) -> float | None:
        """The largest stable learning rate (None: adaptive optimizers, or not known yet)."""
        return self.stability.limit if self.stability is not None else None

    def show_again(self) -> None:
        """What was shown last, made anew (in the language just chosen)."""
        if self._shown is not None:
            self.refresh(*self._shown)

    def refresh(self, loaded: Loaded | None, quad: QuadraticLoss | None,
                config: TrainConfig) -> None:
        if loaded is None or quad is None:
            return
        self._shown = (loaded, quad, config)
        self.stability = s = stability(quad, config, loaded.initial)
        self.panel.stability.show_stability(s, config.optimizer)
        self.panel.lr_slider.set_limit(s.limit)
        self.panel.lr_slider.set_zones(s.smooth, s.limit, s.minibatch)
        predicted = prediction(quad, config, loaded.initial, loaded.data.n)
        self.predicted, self.no_prediction = predicted.near_optimum_at, predicted.reason
        self.loss_plot.show_prediction(predicted.epochs, predicted.loss, predicted.reason)
