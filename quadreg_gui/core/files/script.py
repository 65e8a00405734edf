"""Export a run as a standalone NumPy script in the article's own style.

The script makes the same data (the article's seeded draws, or the data file's
points inline when small, else read from its path), starts from the same
parameters, updates them with the same optimizer, schedule and L2, and prints
the same log lines as ``quadreg-train``.  NumPy only; matplotlib draws the fit
when the script is run with ``--plot`` and matplotlib is installed.
"""

from __future__ import annotations

import textwrap

import numpy as np

from ..config import OPTIMIZER_TITLES, TrainConfig
from ..data import Dataset
from ..logformat import power_suffix
from ..training.model import MODELS, N_INIT_DRAWS, Model
from ..training.trainer import DIVERGENCE_GROWTH
from .datafile import Table

#: A data file with at most this many rows is written into the script.
INLINE_ROWS = 2_000

#: Each optimizer's update of parameter {p} with gradient grad_{p}, as optimizers.py does it.
UPDATES = {
    "gd": ["{p} -= lr * grad_{p}"],
    "momentum": ["v_{p} = beta * v_{p} + (1.0 - beta) * grad_{p}", "{p} -= lr * v_{p}"],
    "nesterov": ["v_{p} = beta * v_{p} + (1.0 - beta) * grad_{p}",
                 "{p} -= lr * (beta * v_{p} + (1.0 - beta) * grad_{p})"],
    "adagrad": ["g2_{p} = g2_{p} + grad_{p} * grad_{p}",
                "{p} -= lr * grad_{p} / (np.sqrt(g2_{p}) + eps)"],
    "rmsprop": ["s_{p} = beta2 * s_{p} + (1.0 - beta2) * grad_{p} * grad_{p}",
                "{p} -= lr * grad_{p} / (np.sqrt(s_{p}) + eps)"],
    "adam": ["m_{p} = beta1 * m_{p} + (1.0 - beta1) * grad_{p}",
             "s_{p} = beta2 * s_{p} + (1.0 - beta2) * grad_{p} * grad_{p}",
             "{p} -= lr * (m_{p} / (1.0 - beta1 ** t)) / (np.sqrt(s_{p} / (1.0 - beta2 ** t)) "
             "+ eps)"],
}
STATE = {"momentum": ("v",), "nesterov": ("v",), "adagrad": ("g2",), "rmsprop": ("s",),
         "adam": ("m", "s")}
SETTINGS = {"momentum": ("momentum",), "nesterov": ("momentum",), "adagrad": ("eps",),
            "rmsprop": ("beta2", "eps"), "adam": ("beta1", "beta2", "eps")}
VARIABLE = {"momentum": "beta"}
SCHEDULES = {
    "constant": "base_lr",
    "step": "base_lr * decay_factor ** (epoch // decay_every)",
    "exponential": "base_lr * decay_factor ** (epoch / decay_every)",
    "inverse": "base_lr / (1.0 + (1.0 / decay_factor - 1.0) * epoch / decay_every)",
}


def feature(power: int, x: str = "x") -> str:
    return {1: x, 0: ""}.get(power, f"np.power({x}, {power})")


def prediction(model: Model, x: str = "x") -> str:
    """'np.power(x, 2) * w + b', as the article writes it."""
    return " + ".join(f"{feature(k, x)} * {p}" if k else p
                      for p, k in zip(model.params, model.powers))


def gradient(model: Model, p: str, k: int, x: str, y: str, share: str, count: str) -> str:
    """grad_p = sum((y_pred - y) * feature) (+ its L2 share for a penalized p), for the
    mean loss divided by the ``count`` of points it sums over."""
    total = f"np.sum((y_pred - {y}) * {feature(k, x)})" if k else f"np.sum(y_pred - {y})"
    total += f" + {share}lambda_reg * {p}" if k else ""
    return f"grad_{p} = ({total}) / {count}" if count else f"grad_{p} = {total}"


