"""What theory predicts for full-batch gradient descent on a quadratic loss.

Along the Hessian's eigenvectors the error decouples: with c the initial error's
coordinates, gradient descent at a constant learning rate gives

    L(k) = L* + 0.5 * sum_i lambda_i c_i^2 (1 - lr*lambda_i)^(2k)

exactly, so the whole loss curve, the epochs to any target and the best constant
learning rate follow from one eigen-decomposition.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import OPTIMIZER_TITLES, TrainConfig
from ..i18n import tr
from ..objective import QuadraticLoss
from .analysis import HasHessian, condition_number, smooth_lr_limit, stable_lr_limit

#: "Near the optimum": within this fraction of the optimal loss.
NEAR_OPTIMUM = 0.01
#: Where the optimum fits exactly (loss 0), "near" is this fraction of the initial excess.
EXACT_FIT_FRACTION = 1e-9
#: The most epochs a prediction looks ahead.
HORIZON = 1 << 40


def eigen(quad: QuadraticLoss) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (ascending) and eigenvectors (columns) of the Hessian."""
    return np.linalg.eigh(quad.hessian)


def best_constant_lr(quad: QuadraticLoss) -> float | None:
    """2 / (lambda_min + lambda_max): the constant rate that shrinks the slowest
    direction fastest (its factor |1 - lr*lambda| is equal at both ends)."""
    values = eigen(quad)[0]
    total = float(values[0] + values[-1])
    return 2.0 / total if total > 0 else None


def gd_excess(quad: QuadraticLoss, theta0: np.ndarray, lr: float,
              epochs: np.ndarray | int) -> np.ndarray:
    """L(k) - L* after k epochs of full-batch gradient descent from ``theta0``."""
    values, vectors = eigen(quad)
    c = vectors.T @ (np.asarray(theta0, dtype=float) - quad.optimum)
    weight = 0.5 * values * c * c
    factor = np.abs(1.0 - lr * values)
    k = np.asarray(epochs, dtype=float)[..., None]
    with np.errstate(over="ignore", invalid="ignore"):
        return np.sum(weight * factor ** (2.0 * k), axis=-1)


def predicted_gd_loss(quad: QuadraticLoss, theta0: np.ndarray, lr: float,
                      epochs: np.ndarray) -> np.ndarray:
    return quad.min_loss + gd_excess(quad, theta0, lr, epochs)


def near_optimum_excess(min_loss: float, initial_loss: float) -> float:
    """How far above the optimal loss counts as near it: 1 % of the optimal loss,
    or (an exact fit, optimal loss 0) a tiny fraction of the initial excess."""
    return max(NEAR_OPTIMUM * min_loss, EXACT_FIT_FRACTION * max(initial_loss - min_loss, 0.0))


def epochs_to_excess(quad: QuadraticLoss, theta0: np.ndarray, lr: float,
                     target: float) -> int | None:
    """The first k with L(k) - L* <= target under gradient descent; None if never
    (a direction that does not shrink, or beyond HORIZON epochs).

    Each term of the excess shrinks monotonically when |1 - lr*lambda| < 1, so
    the sum does too: doubling then bisection finds the first k exactly.
    """
    def excess(k: int) -> float:
        return float(gd_excess(quad, theta0, lr, k))

    if excess(0) <= target:
        return 0
    values, vectors = eigen(quad)
    c = vectors.T @ (np.asarray(theta0, dtype=float) - quad.optimum)
    stuck = (np.abs(1.0 - lr * values) >= 1.0) & (0.5 * values * c * c > target)
    if stuck.any():
        return None
    high = 1
    while excess(high) > target:
        high *= 2
        if high > HORIZON:
            return None
    low = high // 2  # excess(low) > target (or low = 0, checked above)
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if excess(mid) <= target else (mid, high)
    return high


def first_epoch_at_or_below(epochs: np.ndarray, loss: np.ndarray,
                            threshold: float) -> int | None:
    """The first recorded epoch whose loss is at most ``threshold``."""
    hits = np.flatnonzero(loss <= threshold)
    return int(epochs[hits[0]]) if hits.size else None


