"""A race: several optimizers from the same start on the same data, in lock-step.

Each racer is an ordinary Trainer (so a race equals the single runs of its
racers, epoch for epoch); the race only steps them together and tabulates
the outcome.  The default learning rates come from the data:

- gradient descent: 2/(λmin+λmax), the best constant rate (the stability
  readout's);
- momentum and Nesterov: the rate whose update shrinks the slowest direction
  fastest (the smallest spectral radius of the linear update, searched over
  the stable range);
- AdaGrad, RMSProp and Adam have no linear theory: the rate, of three per
  decade around the distance to the optimum, that first comes within 1 % of the
  optimal loss in a trial from this start (full batch, at most TRIAL_EPOCHS).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from collections.abc import Iterable
from typing import Any

import numpy as np

from ..config import FIELD_BY_NAME, OPTIMIZERS, ConfigError, TrainConfig
from ..data import Dataset
from ..describe import setting_values, settings_text, used_settings
from ..training.epochs import float_block, transition
from ..i18n import QT_TR_NOOP, tr
from ..training.model import MODELS
from ..training.objective import Objective
from ..training.optimizers import make_optimizer
from ..training.trainer import Trainer, divergence_loss
from .analysis import HasHessian, eigenvalues, stable_lr_limit
from .theory import best_constant_lr, first_epoch_at_or_below, near_optimum_excess

MIN_RACERS, MAX_RACERS = 2, 6
#: The race "Race optimizers…" proposes and ``--race`` names.
DEFAULT_RACE = OPTIMIZERS
#: Momentum's and Nesterov's beta in a race where the loss has a flat direction (else
#: the optimal pair's, unless a racer or the command line says otherwise).
RACE_MOMENTUM = 0.9
#: The largest beta a race proposes (three digits of 1 - 1e-4 would round to 1).
MAX_RACE_BETA = 0.999
#: Settings a racer may set (the rest, data, model and L2 included, are the race's).
RACER_FIELDS = ("lr", "momentum", "beta1", "beta2", "eps", "batch_size", "schedule",
                "lr_decay_every", "lr_decay_factor")
#: The most epochs an adaptive optimizer's trial runs.
TRIAL_EPOCHS = 1000
TITLES = {"gd": "GD", "momentum": QT_TR_NOOP("Momentum"), "nesterov": "Nesterov",
          "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam"}


def three_digits(x: float) -> float:
    return float(f"{x:.3g}")


# --- learning rates that work ---------------------------------------------------------------
def spectral_radius(quad: HasHessian, config: TrainConfig, lr: float) -> float:
    """The factor by which the slowest direction shrinks per epoch (GD, momentum,
    Nesterov at a constant rate): the largest |eigenvalue| of the linear update."""
    opt = make_optimizer(config.optimizer, quad.hessian.shape[0])
    return float(np.abs(np.linalg.eigvals(transition(opt, quad.hessian, lr,
                                                     config.momentum))).max())


def fastest_linear_lr(quad: HasHessian, config: TrainConfig) -> float | None:
    """The rate (three significant digits) with the smallest spectral radius, from a
    log grid over the stable range refined around its best point (the middle of the
    best stretch where the radius is flat)."""
    if config.optimizer == "gd":
        best = best_constant_lr(quad)
        return None if best is None else three_digits(best)
    limit = stable_lr_limit(quad, config)
    if limit is None or not math.isfinite(limit):
        return None
    grid = limit * np.logspace(-6, 0, 241)
    radii = np.array([spectral_radius(quad, config, lr) for lr in grid])
    flat = np.flatnonzero(radii <= radii.min() * (1 + 1e-9))
    k = int(flat[flat.size // 2])
    if flat.size > 1:  # a plateau (momentum's radius is sqrt(beta) across a range): its middle
        return three_digits(grid[k])
    fine = np.geomspace(grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)], 81)
    candidates = {three_digits(lr) for lr in fine if three_digits(lr) < limit}
    return min(sorted(candidates), key=lambda lr: spectral_radius(quad, config, lr))


#: The largest learning rate the settings accept.
LR_MOST = float(FIELD_BY_NAME["lr"].high)


def trial_rates(quad: HasHessian, theta0: np.ndarray) -> list[float]:
    """Three a decade, from 10^-4 to 10^2 times the distance to the optimum's decade;
    only rates a setting accepts (at most the largest, should all be above it)."""
    distance = float(np.max(np.abs(np.asarray(theta0) - quad.optimum)))
    decade = math.floor(math.log10(distance)) if distance > 0 else 0
    rates = [three_digits(10.0 ** (decade + k / 3)) for k in range(-12, 7)]
    return [r for r in rates if r <= LR_MOST] or [LR_MOST]


#: Trial rates chosen, by what decides them (the loss surface, the settings but the
#: rate, the start): a race started again on the same data is not tried again (the
#: trials of AdaGrad, RMSProp and Adam take about 45 ms, in the window's GUI thread).
_TRIALS: dict[tuple, float] = {}
TRIALS_KEPT = 64


def trial_lr(quad: HasHessian, config: TrainConfig, theta0: np.ndarray) -> float:
    """The trial rate that first comes within 1 % of the optimal loss (then: the lowest
    final loss; then: the smaller rate), on the full batch, at most TRIAL_EPOCHS."""
    theta0 = np.asarray(theta0, dtype=float)
    key = (np.asarray(quad.hessian).tobytes(), np.asarray(quad.optimum).tobytes(),
           quad.min_loss, quad.constant_loss, theta0.tobytes(),
           *(getattr(config, f.name) for f in dataclasses.fields(config) if f.name != "lr"))
    if key not in _TRIALS:
        if len(_TRIALS) >= TRIALS_KEPT:
            del _TRIALS[next(iter(_TRIALS))]  # the oldest
        _TRIALS[key] = _tried_lr(quad, config, theta0)
    return _TRIALS[key]


def _tried_lr(quad: HasHessian, config: TrainConfig, theta0: np.ndarray) -> float:
    count = min(config.epochs, TRIAL_EPOCHS)
    threshold = quad.min_loss + near_optimum_excess(quad.min_loss, quad.loss(theta0))
    diverged = divergence_loss(quad.loss(theta0), quad.min_loss, quad.constant_loss)

    def score(lr: float) -> tuple[float, float, float]:
        cfg = config.replace(lr=lr)
        opt = make_optimizer(cfg.optimizer, theta0.size)
        with np.errstate(all="ignore"):
            rows = float_block(quad, opt, cfg, theta0, 0, count)
        final = float(quad.loss(rows.params[-1]))
        if not (np.isfinite(rows.loss).all() and rows.loss.max() <= diverged):
            return math.inf, math.inf, lr
        near = first_epoch_at_or_below(rows.epochs, rows.loss, threshold)
        return (math.inf if near is None else near), final, lr

    return min(trial_rates(quad, theta0), key=score)


def optimal_pair(quad: HasHessian, optimizer: str) -> tuple[float, float] | None:
    """(lr, beta) at which momentum or Nesterov converges fastest on this loss (the
    smallest spectral radius over both; rounded by ``_rounded_pair``), in this app's form
    v' = beta v + (1 - beta) g, theta' = theta - lr v': the classic forms' step
    alpha is lr (1 - beta).  None when the loss has a flat direction.

    - momentum (heavy ball; Polyak, and Distill's "Why Momentum Really Works"):
      alpha* = (2 / (sqrt(l_min) + sqrt(l_max)))^2, beta* = ((sqrt(k) - 1) / (sqrt(k) + 1))^2;
    - Nesterov (Lessard, Recht and Packard 2016): alpha* = 4 / (3 l_max + l_min),
      beta* = (sqrt(3k + 1) - 2) / (sqrt(3k + 1) + 2);

    with k = l_max / l_min the condition number.
    """
    values = eigenvalues(quad)
    low, high = float(values[0]), float(values[-1])
    if low <= 0 or optimizer not in ("momentum", "nesterov"):
        return None
    k = high / low
    if optimizer == "momentum":
        alpha = (2.0 / (math.sqrt(low) + math.sqrt(high))) ** 2
        beta = ((math.sqrt(k) - 1.0) / (math.sqrt(k) + 1.0)) ** 2
    else:
        alpha = 4.0 / (3.0 * high + low)
        beta = (math.sqrt(3.0 * k + 1.0) - 2.0) / (math.sqrt(3.0 * k + 1.0) + 2.0)
    return _rounded_pair(quad, optimizer, alpha, min(beta, MAX_RACE_BETA))


def _rounded_pair(quad: HasHessian, optimizer: str, alpha: float,
                  beta: float) -> tuple[float, float]:
    """The pair with the fewest digits (from three) whose spectral radius is within
    0.1 % of the exact pair's: the radius is not smooth at the optimum (three digits
    of momentum's lr alone cost 8 % on the article's data), so each rounding is tried
    both ways."""
    config = TrainConfig(optimizer=optimizer)

    def radius(lr: float, b: float) -> float:
        return spectral_radius(quad, config.replace(momentum=b), lr)

    def both_ways(x: float, digits: int) -> set[float]:
        scale = 10.0 ** (digits - 1 - math.floor(math.log10(abs(x)))) if x else 1.0
        return {math.floor(x * scale) / scale, math.ceil(x * scale) / scale}

    good = radius(alpha / (1.0 - beta), beta) * (1.0 + 1e-3)
    best: tuple[float, float, float] = (math.inf, alpha / (1.0 - beta), beta)
    for digits in range(3, 9):
        for b in both_ways(beta, digits) if beta else {0.0}:
            if not 0.0 <= b <= MAX_RACE_BETA:
                continue
            for lr in both_ways(alpha / (1.0 - b), digits):
                best = min(best, (radius(lr, b), lr, b))
        if best[0] <= good:
            break
    return float(f"{best[1]:.8g}"), float(f"{best[2]:.8g}")


def default_lr(quad: HasHessian, config: TrainConfig, theta0: np.ndarray) -> tuple[float, str]:
    """A learning rate that works for ``config``'s optimizer on this loss, and why."""
    fast = fastest_linear_lr(quad, config)
    if fast is not None:
        fast = min(fast, LR_MOST)  # a rate chosen here is one the settings accept
    if config.optimizer == "gd" and fast is not None:
        return fast, tr("2/(λmin+λmax), the best constant rate")
    if fast is not None:
        return fast, tr("the rate at which the slowest direction shrinks fastest")
    return trial_lr(quad, config, theta0), tr(
        "the rate (of three a decade) first within 1 % of the optimal loss in a trial of "
        "{epochs} epochs from this start").format(epochs=min(config.epochs, TRIAL_EPOCHS))


