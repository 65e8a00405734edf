"""Text of the training log, shared by the CLI and the GUI (the article's format)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from .config import OPTIMIZER_TITLES
from .data import Dataset
from .training.history import Rows
from .i18n import count, tr
from .training.model import Model
from .numformat import compared


def format_params(names: Sequence[str], theta: Sequence[float]) -> str:
    """'w=0.8692, b=0.9866'."""
    return ", ".join(f"{n}={float(v):.4f}" for n, v in zip(names, theta))


def epoch_line(names: Sequence[str], epoch: int, theta: Sequence[float], loss: float) -> str:
    """'Epoch 0: w=0.8692, b=0.9866, Loss=237.1448', as the article prints it."""
    return f"Epoch {epoch}: {format_params(names, theta)}, Loss={loss:.4f}"


def log_lines(rows: Rows, names: Sequence[str], log_every: int) -> Iterator[str]:
    """The epoch lines of those ``rows`` whose epoch is a multiple of log_every."""
    for row in np.flatnonzero(rows.epochs % log_every == 0):
        yield epoch_line(names, int(rows.epochs[row]), rows.params[row], float(rows.loss[row]))


def initial_line(names: Sequence[str], theta: Sequence[float], chosen: bool = False) -> str:
    """The starting point: the seeded random draw, as in the article, or ``chosen``."""
    return f"Initial parameters: {format_params(names, theta)}" + (
        " (chosen start)" if chosen else "")


def final_lines(names: Sequence[str], theta: Sequence[float], loss: float,
                optimum: Sequence[float], min_loss: float) -> list[str]:
    """The closing lines: where training ended and where the optimum is."""
    return [f"Final parameters: {format_params(names, theta)}, Loss={loss:.4f}",
            f"Closed-form optimum: {format_params(names, optimum)}, Loss={min_loss:.4f}"]


def original_units_line(model: Model, data: Dataset, theta: Sequence[float]) -> str:
    """The fitted curve on x itself, for a run on standardized x."""
    assert data.scaling is not None
    return f"In {data.x_label}'s own units: {curve_on_x(model, data, theta, data.x_label)} " \
           f"({data.scaling.formula(data.x_label)})"


def curve_on_x(model: Model, data: Dataset, theta: Sequence[float], x: str = "x") -> str:
    """The fitted curve on x itself when training sees x standardized, else ''."""
    theta = np.asarray(theta, dtype=float)
    if data.scaling is None or not np.isfinite(theta).all():
        return ""
    return curve_text(model, data.scaling.original(model, theta), x)


def power_suffix(power: int, x: str = "x") -> str:
    """'·x²' for power 2, '·x' for 1, '' for the intercept."""
    return "" if power == 0 else f"·{x}" + {1: "", 2: "²", 3: "³"}[power]


def curve_text(model: Model, coef: Sequence[float], x: str = "x") -> str:
    """'y = 0.09996·x² + 0.9133·x + 2.47'."""
    terms = []
    for power, c in zip(model.powers, coef):
        term = f"{abs(c):.4g}" + power_suffix(power, x)
        terms.append(("-" if c < 0 else "") + term if not terms else
                     (" - " if c < 0 else " + ") + term)
    return "y = " + "".join(terms)


def unstable_lr_message(lr: float, limit: float | None, optimizer: str) -> str:
    """Said before a run whose learning rate is at or above its stable limit (the
    window's banner, quadreg-train's stderr); "" when it is below or none is known."""
    if limit is None or lr < limit:
        return ""
    shown_lr, shown_limit = compared(lr, limit)
    text = tr("lr {lr} exceeds the stable limit {limit} for this data and {optimizer}: it "
              "will diverge.") if lr > limit else \
        tr("lr {lr} is the stable limit for this data and {optimizer}: it will swing "
           "without converging.")
    return text.format(lr=shown_lr, limit=shown_limit,
                       optimizer=tr(OPTIMIZER_TITLES.get(optimizer, optimizer)))


def divergence_message(epoch: int, lr: float, limit: float | None, optimizer: str,
                       brief: bool = False, named: bool = True) -> str:
    """Why training stopped, with the learning rate and (if known) its stable limit.

    ``epoch`` is the log's numbering (from 0), so epoch 8 is the 9th epoch run:
    the message says both.  ``optimizer`` is a name such as 'gd' or a title.
    ``brief`` leaves out the advice, for a one-line banner that offers a fix, and
    ``named=False`` (with ``brief``) the optimizer too, for a banner too narrow for it.
    """
    name = tr(OPTIMIZER_TITLES.get(optimizer, optimizer))
    run = count(epoch + 1, tr("{n} epoch run"), tr("{n} epochs run"))
    where = tr("Diverged at epoch {epoch} ({run})").format(epoch=epoch, run=run)
    rate, shown_limit = compared(lr, limit) if limit is not None else (f"{lr:.4g}", "")
    if brief and not named:
        text = tr("lr {rate} is too large") if limit is None else \
            tr("lr {rate} exceeds the stable limit {limit}")
    elif limit is None:
        text = tr("lr {rate} is too large for {name}") if brief else \
            tr("learning rate {rate} is too large for {name}; try a smaller one")
    else:
        text = tr("lr {rate} exceeds the stable limit {limit} for {name}") if brief else \
            tr("learning rate {rate} exceeds the stable limit {limit} for {name}; use a "
               "learning rate below it")
    return tr("{where}: {text}.").format(where=where, text=text.format(
        rate=rate, name=name, limit=shown_limit))