def why_no_prediction(config: TrainConfig, n_points: int) -> str | None:
    """None when the closed form holds (full-batch gradient descent at a constant
    learning rate); else why not, in a phrase a student can read."""
    if config.optimizer != "gd":
        return tr("{name} carries state from step to step; the closed form is for plain "
                  "gradient descent").format(name=tr(OPTIMIZER_TITLES[config.optimizer]))
    if config.schedule != "constant":
        return tr("the learning rate changes over the run; the closed form needs a constant "
                  "one")
    if 0 < config.batch_size < n_points:
        return tr("mini-batches make each step random; the closed form is for the full batch")
    return None


#: The best rate's readout: epochs until the excess loss is this fraction of the initial.
EXCESS_FRACTION = 0.01


@dataclass(frozen=True)
class Stability:
    """What the data says about learning rates, for the readout beside the slider."""

    limit: float | None  # diverges above (None: no bound known, see ``minibatch``)
    smooth: float | None  # no direction oscillates below
    best_lr: float | None  # gradient descent's best constant rate
    best_epochs: int | None  # its epochs to EXCESS_FRACTION of the initial excess loss
    condition: float
    minibatch: bool = False  # mini-batches: the full-batch limits do not bound the run


def is_minibatch(config: TrainConfig, n_points: int) -> bool:
    return 0 < config.batch_size < n_points


def lr_limit(quad: HasHessian, config: TrainConfig, n_points: int) -> float | None:
    """The learning rate above which this run diverges, where theory knows one: full
    batch with GD, momentum or Nesterov.  None for adaptive optimizers and for
    mini-batches (batch 10 converges at nearly 3x the full-batch limit on the
    article's data and does not diverge at 8x: no bound from the full batch holds)."""
    return None if is_minibatch(config, n_points) else stable_lr_limit(quad, config)


def stability(quad: QuadraticLoss, config: TrainConfig, theta0: np.ndarray) -> Stability:
    best = best_constant_lr(quad)
    epochs = None
    if best is not None:
        target = EXCESS_FRACTION * float(gd_excess(quad, theta0, best, 0))
        epochs = epochs_to_excess(quad, theta0, best, target)
    if is_minibatch(config, quad.n):
        return Stability(None, None, best, epochs, condition_number(quad), minibatch=True)
    return Stability(stable_lr_limit(quad, config), smooth_lr_limit(quad, config), best, epochs,
                     condition_number(quad))


#: Points of the predicted loss curve across a run.
PREDICTION_POINTS = 600


@dataclass(frozen=True)
class Prediction:
    """Theory's loss curve for a run, its epochs to near the optimum, or why none."""

    epochs: np.ndarray | None
    loss: np.ndarray | None
    near_optimum_at: int | None
    reason: str | None


def prediction(quad: QuadraticLoss, config: TrainConfig, theta0: np.ndarray,
               n_points: int, segment: tuple[int, np.ndarray] | None = None,
               until: int | None = None) -> Prediction:
    """The closed-form loss of a run from ``theta0``, when it holds: from where its
    assumptions begin, ``segment`` (the epoch of the last live change and the
    parameters then; default the run's start), to ``until`` (the run's target; once
    reached, ``config.epochs`` further: what another round would do).  Its epoch
    near the optimum counts from the run's start, as the measured one does."""
    reason = why_no_prediction(config, n_points)
    if reason is not None:
        return Prediction(None, None, None, reason)
    start, theta = segment if segment is not None else (0, np.asarray(theta0, dtype=float))
    end = until if until is not None and until > start else start + config.epochs
    epochs = np.unique(np.linspace(start, end, PREDICTION_POINTS).astype(np.int64))
    target = near_optimum_excess(quad.min_loss, quad.loss(theta0))
    near = epochs_to_excess(quad, theta, config.lr, target)
    return Prediction(epochs, predicted_gd_loss(quad, theta, config.lr, epochs - start),
                      None if near is None else start + near, None)