# --- racers -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Racer:
    """One configuration in a race: ``why`` says how its learning rate was chosen;
    ``shown`` names the settings its label gives.  Its names are made when asked for,
    in the language of the moment."""

    config: TrainConfig
    why: str
    shown: tuple[str, ...]

    @property
    def short(self) -> str:
        """The optimizer's title, for a legend."""
        return tr(TITLES[self.config.optimizer])

    @property
    def name(self) -> str:
        return f"{self.short} ({settings_text(setting_values(self.config, self.shown))})"


def racer(spec: str, base: TrainConfig, quad: HasHessian, theta0: np.ndarray,
          given: Iterable[str] = ()) -> Racer:
    """'momentum' or 'momentum:lr=0.01:momentum=0.8': an optimizer and its overrides
    of ``base``; ConfigError (field "race") naming what is wrong.

    ``given`` names the settings of ``base`` the user chose for every racer (the
    command line's flags): a racer keeps them unless it sets its own.  A learning rate
    (and for momentum and Nesterov a beta) nobody chose is one that works on this
    loss (``racer_default``).
    """
    name, *parts = [p.strip() for p in spec.split(":")]
    if name not in OPTIMIZERS:
        raise ConfigError.bad_value("race", f"needs optimizers from {', '.join(OPTIMIZERS)}; "
                                            f"got {name!r}")
    changes: dict[str, Any] = {}
    for part in parts:
        key, sep, text = (s.strip() for s in part.partition("="))
        if not sep or key not in RACER_FIELDS:
            raise ConfigError.bad_value("race", f"racer {spec!r}: settings are NAME=VALUE "
                                                f"with NAME one of {', '.join(RACER_FIELDS)}; "
                                                f"got {part!r}")
        changes[key] = _parse_value(key, text, spec)
    try:
        config = base.replace(**{"optimizer": name, **changes})
    except ConfigError as exc:
        raise ConfigError.bad_value("race", f"racer {spec!r}: {exc}") from None
    chosen = set(changes) | set(given)
    config, why = racer_default(quad, config, theta0, chosen)
    return Racer(config, why, shown_settings(config))


