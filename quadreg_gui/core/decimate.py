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


class MinMaxDecimator:
    """Min/max decimation of a series that grows, at O(new points + buckets) a call.

    The series is cut into buckets of equal size; each complete bucket keeps the
    positions of its minimum and maximum (so spikes stay visible), in order.  When
    there are more than ``buckets`` buckets, neighbours merge pairwise and the size
    doubles.  The incomplete bucket at the end contributes its extremes and last point.
    """

    def __init__(self, buckets: int = 2000) -> None:
        self.buckets = buckets
        self.reset()

    def reset(self) -> None:
        self.size = 1
        self.done = 0  # points covered by complete buckets
        self.lo = np.empty(0, dtype=np.int64)
        self.hi = np.empty(0, dtype=np.int64)

    def indices(self, y: np.ndarray) -> np.ndarray:
        """Sorted positions in ``y`` to draw; ``y`` extends what earlier calls saw."""
        n = y.size
        if n < self.done:  # the series was cleared or cut back
            self.reset()
        self._add_complete_buckets(y)
        while self.lo.size > self.buckets:
            self._merge_pairs(y)
        tail = np.arange(self.done, n)
        if tail.size:
            seg = y[self.done:]
            tail = np.array([self.done + seg.argmin(), self.done + seg.argmax(), n - 1])
        pairs = np.sort(np.stack([self.lo, self.hi], axis=1), axis=1).ravel()
        return np.unique(np.concatenate([pairs, tail]))

    def _add_complete_buckets(self, y: np.ndarray) -> None:
        count = (y.size - self.done) // self.size
        if count == 0:
            return
        block = y[self.done:self.done + count * self.size].reshape(count, self.size)
        base = self.done + np.arange(count) * self.size
        self.lo = np.concatenate([self.lo, base + block.argmin(axis=1)])
        self.hi = np.concatenate([self.hi, base + block.argmax(axis=1)])
        self.done += count * self.size

    def _merge_pairs(self, y: np.ndarray) -> None:
        if self.lo.size % 2:  # the odd last bucket is no longer complete at double size
            self.lo, self.hi = self.lo[:-1], self.hi[:-1]
            self.done -= self.size
        lo, hi = self.lo.reshape(-1, 2), self.hi.reshape(-1, 2)
        self.lo = np.where(y[lo[:, 1]] < y[lo[:, 0]], lo[:, 1], lo[:, 0])
        self.hi = np.where(y[hi[:, 1]] > y[hi[:, 0]], hi[:, 1], hi[:, 0])
        self.size *= 2


def subsample_indices(n: int, k: int, seed: int = 0) -> np.ndarray:
    """Sorted indices of a reproducible random subset of k of n points (all if n <= k)."""
    if n <= k:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
