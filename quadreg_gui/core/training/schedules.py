"""Learning-rate schedules.  All take the base rate ``lr``, the decay period
``k`` and the factor ``f``, and all reach lr*f after k epochs:

- constant:    lr
- step:        lr * f**floor(epoch / k)   (epochs 0..k-1 use lr, k..2k-1 lr*f, ...)
- exponential: lr * f**(epoch / k)        (the smooth version of step)
- inverse:     lr / (1 + (1/f - 1) * epoch / k)   (1/t decay)
"""

from __future__ import annotations

import numpy as np

from ..config import TrainConfig


def lr_at(cfg: TrainConfig, epoch: int) -> float:
    """The learning rate used in epoch ``epoch`` (counted from 0)."""
    lr, k, f = cfg.lr, cfg.lr_decay_every, cfg.lr_decay_factor
    if cfg.schedule == "step":
        return lr * f ** (epoch // k)
    if cfg.schedule == "exponential":
        return lr * f ** (epoch / k)
    if cfg.schedule == "inverse":
        return lr / (1.0 + (1.0 / f - 1.0) * epoch / k)
    return lr


def lr_list(cfg: TrainConfig, start: int, count: int) -> list[float]:
    """The rates of ``count`` epochs from epoch ``start``."""
    if cfg.schedule == "constant":
        return [cfg.lr] * count
    return [lr_at(cfg, k) for k in range(start, start + count)]


def lr_array(cfg: TrainConfig, start: int, count: int) -> np.ndarray:
    """``lr_list`` as an array; a constant rate without a list of floats between (a
    list of 4,096 rates took 80 us to become an array: a fifth of an AdaGrad chunk)."""
    if cfg.schedule == "constant":
        return np.full(count, cfg.lr)
    return np.array(lr_list(cfg, start, count))