def racer_spec(r: Racer) -> str:
    """``r`` as the spec ``racer`` makes again, exactly, on the same base settings."""
    values = (getattr(r.config, key) for key in RACER_FIELDS)
    return ":".join([r.config.optimizer, *(
        f"{key}={value if isinstance(value, str) else repr(value)}"
        for key, value in zip(RACER_FIELDS, values))])


def racer_default(quad: HasHessian, config: TrainConfig, theta0: np.ndarray,
                  chosen: Iterable[str] = ()) -> tuple[TrainConfig, str]:
    """``config`` with a learning rate (and for momentum and Nesterov a beta) that works
    on this loss, where not ``chosen``, and a phrase saying how they were chosen."""
    chosen = set(chosen)
    pair = optimal_pair(quad, config.optimizer) if "momentum" not in chosen else None
    if pair is not None:
        lr, beta = pair
        config = config.replace(momentum=beta)
        if "lr" in chosen:
            return config, tr("the learning rate given; β of the optimal pair for this data")
        return config.replace(lr=lr), tr(
            "the optimal pair (lr, β) for this data: the fastest convergence of all "
            "learning rates and β")
    if config.optimizer in ("momentum", "nesterov") and "momentum" not in chosen:
        config = config.replace(momentum=RACE_MOMENTUM)
    if "lr" in chosen:
        return config, tr("the learning rate given")
    lr, why = default_lr(quad, config, theta0)
    return config.replace(lr=lr), why