def data_lines(config: TrainConfig, table: Table | None) -> list[str]:
    if not config.data or table is None:
        noise = "np.random.rand(x.size)" if config.noise_kind == "uniform" else \
            "np.random.standard_normal(x.size)"
        return [f"np.random.seed({config.seed})",
                f"x = np.linspace({config.x_min!r}, {config.x_max!r}, {config.n_points})",
                f"y = {config.true_w!r} * np.power(x, 2) + {config.true_b!r} + "
                f"{config.noise!r} * {noise}",
                f"draws = np.random.rand({N_INIT_DRAWS})  # the seeded draws after the noise: "
                "the start"]
    if len(table.x) <= INLINE_ROWS:
        lines = [f"# {table.name}: {table.x_label} (x) and {table.y_label} (y)",
                 *array_lines("x", table.x), *array_lines("y", table.y)]
    else:
        lines = [f"# {table.name}: columns {table.x_label} (x) and {table.y_label} (y)",
                 f"data = np.loadtxt({table.source!r}, delimiter={table.delimiter!r}, "
                 f"comments='#', skiprows={table.first_row}, usecols={table.columns!r}, "
                 f"quotechar='\"', encoding='utf-8-sig', ndmin=2)",
                 "x, y = data[:, 0], data[:, 1]"]
    return lines + [f"draws = np.random.RandomState({config.seed}).rand({N_INIT_DRAWS})  # the start"]


def array_lines(name: str, values: np.ndarray) -> list[str]:
    """'x = np.array([...])', wrapped; every number written to round-trip exactly."""
    numbers = ", ".join(repr(float(v)) for v in values)
    return [f"{name} = np.array([", *textwrap.wrap(numbers, 88, initial_indent="    ",
                                                   subsequent_indent="    "), "])"]


def edit_lines(config: TrainConfig, data: Dataset) -> list[str]:
    """The points edited by hand, as QuadReg numbers them: the data's own, then those
    added; moved ones at their last place; deleted ones taken out."""
    state = data.points
    if state is None:
        return []
    n = state.n
    added = [state.at[i] for i in range(n, n + state.added)]
    moved = sorted((i, p) for i, p in state.at.items() if i < n)
    lines = ["", f"# Edited by hand in QuadReg ({len(config.edits)} edits): points are numbered "
                 "the data's first, then those added"]
    if added:
        lines.append(f"x = np.append(x, {[a for a, _ in added]!r})")
        lines.append(f"y = np.append(y, {[b for _, b in added]!r})")
    for i, (a, b) in moved:
        lines.append(f"x[{i}], y[{i}] = {a!r}, {b!r}  # moved")
    if state.deleted:
        lines += ["keep = np.ones(x.size, dtype=bool)",
                  f"keep[{sorted(state.deleted)!r}] = False  # deleted",
                  "x, y = x[keep], y[keep]"]
    return lines


def scaling_lines(data: Dataset) -> list[str]:
    if data.scaling is None:
        return []
    s = data.scaling
    return ["", f"# Train on x standardized: {s.formula(data.x_label)}",
            f"x_shift, x_scale = {s.shift!r}, {s.scale!r}",
            "x_data = x",
            "x = (x - x_shift) / x_scale"]


def start_lines(model: Model, config: TrainConfig) -> list[str]:
    chosen = config.init_values
    return [f"{p} = {chosen[p]!r}" if p in chosen else f"{p} = draws[{i}]"
            for p, i in zip(model.params, model.init_draws)]


def settings_lines(config: TrainConfig) -> list[str]:
    lines = [f"base_lr = {config.lr!r}", f"epochs = {config.epochs}",
             f"log_every = {config.log_every}", f"lambda_reg = {config.l2!r}"]
    for name in SETTINGS.get(config.optimizer, ()):
        lines.append(f"{VARIABLE.get(name, name)} = {getattr(config, name)!r}")
    if config.schedule != "constant":
        lines += [f"decay_every = {config.lr_decay_every}",
                  f"decay_factor = {config.lr_decay_factor!r}"]
    return lines


def params_text(model: Model) -> str:
    return ", ".join(f"{p}={{{p}:.4f}}" for p in model.params)


def loss_lines(model: Model, config: TrainConfig, x: str = "x", y: str = "y") -> list[str]:
    penalty = " + ".join(f"{p} ** 2" for p, k in zip(model.params, model.powers) if k)
    total = f"loss.sum() + 0.5 * lambda_reg * ({penalty})"
    if config.loss == "mean":
        total = f"({total}) / {x}.size  # the mean: the article's sum over n"
    return [f"y_pred = {prediction(model, x)}",
            f"loss = 0.5 * (y_pred - {y}) ** 2",
            f"total_loss = {total}"]


def update_lines(model: Model, config: TrainConfig, x: str, y: str, share: str,
                 count: str) -> list[str]:
    count = count if config.loss == "mean" else ""
    lines = [gradient(model, p, k, x, y, share, count)
             for p, k in zip(model.params, model.powers)]
    if config.optimizer == "adam":
        lines.append("t += 1")
    for p in model.params:
        lines += [line.format(p=p) for line in UPDATES[config.optimizer]]
    return lines


