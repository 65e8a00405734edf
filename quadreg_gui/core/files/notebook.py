"""The run as a Jupyter notebook for the class: the article's sections as Markdown (in
English or Chinese), the exported script's code split into them, ending with the plot of
the data, the fit and the true curve.  Run top to bottom, it prints quadreg-train's log.

Made and validated with nbformat (imported only when a notebook is made); the tests
run it with nbclient.
"""

from __future__ import annotations

import os
from typing import Any

from ..config import OPTIMIZER_TITLES, TrainConfig
from ..data import Dataset
from ..training.model import MODELS, Model
from .datafile import Table
from .export import write_bytes
from .script import prediction, run_title, script_sections

#: The notebook's words, by language: the article's section titles and what is drawn.
WORDS = {
    "en": {
        "intro": "Fitting a curve with plain NumPy gradient descent, as in the article "
                 "\"Using pure NumPy for regression\": every line of the computation in "
                 "sight. Run the cells from top to bottom.",
        "data": "1. Setting up and generating the data",
        "parameters": "2. The model's parameters and the settings",
        "loss": "3. The training process and its mathematics",
        "forward": "3.1 The forward pass: the prediction",
        "loss_def": "3.2 The loss",
        "gradient": "3.3 The gradient",
        "update": "3.4 The update (gradient descent)",
        "other": "This run uses {optimizer}: its update is in the training code below.",
        "mean": "The mean loss: the sum divided by the n = {n} points.",
        "training": "4. The complete training code",
        "result": "5. The result, drawn",
        "data_label": "data", "fit_label": "fit", "true_label": "true curve",
        "plot_title": "Regression with NumPy",
        "no_plot": "matplotlib is not installed: pip install matplotlib to see the plot",
    },
    "zh_CN": {
        "intro": "用纯 NumPy 梯度下降拟合曲线，与文章《使用纯NumPy实现回归任务》相同：每一步计算"
                 "都清晰可见。请从上到下依次运行各单元格。",
        "data": "1. 环境配置与数据生成",
        "parameters": "2. 模型初始化与核心参数",
        "loss": "3. 训练过程与数学原理",
        "forward": "3.1 前向传播计算预测值",
        "loss_def": "3.2 损失函数定义",
        "gradient": "3.3 梯度计算解析",
        "update": "3.4 参数更新（梯度下降）",
        "other": "本次训练使用{optimizer}：其参数更新见下面的训练代码。",
        "mean": "平均损失：总和除以点数 n = {n}。",
        "training": "4. 完整训练代码",
        "result": "5. 训练结果可视化",
        "data_label": "真实数据", "fit_label": "模型预测", "true_label": "理论曲线",
        "plot_title": "NumPy实现回归结果",
        "no_plot": "未安装 matplotlib：运行 pip install matplotlib 后即可看到图",
    },
}
OPTIMIZER_NAMES_ZH = {"gd": "梯度下降", "momentum": "动量", "nesterov": "Nesterov 动量",
                      "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam"}


def mathematics(model: Model, config: TrainConfig, n: int, words: dict[str, str],
                language: str) -> str:
    """Section 3's Markdown: the prediction, the loss, the gradient and the update."""
    terms = " + ".join(f"{name}\\cdot {_tex(power)}" if power else name
                       for name, power in zip(model.params, model.powers))
    penalty = [name for name, r in zip(model.params, model.regularized) if r]
    loss = r"L = \tfrac12\sum_i (\hat y_i - y_i)^2"
    if config.l2:
        loss += r" + \tfrac12\lambda(" + " + ".join(f"{p}^2" for p in penalty) + ")"
    gradients = []
    for name, power, r in zip(model.params, model.powers, model.regularized):
        feature = f"\\,{_tex(power, 'x_i')}" if power else ""
        term = f"\\frac{{\\partial L}}{{\\partial {name}}} = \\sum_i (\\hat y_i - y_i){feature}"
        gradients.append(term + (f" + \\lambda {name}" if config.l2 and r else ""))
    lines = [f"### {words['forward']}", "", f"$$\\hat y = {terms}$$", "",
             f"### {words['loss_def']}", "", f"$${loss}$$", ""]
    if config.loss == "mean":
        lines += [words["mean"].format(n=n), ""]
    lines += [f"### {words['gradient']}", "", *(f"$${g}$$" for g in gradients), "",
              f"### {words['update']}", ""]
    if config.optimizer == "gd":
        lines += [f"$${name} \\leftarrow {name} - \\eta\\,\\frac{{\\partial L}}{{\\partial "
                  f"{name}}}$$" for name in model.params]
    else:
        names = OPTIMIZER_NAMES_ZH if language == "zh_CN" else OPTIMIZER_TITLES
        lines.append(words["other"].format(optimizer=names[config.optimizer]))
    return "\n".join(lines)


