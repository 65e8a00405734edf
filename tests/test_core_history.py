"""The bounded history: what it keeps row for row, and the exact extremes of the rest."""

import csv

import numpy as np
import pytest

from quadreg_gui.cli import main as cli_main
from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.training.history import History
from quadreg_gui.core.training.trainer import MAX_RUN, Trainer


def series(n, seed=0):
    """A loss with a spike and a zig-zagging trajectory, as training can produce."""
    rng = np.random.default_rng(seed)
    epochs = np.arange(n)
    loss = 100 * np.exp(-epochs / 5e4) + rng.random(n)
    loss[rng.integers(n, size=20)] += 1e6  # spikes anywhere
    params = np.column_stack([np.cos(epochs / 997.0) * (1 + rng.random(n)),
                              np.sign(np.sin(epochs / 13.0)) * rng.random(n)])
    return epochs, params, loss, np.full(n, 0.001), -params


def fill(history, n, seed=0, most=40_000):
    epochs, params, loss, lr, grad = series(n, seed)
    rng = np.random.default_rng(seed + 1)
    start = 0
    while start < n:  # in pieces of every size up to ``most``, as a worker sends them
        stop = min(n, start + int(rng.integers(1, most + 1)))
        history.extend(epochs[start:stop], params[start:stop], loss[start:stop], lr[start:stop],
                       grad[start:stop])
        start = stop
    return epochs, params, loss, lr, grad


def test_short_history_is_kept_row_for_row():
    h = History(2, log_every=7, early=100, recent=100, buckets=8)
    epochs, params, loss, lr, grad = fill(h, 200)
    assert h.full_resolution and len(h) == 200
    np.testing.assert_array_equal(h.epochs, epochs)
    np.testing.assert_array_equal(h.params, params)
    np.testing.assert_array_equal(h.loss, loss)
    np.testing.assert_array_equal(h.grad, grad)


def test_long_history_is_bounded_and_keeps_what_users_look_at():
    n, early, recent, buckets = 1_000_000, 2_000, 3_000, 64
    h = History(2, log_every=1000, early=early, recent=recent, buckets=buckets)
    epochs, params, loss, lr, grad = fill(h, n)
    assert len(h) == n and not h.full_resolution
    kept = h.kept()
    assert len(kept) <= early + recent + 2 * buckets * 6 + n // 1000 + 2 * n // buckets
    np.testing.assert_array_equal(np.unique(kept.epochs), kept.epochs)  # sorted, once each
    # Row for row: the first and the last epochs, and every logged one.
    for rows in (h.rows(0, early), h.rows(n - recent)):
        np.testing.assert_array_equal(rows.params, params[rows.epochs])
        np.testing.assert_array_equal(rows.loss, loss[rows.epochs])
    logged = h.logged()
    np.testing.assert_array_equal(logged.epochs, np.arange(0, n, 1000))
    np.testing.assert_array_equal(logged.params, params[::1000])
    assert set(logged.epochs) <= set(kept.epochs)
    with pytest.raises(IndexError):
        h.rows(n // 2, n // 2 + 1)


@pytest.mark.parametrize("n,early,recent,buckets,most", [
    (600_000, 5_000, 5_000, 32, 40_000), (50_000, 10, 10, 4, 40_000),
    (123_457, 3, 700, 5, 40_000),
    (40_000, 7, 11, 5, 3)])  # (rows waiting for their bucket's rest over many pieces)
def test_every_bucket_holds_the_exact_extremes_of_its_epochs(n, early, recent, buckets, most):
    h = History(2, log_every=10**9, early=early, recent=recent, buckets=buckets)
    epochs, params, loss, *_ = fill(h, n, seed=3, most=most)
    spans, rows = h.buckets()
    assert len(spans) <= buckets
    assert spans[0, 0] == early and (spans[1:, 0] == spans[:-1, 1] + 1).all()
    values = np.column_stack([loss, params])
    for (first, last), kept_loss, kept_params, kept_epochs in zip(
            spans, rows.loss, rows.params, rows.epochs):
        assert ((first <= kept_epochs) & (kept_epochs <= last)).all()
        window = values[first:last + 1]
        kept = np.column_stack([kept_loss, kept_params])
        for c in range(values.shape[1]):
            assert kept[2 * c, c] == window[:, c].min()
            assert kept[2 * c + 1, c] == window[:, c].max()
    spikes = np.flatnonzero(loss > 1e5)
    for first, last in spans:  # no spike lost: a bucket with one shows one
        if ((spikes >= first) & (spikes <= last)).any():
            kept = h.kept()
            in_bucket = (kept.epochs >= first) & (kept.epochs <= last)
            assert kept.loss[in_bucket].max() > 1e5


def test_truncate_forgets_recent_epochs_and_their_log_lines():
    h = History(2, log_every=10, early=50, recent=500, buckets=8)
    fill(h, 2_000)
    h.truncate(1_905)
    assert len(h) == 1_905 and h.logged().epochs[-1] == 1_900
    assert h.rows(1_900).epochs.tolist() == list(range(1_900, 1_905))
    with pytest.raises(ValueError):
        h.truncate(100)


def test_a_long_trainer_run_needs_bounded_memory():
    t = Trainer(TrainConfig(epochs=3_000_000, lr=0.0001))
    t.run(3_000_000)
    assert len(t.history) == 3_000_000 and not t.history.full_resolution
    assert len(t.history.kept()) < 400_000
    assert len(t.history.logged()) == 30_000


def test_streamed_history_out_equals_the_in_memory_history(tmp_path, capsys):
    out = tmp_path / "run.csv"
    assert cli_main(["--epochs", "5000", "--optimizer", "adam", "--lr", "0.05",
                     "--history-out", str(out)]) == 0
    t = Trainer(TrainConfig(epochs=5000, optimizer="adam", lr=0.05))
    t.run(5000)
    with out.open(newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["epoch", "w_after", "b_after", "loss_before", "lr", "grad_w_before",
                        "grad_b_before"]
    values = np.array(table[1:], dtype=float)
    h = t.history
    np.testing.assert_array_equal(values[:, 0], h.epochs)
    np.testing.assert_array_equal(values[:, 1:3], h.params)  # %.17g: every bit
    np.testing.assert_array_equal(values[:, 3], h.loss)
    np.testing.assert_array_equal(values[:, 5:7], h.grad)


def test_history_out_of_a_run_longer_than_memory_holds_has_every_epoch(tmp_path, capsys):
    out = tmp_path / "long.csv"
    epochs = MAX_RUN + 20_000
    assert cli_main(["--epochs", str(epochs), "--lr", "0.0001", "--log-every", "100000",
                     "--history-out", str(out)]) == 0
    column = np.loadtxt(out, delimiter=",", skiprows=1, usecols=0, dtype=np.int64)
    np.testing.assert_array_equal(column, np.arange(epochs))
