"""Reducing long series and large data sets to what a plot can draw quickly."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Dataset
from .training.history import DrawnRows

#: Loss-curve buckets of a plot: at most about twice this many points are drawn.
PLOT_BUCKETS = 2_000
#: Largest scatter drawn as is; larger data shows a random subsample.
MAX_SCATTER = 5_000


def plot_rows(curve: DrawnRows, buckets: int = PLOT_BUCKETS) -> DrawnRows:
    """The rows a loss plot draws: a history's curve, its loss reduced to the
    minimum and maximum of each of ``buckets`` buckets (no spike lost)."""
    return curve.take(min_max_indices(curve.loss, buckets))


def path_rows(curve: DrawnRows, buckets: int = PLOT_BUCKETS) -> DrawnRows:
    """The rows a trajectory plot draws of a history's curve: every row while few;
    else the first and last rows, each bucket's extremes, and the turning points of
    the path, the largest swings first (at most 2 * buckets of them), so no visible
    turn of a zig-zag is lost."""
    if len(curve) <= 2 * buckets:
        return curve
    picked = [turning_indices(curve.params, 2 * buckets)]
    picked += [min_max_indices(curve.params[:, k], buckets) for k in range(curve.params.shape[1])]
    return curve.take(distinct_sorted(np.sort(np.concatenate(picked))))


def distinct_sorted(positions: np.ndarray) -> np.ndarray:
    """Sorted ``positions`` each once (np.unique hashes or sorts them again: for the
    curves of six racers ten times a second, half the cost of a report)."""
    keep = np.ones(positions.size, dtype=bool)
    keep[1:] = positions[1:] != positions[:-1]
    return positions[keep]


def turning_indices(points: np.ndarray, limit: int) -> np.ndarray:
    """Rows where some coordinate of ``points`` turns back, at most ``limit``: those
    whose swing (to the next turn, relative to that coordinate's range) is largest."""
    found, swings = [], []
    for column in points.T:
        step = np.diff(column)
        turns = np.flatnonzero(step[:-1] * step[1:] < 0) + 1
        if not turns.size:
            continue
        values = column[turns]
        spread = float(np.ptp(column)) or 1.0
        swing = np.abs(np.diff(values, append=column[-1])) / spread
        found.append(turns)
        swings.append(swing)
    if not found:
        return np.empty(0, dtype=np.int64)
    turns, swing = np.concatenate(found), np.concatenate(swings)
    if turns.size > limit:
        turns = turns[np.argpartition(-swing, limit)[:limit]]
    return turns


def min_max_indices(y: np.ndarray, buckets: int) -> np.ndarray:
    """Sorted positions of the minimum and maximum of each of about ``buckets`` equal
    buckets of ``y`` (its last point included): one pass, for a series seen once."""
    n = y.size
    size = max(1, -(-n // buckets))
    count = n // size
    block = y[:count * size].reshape(count, size)
    base = np.arange(count) * size
    low, high = block.argmin(axis=1), block.argmax(axis=1)
    # Each bucket's two in order, the buckets in order: sorted as they come.
    picked = [(base[:, None] + np.stack([np.minimum(low, high), np.maximum(low, high)],
                                        axis=1)).ravel()]
    if n > count * size:
        tail = y[count * size:]
        picked.append(count * size + np.sort([tail.argmin(), tail.argmax()]))
    if n:
        picked.append(np.array([n - 1]))
    return distinct_sorted(np.concatenate(picked))


@dataclass(frozen=True)
class DataView:
    """What a data plot shows of a data set, in the data's own units: a reproducible
    random sample of at most MAX_SCATTER points, and the range of all of them.

    Made where the data lives (the engine's process), so that the window never
    scans 10^7 points on its own thread to draw 5,000.
    """

    x: np.ndarray
    y: np.ndarray
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    n: int  # of all the points
    numbers: np.ndarray | None = None  # each shown point's number (core.edits)


def data_view(data: Dataset, seed: int, k: int = MAX_SCATTER) -> DataView:
    x = data.x_original
    shown = subsample_indices(x.size, k, seed)
    return DataView(x[shown], data.y[shown], (float(x.min()), float(x.max())),
                    (float(data.y.min()), float(data.y.max())), data.n,
                    data.point_numbers()[shown])


def subsample_indices(n: int, k: int, seed: int = 0) -> np.ndarray:
    """Sorted indices of a reproducible random subset of k of n points (all if n <= k)."""
    if n <= k:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
