"""Every optimizer, schedule, model and L2 setting against the per-sample oracle."""

from dataclasses import replace

import numpy as np
import pytest
from oracle import reference_run

from quadreg_gui.core.training import trainer as trainer_module
from quadreg_gui.core.config import MODELS, OPTIMIZERS, SCHEDULES, TrainConfig
from quadreg_gui.core.data import CHUNK
from quadreg_gui.core.training.epochs import float_minibatch_block
from quadreg_gui.core.training.trainer import Trainer, train

LR = {"gd": 0.004, "momentum": 0.004, "nesterov": 0.004, "adagrad": 0.05,
      "rmsprop": 0.01, "adam": 0.02}


def _oracle(t: Trainer, cfg: TrainConfig, **kw):
    return reference_run(
        t.data.x, t.data.y, t.initial, model=cfg.model, optimizer=cfg.optimizer, lr=cfg.lr,
        epochs=cfg.epochs, beta=cfg.momentum, beta1=cfg.beta1, beta2=cfg.beta2, eps=cfg.eps,
        l2=cfg.l2, schedule=cfg.schedule, k=cfg.lr_decay_every, f=cfg.lr_decay_factor,
        mean=cfg.loss == "mean", **kw)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_optimizer_matches_oracle(optimizer, model):
    cfg = TrainConfig(optimizer=optimizer, model=model, lr=LR[optimizer], epochs=300,
                      l2=0.5, x_min=-0.5, x_max=1.5)
    t = train(cfg)
    params, losses = _oracle(t, cfg)
    assert t.diverged_at is None
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


@pytest.mark.parametrize("batch_size", [0, 16])
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_mean_loss_matches_the_oracle(optimizer, batch_size):
    """The mean: the loss over n, each batch's gradient over the batch's size (the last
    batch of 100 in 16s has 4), at rates n times the sum's for the linear optimizers."""
    rate = LR[optimizer] * (100 if optimizer in ("gd", "momentum", "nesterov") else 1)
    cfg = TrainConfig(optimizer=optimizer, model="quadratic", loss="mean", lr=rate / 4,
                      epochs=60, l2=0.5, x_min=-0.5, x_max=1.5, batch_size=batch_size)
    t = train(cfg)
    batches = _shuffled_batches(cfg) if batch_size else None
    params, losses = _oracle(t, cfg, batches=batches)
    assert t.diverged_at is None
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_schedule_matches_oracle(schedule):
    cfg = TrainConfig(optimizer="momentum", lr=0.01, schedule=schedule, lr_decay_every=50,
                      lr_decay_factor=0.5, epochs=300)
    t = train(cfg)
    params, losses = _oracle(t, cfg)
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


def test_step_schedule_boundaries():
    t = train(TrainConfig(schedule="step", lr_decay_every=200, lr_decay_factor=0.8,
                          epochs=600))
    lr = t.history.lr
    assert lr[0] == lr[199] == 0.001
    assert lr[200] == lr[399] == pytest.approx(0.0008)
    assert lr[400] == pytest.approx(0.00064)


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_minibatch_matches_oracle_with_the_same_shuffles(optimizer):
    cfg = TrainConfig(optimizer=optimizer, batch_size=16, lr=0.01, epochs=40, l2=0.1)
    t = train(cfg)
    rng = np.random.default_rng(cfg.seed)
    orders = [rng.permutation(cfg.n_points) for _ in range(cfg.epochs)]

    def batches(epoch):
        return [orders[epoch][i:i + 16] for i in range(0, cfg.n_points, 16)]

    params, losses = _oracle(t, cfg, batches=batches)
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


def test_batch_size_at_least_n_is_full_batch():
    full = train(TrainConfig(epochs=50))
    big = train(TrainConfig(epochs=50, batch_size=100))
    np.testing.assert_array_equal(full.history.params, big.history.params)


# --- the fast paths (core/training/epochs.py) against the oracle, every case --------------------
@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_with_every_schedule_matches_oracle(optimizer, schedule):
    cfg = TrainConfig(optimizer=optimizer, model="quadratic", lr=LR[optimizer],
                      schedule=schedule, lr_decay_every=40, lr_decay_factor=0.6, epochs=200,
                      l2=0.2)
    t = train(cfg)
    params, losses = _oracle(t, cfg)
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