def shown_settings(config: TrainConfig) -> tuple[str, ...]:
    """What a racer's label names: beta where the optimizer reads it, every other racer
    setting it reads that is not the default, and the learning rate."""
    default, used = TrainConfig(), set(used_settings(config))
    beta = ("momentum",) if "momentum" in used else ()
    others = tuple(k for k in RACER_FIELDS if k not in ("lr", "momentum") and k in used
                   and getattr(config, k) != getattr(default, k))
    return (*beta, *others, "lr")


def _parse_value(key: str, text: str, spec: str) -> Any:
    kind = FIELD_BY_NAME[key].kind
    if kind is str:
        return text
    try:
        return kind(text)
    except ValueError:
        raise ConfigError.bad_value("race", f"racer {spec!r}: {key} must be "
                                            f"{FIELD_BY_NAME[key].allowed()}; got {text!r}") \
            from None


def parse_race(text: str, base: TrainConfig, quad: HasHessian,
               theta0: np.ndarray, given: Iterable[str] = ()) -> list[Racer]:
    """'gd,momentum:lr=0.01,adam' -> racers; ConfigError unless 2 to 6 of them.
    ``given``: the settings of ``base`` chosen for every racer (see ``racer``)."""
    specs = [s for s in (p.strip() for p in text.split(",")) if s]
    if not MIN_RACERS <= len(specs) <= MAX_RACERS:
        raise ConfigError.bad_value("race", f"needs {MIN_RACERS} to {MAX_RACERS} racers "
                                            f"separated by commas; got {len(specs)}")
    return [racer(spec, base, quad, theta0, given) for spec in specs]


def default_race(base: TrainConfig, quad: HasHessian, theta0: np.ndarray) -> list[Racer]:
    return [racer(name, base, quad, theta0) for name in DEFAULT_RACE]


# --- the race ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RaceResult:
    name: str
    lr: float
    final_loss: float | None  # None once diverged
    near_optimum_at: int | None  # first epoch within 1 % of the optimal loss
    diverged_at: int | None
    epochs_run: int


