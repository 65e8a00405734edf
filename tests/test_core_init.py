"""An explicit starting point: validated like every setting, in the config, the
trainer and the command line."""

import json

import numpy as np
import pytest
from oracle import reference_run

from quadreg_gui.cli import main
from quadreg_gui.core.config import MODEL_PARAMS, ConfigError, TrainConfig, parse_init
from quadreg_gui.core.training.model import MODELS
from quadreg_gui.core.training.trainer import Trainer, train


def test_model_parameter_names_agree_with_the_models():
    assert {name: m.params for name, m in MODELS.items()} == MODEL_PARAMS


def test_a_chosen_start_trains_like_the_reference_loop_from_there():
    cfg = TrainConfig(init={"w": 1.5, "b": 0.2}, epochs=300)
    t = train(cfg)
    np.testing.assert_array_equal(t.initial, [1.5, 0.2])
    params, losses = reference_run(t.data.x, t.data.y, [1.5, 0.2], epochs=300)
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


def test_parameters_not_chosen_keep_the_seeded_draw():
    drawn = Trainer(TrainConfig(model="quadratic")).initial
    chosen = Trainer(TrainConfig(model="quadratic", init={"b": -4.0})).initial
    assert chosen[1] == -4.0
    assert (chosen[0], chosen[2]) == (drawn[0], drawn[2])


def test_init_is_kept_in_model_order_and_round_trips_through_json():
    cfg = TrainConfig(model="quadratic", init={"c": 1, "a": 2})
    assert cfg.init == (("a", 2.0), ("c", 1.0))
    assert TrainConfig.from_json(cfg.to_json()) == cfg
    assert json.loads(cfg.to_json())["init"] == {"a": 2.0, "c": 1.0}


@pytest.mark.parametrize("init, words", [
    ({"a": 1.0}, "(w, b)"), ({"w": float("nan")}, "w=nan"), ({"w": 2e6}, "[-1e6, 1e6]"),
    ({"w": "1"}, "w='1'"), (5, "got 5"), ({"w": True}, "w=True"),
])
def test_bad_init_names_the_field_and_what_is_allowed(init, words):
    with pytest.raises(ConfigError) as err:
        TrainConfig(init=init)
    assert err.value.field == "init"
    assert words in str(err.value)


def test_changing_the_model_needs_an_init_of_its_own_names():
    with pytest.raises(ConfigError, match=r"\(a, b, c\)"):
        TrainConfig(init={"w": 1.0}).replace(model="quadratic")


def test_a_new_start_restarts_the_run_from_epoch_0():
    t = Trainer(TrainConfig())
    t.run(50)
    t.update(t.config.replace(init={"w": 1.0, "b": 3.0}))
    assert t.epoch == 0 and len(t.history) == 0
    np.testing.assert_array_equal(t.theta, [1.0, 3.0])
    t.update(t.config.replace(init=()))  # back to the random draw
    np.testing.assert_array_equal(t.theta, Trainer(TrainConfig()).initial)


def test_parse_init():
    assert parse_init(" w=1.5, b = -0.2 ") == {"w": 1.5, "b": -0.2}
    assert parse_init("") == {}
    with pytest.raises(ConfigError, match="NAME=NUMBER"):
        parse_init("w=one")


def test_command_line_init(capsys):
    assert main(["--init", "w=1.5,b=0.2", "--epochs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Initial parameters: w=1.5000, b=0.2000 (chosen start)"
    assert main(["--init", "a=1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quadreg-train: error: --init ") and "(w, b)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", list(MODELS))
def test_a_curve_moved_by_hand_passes_through_the_mouse(name):
    """Grabbed away from z = 0 the top coefficient changes and the curve passes through
    the point; grabbed at the vertex the whole curve shifts by the miss."""
    model = MODELS[name]
    theta = np.array([0.7, -1.1, 0.4, 2.0][:model.n_params])
    moved = model.through(theta, 0.8, 5.0, vertex=False)
    assert model.predict(moved, np.array([0.8]))[0] == pytest.approx(5.0)
    assert model.predict(moved, np.array([0.0]))[0] == pytest.approx(
        model.predict(theta, np.array([0.0]))[0])
    shifted = model.through(theta, 0.05, 3.0, vertex=True)
    z = np.linspace(-1, 1, 9)
    miss = 3.0 - model.predict(theta, np.array([0.05]))[0]
    np.testing.assert_allclose(model.predict(shifted, z), model.predict(theta, z) + miss)
