"""quadreg-train, in process and as the installed console script."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from oracle import article_run

from quadreg_gui.cli import main
from quadreg_gui.core.config import TrainConfig


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_default_output_is_the_articles(capsys):
    code, out, err = run(capsys)
    lines, _, final = article_run()
    got = out.splitlines()
    assert code == 0 and err == ""
    assert got[: len(lines)] == lines
    assert got[len(lines)] == f"Final parameters: w={final[0]:.4f}, b={final[1]:.4f}, Loss=0.1670"
    assert got[-1].startswith("Closed-form optimum: w=2.9913, b=2.0974")


def test_log_every_and_epochs(capsys):
    code, out, _ = run(capsys, "--epochs", "30", "--log-every", "10")
    assert code == 0
    assert [ln.split(":")[0] for ln in out.splitlines() if ln.startswith("Epoch")] == \
        ["Epoch 0", "Epoch 10", "Epoch 20"]


def test_json_output(capsys):
    code, out, _ = run(capsys, "--json", "--optimizer", "momentum", "--lr", "0.01")
    result = json.loads(out)
    assert code == 0
    assert result["status"] == "finished" and result["epochs_run"] == 800
    assert result["diverged_at"] is None
    assert set(result["params"]) == {"w", "b"}
    assert result["optimum"]["w"] == pytest.approx(2.991342836, rel=1e-8)
    assert result["lr_max_stable"] == pytest.approx(0.01776206845 * 19, rel=1e-8)
    assert result["loss"] >= result["optimum"]["loss"]


def test_divergence_exit_status_and_message(capsys):
    code, out, err = run(capsys, "--lr", "0.03", "--json")
    result = json.loads(out)
    assert code == 3
    assert result["status"] == "diverged" and result["diverged_at"] == 14
    assert err.splitlines()[0].startswith("quadreg-train: warning: lr 0.03 exceeds")
    assert err.splitlines()[1] == (
        "quadreg-train: Diverged at epoch 14 (15 epochs run): learning rate 0.03 exceeds the "
        "stable limit 0.01776 for gradient descent; use a learning rate below it.")


@pytest.mark.parametrize("args,expected", [
    (["--lr", "-1"], "--lr must be a number in (0, 1e6]; got -1.0"),
    (["--lr", "abc"], "argument --lr: invalid float value: 'abc'"),
    (["--optimizer", "sgd"], "argument --optimizer: invalid choice: 'sgd'"),
    (["--momentum", "1"], "--momentum must be a number in [0, 1); got 1.0"),
    (["--x-min", "2"], "--x-max must be greater than x_min (2); got 1"),
    (["--n-points", "1"], "--n-points must be a whole number from 2 to 10000000; got 1"),
    (["--config", "/nonexistent/run.json"], "cannot read config file /nonexistent/run.json"),
])
def test_bad_input_is_one_line_exit_2(capsys, args, expected):
    with pytest.raises(SystemExit) as info:
        code = main(args)
        raise SystemExit(code)
    _, err = capsys.readouterr()
    assert info.value.code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("quadreg-train: error: ") and expected in err


def test_config_file_and_flags_override(tmp_path, capsys):
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"lr": 0.005, "epochs": 50, "optimizer": "adam"}))
    code, out, _ = run(capsys, "--config", str(path), "--epochs", "20", "--json")
    cfg = json.loads(out)["config"]
    assert code == 0 and (cfg["lr"], cfg["epochs"], cfg["optimizer"]) == (0.005, 20, "adam")


def test_config_file_syntax_error_names_line_and_column(tmp_path, capsys):
    path = tmp_path / "run.json"
    path.write_text('{\n  "lr": 0.1,\n}\n')
    code, _, err = run(capsys, "--config", str(path))
    try:  # where json itself places the error (it differs between Python versions)
        json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        where = f"{path}:{exc.lineno}:{exc.colno}: {exc.msg}"
    assert code == 2 and err == f"quadreg-train: error: {where}\n"


def test_history_csv(tmp_path, capsys):
    out_file = tmp_path / "history.csv"
    code, _, _ = run(capsys, "--epochs", "25", "--history-out", str(out_file))
    rows = list(csv.DictReader(out_file.read_text().splitlines()))
    assert code == 0 and len(rows) == 25
    assert list(rows[0]) == ["epoch", "w_after", "b_after", "loss_before", "lr",
                             "grad_w_before", "grad_b_before"]
    _, losses, _ = article_run(epochs=25)
    np.testing.assert_allclose([float(r["loss_before"]) for r in rows], losses, rtol=1e-12)
    assert [p.name for p in tmp_path.iterdir()] == ["history.csv"]  # no temp file left


def test_history_csv_unwritable(tmp_path, capsys):
    code, _, err = run(capsys, "--epochs", "5", "--history-out", str(tmp_path / "no" / "h.csv"))
    assert code == 2 and "cannot write" in err and "h.csv" in err


def test_installed_console_script():
    exe = Path(sys.executable).with_name("quadreg-train")
    if not exe.exists():
        pytest.skip("quadreg-train is not installed beside this Python")
    proc = subprocess.run([exe, "--epochs", "1"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "Epoch 0: w=0.8692, b=0.9866, Loss=237.1448" in proc.stdout
    help_text = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    for flag in ("--lr", "--noise-kind", "--history-out", "--json", "--lr-decay-every"):
        assert flag in help_text


def test_race_prints_the_table_of_the_core_race(capsys):
    from quadreg_gui.core.analysis.race import Race, parse_race, results_table
    from quadreg_gui.core.training.trainer import Trainer

    code, out, err = run(capsys, "--race", "gd,momentum:lr=0.01,adam", "--epochs", "300")
    assert code == 0 and err == ""
    t = Trainer(TrainConfig(epochs=300))
    race = Race(parse_race("gd,momentum:lr=0.01,adam", t.config, t.objective, t.initial),
                t.data, t.objective)
    race.run(300)
    assert results_table(race.results()) in out
    assert out.splitlines()[0] == "Initial parameters: w=0.7783, b=0.7796"
    assert ("Momentum (β 0.3303, lr 0.01): the learning rate given; β of the optimal pair "
            "for this data") in out


def test_race_json_has_every_racer(capsys):
    code, out, _ = run(capsys, "--race", "gd:lr=0.05,adam", "--json", "--init", "w=1,b=0")
    result = json.loads(out)
    gd, adam = result["racers"]
    assert code == 0 and result["epochs"] == 800
    assert gd["diverged_at"] is not None and gd["final_loss"] is None
    assert adam["diverged_at"] is None and adam["near_optimum_at"] < 800
    assert adam["config"]["init"] == {"w": 1.0, "b": 0.0}
    assert result["optimum"]["loss"] == pytest.approx(adam["final_loss"], rel=1e-6)


@pytest.mark.parametrize("args, words", [
    (["--race", "gd"], "--race needs 2 to 6 racers"),
    (["--race", "gd,adam:lr=x"], "--race racer 'adam:lr=x': lr must be a number"),
    (["--race", "gd,adam", "--history-out", "h.csv"], "--history-out cannot be used with"),
])
def test_bad_race_is_one_line_with_exit_2(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and words in err and "Traceback" not in err


def test_data_file_trains_at_a_rate_that_converges(capsys):
    code, out, err = run(capsys, "--data", "example:cars", "--model", "quadratic")
    assert code == 0
    assert err == "quadreg-train: lr 0.0117 for this data: 2/(λmin+λmax), the best constant " \
                  "rate (--lr to choose)\n"
    final, optimum = out.splitlines()[-3:-1]
    assert final.split(", Loss")[0].replace("Final", "") == \
        optimum.split(", Loss")[0].replace("Closed-form optimum", " parameters")
    assert out.splitlines()[-1] == ("In speed_mph's own units: y = 0.09996·speed_mph² + "
                                    "0.9133·speed_mph + 2.47 (z = (speed_mph − 15.4)/5.235)")


def test_data_file_columns_by_name_or_number(capsys):
    data = str(Path(__file__).parent / "data" / "four_columns.csv")
    code, _, err = run(capsys, "--data", data, "--epochs", "5")
    assert code == 2 and err == (f"quadreg-train: error: {data}: 3 numeric columns (speed, "
                                 f"dist, year); choose which is x and which is y\n")
    by_name = run(capsys, "--data", data, "--x-column", "speed", "--y-column", "dist",
                  "--json")
    by_number = run(capsys, "--data", data, "--x-column", "2", "--y-column", "3", "--json")
    assert by_name[0] == by_number[0] == 0
    assert json.loads(by_name[1])["params"] == json.loads(by_number[1])["params"]


def test_bad_data_file_is_one_line_with_line_and_column(capsys):
    data = str(Path(__file__).parent / "data" / "nan.csv")
    code, out, err = run(capsys, "--data", data)
    assert (code, out) == (2, "")
    assert err == f"quadreg-train: error: {data}, line 3, column 2: 'nan' is not a finite " \
                  f"number; expected a number such as 1.5 for 'y'\n"


def test_config_reads_an_experiment_with_its_data(tmp_path, capsys):
    from quadreg_gui.core.files.datafile import read_table
    from quadreg_gui.core.files.experiment import write_experiment
    config = TrainConfig(data="example:galileo", model="quadratic", lr=0.05, epochs=300)
    path = tmp_path / "galileo.quadreg.json"
    write_experiment(path, config, {"a": 0.5, "b": 0.4, "c": 0.3}, read_table(config.data))
    code, out, err = run(capsys, "--config", str(path))
    direct = run(capsys, "--data", "example:galileo", "--model", "quadratic", "--lr", "0.05",
                 "--epochs", "300")
    assert code == 0 and err == "" and out == direct[1]


@pytest.mark.parametrize("lr", ["0.05", "0.01778"])
def test_a_learning_rate_above_the_stable_limit_is_said_before_training(capsys, lr):
    """The window's banner says it; so does quadreg-train, on stderr, and in JSON."""
    code, out, err = run(capsys, "--lr", lr, "--epochs", "3")
    assert code == 0
    assert err == (f"quadreg-train: warning: lr {float(lr):.4g} exceeds the stable limit "
                   "0.01776 for this data and gradient descent: it will diverge.\n")
    code, out, _ = run(capsys, "--lr", lr, "--epochs", "3", "--json")
    assert json.loads(out)["lr_above_stable_limit"] is True


def test_no_warning_below_the_limit_nor_for_mini_batches_that_converge(capsys):
    assert run(capsys, "--lr", "0.0177")[2] == ""
    code, out, err = run(capsys, "--lr", "0.05", "--batch-size", "10", "--json")
    result = json.loads(out)
    assert code == 0 and err == "" and result["status"] == "finished"
    assert result["lr_max_stable"] is None and result["lr_above_stable_limit"] is False


def test_data_in_large_units_trains_without_a_false_divergence(capsys):
    code, out, err = run(capsys, "--true-b", "150000", "--lr", "0.001", "--json")
    result = json.loads(out)
    assert code == 0 and err == "" and result["status"] == "finished"
    assert result["diverged_at"] is None and result["loss"] < 1e5  # from 1.1e12
