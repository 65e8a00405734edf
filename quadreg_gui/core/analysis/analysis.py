"""What can be said of the problem without training: optimum, curvature, stability."""

from __future__ import annotations

import math

import numpy as np

from ..config import TrainConfig
from ..training.objective import Objective, QuadraticLoss

#: Anything with the Hessian of the loss.
HasHessian = Objective | QuadraticLoss


def eigenvalues(obj: HasHessian) -> np.ndarray:
    """Eigenvalues of the Hessian Phi^T Phi + lambda*D, ascending."""
    return np.linalg.eigvalsh(obj.hessian)


def condition_number(obj: HasHessian) -> float:
    """lambda_max / lambda_min of the Hessian (inf when it is singular)."""
    ev = eigenvalues(obj)
    return math.inf if ev[0] <= 0 else float(ev[-1] / ev[0])


def stable_lr_limit(obj: HasHessian, cfg: TrainConfig) -> float | None:
    """The largest learning rate at which full-batch training converges.

    Along an eigenvector of the Hessian with eigenvalue h the error e evolves
    linearly; stability needs every root of its characteristic polynomial inside
    the unit circle (Jury's conditions).  With a = lr*(1-beta)*h:

    - gd:       e' = (1 - lr*h) e, stable for lr < 2/h.
    - momentum: v' = beta*v + (1-beta)*h*e, e' = e - lr*v'.  The matrix on (e, v)
      has trace 1 + beta - a and determinant beta, so z^2 - (1+beta-a) z + beta
      is stable iff 0 < a < 2(1+beta):  lr < 2(1+beta) / ((1-beta) h).
    - nesterov: e' = e - lr*(beta*v' + (1-beta)*h*e) gives trace 1 + beta - a(1+beta)
      and determinant beta(1-a), stable iff a < 2(1+beta)/(1+2beta):
      lr < 2(1+beta) / ((1+2beta)(1-beta) h).

    The binding eigenvalue is the largest, h = lambda_max.  Returns None for the
    adaptive optimizers, whose step size is not fixed by lr alone.  For mini-batch
    training this full-batch limit is a guide, not a guarantee.
    """
    h = float(eigenvalues(obj)[-1])
    beta = cfg.momentum
    if cfg.optimizer == "gd":
        factor = 2.0
    elif cfg.optimizer == "momentum":
        factor = 2.0 * (1.0 + beta) / (1.0 - beta)
    elif cfg.optimizer == "nesterov":
        factor = 2.0 * (1.0 + beta) / ((1.0 + 2.0 * beta) * (1.0 - beta))
    else:
        return None
    return math.inf if h <= 0 else factor / h


def smooth_lr_limit(obj: HasHessian, cfg: TrainConfig) -> float | None:
    """The largest learning rate at which no direction oscillates: every mode's
    characteristic roots (see ``stable_lr_limit``) real and positive.

    - gd: 1 - lr*h >= 0, lr <= 1/h.
    - momentum: real roots of z^2 - (1+beta-a) z + beta need a <= (1-sqrt(beta))^2.
    - nesterov: trace (1+beta)(1-a), determinant beta(1-a): real iff
      1 - a >= 4 beta / (1+beta)^2, i.e. a <= ((1-beta)/(1+beta))^2.

    With a = lr*(1-beta)*h and h = lambda_max binding.  None for adaptive optimizers.
    """
    h = float(eigenvalues(obj)[-1])
    beta = cfg.momentum
    if cfg.optimizer == "gd":
        a_max, scale = 1.0, 1.0
    elif cfg.optimizer == "momentum":
        a_max, scale = (1.0 - math.sqrt(beta)) ** 2, 1.0 - beta
    elif cfg.optimizer == "nesterov":
        a_max, scale = ((1.0 - beta) / (1.0 + beta)) ** 2, 1.0 - beta
    else:
        return None
    return math.inf if h <= 0 else a_max / (scale * h)


def loss_grid(obj: Objective, center: np.ndarray, i: int, j: int,
              u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Loss on a grid over parameters ``i`` (values ``u``) and ``j`` (values ``v``).

    The other parameters stay at ``center``.  Returns shape (len(v), len(u)), row
    k holding parameter j = v[k], ready for a contour or image plot.
    """
    thetas = np.broadcast_to(np.asarray(center, dtype=float),
                             (len(v), len(u), obj.model.n_params)).copy()
    thetas[..., i] = np.asarray(u)[None, :]
    thetas[..., j] = np.asarray(v)[:, None]
    return obj.losses(thetas)


def suggested_lr(limit: float) -> float:
    """A learning rate safely inside the stable range: half the limit, 3 digits."""
    return float(f"{limit / 2:.3g}")


#: Decades the learning-rate slider spans.
LR_SLIDER_SPAN = 6


def lr_decades(limit: float | None) -> tuple[int, int]:
    """The decades (low, high) of a learning-rate slider for this stable limit.

    The slider ends one decade above the decade holding the limit, so the
    unstable side is visible but does not take most of the slider; it spans
    LR_SLIDER_SPAN decades.  Without a limit (adaptive optimizers): 1e-6 to 1.
    """
    if limit is None or not math.isfinite(limit) or limit <= 0:
        return -LR_SLIDER_SPAN, 0
    high = math.ceil(math.log10(limit) - 1e-12) + 1
    return high - LR_SLIDER_SPAN, high
