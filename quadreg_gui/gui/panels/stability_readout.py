"""Beside the learning rate: its limits for this data, model and optimizer."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel

from ...core.config import OPTIMIZER_TITLES
from ...core.i18n import tr
from ...core.theory import Stability


class StabilityReadout(QLabel):
    """Stable limit, no-oscillation limit, best constant rate with its epochs, and the
    condition number; for adaptive optimizers, why there is no fixed bound."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("stabilityReadout")
        self.setWordWrap(True)

    def show_stability(self, s: Stability, optimizer: str) -> None:
        name = tr(OPTIMIZER_TITLES[optimizer])
        lines = []
        if s.limit is None:
            lines.append(tr("{name} divides each step by its own running gradient size: no "
                            "fixed learning rate bound.").format(name=name))
        elif math.isfinite(s.limit):
            lines.append(tr("Diverges above {limit}, oscillates above {smooth}").format(
                limit=f"{s.limit:.4g}", smooth=f"{s.smooth:.4g}"))
        if s.best_lr is not None:
            epochs = "–" if s.best_epochs is None else f"{s.best_epochs:,}"
            lines.append(tr("Best constant lr {lr}: 1 % of the excess loss in {epochs} "
                            "epochs (gradient descent)").format(lr=f"{s.best_lr:.4g}",
                                                                epochs=epochs))
        lines.append(tr("Condition number {k}").format(
            k="∞" if not math.isfinite(s.condition) else f"{s.condition:.4g}"))
        self.setText("\n".join(lines))
