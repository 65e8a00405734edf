"""Races: lock-step racers equal their single runs; default rates against oracles."""

import numpy as np
import pytest
from oracle import reference_run

from quadreg_gui.core.config import ConfigError, TrainConfig
from quadreg_gui.core.analysis.race import (
    DEFAULT_RACE,
    Race,
    default_lr,
    default_race,
    fastest_linear_lr,
    parse_race,
    racer,
    racer_spec,
    results_dict,
    results_table,
    optimal_pair,
    trial_rates,
)
from quadreg_gui.core.training.trainer import Trainer


@pytest.fixture(scope="module")
def problem():
    base = TrainConfig()
    trainer = Trainer(base)
    return base, trainer.data, trainer.objective, trainer.initial


def test_race_equals_single_runs_epoch_for_epoch(problem):
    base, data, obj, start = problem
    racers = parse_race("gd,momentum,nesterov:batch_size=16,adagrad,rmsprop,adam:lr=0.05",
                        base, obj, start)
    race = Race(racers, data, obj)
    for chunk in (1, 6, 293, 500):  # however the race is split, the same numbers
        assert race.run(chunk) == chunk
    for one, raced in zip(racers, race.trainers):
        alone = Trainer(one.config, data)
        alone.run(800)
        a, b = raced.history.curve(), alone.history.curve()
        assert np.array_equal(a.params, b.params) and np.array_equal(a.loss, b.loss)
        assert np.array_equal(raced.theta, alone.theta)
    assert race.epoch == 800


def test_racers_follow_the_per_sample_oracle(problem):
    base, data, obj, start = problem
    race = Race(parse_race("momentum,adam", base, obj, start), data, obj)
    race.run(300)
    for one, trainer in zip(race.racers, race.trainers):
        c = one.config
        params, _ = reference_run(data.x, data.y, start, optimizer=c.optimizer, lr=c.lr,
                                  epochs=300, beta=c.momentum)
        np.testing.assert_allclose(trainer.theta, params[-1], rtol=1e-9)


def test_near_optimum_epoch_against_a_direct_scan(problem):
    base, data, obj, start = problem
    race = Race(default_race(base, obj, start), data, obj)
    race.run(800)
    # The optimal loss from lstsq on the data, not from the objective.
    phi = np.stack([data.x ** 2, np.ones_like(data.x)], axis=1)
    best = np.linalg.lstsq(phi, data.y, rcond=None)[0]
    min_loss = 0.5 * float(np.sum((phi @ best - data.y) ** 2))
    for result, trainer in zip(race.results(), race.trainers):
        rows = trainer.history.rows(0)  # 800 epochs: every row is kept
        near = np.flatnonzero(rows.loss <= 1.01 * min_loss)
        assert result.near_optimum_at == int(rows.epochs[near[0]])
        assert result.diverged_at is None
        assert result.final_loss == pytest.approx(min_loss, rel=1e-6)


def test_default_rates_are_the_best_constant_and_fastest(problem):
    base, _, obj, start = problem
    values = np.linalg.eigvalsh(obj.hessian)
    gd = fastest_linear_lr(obj, base.replace(optimizer="gd"))
    assert gd == float(f"{2 / (values[0] + values[-1]):.3g}")
    for name in ("momentum", "nesterov"):
        cfg = base.replace(optimizer=name, momentum=0.9)
        chosen = fastest_linear_lr(obj, cfg)

        def radius(lr):
            return _radius(values, name, lr, cfg.momentum)

        grid = np.geomspace(chosen / 100, chosen * 10, 2001)
        assert radius(chosen) <= min(radius(lr) for lr in grid) * (1 + 1e-3)
        assert radius(chosen) < 1


def test_adaptive_rate_is_the_trials_fastest(problem):
    base, data, obj, start = problem
    adam = parse_race("gd,adam", base, obj, start)[1]

    def near(lr):
        t = Trainer(base.replace(optimizer="adam", lr=lr), data)
        t.run(800)
        return t.near_optimum_at if t.near_optimum_at is not None else 10**9

    fastest = min(near(lr) for lr in trial_rates(obj, start))
    assert near(adam.config.lr) == fastest < 800
    assert "trial" in adam.why