def _shuffled_batches(cfg):
    rng = np.random.default_rng(cfg.seed)
    orders = [rng.permutation(cfg.n_points) for _ in range(cfg.epochs)]
    return lambda epoch: [orders[epoch][i:i + cfg.batch_size]
                          for i in range(0, cfg.n_points, cfg.batch_size)]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_with_uneven_minibatches_matches_oracle(optimizer, model):
    # 100 points in batches of 16: the last batch has 4, and its share of the L2 penalty.
    cfg = TrainConfig(optimizer=optimizer, model=model, batch_size=16, lr=LR[optimizer] / 4,
                      epochs=30, l2=0.3, x_min=-0.5, x_max=1.5, schedule="exponential",
                      lr_decay_every=10, lr_decay_factor=0.7)
    t = train(cfg)
    params, losses = _oracle(t, cfg, batches=_shuffled_batches(cfg))
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)
    np.testing.assert_allclose(t.history.grad, [t.objective.hessian @ (p - t.objective.optimum)
                                                for p in np.vstack([t.initial, params[:-1]])],
                               rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov"])
def test_long_linear_recurrence_stays_on_the_oracle(optimizer):
    cfg = TrainConfig(optimizer=optimizer, lr=0.008, epochs=3000, momentum=0.8)
    t = train(cfg)
    params, losses = _oracle(t, cfg)
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


@pytest.mark.parametrize("batch_size", [0, 1, 16])
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_any_split_of_a_run_gives_the_same_numbers(optimizer, batch_size):
    """Also across the linear recurrence's blocks (4096 epochs) and a live change."""
    halves = [(1, 255, 4096, 148), (7, 3000, 1493)] if batch_size == 0 else \
        [(1, 255, 194), (7, 300, 143)]
    half = sum(halves[0])
    cfg = TrainConfig(optimizer=optimizer, lr=LR[optimizer] / 2, batch_size=batch_size,
                      epochs=2 * half)
    changed = replace(cfg, lr=cfg.lr * 0.9)
    whole, pieces = Trainer(cfg), Trainer(cfg)
    for sizes in halves:
        assert whole.run(half) == half
        for k in sizes:
            assert pieces.run(k) == k
        whole.update(changed)
        pieces.update(changed)
    for name in ("params", "loss", "lr", "grad"):
        np.testing.assert_array_equal(getattr(pieces.history, name),
                                      getattr(whole.history, name))


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov"])
def test_batch_steps_multiplied_as_maps_equal_the_steps_one_by_one(optimizer, model,
                                                                   schedule, monkeypatch):
    """GD, momentum and Nesterov multiply an epoch's batch steps together (affine maps):
    within 1e-12 of stepping through them on floats, at every batch size; over data of
    more than CHUNK points (multiplied chunk by chunk) 10^5 steps an epoch round
    differently either way: within 1e-11.  The gradient, H (theta - theta*), is
    compared at H's scale: near the optimum it is a difference of larger numbers."""
    cases = [(100, (1, 3, 16, 99), 200, 1e-12)]
    if (model, schedule) == ("article", "constant"):  # (a second each)
        cases.append((CHUNK + 1000, (1, 1000), 2, 1e-11))
    for n, sizes, epochs, rtol in cases:
        for size in sizes:
            cfg = TrainConfig(optimizer=optimizer, model=model, schedule=schedule,
                              lr_decay_every=7, batch_size=size, n_points=n, l2=0.3,
                              lr=LR[optimizer] * min(1.0, size * 100 / n), epochs=epochs)
            maps, steps = Trainer(cfg), Trainer(cfg)
            maps.run(epochs)
            with monkeypatch.context() as patch:
                patch.setattr(trainer_module, "minibatch_block", float_minibatch_block)
                steps.run(epochs)
            scale = {"params": 1.0, "loss": 1.0, "grad": np.abs(maps.objective.hessian).max()}
            for name in ("params", "loss", "grad"):
                np.testing.assert_allclose(getattr(maps.history, name),
                                           getattr(steps.history, name), rtol=rtol,
                                           atol=rtol * scale[name], err_msg=f"{n} {size} {name}")


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_last_epoch_replayed_batch_by_batch(optimizer):
    """The steps within the last mini-batch epoch: from the epoch's start to its end as
    the run recorded them; for GD each step the oracle's batch gradient."""
    cfg = TrainConfig(optimizer=optimizer, batch_size=16, lr=LR[optimizer] / 4, epochs=7,
                      l2=0.3)
    t = Trainer(cfg)
    t.run(4)
    t.run(3)
    path = t.batch_path()
    assert path.shape == (1 + 7, 2)  # 100 points in 7 batches of 16 (the last of 4)
    np.testing.assert_allclose(path[0], t.history.params[-2], rtol=1e-12)
    np.testing.assert_allclose(path[-1], t.history.params[-1], rtol=1e-10, atol=1e-12)
    if optimizer == "gd":
        order = _shuffled_batches(cfg)(6)
        x, y = t.data.x, t.data.y
        theta = t.history.params[-2].copy()
        for k, rows in enumerate(order):
            params, _ = reference_run(x, y, theta, lr=cfg.lr, l2=0.3, epochs=1,
                                      batches=lambda _e, rows=rows: [rows],
                                      lr_at_epoch=lambda _e: cfg.lr)
            # (the oracle's batch step, its penalty share that of this batch)
            np.testing.assert_allclose(path[k + 1], params[0], rtol=1e-10)
            theta = params[0]
    assert Trainer(cfg.replace(batch_size=0)).batch_path() is None


def _oracle_batch_step(t: Trainer, theta, rows, lr, l2):
    """GD's step on the points ``rows`` (the oracle's loop, one batch, one epoch)."""
    params, _ = reference_run(t.data.x, t.data.y, theta, lr=lr, l2=l2, epochs=1,
                              batches=lambda _e: [rows], lr_at_epoch=lambda _e: lr)
    return params[0]


@pytest.mark.parametrize("loss", ["sum", "mean"])
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_an_epoch_stepped_batch_by_batch_is_the_run_s_epoch(optimizer, loss):
    """Batches stepped one at a time in the middle of a run, then the run on: the same
    run as the oracle's, the epoch counted once its last batch is stepped."""
    cfg = TrainConfig(optimizer=optimizer, batch_size=16, epochs=7, l2=0.3, loss=loss,
                      lr=LR[optimizer] / 4 * (16 if loss == "mean" else 1))
    t = Trainer(cfg)
    t.run(2)
    for k in range(3):
        assert t.step_batch()
        assert t.epoch == 2 and t.batch_position() == (k + 1, 7)
    assert len(t.history) == 2 and t.last_step().batch == (3, 7, 16)
    np.testing.assert_array_equal(t.batch_path()[-1], t.theta)
    assert t.run(5) == 5 and t.epoch == 7 and t.batch_position() is None
    params, losses = _oracle(t, cfg, batches=_shuffled_batches(cfg))
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


def test_the_last_batch_ends_the_epoch_and_each_step_is_the_oracle_s():
    cfg = TrainConfig(batch_size=16, lr=0.001, epochs=2, l2=0.3)
    t = Trainer(cfg)
    order = _shuffled_batches(cfg)(0)
    theta = t.initial.copy()
    for k, rows in enumerate(order):
        assert t.epoch == 0
        assert t.step_batch()
        theta = _oracle_batch_step(t, theta, rows, cfg.lr, cfg.l2)
        np.testing.assert_allclose(t.theta, theta, rtol=1e-12)
    assert t.epoch == 1 and t.batch_position() is None and len(t.history) == 1
    np.testing.assert_allclose(t.history.params[0], theta, rtol=1e-12)
    assert t.history.loss[0] == pytest.approx(t.objective.loss(t.initial), rel=1e-12)
    path = t.batch_path()
    assert path.shape == (1 + 7, 2)  # the stepped epoch's path, not a replay
    np.testing.assert_array_equal(path[-1], t.theta)


def test_a_live_change_mid_epoch_steers_the_batches_left():
    """A new rate after three batches: the next batch steps with it; a new batch size
    splits the points left in batches of that size."""
    cfg = TrainConfig(batch_size=16, lr=0.001, epochs=2)
    t = Trainer(cfg)
    order = np.concatenate(_shuffled_batches(cfg)(0))
    for _ in range(3):
        t.step_batch()
    before = t.theta.copy()
    t.update(cfg.replace(lr=0.002, batch_size=10))
    assert t.batch_position() == (3, 3 + 6)  # 52 points left: 5 of 10 and one of 2
    t.step_batch()
    np.testing.assert_allclose(t.theta, _oracle_batch_step(t, before, order[48:58], 0.002, 0.0),
                               rtol=1e-12)
    assert t.changes == [(0, ("lr", "batch_size"))]


def test_an_edit_of_the_data_or_full_batches_end_the_epoch_under_way():
    cfg = TrainConfig(batch_size=16, epochs=5)
    for change in ({"edits": (("add", 0.5, 3.0),)}, {"batch_size": 0}):
        t = Trainer(cfg)
        t.step_batch()
        t.step_batch()
        theta = t.theta.copy()
        t.update(cfg.replace(**change))
        assert t.epoch == 1 and t.batch_position() is None
        np.testing.assert_array_equal(t.history.params[-1], theta)


def test_a_batch_step_that_leaves_every_bound_ends_the_run():
    t = Trainer(TrainConfig(batch_size=10, lr=5.0, epochs=5))
    steps = 0
    while t.step_batch():
        steps += 1
        assert steps < 10
    assert t.diverged_at == 0 and t.epoch == 1 and len(t.history) == 1
    assert not np.isfinite(t.theta).all() or t.loss > t.divergence_loss
    assert not t.step_batch() and t.run(3) == 0


def test_without_mini_batches_a_batch_step_is_an_epoch():
    t = Trainer(TrainConfig(epochs=5))
    assert t.step_batch() and t.epoch == 1 and t.batch_position() is None


@pytest.mark.parametrize("schedule", ["constant", "exponential"])
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov"])
def test_batches_of_one_point_from_kept_maps_are_the_same_numbers(optimizer, schedule,
                                                                  monkeypatch):
    """Each point's step map, made once and taken in the shuffled order, gives the very
    numbers of maps made from each batch anew (also across a rate that changes, an L2
    change and an edit of the data, which make them anew)."""
    from quadreg_gui.core.training import epochs
    cfg = TrainConfig(optimizer=optimizer, lr=LR[optimizer] / 4, batch_size=1, epochs=300,
                      schedule=schedule, lr_decay_every=40, lr_decay_factor=0.9, l2=0.2)

    def history(limit: int) -> np.ndarray:
        monkeypatch.setattr(epochs, "POINT_MAPS_LIMIT", limit)
        t = Trainer(cfg)
        t.run(120)
        t.update(cfg.replace(l2=0.5))
        t.run(60)
        t.update(cfg.replace(l2=0.5, edits=(("move", 3, 0.25, 9.0),)))
        t.run(120)
        kept = t.objective.derived
        return t.history.params, kept

    limit = epochs.POINT_MAPS_LIMIT
    fresh, none = history(0)
    kept, some = history(limit)
    assert not none and some  # (the limit says which way)
    np.testing.assert_array_equal(kept, fresh)


@pytest.mark.parametrize("size", [2, 3, 4])
@pytest.mark.parametrize("count", [1, 2, 3, 7, 100, 129])
def test_affine_maps_multiplied_entry_by_entry_equal_their_matrix_product(count, size):
    """The entrywise product of small affine maps (the table's rows in an epoch's
    order, padded to a power of two) against the ordered product of the matrices,
    done one by one in extended precision."""
    from quadreg_gui.core.training.epochs import as_table, entrywise_composed
    rng = np.random.default_rng(count * 10 + size)
    maps = np.zeros((50, size, size))
    maps[:, :-1, :] = rng.normal(size=(50, size - 1, size)) * 0.5
    maps[:, :-1, :-1] += np.eye(size - 1)
    maps[:, -1, -1] = 1.0
    index = rng.integers(0, 50, size=(5, count))
    got = entrywise_composed(as_table(maps), index)
    for epoch, order in enumerate(index):
        want = np.eye(size, dtype=np.longdouble)
        for k in order:
            want = maps[k].astype(np.longdouble) @ want
        np.testing.assert_allclose(got[epoch], want[:-1].ravel().astype(float),
                                   rtol=1e-12, atol=1e-12 * float(np.abs(want).max()))