def loss_function(model: Model, config: TrainConfig) -> list[str]:
    p = ", ".join(model.params)
    return [f"def total_loss_at({p}):",
            *("    " + line for line in loss_lines(model, config)),
            "    return total_loss", ""]


def loop_lines(model: Model, config: TrainConfig, n: int) -> list[str]:
    body = ["lr = " + SCHEDULES[config.schedule], *loss_lines(model, config)]
    minibatch = 0 < config.batch_size < n
    if minibatch:
        body += ["order = shuffle.permutation(x.size)",
                 "for first in range(0, x.size, batch_size):",
                 "    batch = order[first:first + batch_size]",
                 "    xb, yb = x[batch], y[batch]",
                 f"    y_pred = {prediction(model, 'xb')}",
                 *("    " + line for line in update_lines(model, config, "xb", "yb",
                                                          "batch.size / x.size * ",
                                                          "batch.size"))]
    else:
        body += update_lines(model, config, "x", "y", "", "x.size")
    values = ", ".join(model.params)
    body += [f"if not (total_loss <= diverges_above and np.isfinite([{values}]).all()):",
             "    diverged = epoch",
             "if epoch % log_every == 0:",
             f"    print(f\"Epoch {{epoch}}: {params_text(model)}, Loss={{total_loss:.4f}}\")",
             "if diverged is not None:",
             "    break"]
    head = []
    if minibatch:
        head = [f"batch_size = {config.batch_size}",
                f"shuffle = np.random.default_rng({config.seed})  # the epochs' shuffles"]
    return head + ["diverged = None", "for epoch in range(epochs):",
                   *("    " + line for line in body)]


def state_lines(model: Model, config: TrainConfig) -> list[str]:
    lines = [f"{s}_{p} = 0.0" for s in STATE.get(config.optimizer, ()) for p in model.params]
    return lines + (["t = 0  # Adam's step count"] if config.optimizer == "adam" else [])


def optimum_lines(model: Model, config: TrainConfig) -> list[str]:
    """The closed-form optimum, and the loss above which the run has diverged (the
    trainer's rule: core.training.trainer.divergence_loss)."""
    p = ", ".join(model.params)
    per_point = " / x.size" if config.loss == "mean" else ""
    columns = ", ".join(f"{feature(k)}" if k else "np.ones_like(x)" for k in model.powers)
    penalty = ", ".join("1.0" if k else "0.0" for k in model.powers)
    return [
        "# The closed-form optimum: least squares, with the L2 penalty as extra rows",
        f"X = np.stack([{columns}], axis=1)",
        f"penalty = np.sqrt(lambda_reg * np.array([{penalty}]))",
        "A = np.vstack([X, np.diag(penalty)])",
        f"optimum = np.linalg.lstsq(A, np.concatenate([y, np.zeros({len(model.params)})]), "
        "rcond=None)[0]",
        "min_loss = total_loss_at(*optimum)",
        "# Diverged: the excess loss 1e10 times the start's (or, if larger, the optimal",
        "# loss or the best constant's)",
        f"constant_loss = 0.5 * np.sum((y - y.mean())**2){per_point}  # the best constant's",
        f"scale = max(total_loss_at({p}) - min_loss, min_loss, constant_loss)",
        f"diverges_above = min_loss + {DIVERGENCE_GROWTH:g} * scale if scale > 0 else np.inf",
        "",
    ]


def final_lines(model: Model, data: Dataset, stop: bool = True) -> list[str]:
    """The end of the log; a diverged run stops the script (``stop``: exit status 3)
    or, in a notebook, prints only why."""
    p = ", ".join(model.params)
    result = [
        f"print(f\"Final parameters: {params_text(model)}, Loss={{total_loss_at({p}):.4f}}\")",
        "print(\"Closed-form optimum: \" + \", \".join(f\"{name}={value:.4f}\" for name, value in "
        f"zip({list(model.params)!r}, optimum)) + f\", Loss={{min_loss:.4f}}\")",
    ]
    if data.scaling is not None:
        result += original_units_lines(model, data)
    said = ("    print(f\"Diverged at epoch {diverged}: the learning rate is too large.\", "
            "file=sys.stderr)")
    if stop:
        return ["if diverged is not None:", said, "    sys.exit(3)", *result]
    return ["if diverged is not None:", said, "else:",
            *("    " + line if line else "" for line in result)]