def _tex(power: int, x: str = "x") -> str:
    return x if power == 1 else f"{x}^{power}" if power else "1"


def plot_code(model: Model, config: TrainConfig, data: Dataset, words: dict[str, str]) -> str:
    """The data, the fit and (for data QuadReg made) the true curve; without
    matplotlib, a note on stderr (stdout stays the log)."""
    x_plot = "x_data" if data.scaling is not None else "x"
    curve = "x_test" if data.scaling is None else "(x_test - x_shift) / x_scale"
    lines = [
        "try:",
        "    from matplotlib import pyplot as plt",
        "except ImportError:",
        "    plt = None",
        f"    print({words['no_plot']!r}, file=sys.stderr)",
        "if plt is not None:",
        f"    x_test = np.linspace({x_plot}.min(), {x_plot}.max(), 200)",
        f"    y_test = {prediction(model, curve)}",
        "    plt.figure(figsize=(10, 6))",
        f"    plt.scatter({x_plot}, y, color='blue', alpha=0.5, label={words['data_label']!r})",
        f"    plt.plot(x_test, y_test, 'r-', linewidth=3, label={words['fit_label']!r})",
    ]
    if not config.data:  # (the article's kind of data: its true curve is known)
        lines.append(f"    plt.plot(x_test, {config.true_w!r} * np.power(x_test, 2) + "
                     f"{config.true_b!r}, 'g--', label={words['true_label']!r})")
    lines += [f"    plt.xlabel({data.x_label!r})", f"    plt.ylabel({data.y_label!r})",
              "    plt.legend()", f"    plt.title({words['plot_title']!r})", "    plt.show()"]
    return "\n".join(lines)


def notebook(config: TrainConfig, data: Dataset, table: Table | None,
             language: str = "en") -> Any:
    """The notebook (an nbformat 4 NotebookNode, validated) for a run of ``config`` on
    ``data``."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    words = WORDS.get(language, WORDS["en"])
    model = MODELS[config.model]
    code = script_sections(config, data, table, notebook=True)
    cells = [("markdown", f"# {run_title(config, table)}\n\n{words['intro']}"),
             ("markdown", f"## {words['data']}"), ("code", code["data"]),
             ("markdown", f"## {words['parameters']}"), ("code", code["parameters"]),
             ("markdown", f"## {words['loss']}\n\n"
                          + mathematics(model, config, data.n, words, language)),
             ("code", code["loss"]),
             ("markdown", f"## {words['training']}"), ("code", code["training"]),
             ("markdown", f"## {words['result']}"), ("code", code["result"]),
             ("code", plot_code(model, config, data, words))]
    made = {"code": new_code_cell, "markdown": new_markdown_cell}
    nb = new_notebook(
        cells=[made[kind](_text(body), id=f"quadreg-{k}")  # (ids that do not change)
               for k, (kind, body) in enumerate(cells)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"},
                  "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb


def _text(body: str | list[str]) -> str:
    text = body if isinstance(body, str) else "\n".join(line.rstrip() for line in body)
    return text.strip("\n")


def write_notebook(path: str | os.PathLike[str], config: TrainConfig, data: Dataset,
                   table: Table | None, language: str = "en") -> None:
    """The notebook to ``path``, atomically."""
    import nbformat

    text = nbformat.writes(notebook(config, data, table, language))
    write_bytes(path, (text + "\n").encode("utf-8"))
