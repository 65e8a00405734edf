"""Race optimizers…: choose two to six racers, each with a learning rate that works."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.analysis.analysis import HasHessian
from ..core.config import OPTIMIZER_TITLES, OPTIMIZERS, ConfigError, TrainConfig
from ..core.i18n import tr
from ..core.analysis.race import (
    DEFAULT_RACE,
    MAX_RACERS,
    MIN_RACERS,
    Racer,
    racer,
    racer_default,
)
from . import look


class RacerRow:
    """A checkbox, the optimizer, its learning rate (the default until edited)."""

    def __init__(self, index: int, name: str, dialog: RaceDialog) -> None:
        self.dialog = dialog
        self.check = QCheckBox(f"{index + 1}")
        self.check.setChecked(True)
        self.combo = QComboBox()
        for key in OPTIMIZERS:
            self.combo.addItem(tr(OPTIMIZER_TITLES[key]), key)
        self.combo.setCurrentIndex(OPTIMIZERS.index(name))
        self.lr = QLineEdit()
        self.lr.setObjectName(f"raceLr{index}")
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.default = ""
        self.combo.currentIndexChanged.connect(self.choose_default)
        self.check.toggled.connect(dialog.validate)
        self.lr.textChanged.connect(dialog.validate)
        self.choose_default()

    @Slot()
    def choose_default(self) -> None:
        cfg, why = racer_default(self.dialog.quad, self.dialog.base.replace(
            optimizer=self.optimizer), self.dialog.start)
        self.default = f"{cfg.lr:.3g}"
        self.lr.setText(self.default)
        beta = tr(" (β {beta})").format(beta=f"{cfg.momentum:.3g}") \
            if self.optimizer in ("momentum", "nesterov") else ""
        self.why.setText(tr("lr: {why}").format(why=why) + beta)
        self.lr.setToolTip(tr("Learning rate of this racer. Its default, {lr}, is {why}.")
                           .format(lr=self.default, why=why))

    @property
    def optimizer(self) -> str:
        return str(self.combo.currentData())

    def spec(self) -> str:
        """As quadreg-train --race spells it: the default rate is left to the core."""
        text = self.lr.text().strip()
        return self.optimizer if text == self.default else f"{self.optimizer}:lr={text}"


class RaceDialog(QDialog):
    """Six rows, all on by default: GD, momentum, Nesterov, AdaGrad, RMSProp, Adam."""

    def __init__(self, parent: QWidget | None, base: TrainConfig, quad: HasHessian,
                 start: np.ndarray) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Race optimizers"))
        self.base, self.quad, self.start = base, quad, np.asarray(start, dtype=float)
        self._made: dict[str, Racer] = {}
        intro = QLabel(tr("Each racer starts from the current start on the current data and "
                          "runs {epochs} epochs in lock-step with the others. Every "
                          "learning rate is chosen for this data; change any.")
                       .format(epochs=f"{base.epochs:,}"))
        intro.setWordWrap(True)
        grid = QGridLayout()
        for col, title in enumerate((tr("Race"), tr("Optimizer"), tr("Learning rate"))):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.rows = [RacerRow(k, name, self) for k, name in enumerate(DEFAULT_RACE)]
        for k, row in enumerate(self.rows, start=1):
            for col, widget in enumerate((row.check, row.combo, row.lr, row.why)):
                grid.addWidget(widget, k, col)
        grid.setColumnStretch(3, 1)
        self.message = QLabel()
        self.message.setObjectName("raceMessage")
        self.message.setStyleSheet(f"color: {look.current().colors.error};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Race"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(820, self.sizeHint().height())
        self.racers: list[Racer] = []
        self.validate()

    def _racer(self, spec: str) -> Racer:
        """core.race.racer, once per spec: a default rate may run a trial."""
        if spec not in self._made:
            self._made[spec] = racer(spec, self.base, self.quad, self.start)
        return self._made[spec]

    @Slot()
    def validate(self) -> None:
        """The racers, or a message naming what is wrong; Race only when they are good."""
        if not hasattr(self, "buttons"):
            return  # rows still being built
        chosen = [(k, row) for k, row in enumerate(self.rows) if row.check.isChecked()]
        problem = ""
        racers = []
        if not MIN_RACERS <= len(chosen) <= MAX_RACERS:
            problem = tr("Choose {low} to {high} racers.").format(low=MIN_RACERS,
                                                                  high=MAX_RACERS)
        for k, row in chosen:
            try:
                racers.append(self._racer(row.spec()))
            except ConfigError as exc:
                problem = problem or tr("Racer {k}: {reason}").format(
                    k=k + 1, reason=str(exc).split(": ", 1)[-1])
        self.racers = [] if problem else racers
        self.message.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