def original_units_lines(model: Model, data: Dataset) -> list[str]:
    """The final curve on x itself, as quadreg-train prints it."""
    s = data.scaling
    assert s is not None
    label = data.x_label
    powers = list(model.powers)
    return [
        "",
        "# The fitted curve on x itself: z = (x - x_shift) / x_scale put into the model",
        f"on_z = np.zeros({max(powers) + 1})",
        f"on_z[{powers}] = [{', '.join(model.params)}]",
        "on_x = np.polynomial.Polynomial(on_z)(np.polynomial.Polynomial([-x_shift / x_scale, "
        "1 / x_scale])).coef",
        f"coef = np.zeros({max(powers) + 1})",
        "coef[:on_x.size] = on_x",
        f"coef = coef[{powers}]",
        f"names = {[power_suffix(k, label) for k in powers]!r}",
        "terms = [('-' if c < 0 else '') + f'{abs(c):.4g}{n}' if i == 0 else "
        "(' - ' if c < 0 else ' + ') + f'{abs(c):.4g}{n}' for i, (c, n) in "
        "enumerate(zip(coef, names))]",
        f"print(f\"In {label}'s own units: y = {{''.join(terms)}} "
        f"({s.formula(label)})\")",
    ]


def plot_lines(model: Model, data: Dataset) -> list[str]:
    x_plot = "x_data" if data.scaling is not None else "x"
    curve = "x_test" if data.scaling is None else "(x_test - x_shift) / x_scale"
    return [
        "",
        "if \"--plot\" in sys.argv:  # matplotlib is optional",
        "    try:",
        "        from matplotlib import pyplot as plt",
        "    except ImportError:",
        "        sys.exit(\"--plot needs matplotlib (pip install matplotlib)\")",
        f"    x_test = np.linspace({x_plot}.min(), {x_plot}.max(), 200)",
        f"    y_test = {prediction(model, curve)}",
        f"    plt.scatter({x_plot}, y, color='blue', alpha=0.5, label='data')",
        "    plt.plot(x_test, y_test, 'r-', linewidth=3, label='fit')",
        f"    plt.xlabel({data.x_label!r})",
        f"    plt.ylabel({data.y_label!r})",
        "    plt.legend()",
        "    plt.show()",
    ]


def run_title(config: TrainConfig, table: Table | None) -> str:
    """'QuadReg run: y = w·x² + b on the article's data, gradient descent, lr 0.001, …'."""
    model = MODELS[config.model]
    source = "the article's data" if not config.data else (table.name if table else config.data)
    return (f"QuadReg run: {model.formula} on {source}, "
            f"{OPTIMIZER_TITLES[config.optimizer]}, lr {config.lr:g}, {config.schedule} "
            f"schedule, L2 {config.l2:g}{', mean loss' if config.loss == 'mean' else ''}.")


def script_sections(config: TrainConfig, data: Dataset, table: Table | None,
                    notebook: bool = False) -> dict[str, list[str]]:
    """The run's code in the article's sections: "data" (with the imports),
    "parameters", "loss" (the loss, the optimum, the start), "training" and "result";
    for a ``notebook``, a run that diverges does not exit."""
    model = MODELS[config.model]
    chosen = " (chosen start)" if config.init else ""
    return {
        "data": ["import sys", "", "import numpy as np", "", *data_lines(config, table),
                 *edit_lines(config, data), *scaling_lines(data)],
        "parameters": [*start_lines(model, config), *settings_lines(config),
                       *state_lines(model, config)],
        "loss": [*loss_function(model, config), *optimum_lines(model, config),
                 f"print(f\"Initial parameters: {params_text(model)}{chosen}\")"],
        "training": loop_lines(model, config, data.n),
        "result": final_lines(model, data, stop=not notebook),
    }


def export_script(config: TrainConfig, data: Dataset, table: Table | None) -> str:
    """The script's text for a run of ``config`` on ``data`` (read from ``table``)."""
    model = MODELS[config.model]
    code = script_sections(config, data, table)
    imports, data_part = code["data"][:4], code["data"][4:]
    body = [
        f'"""{run_title(config, table)}',
        "",
        "Exported by QuadReg; it prints the same log as quadreg-train with these settings.",
        "NumPy only: run it with --plot to draw the fit (needs matplotlib).",
        '"""',
        *imports,
        "# --- data ---",
        *data_part,
        "",
        "# --- parameters and settings ---",
        *code["parameters"],
        "",
        *code["loss"],
        "",
        "# --- training ---",
        *code["training"],
        "",
        *code["result"],
        *plot_lines(model, data),
    ]
    return "\n".join(line.rstrip() for line in body) + "\n"
