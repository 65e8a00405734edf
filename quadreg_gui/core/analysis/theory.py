"""What theory predicts for full-batch gradient descent (and momentum) on a quadratic loss.

Along the Hessian's eigenvectors the error decouples: with c the initial error's
coordinates, gradient descent at a constant learning rate gives

    L(k) = L* + 0.5 * sum_i lambda_i c_i^2 (1 - lr*lambda_i)^(2k)

exactly, so the whole loss curve, the epochs to any target and the best constant
learning rate follow from one eigen-decomposition.  Momentum and Nesterov at a
constant rate keep each direction apart too: its error and velocity follow a 2x2
linear recurrence (direction_matrices), raised to the k-th power.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import LINEAR_OPTIMIZERS, OPTIMIZER_TITLES, TrainConfig
from ..decimate import distinct_sorted
from ..i18n import tr
from ..training.objective import QuadraticLoss
from .analysis import HasHessian, condition_number, smooth_lr_limit, stable_lr_limit
from .momentum import radius

#: Where the settings now began to steer a run: (epoch, parameters, velocity or None
#: for zero): theory predicts from there.
Segment = tuple[int, np.ndarray, "np.ndarray | None"]

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


def gd_excess_by_direction(quad: QuadraticLoss, theta0: np.ndarray, lr: float,
                           epochs: np.ndarray | int) -> np.ndarray:
    """Each eigen-direction's share of L(k) - L* after k epochs of full-batch gradient
    descent from ``theta0`` (last axis: the directions, shallowest first)."""
    values, vectors = eigen(quad)
    c = vectors.T @ (np.asarray(theta0, dtype=float) - quad.optimum)
    weight = 0.5 * values * c * c
    factor = np.abs(1.0 - lr * values)
    k = np.asarray(epochs, dtype=float)[..., None]
    with np.errstate(over="ignore", invalid="ignore"):
        return weight * factor ** (2.0 * k)


def gd_excess(quad: QuadraticLoss, theta0: np.ndarray, lr: float,
              epochs: np.ndarray | int) -> np.ndarray:
    """L(k) - L* after k epochs of full-batch gradient descent from ``theta0``."""
    return np.sum(gd_excess_by_direction(quad, theta0, lr, epochs), axis=-1)


def excess_by_direction(quad: QuadraticLoss, params: np.ndarray) -> np.ndarray:
    """Each eigen-direction's share of L - L* at parameters ``params`` (rows): half its
    eigenvalue times the squared error along it (shallowest first)."""
    values, vectors = eigen(quad)
    error = (np.asarray(params, dtype=float) - quad.optimum) @ vectors
    with np.errstate(over="ignore", invalid="ignore"):
        return 0.5 * values * error * error


def direction_matrices(kind: str, values: np.ndarray, lr: float, beta: float) -> np.ndarray:
    """Each eigen-direction's 2x2 iteration matrix on (error, velocity), as
    core.training.epochs.transition makes the whole one (shape: directions x 2 x 2)."""
    h = np.asarray(values, dtype=float)
    step = (1.0 - beta) * h
    m = np.empty((h.size, 2, 2))
    if kind == "nesterov":
        m[:, 0, 0], m[:, 0, 1] = 1.0 - lr * (1.0 + beta) * step, -lr * beta * beta
    else:
        m[:, 0, 0], m[:, 0, 1] = 1.0 - lr * step, -lr * beta
    m[:, 1, 0], m[:, 1, 1] = step, beta
    return m


def _matrix_powers(m: np.ndarray, k: np.ndarray) -> np.ndarray:
    """m^k for every matrix of ``m`` (directions x 2 x 2) and every k (shape: k x
    directions x 2 x 2), by squaring: powers of one matrix commute."""
    k = np.asarray(k, dtype=np.int64)
    out = np.broadcast_to(np.eye(2), (k.size, *m.shape)).copy()
    square, bit = m.copy(), 0
    while bit < 63 and (k >> bit).any():
        chosen = ((k >> bit) & 1).astype(bool)
        out[chosen] = square @ out[chosen]
        square = square @ square
        bit += 1
    return out


def momentum_excess_by_direction(quad: QuadraticLoss, kind: str, theta0: np.ndarray,
                                 v0: np.ndarray | None, lr: float, beta: float,
                                 epochs: np.ndarray) -> np.ndarray:
    """L(k) - L* of momentum or Nesterov at a constant rate from ``theta0`` with velocity
    ``v0`` (None: zero), per eigen-direction of the Hessian (shape: epochs x
    directions): each direction's error and velocity follow their own 2x2 recurrence."""
    values, vectors = eigen(quad)
    c = vectors.T @ (np.asarray(theta0, dtype=float) - quad.optimum)
    u = vectors.T @ (np.zeros_like(c) if v0 is None else np.asarray(v0, dtype=float))
    with np.errstate(over="ignore", invalid="ignore"):  # (a diverging run overflows)
        powers = _matrix_powers(direction_matrices(kind, values, lr, beta), np.ravel(epochs))
        error = powers[:, :, 0, 0] * c + powers[:, :, 0, 1] * u
        return 0.5 * values * error * error