def test_a_diverging_racer_stops_alone(problem):
    base, data, obj, start = problem
    race = Race(parse_race("gd:lr=0.05,adam", base, obj, start), data, obj)
    race.run(800)
    alone = Trainer(base.replace(lr=0.05), data)
    alone.run(800)
    bad, good = race.results()
    assert bad.diverged_at == alone.diverged_at is not None and bad.final_loss is None
    assert good.diverged_at is None and good.epochs_run == 800
    assert results_table(race.results()).splitlines()[1].endswith(f"{bad.diverged_at:,}")
    race2 = Race(parse_race("gd:lr=0.05,gd:lr=0.1", base, obj, start), data, obj)
    race2.run(800)
    assert race2.over and race2.run(10) == 0


def test_reset_runs_the_same_race_again(problem):
    base, data, obj, start = problem
    race = Race(parse_race("gd,rmsprop", base, obj, start), data, obj)
    race.run(50)
    first = results_dict(race)
    race.reset()
    assert race.epoch == 0
    race.run(50)
    assert results_dict(race) == first


def test_default_race_is_six_optimizers_with_their_own_rates(problem):
    base, _, obj, start = problem
    racers = default_race(base, obj, start)
    assert [r.config.optimizer for r in racers] == list(DEFAULT_RACE)
    assert [r.config.momentum for r in racers[1:3]] == [0.3303, 0.5289]  # the optimal pairs
    assert len({r.config.lr for r in racers}) >= 4 and all(r.why for r in racers)
    assert racers[0].name == f"GD (lr {racers[0].config.lr:.4g})"


@pytest.mark.parametrize("text, words", [
    ("gd", "2 to 6 racers"),
    ("gd,gd,gd,gd,gd,gd,gd", "2 to 6 racers separated by commas; got 7"),
    ("gd,sgd", "optimizers from gd, momentum"),
    ("gd,adam:lr=fast", "lr must be a number in (0, 1e6]; got 'fast'"),
    ("gd,adam:lr=0", "lr must be a number in (0, 1e6]"),
    ("gd,adam:seed=3", "NAME one of lr, momentum"),
    ("gd,momentum:momentum", "settings are NAME=VALUE"),
    ("gd,gd:schedule=cosine", "schedule must be one of constant"),
])
def test_bad_race_specs_are_named(problem, text, words):
    base, _, obj, start = problem
    with pytest.raises(ConfigError) as err:
        parse_race(text, base, obj, start)
    assert err.value.field == "race" and words in str(err.value)


def _radius(values, name, lr, b):
    """The worst |eigenvalue| over the Hessian's eigenvalues of the 2 x 2 update on
    (error, velocity) in this app's EMA form, written out."""
    worst = 0.0
    for h in values:
        a = lr * (1 - b) * h
        m = ([[1 - a, -lr * b], [(1 - b) * h, b]] if name == "momentum" else
             [[1 - a * (1 + b), -lr * b * b], [(1 - b) * h, b]])
        worst = max(worst, np.abs(np.linalg.eigvals(np.array(m))).max())
    return worst


@pytest.mark.parametrize("name", ["momentum", "nesterov"])
@pytest.mark.parametrize("model", ["article", "quadratic"])
def test_the_optimal_pair_is_the_fastest_of_all_rates_and_betas(name, model):
    """The claim in the racers' tooltips: no (lr, beta) on a fine grid does better
    (beyond the pair's three-digit rounding)."""
    obj = Trainer(TrainConfig(model=model)).objective
    values = np.linalg.eigvalsh(obj.hessian)
    lr, beta = optimal_pair(obj, name)
    best = _radius(values, name, lr, beta)
    grid = min(_radius(values, name, r * lr, b) for r in np.geomspace(0.2, 5, 121)
               for b in np.linspace(0, 0.995, 200))
    assert best <= grid * (1 + 2e-3) and best < 1


def test_momentum_with_its_optimal_pair_beats_gd_in_the_default_race(problem):
    """Momentum taught as slower was a plateau's middle at beta 0.9 (90 epochs against
    GD's 43); with the optimal pair it comes within 1 % of the optimal loss first."""
    base, data, obj, start = problem
    race = Race(default_race(base, obj, start)[:3], data, obj)
    race.run(800)
    gd, momentum, nesterov = (r.near_optimum_at for r in race.results())
    assert momentum < gd / 2 and nesterov < gd / 2


