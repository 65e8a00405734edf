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
            if k not in ("init", "edits") and v != ""]
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


@pytest.mark.parametrize("model,lr,columns", [
    ("quadratic", 0.0117, (2, 1, 0)), ("article", 0.0117, (2, 0)), ("line", 0.02, (1, 0)),
    ("cubic", 0.004, (3, 2, 1, 0))])
def test_imported_data_standardized_inline(tmp_path, capsys, model, lr, columns):
    """Trained on standardized speed, the curve on speed itself is lstsq's on it."""
    config = TrainConfig(data="example:cars", model=model, lr=lr, epochs=3000, log_every=500)
    log = script_log(tmp_path, config)
    assert log == cli_log(capsys, config)
    table = read_table("example:cars")
    fit = np.linalg.lstsq(np.stack([table.x ** k for k in columns], axis=1), table.y,
                          rcond=None)[0]
    suffix = {3: "·speed_mph³", 2: "·speed_mph²", 1: "·speed_mph", 0: ""}
    terms = [f"{abs(c):.4g}{suffix[k]}" for c, k in zip(fit, columns)]
    curve = terms[0] if fit[0] > 0 else "-" + terms[0]
    curve += "".join((" - " if c < 0 else " + ") + t for c, t in zip(fit[1:], terms[1:]))
    assert log.splitlines()[-1].startswith(f"In speed_mph's own units: y = {curve} (z = ")


@pytest.mark.parametrize("batch_size", [0, 16])
@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_the_mean_loss(tmp_path, capsys, optimizer, batch_size):
    config = TrainConfig(loss="mean", optimizer=optimizer, lr=0.5 if optimizer == "gd" else 0.05,
                         batch_size=batch_size, l2=0.5, epochs=300, log_every=30)
    log = script_log(tmp_path, config)
    assert log == cli_log(capsys, config)


def test_the_mean_loss_diverges_as_quadreg_train_says(tmp_path, capsys):
    config = TrainConfig(loss="mean", lr=30.0, epochs=300, log_every=30)
    table = None
    path = tmp_path / "run.py"
    path.write_text(export_script(config, make_dataset(config, table), table))
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert main(["--loss=mean", "--lr=30", "--epochs=300", "--log-every=30"]) == 3
    cli = capsys.readouterr()
    assert done.returncode == 3 and done.stdout == cli.out
    assert "Diverged at epoch" in done.stderr


@pytest.mark.parametrize("model", ["line", "cubic"])
def test_the_line_and_the_cubic(tmp_path, capsys, model):
    config = TrainConfig(model=model, optimizer="momentum", lr=0.002, batch_size=16, l2=0.5,
                         epochs=200, log_every=20)
    assert script_log(tmp_path, config) == cli_log(capsys, config)


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


@pytest.mark.parametrize("data", ["", "example:cars"])
def test_edited_points_are_edited_in_the_script_too(tmp_path, capsys, data):
    """The script edits the points as QuadReg does; its log is quadreg-train's on an
    experiment with the same edits."""
    edits = (("move", 10, 12.0, 90.0), ("add", 14.0, 150.0), ("delete", 3), ("move", 50, 1.0,
                                                                              2.0))
    if not data:
        edits = (("move", 10, 0.2, 9.0), ("add", 0.5, -3.0), ("delete", 3),
                 ("move", 100, 0.7, 4.0))
    config = TrainConfig(data=data, edits=edits, lr=0.002 if data else 0.001, epochs=200,
                         log_every=20, model="quadratic" if data else "article")
    log = script_log(tmp_path, config)
    path = tmp_path / "run.quadreg.json"
    path.write_text(config.to_json())
    assert main(["--config", str(path)]) == 0
    assert log == capsys.readouterr().out
