"""Experiment files: round trips that rerun the identical run, atomic writes, bad files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from quadreg_gui.core.config import ConfigError, TrainConfig
from quadreg_gui.core.data import make_dataset
from quadreg_gui.core.files.datafile import DataFileError, read_table
from quadreg_gui.core.files.experiment import INLINE_ROWS, read_experiment, write_experiment
from quadreg_gui.core.files.export import atomic_file
from quadreg_gui.core.training.trainer import Trainer

DATA = Path(__file__).parent / "data"


def history_of(config, table=None):
    trainer = Trainer(config, make_dataset(config, table))
    trainer.run(config.epochs)
    return trainer


def save_and_reopen(path, config, table=None):
    trainer = Trainer(config, make_dataset(config, table))
    write_experiment(path, config, trainer.model.named(trainer.initial), table)
    return read_experiment(path)


def assert_same_run(a: TrainConfig, table_a, b: TrainConfig, table_b):
    first, second = history_of(a, table_a), history_of(b, table_b)
    rows_a, rows_b = first.history.rows(0), second.history.rows(0)
    np.testing.assert_array_equal(rows_a.params, rows_b.params)
    np.testing.assert_array_equal(rows_a.loss, rows_b.loss)


@pytest.mark.parametrize("config", [
    TrainConfig(epochs=300),
    TrainConfig(model="quadratic", optimizer="adam", lr=0.05, schedule="inverse", l2=0.3,
                batch_size=16, init={"a": 1.5, "c": -0.25}, seed=7, epochs=120),
    TrainConfig(data="example:galileo", model="quadratic", lr=0.1, epochs=200),
    TrainConfig(data="example:cars", optimizer="momentum", lr=0.02, standardize="off",
                epochs=50),
    TrainConfig(model="cubic", loss="mean", lr=0.3, batch_size=10, epochs=60),
    TrainConfig(data="example:galileo", model="line", loss="mean", lr=0.5, epochs=60),
    TrainConfig(edits=(("move", 10, 0.2, 9.0), ("add", 0.5, -3.0), ("delete", 3)),
                epochs=100),
    TrainConfig(data="example:cars", model="quadratic", lr=0.002, epochs=50,
                edits=(("add", 14.0, 150.0), ("delete", 0))),
])
def test_round_trip_reruns_the_identical_run(tmp_path, config):
    table = read_table(config.data) if config.data else None
    again = save_and_reopen(tmp_path / "run.quadreg.json", config, table)
    assert again.config == config and again.warnings == ()
    assert_same_run(config, table, again.config, again.table)


def test_small_files_are_kept_inline_and_survive_the_file_going(tmp_path):
    source = tmp_path / "data" / "points.csv"
    source.parent.mkdir()
    shutil.copy(DATA / "bom.csv", source)
    config = TrainConfig(data=str(source), lr=0.01, epochs=40)
    table = read_table(str(source))
    path = tmp_path / "data" / "run.quadreg.json"
    write_experiment(path, config, {"w": 0.5, "b": 0.25}, table)
    doc = json.loads(path.read_text())
    assert doc["data"]["kind"] == "inline" and doc["data"]["path"] == "points.csv"
    assert doc["settings"]["data"] == "points.csv" and doc["start"] == {"w": 0.5, "b": 0.25}
    source.unlink()
    again = read_experiment(path)
    assert again.table.name == "points.csv" and again.warnings == ()
    assert_same_run(config, table, again.config, again.table)


def test_large_files_are_named_by_path_and_checked_by_hash(tmp_path):
    source = tmp_path / "big.csv"
    x = np.linspace(0, 1, INLINE_ROWS + 1)
    np.savetxt(source, np.column_stack([x, 2 * x**2 + 1]), delimiter=",", fmt="%.17g")
    config = TrainConfig(data=str(source), lr=0.0001, epochs=10)
    table = read_table(str(source))
    path = tmp_path / "run.quadreg.json"
    write_experiment(path, config, {"w": 0.5, "b": 0.25}, table)
    doc = json.loads(path.read_text())
    assert doc["data"] == {"path": "big.csv", "sha256": table.sha256, "kind": "file"}
    assert read_experiment(path).warnings == ()
    with source.open("a") as f:
        f.write("2,9\n")
    warnings = read_experiment(path).warnings
    assert len(warnings) == 1 and "big.csv changed since run.quadreg.json was saved" in \
        warnings[0]
    source.unlink()
    with pytest.raises(DataFileError, match=r"big.csv: no such file \(the data of "
                                            r"run.quadreg.json\)"):
        read_experiment(path)


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "run.quadreg.json"
    write_experiment(path, TrainConfig(), {"w": 0.5, "b": 0.25}, None)
    before = path.read_bytes()

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_experiment(path, TrainConfig(lr=0.5), {"w": 0.5, "b": 0.25}, None)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["run.quadreg.json"]  # no temporary left


def test_atomic_file_leaves_nothing_behind_on_error(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), atomic_file(target) as f:
        f.write("half")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text, words", [
    ("{", "run.quadreg.json:1:2: Expecting property name"),
    ("[1, 2]", "expected a JSON object of settings"),
    ('{"format": "quadreg-experiment", "version": 9, "settings": {}}',
     "this QuadReg reads version 1"),
    ('{"format": "quadreg-experiment", "version": 1, "settings": 3}', '"settings"'),
    ('{"format": "quadreg-experiment", "version": 1, "settings": {"lr": -1}}',
     "lr must be a number in (0, 1e6]; got -1.0"),
    ('{"format": "quadreg-experiment", "version": 1, "settings": {}, "data": {"kind": "x"}}',
     "data kind 'x'"),
    ('{"format": "quadreg-experiment", "version": 1, "settings": {}, "data": '
     '{"kind": "inline", "path": "a.csv", "x_y": [[1, 2], [3]]}}', "of equal length"),
    ('{"lr": ' + "9" * 5000 + "}", "run.quadreg.json:1:8: a number of more than 40 digits"),
    ("[" * 100_000 + "]" * 100_000, "run.quadreg.json:1:21: nested deeper than 20 levels"),
])
def test_bad_experiment_files_get_one_sentence(tmp_path, text, words):
    path = tmp_path / "run.quadreg.json"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        read_experiment(path)
    assert words in str(info.value)


def test_special_files_are_not_read(tmp_path):
    with pytest.raises(ConfigError, match="not a regular file"):
        read_experiment("/dev/zero")
