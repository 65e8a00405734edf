"""Momentum's convergence rate over the learning rate and beta: Distill's map of "Why
Momentum Really Works", for this app's momentum.

QuadReg's momentum is the moving average v' = beta*v + (1-beta)*g, theta' = theta -
lr*v'.  With alpha = lr*(1-beta) that is the heavy ball of the article and of Distill,
theta' = theta - alpha*g + beta*(theta - theta_prev): Distill's step size alpha is
lr*(1-beta) here.

Along an eigenvector of the Hessian with eigenvalue h, the error and the velocity
evolve by a 2x2 matrix (core.training.epochs.transition) whose characteristic polynomial is

    momentum: z^2 - (1 + beta - alpha*h) z + beta
    nesterov: z^2 - (1 + beta - alpha*(1+beta)*h) z + beta*(1 - alpha*h)

The run's rate, the factor by which the error shrinks each epoch in the long run, is
the largest root's modulus over every eigenvalue h (the spectral radius); plain
gradient descent is the edge beta = 0, with rate max |1 - lr*h|.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: The optimizers the map is drawn for.
MOMENTUM_KINDS = ("momentum", "nesterov")


def _coefficients(kind: str, lr: np.ndarray, beta: np.ndarray,
                  h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Trace and determinant of the 2x2 iteration matrix on (error, velocity)."""
    a = lr * (1.0 - beta) * h
    if kind == "nesterov":
        return 1.0 + beta - a * (1.0 + beta), beta * (1.0 - a)
    return 1.0 + beta - a, beta + 0.0 * a


def radius(kind: str, lr: np.ndarray | float, beta: np.ndarray | float,
           eigenvalues: np.ndarray) -> np.ndarray:
    """The spectral radius of the iteration for every (lr, beta) (broadcast together):
    the largest modulus of a root, over the Hessian's eigenvalues."""
    lr, beta = np.broadcast_arrays(np.asarray(lr, dtype=float), np.asarray(beta, dtype=float))
    worst = np.zeros(lr.shape)
    for h in np.asarray(eigenvalues, dtype=float):
        trace, det = _coefficients(kind, lr, beta, h)
        root = np.sqrt((trace * trace - 4.0 * det).astype(complex))
        worst = np.maximum(worst, np.maximum(np.abs(trace + root), np.abs(trace - root)) / 2)
    return worst


def critical_beta(kind: str, lr: np.ndarray, h: float) -> np.ndarray:
    """Along the direction of eigenvalue h, the beta at which its two roots meet
    (critical damping: above it the error spirals, below it decays without turning),
    for each lr; NaN where no beta in [0, 1) does.

    Momentum: the discriminant (1 - a + beta(1 + a))^2 - 4 beta, a = lr*h, vanishes at
    beta = ((1 - a)/(1 + a))^2 (and at 1).  Nesterov: its first change of sign on a
    grid of beta, then bisection.
    """
    lr = np.asarray(lr, dtype=float)
    a = lr * h
    if kind == "momentum":
        return ((1.0 - a) / (1.0 + a)) ** 2

    def disc(beta: np.ndarray) -> np.ndarray:
        trace, det = _coefficients(kind, lr.ravel(), beta, h)
        return trace * trace - 4.0 * det

    betas = np.linspace(0.0, 1.0, 2001)[:-1, None]
    signs = np.sign(disc(betas))
    change = signs[:-1] != signs[1:]
    first = np.argmax(change, axis=0)
    low, high = betas[first, 0], betas[first + 1, 0]
    low_sign = signs[first, np.arange(first.size)]
    for _ in range(48):  # bisection, every lr at once
        mid = 0.5 * (low + high)
        same = np.sign(disc(mid)) == low_sign
        low, high = np.where(same, mid, low), np.where(same, high, mid)
    return np.where(change.any(axis=0), 0.5 * (low + high), np.nan).reshape(lr.shape)


@dataclass(frozen=True)
class Optimal:
    """The pair with the smallest rate, and that rate."""

    lr: float
    beta: float
    rate: float


