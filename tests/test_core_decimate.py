"""Display reduction keeps what matters: extremes of the loss, a fair data sample."""

import numpy as np
import pytest

from quadreg_gui.core.decimate import MinMaxDecimator, subsample_indices


def test_short_series_are_drawn_whole():
    y = np.random.default_rng(0).random(50)
    np.testing.assert_array_equal(MinMaxDecimator(100).indices(y), np.arange(50))


@pytest.mark.parametrize("chunks", [[100_003], [1, 2, 3, 5_000, 40_000, 55_000, 1],
                                    [997] * 101])
def test_growing_series_keep_every_buckets_extremes(chunks):
    rng = np.random.default_rng(sum(chunks))
    y = rng.random(sum(chunks))
    y[12_345 % y.size] = 50.0  # a spike must survive
    y[-2] = -7.0
    dec, seen = MinMaxDecimator(500), 0
    for c in chunks:  # the same array, revealed a chunk at a time, as history grows
        seen += c
        idx = dec.indices(y[:seen])
    assert np.all(np.diff(idx) > 0) and idx[-1] == y.size - 1
    assert idx.size <= 2 * 500 + 3
    assert y[idx].max() == 50.0 and y[idx].min() == -7.0
    size = dec.size  # every complete bucket is represented by its own extremes
    for b in range(dec.done // size):
        block = y[b * size:(b + 1) * size]
        picked = y[idx[(idx >= b * size) & (idx < (b + 1) * size)]]
        assert picked.max() == block.max() and picked.min() == block.min()


def test_a_cut_back_series_starts_over():
    y = np.random.default_rng(2).random(10_000)
    dec = MinMaxDecimator(100)
    dec.indices(y)
    idx = dec.indices(y[:30])
    np.testing.assert_array_equal(idx, np.arange(30))


def test_subsample_is_sorted_unique_reproducible_and_complete_when_small():
    idx = subsample_indices(1_000_000, 5_000, seed=3)
    assert idx.size == 5_000 and np.unique(idx).size == 5_000
    assert np.all(np.diff(idx) > 0) and idx[-1] < 1_000_000
    np.testing.assert_array_equal(idx, subsample_indices(1_000_000, 5_000, seed=3))
    np.testing.assert_array_equal(subsample_indices(40, 5_000), np.arange(40))


def test_min_max_indices_keep_every_buckets_extremes_in_one_pass():
    from quadreg_gui.core.decimate import min_max_indices
    rng = np.random.default_rng(5)
    for n, buckets in [(0, 10), (1, 10), (7, 10), (10_001, 100), (123_456, 2000)]:
        y = rng.standard_normal(n)
        idx = min_max_indices(y, buckets)
        assert (np.diff(idx) > 0).all() and (n == 0 or idx[-1] == n - 1)
        assert idx.size <= 2 * buckets + 3
        if n:
            size = max(1, -(-n // buckets))
            for start in range(0, n, size):
                part = y[start:start + size]
                assert start + part.argmin() in idx and start + part.argmax() in idx
