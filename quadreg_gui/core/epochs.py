"""Full-batch epochs in blocks: the updates of optimizers.py, computed faster.

With 2 or 3 parameters NumPy's cost per call is far above the arithmetic, so a
block of epochs avoids per-epoch NumPy calls:

- GD, momentum and Nesterov at a constant learning rate are linear in the error
  d = theta - theta* and the velocity v: z_{k+1} = T z_k.  The states of m epochs
  are T^k z_0, computed by doubling in log2(m) matrix products.
- Every other case (adaptive optimizers, decaying learning rates) runs on plain
  Python floats.

Each returns the block's history rows at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .config import TrainConfig
from .objective import Objective
from .optimizers import AdaGrad, Adam, Momentum, Nesterov, Optimizer, RMSProp
from .schedules import lr_at


@dataclass
class Block:
    """History rows of consecutive epochs: parameters after each, loss and gradient
    before each, the learning rate each used, and (momentum, Nesterov) the velocity
    after each."""

    params: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    grad: np.ndarray
    velocity: np.ndarray | None = None

    def __len__(self) -> int:
        return self.loss.size


def is_linear(opt: Optimizer, cfg: TrainConfig) -> bool:
    """True when epochs are a linear recurrence (computed by ``linear_block``)."""
    return cfg.schedule == "constant" and type(opt) in (Optimizer, Momentum, Nesterov)


# --- the linear recurrence -------------------------------------------------------------
def transition(opt: Optimizer, hessian: np.ndarray, lr: float, beta: float) -> np.ndarray:
    """T with (d', v') = T (d, v) for one epoch (just d' = T d for plain GD).

    momentum: v' = beta v + (1-beta) H d,  d' = d - lr v'
    nesterov: v' as above,                 d' = d - lr (beta v' + (1-beta) H d)
    """
    p = hessian.shape[0]
    eye = np.eye(p)
    if type(opt) is Optimizer:
        return eye - lr * hessian
    step = (1 - beta) * hessian
    if type(opt) is Nesterov:
        dd, dv = eye - lr * (1 + beta) * step, -lr * beta * beta * eye
    else:
        dd, dv = eye - lr * step, -lr * beta * eye
    return np.block([[dd, dv], [step, beta * eye]])


def powers_applied(t: np.ndarray, z0: np.ndarray, count: int) -> np.ndarray:
    """Rows T^k z0 for k = 0..count, by doubling: log2(count) matrix products."""
    z = np.empty((count + 1, z0.size))
    z[0] = z0
    filled, power = 1, t.T  # rows are states: row @ T^T = (T row)^T
    while filled <= count:
        take = min(filled, count + 1 - filled)
        z[filled:filled + take] = z[:take] @ power
        filled += take
        power = power @ power
    return z


def linear_block(obj: Objective, opt: Optimizer, cfg: TrainConfig, theta: np.ndarray,
                 count: int) -> Block:
    """``count`` epochs of GD, momentum or Nesterov at a constant learning rate, from
    ``theta`` and the optimizer's velocity; the optimizer is not changed."""
    p = theta.size
    hessian, optimum = obj.hessian, obj.optimum
    velocity = getattr(opt, "v", None)
    z0 = theta - optimum if velocity is None else np.concatenate([theta - optimum, velocity])
    with np.errstate(all="ignore"):
        z = powers_applied(transition(opt, hessian, cfg.lr, cfg.momentum), z0, count)
        d = z[:, :p]
        grad = d[:-1] @ hessian  # H is symmetric
        loss = obj.min_loss + 0.5 * np.einsum("ij,ij->i", d[:-1], grad)
    return Block(d[1:] + optimum, loss, np.full(count, cfg.lr), grad,
                 None if velocity is None else z[1:, p:])


# --- plain floats ---------------------------------------------------------------------
def float_block(obj: Objective, opt: Optimizer, cfg: TrainConfig, theta: np.ndarray,
                start: int, count: int) -> Block:
    """``count`` epochs from epoch ``start``, each as optimizers.py does it, on Python
    floats; the optimizer's state is left as after the last."""
    p = theta.size
    h = obj.hessian.tolist()
    star = obj.optimum.tolist()
    min_loss = obj.min_loss
    t = theta.tolist()
    lrs = [cfg.lr] * count if cfg.schedule == "constant" else \
        [lr_at(cfg, k) for k in range(start, start + count)]
    update = _UPDATES[type(opt)](opt, cfg, p)
    params, losses, grads = [], [], []
    for lr in lrs:
        d = [t[i] - star[i] for i in range(p)]
        g = [sum(h[i][j] * d[j] for j in range(p)) for i in range(p)]
        losses.append(min_loss + 0.5 * sum(d[i] * g[i] for i in range(p)))
        t = update(t, g, lr)
        params.append(t)
        grads.append(g)
    update.finish()  # type: ignore[attr-defined]
    return Block(np.array(params, dtype=float).reshape(count, p), np.array(losses),
                 np.array(lrs), np.array(grads, dtype=float).reshape(count, p))


class _FloatUpdate:
    """An optimizer's step on lists of floats, its state copied in and out."""

    def __init__(self, opt: Optimizer, cfg: TrainConfig, p: int) -> None:
        self.opt, self.cfg, self.p = opt, cfg, p

    def finish(self) -> None:
        """Write the state back into the optimizer."""


class _GD(_FloatUpdate):
    def __call__(self, t: list, g: list, lr: float) -> list:
        return [t[i] - lr * g[i] for i in range(self.p)]


class _Momentum(_FloatUpdate):
    def __init__(self, opt: Optimizer, cfg: TrainConfig, p: int) -> None:
        super().__init__(opt, cfg, p)
        self.v = opt.v.tolist()  # type: ignore[attr-defined]
        self.beta = cfg.momentum
        self.nesterov = type(opt) is Nesterov

    def __call__(self, t: list, g: list, lr: float) -> list:
        beta, v = self.beta, self.v
        for i in range(self.p):
            v[i] = beta * v[i] + (1.0 - beta) * g[i]
        if self.nesterov:
            return [t[i] - lr * (beta * v[i] + (1.0 - beta) * g[i]) for i in range(self.p)]
        return [t[i] - lr * v[i] for i in range(self.p)]

    def finish(self) -> None:
        self.opt.v = np.array(self.v)  # type: ignore[attr-defined]


class _AdaGrad(_FloatUpdate):
    def __init__(self, opt: Optimizer, cfg: TrainConfig, p: int) -> None:
        super().__init__(opt, cfg, p)
        self.g2 = opt.g2.tolist()  # type: ignore[attr-defined]

    def __call__(self, t: list, g: list, lr: float) -> list:
        g2, eps = self.g2, self.cfg.eps
        out = []
        for i in range(self.p):
            g2[i] = g2[i] + g[i] * g[i]
            out.append(t[i] - lr * g[i] / (math.sqrt(g2[i]) + eps))
        return out

    def finish(self) -> None:
        self.opt.g2 = np.array(self.g2)  # type: ignore[attr-defined]


class _RMSProp(_FloatUpdate):
    def __init__(self, opt: Optimizer, cfg: TrainConfig, p: int) -> None:
        super().__init__(opt, cfg, p)
        self.s = opt.s.tolist()  # type: ignore[attr-defined]

    def __call__(self, t: list, g: list, lr: float) -> list:
        s, b2, eps = self.s, self.cfg.beta2, self.cfg.eps
        out = []
        for i in range(self.p):
            s[i] = b2 * s[i] + (1.0 - b2) * g[i] * g[i]
            out.append(t[i] - lr * g[i] / (math.sqrt(s[i]) + eps))
        return out

    def finish(self) -> None:
        self.opt.s = np.array(self.s)  # type: ignore[attr-defined]


class _Adam(_FloatUpdate):
    def __init__(self, opt: Optimizer, cfg: TrainConfig, p: int) -> None:
        super().__init__(opt, cfg, p)
        self.m = opt.m.tolist()  # type: ignore[attr-defined]
        self.s = opt.s.tolist()  # type: ignore[attr-defined]
        self.t = opt.t  # type: ignore[attr-defined]

    def __call__(self, t: list, g: list, lr: float) -> list:
        m, s, cfg = self.m, self.s, self.cfg
        b1, b2, eps = cfg.beta1, cfg.beta2, cfg.eps
        self.t += 1
        c1, c2 = 1.0 - b1**self.t, 1.0 - b2**self.t
        out = []
        for i in range(self.p):
            gi = g[i]
            m[i] = b1 * m[i] + (1.0 - b1) * gi
            s[i] = b2 * s[i] + (1.0 - b2) * gi * gi
            out.append(t[i] - lr * (m[i] / c1) / (math.sqrt(s[i] / c2) + eps))
        return out

    def finish(self) -> None:
        opt = self.opt
        opt.m, opt.s, opt.t = np.array(self.m), np.array(self.s), self.t  # type: ignore


_UPDATES: dict[type, type[_FloatUpdate]] = {
    Optimizer: _GD, Momentum: _Momentum, Nesterov: _Momentum, AdaGrad: _AdaGrad,
    RMSProp: _RMSProp, Adam: _Adam,
}
