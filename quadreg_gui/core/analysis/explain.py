"""The last epoch's update written out with its numbers, in the article's notation.

Every number comes from the trainer: the parameters before and after, the
gradient, loss and learning rate of the history's last row, and the optimizer's
state after the step.  The state before the step is that state with the step
undone (v_before = (v - (1-beta) g) / beta and so on), exact up to rounding.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import numpy as np

from ..config import TrainConfig
from ..i18n import tr
from ..training.model import Model

FEATURE_NAMES = {3: "x³", 2: "x²", 1: "x", 0: "1"}


@dataclass(frozen=True)
class StepRecord:
    """One epoch as the trainer ran it."""

    epoch: int
    theta_before: np.ndarray
    theta_after: np.ndarray
    grad: np.ndarray  # the full batch's, at the epoch's start (L2 included)
    loss_before: float
    lr: float
    state: dict[str, np.ndarray] = field(default_factory=dict)  # after the step
    t: int = 0  # Adam's step count after the step
    #: One mini-batch's step (Shift+Step): (its number from 1, the epoch's batches, its
    #: points); ``grad`` is then that batch's and ``loss_before`` is not known (nan).
    batch: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class Line:
    """'left = formula = numbers = result': a row of the aligned explanation."""

    left: str
    formula: str
    numbers: str = ""
    result: str = ""


def num(value: float) -> str:
    """A number as the explanation shows it: 6 significant digits, a true minus sign."""
    return f"{float(value):.6g}".replace("-", "−")


def _factor(value: float) -> str:
    """A number inside a product: negative ones in parentheses."""
    return f"({num(value)})" if value < 0 else num(value)


def penalty_term(model: Model) -> str:
    """The L2 term as computed: the intercept is not penalized (" + ½·λ·w²")."""
    squares = [f"{n}²" for n, r in zip(model.params, model.regularized) if r]
    return " + ½·λ·" + (squares[0] if len(squares) == 1 else f"({' + '.join(squares)})")


def explain(record: StepRecord, model: Model, config: TrainConfig, n_points: int) -> list[Line]:
    """The update of ``record`` for ``config.optimizer``, a line per equation."""
    names = model.params
    theta, g = record.theta_before, record.grad
    terms = " + ".join(
        f"{n}·{FEATURE_NAMES[p]}" if p else n for n, p in zip(names, model.powers))
    values = " + ".join(
        f"{_factor(v)}·{FEATURE_NAMES[p]}" if p else _factor(v)
        for v, p in zip(theta, model.powers))
    penalty = config.l2 * model.regularized
    if record.batch is not None:
        return [Line("ŷ", terms, values), *_batch_gradient(record, model, config, n_points),
                *(line for k, name in enumerate(names)
                  for line in _update(record, config, k, name))]
    # The mean loss is the sum's over n: its formulas say so, its numbers show the sums.
    n = n_points if config.loss == "mean" else 1
    loss = "½·Σ(ŷ − y)²" + (penalty_term(model) if config.l2 else "")
    lines = [Line("ŷ", terms, values),
             Line("L", f"({loss}) / n" if n > 1 else loss,
                  f"{num(record.loss_before * n)} / {n}" if n > 1 else "",
                  num(record.loss_before))]
    for k, (name, power) in enumerate(zip(names, model.powers)):
        feature = f"·{FEATURE_NAMES[power]}" if power else ""
        formula, numbers = f"Σ(ŷ − y){feature}", ""
        if penalty[k]:
            data_part = g[k] * n - penalty[k] * theta[k]
            formula += f" + λ·{name}"
            numbers = f"{num(data_part)} + {num(config.l2)} × {_factor(theta[k])}"
        if n > 1:
            formula = f"({formula}) / n" if penalty[k] else f"{formula} / n"
            numbers = f"({numbers}) / {n}" if numbers else f"{num(g[k] * n)} / {n}"
        lines.append(Line(f"∂L/∂{name}", formula, numbers, num(g[k])))
    if 0 < config.batch_size < n_points:
        steps = -(-n_points // config.batch_size)
        for k, name in enumerate(names):
            lines.append(Line(f"{name} ←", tr("{name} after {steps} steps of {size} points")
                              .format(name=name, steps=steps, size=config.batch_size), "",
                              f"{num(theta[k])} → {num(record.theta_after[k])}"))
        return lines
    for k, name in enumerate(names):
        lines.extend(_update(record, config, k, name))
    return lines


def _batch_gradient(record: StepRecord, model: Model, config: TrainConfig,
                    n_points: int) -> list[Line]:
    """The gradient of one mini-batch b of |b| points: the sums over its points, its
    share |b|/n of the penalty, over |b| for the mean loss."""
    assert record.batch is not None
    size = record.batch[2]
    share = size / n_points
    d = size if config.loss == "mean" else 1
    lines = []
    for k, (name, power) in enumerate(zip(model.params, model.powers)):
        feature = f"·{FEATURE_NAMES[power]}" if power else ""
        formula, numbers = f"Σ_b(ŷ − y){feature}", ""
        g, penalty = record.grad[k], config.l2 * model.regularized[k]
        if penalty:
            theta = record.theta_before[k]
            formula += f" + (|b|/n)·λ·{name}"
            numbers = f"{num(g * d - share * penalty * theta)} + {num(share)} × " \
                      f"{num(config.l2)} × {_factor(theta)}"
        if d > 1:
            formula = f"({formula}) / |b|" if penalty else f"{formula} / |b|"
            numbers = f"({numbers}) / {d}" if numbers else f"{num(g * d)} / {d}"
        lines.append(Line(f"∂L_b/∂{name}", formula, numbers, num(g)))
    return lines


def _update(r: StepRecord, cfg: TrainConfig, k: int, name: str) -> list[Line]:
    """The optimizer's equations for parameter ``k``."""
    w, g, lr, after = r.theta_before[k], r.grad[k], r.lr, r.theta_after[k]
    grad = f"∂L_b/∂{name}" if r.batch is not None else f"∂L/∂{name}"
    step = f"{num(w)} − {num(lr)} × "
    if cfg.optimizer == "gd":
        return [Line(f"{name} ←", f"{name} − lr·{grad}", step + _factor(g), num(after))]
    if cfg.optimizer in ("momentum", "nesterov"):
        beta, v = cfg.momentum, r.state["v"][k]
        v0 = (v - (1 - beta) * g) / beta if beta else 0.0
        lines = [Line(f"v_{name} ←", f"β·v_{name} + (1 − β)·{grad}",
                      f"{num(beta)} × {_factor(v0)} + {num(1 - beta)} × {_factor(g)}", num(v))]
        if cfg.optimizer == "momentum":
            return lines + [Line(f"{name} ←", f"{name} − lr·v_{name}", step + _factor(v),
                                 num(after))]
        look = beta * v + (1 - beta) * g
        return lines + [Line(f"{name} ←", f"{name} − lr·(β·v_{name} + (1 − β)·{grad})",
                             step + _factor(look), num(after))]
    if cfg.optimizer == "adagrad":
        big_g = r.state["g2"][k]
        return [Line(f"G_{name} ←", f"G_{name} + ({grad})²",
                     f"{num(big_g - g * g)} + {_factor(g)}²", num(big_g)),
                Line(f"{name} ←", f"{name} − lr·{grad} / (√G_{name} + ε)",
                     step + f"{_factor(g)} / ({num(np.sqrt(big_g))} + {num(cfg.eps)})",
                     num(after))]
    if cfg.optimizer == "rmsprop":
        b2, s = cfg.beta2, r.state["s"][k]
        s0 = (s - (1 - b2) * g * g) / b2 if b2 else 0.0
        return [Line(f"s_{name} ←", f"β₂·s_{name} + (1 − β₂)·({grad})²",
                     f"{num(b2)} × {num(s0)} + {num(1 - b2)} × {_factor(g)}²", num(s)),
                Line(f"{name} ←", f"{name} − lr·{grad} / (√s_{name} + ε)",
                     step + f"{_factor(g)} / ({num(np.sqrt(s))} + {num(cfg.eps)})",
                     num(after))]
    b1, b2, t = cfg.beta1, cfg.beta2, r.t
    m, s = r.state["m"][k], r.state["s"][k]
    m0 = (m - (1 - b1) * g) / b1 if b1 else 0.0
    s0 = (s - (1 - b2) * g * g) / b2 if b2 else 0.0
    m_hat, s_hat = m / (1 - b1**t), s / (1 - b2**t)
    return [Line(f"m_{name} ←", f"β₁·m_{name} + (1 − β₁)·{grad}",
                 f"{num(b1)} × {_factor(m0)} + {num(1 - b1)} × {_factor(g)}", num(m)),
            Line(f"s_{name} ←", f"β₂·s_{name} + (1 − β₂)·({grad})²",
                 f"{num(b2)} × {num(s0)} + {num(1 - b2)} × {_factor(g)}²", num(s)),
            Line(f"m̂_{name}", f"m_{name} / (1 − β₁^{t})", "", num(m_hat)),
            Line(f"ŝ_{name}", f"s_{name} / (1 − β₂^{t})", "", num(s_hat)),
            Line(f"{name} ←", f"{name} − lr·m̂_{name} / (√ŝ_{name} + ε)",
                 step + f"{_factor(m_hat)} / ({num(np.sqrt(s_hat))} + {num(cfg.eps)})",
                 num(after))]


