"""The status bar: the run's state and numbers, and a sign of work while data loads."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from ...core.i18n import count, tr
from ...core.logformat import format_params
from ...core.numformat import compared

#: The labels that give way, in this order, when the bar cannot hold them all.
GIVING_WAY = ("params", "lr", "loss")


def state_text(state: str) -> str:
    return {"ready": tr("Ready"), "running": tr("Running"), "paused": tr("Paused"),
            "finished": tr("Finished"), "diverged": tr("Diverged")}[state]


class StatusLine:
    """Labels (objectNames status_state, status_epoch, ...) and an indeterminate busy
    bar, placed in ``bar``."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self._fitted: tuple[int, ...] = ()  # bar width and text lengths last fitted for
        self.labels: dict[str, QLabel] = {}
        for key in ("state", "epoch", "params", "loss", "lr"):
            label = QLabel()
            label.setObjectName(f"status_{key}")
            label.setContentsMargins(6, 0, 6, 0)
            bar.addWidget(label)
            self.labels[key] = label
        self.busy = QProgressBar()
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)  # indeterminate: it moves while the load runs
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(tr("Working"))
        self.busy.hide()
        bar.addPermanentWidget(self.busy)

    def show_run(self, state: str, epoch: int, target: int, names: Sequence[str],
                 theta: np.ndarray, loss: float, lr: float, limit: float | None,
                 batch: tuple[int, int] | None = None) -> None:
        """``batch``: (batches stepped, batches) of the epoch under way batch by batch."""
        labels = self.labels
        labels["state"].setText(state_text(state))
        text = tr("{done} of {target}").format(
            done=f"{epoch:,}", target=count(target, tr("{n} epoch"), tr("{n} epochs")))
        if batch is not None:
            text += tr(" + {k} of {m} batches").format(k=f"{batch[0]:,}", m=f"{batch[1]:,}")
        labels["epoch"].setText(text)
        labels["params"].setText(format_params(names, theta))
        labels["loss"].setText(tr("loss {loss}").format(loss=f"{loss:.6g}"))
        shown_lr, shown_limit = compared(lr, limit) if limit is not None else (f"{lr:.4g}", "")
        stable = "" if limit is None else tr(" (stable below {limit})").format(limit=shown_limit)
        labels["lr"].setText(tr("lr {lr}").format(lr=shown_lr) + stable)
        self._fit()

    def _fit(self) -> None:
        """When the bar is too narrow for all (a large scale), the parameters, then the
        learning rate, then the loss give way: each is shown elsewhere in the window
        too.  The state and the epoch stay; no label is cut."""
        if self.bar.currentMessage():
            return  # a note has the bar: the labels are hidden until it goes
        key = (self.bar.width(), self.bar.font().pointSizeF(),  # (a new scale: wider text)
               *(len(label.text()) for label in self.labels.values()))
        if key == self._fitted:
            return  # each frame changes digits, rarely lengths: no text layout per frame
        self._fitted = key
        shown = dict.fromkeys(self.labels, True)
        for yielding in GIVING_WAY:
            if sum(label.sizeHint().width() for name, label in self.labels.items()
                   if shown[name]) + 40 <= self.bar.width():
                break
            shown[yielding] = False
        for name, label in self.labels.items():
            label.setVisible(shown[name])

    def show_race(self, state: str, epoch: int, target: int, racers: int) -> None:
        labels = self.labels
        labels["state"].setText(state_text(state))
        labels["epoch"].setText(tr("{done} of {target}").format(
            done=f"{epoch:,}", target=count(target, tr("{n} epoch"), tr("{n} epochs"))))
        labels["params"].setText(tr("race of {n} optimizers").format(n=racers))
        labels["loss"].setText("")
        labels["lr"].setText("")

    def show_loading(self) -> None:
        """New data is being made: no numbers of the old data."""
        self.busy.show()
        for key, label in self.labels.items():
            label.setText(tr("Generating data…") if key == "state" else "")

    def show_progress(self, fraction: float | None) -> None:
        """A file being read: the bar shows how far (None: hidden, back to moving)."""
        if fraction is None:
            self.busy.setRange(0, 0)
            self.busy.setTextVisible(False)
            self.busy.hide()
            return
        self.busy.setRange(0, 100)
        self.busy.setValue(round(100 * fraction))
        self.busy.setTextVisible(True)
        self.busy.show()
