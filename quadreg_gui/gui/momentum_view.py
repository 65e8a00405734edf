"""Momentum's map for the run's data and settings, and the settings it is dragged to."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Slot

from ..core.analysis.momentum import (
    BETA_MAX,
    MOMENTUM_KINDS,
    MomentumMap,
    epochs_to_shrink,
    momentum_map,
    radius,
)
from ..core.config import FIELD_BY_NAME, OPTIMIZER_TITLES
from ..core.i18n import tr
from .controls import ParameterPanel
from .panels.momentum_map import MomentumPanel
from .run_state import RunState


def rounded(lr: float, beta: float) -> tuple[float, float]:
    """A point on the map as settings: lr to three digits (as the slider gives it),
    beta to three decimals, below BETA_MAX."""
    return min(float(f"{lr:.3g}"), FIELD_BY_NAME["lr"].high), min(round(beta, 3), BETA_MAX)


class MomentumView(QObject):
    """Made anew when the surface (the data, L2) or the kind of momentum changes; the
    point follows the settings shown.  A click or a drag on the map sets the learning
    rate and beta live (any other optimizer becomes momentum)."""

    def __init__(self, run: RunState, panel: MomentumPanel, parameters: ParameterPanel) -> None:
        super().__init__(run)
        self.run, self.panel, self.parameters = run, panel, parameters
        self.map: MomentumMap | None = None
        self._key: tuple = ()
        for signal in (run.configChanged, run.loadedChanged, run.surfaceChanged):
            signal.connect(self.refresh)
        panel.shown.connect(self.refresh)
        panel.picked.connect(self.pick)

    @Slot()
    def refresh(self) -> None:
        """Made only while the tab can be seen (a drag of a data point changes the
        surface dozens of times a second), and when it comes up."""
        run, plot = self.run, self.panel.plot
        if run.quad is None or plot is None or not self.panel.isVisible():
            return
        config = run.config
        kind = config.optimizer if config.optimizer in MOMENTUM_KINDS else "momentum"
        values = np.linalg.eigvalsh(run.quad.hessian)
        key = (kind, values.tobytes())
        if key != self._key:
            self._key = key
            self.map = momentum_map(kind, values)
            plot.show_map(self.map)
            plot.set_title(tr("{optimizer} over lr and β").format(
                optimizer=tr(OPTIMIZER_TITLES[kind]).capitalize()))
        beta = config.momentum if config.optimizer in MOMENTUM_KINDS else 0.0
        shown = config.optimizer in MOMENTUM_KINDS or config.optimizer == "gd"
        plot.show_setting(config.lr if shown else None, beta)
        self.panel.readout.setText(self.describe(kind, values, config.lr, beta, shown))

    def describe(self, kind: str, values: np.ndarray, lr: float, beta: float,
                 shown: bool) -> str:
        """What the point and the star say, in a sentence each."""
        parts = []
        if shown:
            rate = float(radius(kind, lr, beta, values))
            if rate >= 1.0:
                parts.append(tr("Here (lr {lr}, β {beta}) the run diverges.").format(
                    lr=f"{lr:.3g}", beta=f"{beta:.3g}"))
            else:
                parts.append(tr("Here (lr {lr}, β {beta}) the error shrinks by {rate} an "
                                "epoch: 100× in {epochs} epochs.").format(
                    lr=f"{lr:.3g}", beta=f"{beta:.3g}", rate=f"{rate:.4g}",
                    epochs=f"{float(epochs_to_shrink(rate)):,.0f}"))
        else:
            parts.append(tr("The map is momentum's: click it to train with momentum there."))
        best = self.map.best if self.map is not None else None
        if best is not None:
            parts.append(tr("Fastest: lr {lr}, β {beta}, {rate} an epoch ({epochs} epochs)."
                            ).format(lr=f"{best.lr:.3g}", beta=f"{best.beta:.3g}",
                                     rate=f"{best.rate:.4g}",
                                     epochs=f"{float(epochs_to_shrink(best.rate)):,.0f}"))
        return " ".join(parts)

    @Slot(float, float)
    def pick(self, lr: float, beta: float) -> None:
        """The map was clicked or dragged to (lr, beta): train there, live."""
        lr, beta = rounded(lr, beta)
        optimizer = self.run.config.optimizer
        changes = {"lr": lr, "momentum": beta}
        if optimizer not in MOMENTUM_KINDS:
            changes["optimizer"] = "momentum"
        self.parameters.set_values(changes)

    def show_again(self) -> None:
        """The title and readout in the language just chosen."""
        self._key = ()
        self.refresh()
