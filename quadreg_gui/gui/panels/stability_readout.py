"""Beside the learning rate: its limits for this data, model and optimizer."""

from __future__ import annotations

import math

from ...core.config import OPTIMIZER_TITLES
from ...core.i18n import tr
from ...core.analysis.theory import Stability
from .readouts import WrappedLabel


class StabilityReadout(WrappedLabel):
    """Stable limit, no-oscillation limit, best constant rate with its epochs, and the
    condition number; for adaptive optimizers, why there is no fixed bound.  As high as
    its wrapped lines (a word-wrapped label in the scrolled column was given the height
    of another width, and its lines overlapped the rows around it)."""

    def __init__(self) -> None:
        super().__init__("stabilityReadout")

    def show_stability(self, s: Stability, optimizer: str) -> None:
        name = tr(OPTIMIZER_TITLES[optimizer])
        lines = []
        if s.minibatch:
            lines.append(tr("Mini-batches: no learning-rate limit is known (the full-batch "
                            "limit does not hold for them)."))
        elif s.limit is None:
            lines.append(tr("{name} divides each step by its own running gradient size: no "
                            "fixed learning rate bound.").format(name=name))
        elif math.isfinite(s.limit):
            lines.append(tr("Diverges above {limit}, oscillates above {smooth}").format(
                limit=f"{s.limit:.4g}", smooth=f"{s.smooth:.4g}"))
        if s.best_lr is not None:
            epochs = "–" if s.best_epochs is None else f"{s.best_epochs:,}"
            lines.append(tr("Best constant lr {lr}: the excess loss down to 1 % of the "
                            "start's in {epochs} epochs (gradient descent)").format(
                                lr=f"{s.best_lr:.4g}", epochs=epochs))
        self.setToolTip(tr(
            "Excess loss: L − L*, the loss above the closed-form optimum's. \"Down to 1 % "
            "of the start's\": L − L* ≤ 0.01·(L₀ − L*), another criterion than \"within "
            "1 % of the optimal loss\" (L ≤ 1.01·L*) under the loss plot."))
        lines.append(tr("Condition number {k}").format(
            k="∞" if not math.isfinite(s.condition) else f"{s.condition:.4g}"))
        self.setText("\n".join(lines))
        self._fit(shrink=True)  # rarely changed: as high as this text, not the longest
