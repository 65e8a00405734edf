"""Display reduction keeps what matters: extremes of the loss, a fair data sample."""

import numpy as np

from quadreg_gui.core.decimate import minmax_decimate, subsample_indices


def test_short_series_are_untouched():
    x, y = np.arange(10), np.random.default_rng(0).random(10)
    dx, dy = minmax_decimate(x, y, 5)
    assert dx is x and dy is y


def test_decimation_keeps_every_buckets_extremes_in_order():
    rng = np.random.default_rng(1)
    x = np.arange(100_003)
    y = rng.random(x.size)
    y[12_345] = 50.0  # a spike must survive
    y[99_999] = -7.0
    dx, dy = minmax_decimate(x, y, 1000)
    assert dx.size <= 2 * 1000 + 1
    assert np.all(np.diff(dx) >= 0)
    np.testing.assert_array_equal(dy, y[dx])
    assert dy.max() == 50.0 and dy.min() == -7.0 and dx[-1] == x[-1]
    size = x.size // 1000
    for b in (0, 123, 999):
        block = y[b * size:(b + 1) * size]
        picked = dy[(dx >= b * size) & (dx < (b + 1) * size)]
        assert picked.max() == block.max() and picked.min() == block.min()


def test_subsample_is_sorted_unique_reproducible_and_complete_when_small():
    idx = subsample_indices(1_000_000, 5_000, seed=3)
    assert idx.size == 5_000 and np.unique(idx).size == 5_000
    assert np.all(np.diff(idx) > 0) and idx[-1] < 1_000_000
    np.testing.assert_array_equal(idx, subsample_indices(1_000_000, 5_000, seed=3))
    np.testing.assert_array_equal(subsample_indices(40, 5_000), np.arange(40))
