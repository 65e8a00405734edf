"""Trainer behaviour: pausing, stepping, live changes, reset, divergence, history."""

import numpy as np
import pytest
from oracle import diverges_above, reference_run, ridge

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.data import Dataset
from quadreg_gui.core.training.trainer import Trainer, train


def test_pause_and_continue_equals_one_run():
    whole = train(TrainConfig())
    t = Trainer(TrainConfig())
    assert t.run(123) == 123
    assert all(t.step() for _ in range(7))
    assert t.run(670) == 670
    assert t.epoch == 800
    np.testing.assert_array_equal(t.history.params, whole.history.params)
    np.testing.assert_array_equal(t.history.epochs, np.arange(800))


def test_live_lr_change_changes_only_later_epochs():
    cfg = TrainConfig()
    t = Trainer(cfg)
    t.run(300)
    assert t.update(cfg.replace(lr=0.005)) == ("lr",)
    t.run(500)
    params, losses = reference_run(t.data.x, t.data.y, t.initial, epochs=800,
                                   lr_at_epoch=lambda e: 0.001 if e < 300 else 0.005)
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9)
    t.update(t.config.replace(epochs=2000, log_every=50))
    assert t.changes == [(300, ("lr",))]  # bookkeeping changes are not marked
    assert t.history.lr[299] == 0.001 and t.history.lr[300] == 0.005


def test_live_momentum_change_keeps_velocity():
    cfg = TrainConfig(optimizer="momentum", lr=0.01)
    t = Trainer(cfg)
    t.run(100)
    v = t.optimizer.v.copy()
    t.update(cfg.replace(momentum=0.5))
    np.testing.assert_array_equal(t.optimizer.v, v)
    t.update(cfg.replace(momentum=0.5, optimizer="adam"))
    assert not hasattr(t.optimizer, "v")


def test_live_l2_change_moves_the_optimum():
    cfg = TrainConfig()
    t = Trainer(cfg)
    t.run(10)
    before = t.objective.optimum.copy()
    t.update(cfg.replace(l2=10.0))
    assert t.objective.optimum[0] < before[0]


def test_data_changes_are_refused():
    t = Trainer(TrainConfig())
    with pytest.raises(ValueError, match="new Trainer"):
        t.update(TrainConfig(seed=1))


def test_reset_returns_to_epoch_zero_with_the_same_start():
    cfg = TrainConfig()
    t = Trainer(cfg)
    t.run(250)
    t.update(cfg.replace(lr=0.002))
    t.reset()
    assert t.epoch == 0 and len(t.history) == 0 and t.changes == []
    np.testing.assert_array_equal(t.theta, t.initial)
    t.run(10)
    fresh = train(cfg.replace(lr=0.002, epochs=10))
    np.testing.assert_array_equal(t.theta, fresh.theta)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("lr", [0.03, 1.0, 1e5])
def test_divergence_stops_at_the_first_bad_epoch(lr):
    t = Trainer(TrainConfig(lr=lr, epochs=2000))
    ran = t.run(2000)
    assert t.diverged_at is not None and ran == t.epoch == t.diverged_at + 1
    assert len(t.history) == t.epoch
    limit = diverges_above(t.history.loss[0], ridge(t.data.x, t.data.y)[1], t.data.y)
    bad = t.history.loss[-1] > limit or not np.isfinite(t.history.params[-1]).all()
    assert bad
    assert (t.history.loss[:-1] <= limit).all()
    assert np.isfinite(t.history.params[:-1]).all()
    assert t.run(10) == 0 and not t.step()
    t.update(t.config.replace(lr=0.001))
    t.reset()
    assert t.run(800) == 800 and t.diverged_at is None


def test_divergence_epoch_matches_the_oracle():
    t = train(TrainConfig(lr=0.03, epochs=200))
    params, losses = reference_run(t.data.x, t.data.y, t.initial, lr=0.03, epochs=200)
    limit = diverges_above(losses[0], ridge(t.data.x, t.data.y)[1], t.data.y)
    bad = (losses > limit) | ~np.isfinite(params).all(axis=1)
    assert t.diverged_at == int(np.argmax(bad))
    np.testing.assert_allclose(t.history.params, params[: t.epoch], rtol=1e-9)


def test_history_grows_past_its_first_chunk():
    t = Trainer(TrainConfig(epochs=5000))
    t.run(5000)
    assert len(t.history) == 5000
    np.testing.assert_array_equal(t.history.epochs, np.arange(5000))
    whole = reference_run(t.data.x, t.data.y, t.initial, epochs=5000)[0]
    np.testing.assert_allclose(t.history.params, whole, rtol=1e-9)


def test_given_arrays_are_fitted():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 2, 50)
    y = 1.5 * x**2 - 2 * x + 0.5 + rng.normal(0, 0.05, 50)
    data = Dataset.from_arrays(x, y, seed=7)
    t = Trainer(TrainConfig(model="quadratic", optimizer="adam", lr=0.05, epochs=3000), data)
    t.run(3000)
    expected = np.linalg.lstsq(np.stack([x**2, x, np.ones_like(x)], 1), y, rcond=None)[0]
    np.testing.assert_allclose(t.theta, expected, atol=1e-3)


@pytest.mark.parametrize("x,y,msg", [([1.0], [2.0], "two or more"),
                                     ([1, 2], [1, 2, 3], "equal length"),
                                     ([1, np.nan], [1, 2], "finite")])
def test_bad_arrays_are_rejected(x, y, msg):
    with pytest.raises(ValueError, match=msg):
        Dataset.from_arrays(x, y)


@pytest.mark.parametrize("scale", [1.0, 1e4, 3e5])
def test_divergence_does_not_depend_on_the_datas_units(scale):
    """y in dollars (true b 150,000 and more): the initial loss is above 1e12, and a
    stable learning rate still converges; an unstable one still diverges."""
    cfg = TrainConfig(true_b=2.0 * scale, true_w=3.0 * scale, noise=0.1 * scale, epochs=3000)
    stable = train(cfg)
    assert stable.diverged_at is None
    _, min_loss = ridge(stable.data.x, stable.data.y)
    assert stable.loss < 1.01 * min_loss
    assert train(cfg.replace(lr=0.05)).diverged_at is not None


def test_a_run_started_at_the_optimum_of_a_perfect_fit_never_diverges_on_rounding():
    t = Trainer(TrainConfig(noise=0.0, epochs=500, init={"w": 3.0, "b": 2.0}, optimizer="adam",
                            lr=0.1))
    t.run(500)
    assert t.diverged_at is None