def optimal(kind: str, eigenvalues: np.ndarray) -> Optimal | None:
    """The (lr, beta) of the fastest convergence; None for a flat direction.

    Momentum: Polyak's pair, alpha = 4/(sqrt(L)+sqrt(mu))^2 and beta =
    ((sqrt(k)-1)/(sqrt(k)+1))^2 with k = L/mu, rate sqrt(beta); lr = alpha/(1-beta).
    Nesterov: found numerically (a grid in log lr and beta, then refined).
    """
    values = np.asarray(eigenvalues, dtype=float)
    low, high = float(values.min()), float(values.max())
    if low <= 0:
        return None
    if kind == "momentum":
        root_k = math.sqrt(high / low)
        beta = ((root_k - 1.0) / (root_k + 1.0)) ** 2
        alpha = 4.0 / (math.sqrt(high) + math.sqrt(low)) ** 2
        return Optimal(alpha / (1.0 - beta), beta, math.sqrt(beta))
    centre_lr, centre_beta, span_lr, span_beta = 1.0 / high, 0.5, 4.0, 0.5
    best = (math.inf, centre_lr, centre_beta)
    for _ in range(12):  # each round zooms in on the best cell
        lrs = centre_lr * np.logspace(-span_lr, span_lr, 81)
        betas = np.clip(np.linspace(centre_beta - span_beta, centre_beta + span_beta, 81),
                        0.0, 1.0 - 1e-12)
        grid = radius(kind, lrs[None, :], betas[:, None], values)
        i, j = np.unravel_index(np.argmin(grid), grid.shape)
        best = min(best, (float(grid[i, j]), float(lrs[j]), float(betas[i])))
        _, centre_lr, centre_beta = best
        span_lr, span_beta = span_lr / 4, span_beta / 4
    rate, lr, beta = best
    return Optimal(lr, beta, rate)


def divergence_lr(kind: str, betas: np.ndarray, top: float) -> np.ndarray:
    """For each beta, the learning rate above which the run diverges (the steepest
    direction's, eigenvalue ``top``; core.analysis.analysis.stable_lr_limit)."""
    betas = np.asarray(betas, dtype=float)
    if kind == "nesterov":
        return 2.0 * (1.0 + betas) / ((1.0 + 2.0 * betas) * (1.0 - betas) * top)
    return 2.0 * (1.0 + betas) / ((1.0 - betas) * top)


def epochs_to_shrink(rate: np.ndarray | float, factor: float = 0.01) -> np.ndarray:
    """Epochs for the error to shrink by ``factor`` at ``rate`` per epoch (inf when the
    rate is 1 or more, 0 when it is 0)."""
    rate = np.asarray(rate, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        epochs = np.log(factor) / np.log(rate)
    return np.where(rate >= 1.0, np.inf, np.where(rate <= 0.0, 0.0, epochs))


@dataclass(frozen=True)
class MomentumMap:
    """The rate over a grid (``rate[i, j]`` at ``betas[i]`` and ``lrs[j]``), and the
    lines drawn over it: where runs diverge, and where the shallowest and the steepest
    directions are critically damped (``critical[k][j]``: the beta at ``lrs[j]``)."""

    kind: str
    lrs: np.ndarray  # log-spaced
    betas: np.ndarray
    rate: np.ndarray
    best: Optimal | None
    divergence: np.ndarray  # the lr of divergence at each beta
    critical: tuple[np.ndarray, np.ndarray]  # (shallowest, steepest)


#: The map's beta axis ends here: beyond, every rate is near 1.
BETA_MAX = 0.995


def momentum_map(kind: str, eigenvalues: np.ndarray, size: int = 200) -> MomentumMap:
    """The rate over learning rates from 1e-3 to 1e3 over lambda_max (log-spaced: GD's
    limit is 2/lambda_max, momentum's grows as beta nears 1) and beta from 0 to
    BETA_MAX."""
    values = np.asarray(eigenvalues, dtype=float)
    top = float(values.max()) if values.size and values.max() > 0 else 1.0
    low = float(values.min()) if values.size else top
    lrs = np.logspace(math.log10(1e-3 / top), math.log10(1e3 / top), size)
    betas = np.linspace(0.0, BETA_MAX, size)
    return MomentumMap(kind, lrs, betas, radius(kind, lrs[None, :], betas[:, None], values),
                       optimal(kind, values), divergence_lr(kind, betas, top),
                       (critical_beta(kind, lrs, max(low, 0.0)), critical_beta(kind, lrs, top)))
