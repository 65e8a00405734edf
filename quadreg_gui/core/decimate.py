"""Reducing long series and large data sets to what a plot can draw quickly."""

from __future__ import annotations

import numpy as np

from .history import History, Rows

#: Loss-curve buckets of a plot: at most about twice this many points are drawn.
PLOT_BUCKETS = 2_000


def plot_rows(history: History, buckets: int = PLOT_BUCKETS) -> Rows:
    """The rows a loss plot draws: the history's curve, its loss reduced to the
    minimum and maximum of each of ``buckets`` buckets (no spike lost)."""
    curve = history.curve()
    return curve.take(min_max_indices(curve.loss, buckets))


def min_max_indices(y: np.ndarray, buckets: int) -> np.ndarray:
    """Sorted positions of the minimum and maximum of each of about ``buckets`` equal
    buckets of ``y`` (its last point included): one pass, for a series seen once."""
    n = y.size
    size = max(1, -(-n // buckets))
    count = n // size
    block = y[:count * size].reshape(count, size)
    base = np.arange(count) * size
    picked = [base + block.argmin(axis=1), base + block.argmax(axis=1)]
    if n > count * size:
        tail = y[count * size:]
        picked.append(np.array([count * size + tail.argmin(), count * size + tail.argmax()]))
    if n:
        picked.append(np.array([n - 1]))
    return np.unique(np.concatenate(picked))


def subsample_indices(n: int, k: int, seed: int = 0) -> np.ndarray:
    """Sorted indices of a reproducible random subset of k of n points (all if n <= k)."""
    if n <= k:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
