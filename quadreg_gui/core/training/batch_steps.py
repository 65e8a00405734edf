"""A mini-batch epoch stepped one batch at a time (Shift+Step in the window), so that
the noise of stochastic gradients is seen step by step, not only an epoch's result."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..config import TrainConfig
from .epochs import batch_arrays
from .objective import Objective
from .optimizers import Optimizer

#: Batch steps of an epoch kept to draw (an epoch of 10^5 batches of one point would
#: be 10^5 steps in Python).
MOST_BATCH_STEPS = 2_000


@dataclass
class SteppedEpoch:
    """Epoch ``epoch`` under way batch by batch: its shuffled points (``order``), how
    many of them the batches stepped so far used, the full loss and gradient at its
    start (what its history row records, as for an epoch run whole), the parameters
    now (``theta``) and before and after each batch (the first MOST_BATCH_STEPS)."""

    epoch: int
    order: np.ndarray
    loss: float
    grad: np.ndarray
    theta: np.ndarray
    path: list[np.ndarray] = field(default_factory=list)
    used: int = 0
    steps: int = 0
    #: The last batch's step: the parameters before it, its gradient, its points.
    last: tuple[np.ndarray, np.ndarray, int] | None = None

    @property
    def done(self) -> bool:
        return self.used >= self.order.size

    def position(self, size: int) -> tuple[int, int]:
        """(batches stepped, batches in the epoch), the rest in batches of ``size``."""
        rest = self.order.size - self.used
        return self.steps, self.steps + -(-rest // size)


def step_batches(obj: Objective, opt: Optimizer, cfg: TrainConfig, lr: float,
                 epoch: SteppedEpoch, count: int | None = None) -> None:
    """``count`` more batches of ``epoch`` (None: every batch left), each stepped as
    optimizers.py steps it.  ``epoch`` follows batch by batch: should
    ``interrupt.check`` stop the steps, what ran stands."""
    size, theta = cfg.batch_size, epoch.theta
    p = theta.size
    end = epoch.order.size if count is None else min(epoch.order.size,
                                                     epoch.used + count * size)
    rest = epoch.order[epoch.used:end]
    for stats in batch_arrays(obj, rest, size, rest.size, epoch.order.size):
        for row in stats:
            a, r = row[:p * p].reshape(p, p), row[p * p:]
            before, g = theta, a @ theta - r
            theta = opt.step(before, g, lr, cfg)
            epoch.last = (before, g, min(size, epoch.order.size - epoch.used))
            epoch.theta = theta
            epoch.used = min(epoch.used + size, epoch.order.size)
            epoch.steps += 1
            if len(epoch.path) <= MOST_BATCH_STEPS:
                epoch.path.append(theta)