def epochs_to_excess_momentum(quad: QuadraticLoss, kind: str, theta0: np.ndarray,
                              v0: np.ndarray | None, lr: float, beta: float,
                              target: float) -> int | None:
    """The first k with L(k) - L* <= target under momentum or Nesterov; None if not
    within MOMENTUM_HORIZON epochs.  The excess of a spiralling direction dips and rises
    again, so each epoch is looked at, a chunk at a time, as the measured run is."""
    with np.errstate(over="ignore", invalid="ignore"):  # (a diverging run overflows)
        return _scan_momentum(quad, kind, theta0, v0, lr, beta, target)


def _scan_momentum(quad: QuadraticLoss, kind: str, theta0: np.ndarray,
                   v0: np.ndarray | None, lr: float, beta: float, target: float) -> int | None:
    values, vectors = eigen(quad)
    m = direction_matrices(kind, values, lr, beta)
    state = np.stack([vectors.T @ (np.asarray(theta0, dtype=float) - quad.optimum),
                      vectors.T @ (np.zeros(values.size) if v0 is None
                                   else np.asarray(v0, dtype=float))], axis=1)
    chunk = _matrix_powers(m, np.arange(SCAN_CHUNK))  # m^0 .. m^(CHUNK-1)
    step = _matrix_powers(m, np.array([SCAN_CHUNK]))[0]
    for first in range(0, MOMENTUM_HORIZON, SCAN_CHUNK):
        error = np.einsum("kdj,dj->kd", chunk[:, :, 0, :], state)
        excess = np.sum(0.5 * values * error * error, axis=1)
        hits = np.flatnonzero(excess <= target)
        if hits.size:
            return first + int(hits[0])
        if not np.isfinite(excess).all():
            return None
        state = np.einsum("dij,dj->di", step, state)
    return None


#: Momentum's first epoch near the optimum is looked for this far (2^18 epochs), in
#: chunks of SCAN_CHUNK epochs (1 ms each).
MOMENTUM_HORIZON = 1 << 18
SCAN_CHUNK = 1 << 12


def excess_share(quad: QuadraticLoss, theta: np.ndarray, start: np.ndarray) -> float:
    """L(theta) - L* as a fraction of L(start) - L*: how much of the way to the optimum
    is still to go (1 at the start, 0 at the optimum); nan where the start is optimal."""
    first = quad.loss(start) - quad.min_loss
    return (quad.loss(theta) - quad.min_loss) / first if first > 0 else float("nan")


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
    """None when the closed form holds (full-batch gradient descent, momentum or
    Nesterov at a constant learning rate); else why not, in a phrase a student can
    read."""
    if config.optimizer not in LINEAR_OPTIMIZERS:
        return tr("{name} adapts its step to the gradients it has seen; the closed form is "
                  "for gradient descent and momentum").format(
                      name=tr(OPTIMIZER_TITLES[config.optimizer]))
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
    #: Not near the optimum by this epoch, though converging (momentum's search ends
    #: there); None when the run never comes near (or near_optimum_at says when).
    beyond: int | None = None
    #: L - L* at ``epochs`` along each eigen-direction (columns, shallowest first).
    by_direction: np.ndarray | None = None


def prediction(quad: QuadraticLoss, config: TrainConfig, theta0: np.ndarray,
               n_points: int, segment: Segment | None = None,
               until: int | None = None) -> Prediction:
    """The closed-form loss of a run from ``theta0``, when it holds: from where its
    assumptions begin, ``segment`` (the epoch of the last live change, the
    parameters and the velocity then; default the run's start), to ``until`` (the run's target; once
    reached, ``config.epochs`` further: what another round would do).  Its epoch
    near the optimum counts from the run's start, as the measured one does."""
    reason = why_no_prediction(config, n_points)
    if reason is not None:
        return Prediction(None, None, None, reason)
    start, theta, velocity = segment if segment is not None else \
        (0, np.asarray(theta0, dtype=float), None)
    end = until if until is not None and until > start else start + config.epochs
    epochs = distinct_sorted(np.linspace(start, end, PREDICTION_POINTS).astype(np.int64))
    target = near_optimum_excess(quad.min_loss, quad.loss(theta0))
    kind, lr, beta = config.optimizer, config.lr, config.momentum
    if kind == "gd":
        near = epochs_to_excess(quad, theta, lr, target)
        parts = gd_excess_by_direction(quad, theta, lr, epochs - start)
    else:
        near = epochs_to_excess_momentum(quad, kind, theta, velocity, lr, beta, target)
        parts = momentum_excess_by_direction(quad, kind, theta, velocity, lr, beta,
                                             epochs - start)
    with np.errstate(over="ignore", invalid="ignore"):
        loss = quad.min_loss + parts.sum(axis=1)
    beyond = None
    if near is None and kind != "gd" and float(radius(kind, lr, beta, eigen(quad)[0])) < 1:
        beyond = start + MOMENTUM_HORIZON
    return Prediction(epochs, loss, None if near is None else start + near, None, beyond,
                      parts)
