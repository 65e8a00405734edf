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


def test_data_view_samples_real_points_in_the_datas_own_units_with_the_full_range():
    """x in [1000, 1001], standardized for the model: the view is of the points as
    given, its ranges those of all 200,000, its sample theirs and reproducible."""
    from quadreg_gui.core.data import Dataset
    from quadreg_gui.core.decimate import data_view
    from quadreg_gui.core.training.model import MODELS
    rng = np.random.default_rng(2)
    x = rng.uniform(1000, 1001, 200_000)
    y = 3 * x**2 + rng.standard_normal(x.size)
    data = Dataset.from_arrays(x, y, seed=1).standardized(MODELS["quadratic"])
    assert data.scaling is not None and abs(data.x.mean()) < 1  # what the model sees
    view = data_view(data, seed=4, k=300)
    assert view.n == 200_000 and view.x.size == view.y.size == 300
    np.testing.assert_allclose(view.x_range, (x.min(), x.max()), rtol=1e-12)
    assert view.y_range == (y.min(), y.max())
    order = np.argsort(x)
    at = np.clip(np.searchsorted(x[order], view.x), 1, x.size - 1)
    below_is_nearer = view.x - x[order[at - 1]] < x[order[at]] - view.x
    nearest = order[np.where(below_is_nearer, at - 1, at)]
    np.testing.assert_allclose(x[nearest], view.x, rtol=1e-12)  # points of the data...
    np.testing.assert_array_equal(y[nearest], view.y)  # ...each with its own y
    again = data_view(data, seed=4, k=300)
    np.testing.assert_array_equal(again.x, view.x)
    small = data_view(Dataset.from_arrays(x[:50], y[:50], seed=1), seed=4, k=300)
    np.testing.assert_array_equal(small.x, x[:50])