def test_global_settings_hold_for_every_racer_that_does_not_set_its_own(problem):
    base, data, obj, start = problem
    given = base.replace(lr=0.005, momentum=0.5, batch_size=10)
    racers = parse_race("gd,momentum,adam:lr=0.1,nesterov:momentum=0.7", given, obj, start,
                        given={"lr", "momentum", "batch_size"})
    assert [(r.config.lr, r.config.momentum, r.config.batch_size) for r in racers] == [
        (0.005, 0.5, 10), (0.005, 0.5, 10), (0.1, 0.5, 10), (0.005, 0.7, 10)]
    assert [r.name for r in racers] == [
        "GD (batch 10, lr 0.005)", "Momentum (β 0.5, batch 10, lr 0.005)",
        "Adam (batch 10, lr 0.1)", "Nesterov (β 0.7, batch 10, lr 0.005)"]


def test_the_race_json_gives_each_racers_final_parameters(problem):
    base, data, obj, start = problem
    racers = parse_race("gd,adam", base, obj, start)
    race = Race(racers, data, obj)
    race.run(100)
    for entry, trainer in zip(results_dict(race)["racers"], race.trainers):
        assert entry["params"] == {"w": trainer.theta[0], "b": trainer.theta[1]}


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adagrad", "rmsprop", "adam"])
@pytest.mark.parametrize("scale", [1e-6, 1e30])
def test_a_rate_chosen_here_is_one_the_settings_accept(optimizer, scale):
    """Tiny x asks for a huge rate, and huge y once made AdaGrad's chosen rate 2.15e6,
    which the program's own validation then refused."""
    from quadreg_gui.core.data import make_dataset
    from quadreg_gui.core.files.datafile import Table

    x = np.array([1.0, 2.0, 3.0, 4.0]) * (scale if scale < 1 else 1)
    y = np.array([2.0, 5.0, 10.0, 17.0]) * (scale if scale > 1 else 1)
    table = Table(x, y, "x", "y", "t.csv", "t.csv", "")
    config = TrainConfig(data="t.csv", optimizer=optimizer, standardize="off")
    trainer = Trainer(config, make_dataset(config, table))
    lr, _ = default_lr(trainer.objective.quadratic(), config, trainer.theta)
    config.replace(lr=lr)  # accepted: raises ConfigError otherwise


def test_a_racer_spec_makes_the_same_racer_again():
    """How an animation's own QuadReg gets the window's racers, whatever chose them."""
    base = Trainer(TrainConfig())
    quad, start = base.objective.quadratic(), base.initial
    racers = default_race(base.config, quad, start) + [
        racer("adam:batch_size=10:schedule=step", base.config, quad, start)]
    for r in racers:
        again = racer(racer_spec(r), base.config, quad, start)
        assert again.config == r.config and again.name == r.name


def test_a_trial_rate_is_tried_once_per_surface_settings_and_start(monkeypatch):
    """Starting a race again on the same data takes the rates chosen before (their
    trials ran in the window's GUI thread each time); anything that decides them
    (another setting, another start) tries them again."""
    from quadreg_gui.core.analysis import race as race_module

    monkeypatch.setattr(race_module, "_TRIALS", {})
    trials = []
    tried = race_module.float_block

    def counted(*args, **kwargs):
        trials.append(1)
        return tried(*args, **kwargs)

    monkeypatch.setattr(race_module, "float_block", counted)
    t = Trainer(TrainConfig())
    cfg = TrainConfig(optimizer="adam")
    first = race_module.trial_lr(t.objective.quadratic(), cfg, t.initial)
    assert trials and first == race_module._tried_lr(t.objective.quadratic(), cfg, t.initial)
    trials.clear()
    again = race_module.trial_lr(Trainer(TrainConfig()).objective.quadratic(),
                                 cfg.replace(lr=0.3), t.initial.copy())
    assert again == first and not trials  # an equal surface, another rate: not tried
    race_module.trial_lr(t.objective.quadratic(), cfg.replace(beta1=0.8), t.initial)
    assert trials
    trials.clear()
    race_module.trial_lr(t.objective.quadratic(), cfg, t.initial + 0.5)
    assert trials