class Race:
    """Racers stepped together on one data set and one objective, from one start."""

    def __init__(self, racers: list[Racer], data: Dataset,
                 objective: Objective | None = None) -> None:
        if not MIN_RACERS <= len(racers) <= MAX_RACERS:
            raise ValueError(f"a race needs {MIN_RACERS} to {MAX_RACERS} racers")
        first = racers[0].config
        if any(r.config.differs_in_data(first) or r.config.l2 != first.l2
               or r.config.init != first.init for r in racers):
            raise ValueError("racers must share the data, model, L2 and start")
        self.racers = racers
        objective = objective or Objective(MODELS[first.model], data, first.l2,
                                           first.loss == "mean")
        self.trainers = [Trainer(r.config, data, objective) for r in racers]
        self.epoch = 0

    @property
    def config(self) -> TrainConfig:
        """The race's shared settings (its length: the first racer's epochs)."""
        return self.racers[0].config

    @property
    def over(self) -> bool:
        """Every racer has diverged: nothing is left to run."""
        return all(t.diverged_at is not None for t in self.trainers)

    def run(self, n_epochs: int) -> int:
        """``n_epochs`` more epochs for every racer still running; returns how many
        the race advanced (0 once every racer has diverged).

        Each racer runs up to the race's new epoch: a call stopped midway by
        ``interrupt.check`` leaves some racers ahead, and the next call brings the
        others to them, so the race stays in lock-step."""
        if self.over:
            return 0
        target = self.epoch + n_epochs
        for trainer in self.trainers:
            trainer.run(target - trainer.epoch)
        self.epoch = target
        return n_epochs

    def reset(self) -> None:
        for trainer in self.trainers:
            trainer.reset()
        self.epoch = 0

    def results(self) -> list[RaceResult]:
        """Each racer at the race's epoch: a racer ahead of it (a call stopped midway,
        see ``run``) is read from its history there."""
        return [self._result(r, t) for r, t in zip(self.racers, self.trainers)]

    def _result(self, racer: Racer, t: Trainer) -> RaceResult:
        if t.epoch > self.epoch and t.diverged_at is None:
            theta = t.history.rows(self.epoch - 1, self.epoch).params[0] if self.epoch \
                else t.initial
            near = t.near_optimum_at
            return RaceResult(racer.name, racer.config.lr, float(t.objective.loss(theta)),
                              near if near is not None and near < self.epoch else None,
                              None, self.epoch)
        return RaceResult(racer.name, racer.config.lr,
                          None if t.diverged_at is not None else t.loss,
                          t.near_optimum_at, t.diverged_at, t.epoch)


# --- the results, as text and JSON ---------------------------------------------------------
RESULT_HEADERS = (QT_TR_NOOP("racer"), QT_TR_NOOP("final loss"), QT_TR_NOOP("within 1 % at"),
                  QT_TR_NOOP("diverged at"))
#: What the columns hold, for tooltips and --help.
RESULT_NOTES = (QT_TR_NOOP("the optimizer and its settings"),
                QT_TR_NOOP("the loss after the last epoch it ran"),
                QT_TR_NOOP("the first epoch whose loss L is within 1 % of the optimal loss "
                           "L* (L ≤ 1.01·L*)"),
                QT_TR_NOOP("the epoch whose loss first exceeded the divergence bound"))


def result_cells(result: RaceResult, over: bool = True) -> tuple[str, ...]:
    """One row of the results table, as the window and the command line show it;
    before the race is ``over``, a racer still running is "not yet" near the optimum."""
    near = f"{result.near_optimum_at:,}" if result.near_optimum_at is not None else \
        tr("never") if over or result.diverged_at is not None else tr("not yet")
    diverged = tr("no") if result.diverged_at is None else f"{result.diverged_at:,}"
    final = "-" if result.final_loss is None else f"{result.final_loss:.6g}"
    return result.name, final, near, diverged


def results_table(results: list[RaceResult]) -> str:
    """The table as aligned plain text (what "Copy" puts on the clipboard)."""
    rows = [RESULT_HEADERS, *(result_cells(r) for r in results)]
    widths = [max(len(row[k]) for row in rows) for k in range(len(RESULT_HEADERS))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
                     for row in rows) + "\n"


def race_summary(results: list[RaceResult]) -> str:
    """Who came within 1 % of the optimal loss first, in a sentence."""
    arrived = [r for r in results if r.near_optimum_at is not None]
    if not arrived:
        return tr("No racer came within 1 % of the optimal loss.")
    best = min(r.near_optimum_at for r in arrived)  # type: ignore[type-var]
    names = tr(" and ").join(r.name for r in arrived if r.near_optimum_at == best)
    return tr("First within 1 % of the optimal loss: {names}, at epoch {epoch}.").format(
        names=names, epoch=f"{best:,}")


def results_dict(race: Race) -> dict[str, Any]:
    """The race's outcome as plain JSON-ready values."""
    obj = race.trainers[0].objective
    model = race.trainers[0].model
    return {
        "epochs": race.epoch,
        "optimum": {**model.named(obj.optimum), "loss": obj.min_loss},
        "racers": [{"name": res.name, "lr": res.lr, "final_loss": res.final_loss,
                    "near_optimum_at": res.near_optimum_at, "diverged_at": res.diverged_at,
                    "epochs_run": res.epochs_run,
                    "params": {name: (value if math.isfinite(value) else None)
                               for name, value in model.named(trainer.theta).items()},
                    "config": racer_.config.to_dict(),
                    "lr_chosen": racer_.why}
                   for res, racer_, trainer in zip(race.results(), race.racers,
                                                   race.trainers)],
    }
