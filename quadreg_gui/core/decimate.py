"""Reducing long series and large data sets to what a plot can draw quickly."""

from __future__ import annotations

import numpy as np


def minmax_decimate(x: np.ndarray, y: np.ndarray, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """At most 2*buckets points that keep every bucket's extremes (spikes stay visible).

    Each run of consecutive points contributes its minimum and its maximum, in
    the order they occur, so the drawn line covers the same vertical range.
    """
    n = x.size
    if n <= 2 * buckets:
        return x, y
    size = n // buckets
    m = size * buckets
    blocks = y[:m].reshape(buckets, size)
    lo, hi = blocks.argmin(axis=1), blocks.argmax(axis=1)
    first, second = np.minimum(lo, hi), np.maximum(lo, hi)
    base = np.arange(buckets) * size
    idx = np.stack([base + first, base + second], axis=1).ravel()
    if m < n:
        idx = np.concatenate([idx, [n - 1]])
    return x[idx], y[idx]


def subsample_indices(n: int, k: int, seed: int = 0) -> np.ndarray:
    """Sorted indices of a reproducible random subset of k of n points (all if n <= k)."""
    if n <= k:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
