"""Validation names the field, the value and what is allowed; JSON round trips."""

import dataclasses
import json

import pytest

from quadreg_gui.core.config import FIELDS, SOURCE_FIELDS, SOURCE_HELP, ConfigError, TrainConfig


def test_defaults_are_the_articles():
    c = TrainConfig()
    assert (c.n_points, c.x_min, c.x_max, c.true_w, c.true_b, c.noise, c.seed) == \
        (100, -1.0, 1.0, 3.0, 2.0, 0.2, 100)
    assert (c.lr, c.epochs, c.log_every, c.optimizer, c.noise_kind) == \
        (0.001, 800, 100, "gd", "uniform")


def test_every_field_has_a_spec_and_help():
    names = [f.name for f in dataclasses.fields(TrainConfig)]
    # init: pairs, not one number; edits: a list of edits; the data source: free text,
    # checked when read
    assert names == [s.name for s in FIELDS] + ["init", "edits", *SOURCE_FIELDS]
    assert all(s.help.endswith(".") for s in FIELDS)
    assert all(SOURCE_HELP[name].endswith(".") for name in SOURCE_FIELDS)


@pytest.mark.parametrize("field,value,allowed", [
    ("n_points", 1, "a whole number from 2 to 10000000"),
    ("n_points", 2.5, "a whole number"),
    ("lr", 0.0, "a number in (0, 1e6]"),
    ("lr", float("nan"), "a number in (0, 1e6]"),
    ("lr", float("inf"), "a number in (0, 1e6]"),
    ("lr", "fast", "a number in (0, 1e6]"),
    ("momentum", 1.0, "a number in [0, 1)"),
    ("momentum", -0.1, "a number in [0, 1)"),
    ("beta2", 1.0, "a number in [0, 1)"),
    ("eps", 0.0, "a number in (0, 1]"),
    ("noise", -1.0, "a number in [0, 1e6]"),
    ("seed", -1, "a whole number from 0 to 4294967295"),
    ("epochs", 0, "a whole number from 1 to 100000000"),
    ("optimizer", "sgd", "one of gd, momentum, nesterov, adagrad, rmsprop, adam"),
    ("schedule", "cosine", "one of constant, step, exponential, inverse"),
    ("lr_decay_factor", 0.0, "a number in (0, 1]"),
    ("batch_size", -1, "a whole number from 0"),
    ("l2", True, "a number in [0, 1e6]"),
])
def test_bad_values_are_named_with_what_is_allowed(field, value, allowed):
    with pytest.raises(ConfigError) as info:
        TrainConfig(**{field: value})
    err = info.value
    assert err.field == field
    assert str(err).startswith(f"{field} must be {allowed}")
    assert repr(value) in str(err)


def test_x_range_must_be_increasing():
    with pytest.raises(ConfigError, match=r"x_max must be greater than x_min \(1\); got 1"):
        TrainConfig(x_min=1.0, x_max=1.0)


def test_config_is_immutable_and_replace_validates():
    c = TrainConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.lr = 0.1  # type: ignore[misc]
    assert c.replace(lr=0.01).lr == 0.01 and c.lr == 0.001
    with pytest.raises(ConfigError, match="lr must be"):
        c.replace(lr=-1)
    with pytest.raises(ConfigError, match=r"lrr is not a setting \(did you mean lr\?\)"):
        c.replace(lrr=0.1)


def test_json_round_trip():
    c = TrainConfig(optimizer="adam", lr=0.05, model="quadratic", seed=7, noise_kind="gaussian")
    assert TrainConfig.from_json(c.to_json()) == c


def test_json_errors_name_file_line_and_column():
    text = '{"lr": 0.1,\n}'
    try:  # where json itself places the error (it differs between Python versions)
        json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"run.json:{exc.lineno}:{exc.colno}: {exc.msg}"
    with pytest.raises(ConfigError) as info:
        TrainConfig.from_json(text, source="run.json")
    assert str(info.value) == where
    with pytest.raises(ConfigError, match=r"^run\.json: lr must be a number"):
        TrainConfig.from_json('{"lr": -3}', source="run.json")
    with pytest.raises(ConfigError, match="expected a JSON object"):
        TrainConfig.from_json("[1, 2]", source="run.json")


def test_differs_in_data():
    c = TrainConfig()
    assert not c.differs_in_data(c.replace(lr=0.3, optimizer="adam", l2=1.0))
    for change in ({"seed": 1}, {"n_points": 50}, {"model": "quadratic"}, {"noise": 0.0}):
        assert c.differs_in_data(c.replace(**change))
