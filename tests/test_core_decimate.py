"""Display reduction keeps what matters: extremes of the loss, a fair data sample."""

import numpy as np

from quadreg_gui.core.decimate import subsample_indices


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
