"""The exported NumPy script, run in a subprocess, prints quadreg-train's log digit for digit."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest

from quadreg_gui.cli import main
from quadreg_gui.core.config import OPTIMIZERS, SCHEDULES, TrainConfig
from quadreg_gui.core.data import make_dataset
from quadreg_gui.core.files.datafile import read_table
from quadreg_gui.core.files.script import INLINE_ROWS, export_script

RATES = {"gd": 0.01, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.3, "rmsprop": 0.05,
         "adam": 0.05}


def cli_log(capsys, config: TrainConfig) -> str:
    args = [f"--{k.replace('_', '-')}={v}" for k, v in config.to_dict().items()
            if k != "init" and v != ""]
    if config.init:
        args.append("--init=" + ",".join(f"{k}={v!r}" for k, v in config.init))
    assert main(args) == 0
    return capsys.readouterr().out


def script_log(tmp_path, config: TrainConfig) -> str:
    table = read_table(config.data) if config.data else None
    path = tmp_path / "run.py"
    path.write_text(export_script(config, make_dataset(config, table), table))
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and done.stderr == ""
    return done.stdout


@pytest.mark.parametrize("optimizer,schedule", list(itertools.product(OPTIMIZERS, SCHEDULES)))
def test_every_optimizer_and_schedule(tmp_path, capsys, optimizer, schedule):
    config = TrainConfig(optimizer=optimizer, schedule=schedule, lr=RATES[optimizer],
                         lr_decay_every=60, epochs=300, log_every=30)
    assert script_log(tmp_path, config) == cli_log(capsys, config)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_mini_batches_l2_and_a_chosen_start(tmp_path, capsys, optimizer):
    config = TrainConfig(optimizer=optimizer, model="quadratic", lr=RATES[optimizer] / 4,
                         batch_size=16, l2=0.5, init={"a": 1.0, "c": -0.5}, epochs=200,
                         log_every=20, seed=3, noise_kind="gaussian")
    log = script_log(tmp_path, config)
    assert log == cli_log(capsys, config) and "(chosen start)" in log


def test_imported_data_standardized_inline(tmp_path, capsys):
    config = TrainConfig(data="example:cars", model="quadratic", lr=0.0117)
    log = script_log(tmp_path, config)
    assert log == cli_log(capsys, config)
    assert log.splitlines()[-1].startswith("In speed_mph's own units: y = 0.09996·speed_mph²")


def test_large_files_are_read_from_their_path(tmp_path, capsys):
    x = np.linspace(-3, 5, INLINE_ROWS + 1)
    path = tmp_path / "big.tsv"
    body = "\n".join(f"{float(a)!r}\t{float(3 * a * a - a + 2)!r}" for a in x)
    path.write_text("# generated\nheight\tdistance\n" + body + "\n")
    config = TrainConfig(data=str(path), lr=1e-5, epochs=100, log_every=25)
    table = read_table(str(path))
    text = export_script(config, make_dataset(config, table), table)
    assert "np.loadtxt(" in text and str(path) in text
    assert script_log(tmp_path, config) == cli_log(capsys, config)
