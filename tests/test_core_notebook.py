"""The run as a Jupyter notebook: valid nbformat 4.5, the article's sections in English or
Chinese, and, run top to bottom by a Python kernel (nbclient), quadreg-train's log line
for line."""

from __future__ import annotations

import nbformat
import pytest
from test_core_script import RATES, cli_log

from quadreg_gui.cli import main
from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.data import make_dataset
from quadreg_gui.core.files.datafile import read_table
from quadreg_gui.core.files.notebook import WORDS, notebook, write_notebook


SECTIONS = ("data", "parameters", "loss", "training", "result")


def _written(tmp_path, config: TrainConfig, language: str = "en"):
    table = read_table(config.data) if config.data else None
    path = tmp_path / "run.ipynb"
    write_notebook(path, config, make_dataset(config, table), table, language)
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    return nb


def _run(nb) -> tuple[str, str]:
    """The notebook run top to bottom: (its stdout, its stderr), every cell's."""
    nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extras")
    pytest.importorskip("ipykernel", reason="ipykernel is in the test extras")
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    streams = {"stdout": [], "stderr": []}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] == "stream", out  # (no error, no figure without plt)
            streams[out["name"]].append(out["text"])
    return "".join(streams["stdout"]), "".join(streams["stderr"])


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_article_s_sections_in_the_window_s_language(tmp_path, language):
    nb = _written(tmp_path, TrainConfig(l2=0.5), language)
    titles = [cell.source.splitlines()[0] for cell in nb.cells
              if cell.cell_type == "markdown"]
    assert titles[0].startswith("# QuadReg run: y = w·x² + b on the article's data")
    assert titles[1:] == [f"## {WORDS[language][key]}" for key in SECTIONS]
    math = next(cell.source for cell in nb.cells if cell.source.startswith(
        f"## {WORDS[language]['loss']}"))
    assert r"\frac{\partial L}{\partial w} = \sum_i (\hat y_i - y_i)\,x_i^2 + \lambda w" in math
    assert r"\tfrac12\lambda(w^2)" in math
    assert nb.cells[-1].cell_type == "code" and "plt.show()" in nb.cells[-1].source
    label = WORDS[language]["true_label"]
    assert f"3.0 * np.power(x_test, 2) + 2.0, 'g--', label={label!r}" in nb.cells[-1].source


@pytest.mark.heavy  # (a Python kernel for each: QUADREG_HEAVY=once runs them once)
@pytest.mark.parametrize("config", [
    TrainConfig(),
    TrainConfig(optimizer="momentum", lr=RATES["momentum"], schedule="step",
                lr_decay_every=60, epochs=300, log_every=30, l2=0.5),
    TrainConfig(optimizer="adam", lr=RATES["adam"], batch_size=16, epochs=200, log_every=20,
                loss="mean"),
    TrainConfig(model="quadratic", data="example:cars", standardize="on", lr=0.0117,
                epochs=300, log_every=50),
], ids=["article", "momentum-step-l2", "adam-minibatch-mean", "cars-standardized"])
def test_run_top_to_bottom_it_prints_quadreg_train_s_log(tmp_path, capsys, config):
    stdout, stderr = _run(_written(tmp_path, config))
    assert stdout == cli_log(capsys, config)
    assert "matplotlib" in stderr or stderr == ""


@pytest.mark.heavy
def test_a_diverging_run_says_so_and_does_not_stop_the_kernel(tmp_path, capsys):
    config = TrainConfig(lr=0.05, epochs=100, log_every=10)
    stdout, stderr = _run(_written(tmp_path, config))
    assert "Diverged at epoch" in stderr and "Final parameters" not in stdout


def test_quadreg_train_writes_the_notebook_instead_of_training(tmp_path, capsys):
    path = tmp_path / "class.ipynb"
    assert main(["--notebook", str(path), "--notebook-lang", "zh_CN", "--optimizer",
                 "momentum", "--lr", "0.004"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and f"wrote {path}" in out.err
    written = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    config = TrainConfig(optimizer="momentum", lr=0.004)
    assert written == notebook(config, make_dataset(config), None, "zh_CN")
    assert main(["--notebook", str(tmp_path / "no" / "x.ipynb")]) == 2
    assert "cannot write" in capsys.readouterr().err
