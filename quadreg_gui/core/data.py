"""Data sets: the article's synthetic data, or arrays given by the caller."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import TrainConfig
from .model import N_INIT_DRAWS


@dataclass(frozen=True)
class Dataset:
    """Points to fit, plus the seeded draws that initialise the parameters.

    ``truth`` is (w, b) of y = w*x^2 + b for synthetic data, None for data given
    by the user.  ``draws`` are the uniform draws that come after the noise in
    the article's seeded stream: the article's initial w and b are the first two.
    """

    x: np.ndarray
    y: np.ndarray
    draws: np.ndarray
    truth: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        # Shared read-only between the training thread and the display.
        for arr in (self.x, self.y, self.draws):
            arr.flags.writeable = False

    @property
    def n(self) -> int:
        return int(self.x.size)

    @classmethod
    def from_arrays(cls, x: np.ndarray, y: np.ndarray, seed: int = 100) -> Dataset:
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if x.size != y.size or x.size < 2:
            raise ValueError(f"need two or more (x, y) pairs of equal length; "
                             f"got {x.size} x and {y.size} y values")
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise ValueError("x and y must be finite numbers")
        draws = np.random.RandomState(seed).rand(N_INIT_DRAWS)
        return cls(x, y, draws)


def synthesize(config: TrainConfig) -> Dataset:
    """The article's data: the same legacy-seeded stream, drawn in the same order.

    The article calls ``np.random.seed(seed)``, draws the noise, then w and b.
    A private ``RandomState(seed)`` yields the identical stream without touching
    NumPy's global state.
    """
    rng = np.random.RandomState(config.seed)
    x = np.linspace(config.x_min, config.x_max, config.n_points)
    if config.noise_kind == "uniform":
        noise = config.noise * rng.rand(x.size)
    else:
        noise = config.noise * rng.standard_normal(x.size)
    y = config.true_w * np.power(x, 2) + config.true_b + noise
    draws = rng.rand(N_INIT_DRAWS)
    return Dataset(x, y, draws, (config.true_w, config.true_b))