def _width(text: str) -> int:
    """Columns ``text`` takes in a monospace font (a combining hat takes none; a Chinese
    character takes two)."""
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render(lines: list[Line], epoch: int, batch: tuple[int, int, int] | None = None) -> str:
    """Aligned plain text, narrow enough for a side panel: each equation's formula,
    then its numbers and its result on lines of their own, under its sign.  ``batch``:
    a mini-batch's step (StepRecord.batch)."""
    left = max(_width(line.left) for line in lines)
    rows = [tr("Epoch {epoch}").format(epoch=epoch),
            tr("(L and ∂L at its start, the parameters after it: a log line's numbers)")]
    if batch is not None:
        rows = [tr("Epoch {epoch}, batch {k} of {m}: {size} of the points").format(
                    epoch=epoch, k=batch[0], m=batch[1], size=batch[2]),
                tr("(∂L_b of this batch b at its start, the parameters after its step)")]
    for line in lines:
        arrow = line.left.endswith("←")
        name = line.left[:-1].rstrip() if arrow else line.left
        sign = "←" if arrow else "="
        rows.append(f"{_pad(name, left)} {sign} {line.formula}")
        for part in (line.numbers, line.result):
            if part:
                rows.append(f"{' ' * left} = {part}")
    return "\n".join(rows)
