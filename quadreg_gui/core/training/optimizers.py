"""Update rules.  Each keeps its own state and reads its settings from the config
at every step, so settings can change between epochs without losing the state."""

from __future__ import annotations

import numpy as np

from ..config import TrainConfig


class Optimizer:
    """Plain gradient descent, as in the article: theta -= lr * g."""

    #: The per-parameter state arrays it keeps (attribute names).
    STATE: tuple[str, ...] = ()

    def __init__(self, n_params: int) -> None:
        self.n_params = n_params
        self.reset()

    def reset(self) -> None:
        """Forget the state (velocities, averages, step count)."""

    def state(self) -> dict:
        """A copy of the state (STATE's arrays and Adam's step count)."""
        kept = {name: getattr(self, name).copy() for name in self.STATE}
        if hasattr(self, "t"):
            kept["t"] = self.t  # type: ignore[attr-defined]
        return kept

    def restore(self, state: dict) -> None:
        """The state ``state`` (from ``state()``) again."""
        for name, value in state.items():
            setattr(self, name, value.copy() if isinstance(value, np.ndarray) else value)

    def step(self, theta: np.ndarray, g: np.ndarray, lr: float, cfg: TrainConfig) -> np.ndarray:
        return theta - lr * g


class Momentum(Optimizer):
    """The article's momentum: v = beta*v + (1-beta)*g; theta -= lr*v."""

    STATE = ("v",)

    def reset(self) -> None:
        self.v = np.zeros(self.n_params)

    def step(self, theta: np.ndarray, g: np.ndarray, lr: float, cfg: TrainConfig) -> np.ndarray:
        beta = cfg.momentum
        self.v = beta * self.v + (1.0 - beta) * g
        return theta - lr * self.v


class Nesterov(Momentum):
    """Nesterov momentum in the article's averaged form, without a look-ahead gradient.

    v = beta*v + (1-beta)*g; theta -= lr*(beta*v + (1-beta)*g).  This is the usual
    reformulation of the look-ahead step (as in PyTorch's nesterov=True and NAdam):
    the step already contains the next velocity's share of the current gradient.
    """

    def step(self, theta: np.ndarray, g: np.ndarray, lr: float, cfg: TrainConfig) -> np.ndarray:
        beta = cfg.momentum
        self.v = beta * self.v + (1.0 - beta) * g
        return theta - lr * (beta * self.v + (1.0 - beta) * g)


class AdaGrad(Optimizer):
    """G += g^2; theta -= lr * g / (sqrt(G) + eps)."""

    STATE = ("g2",)

    def reset(self) -> None:
        self.g2 = np.zeros(self.n_params)

    def step(self, theta: np.ndarray, g: np.ndarray, lr: float, cfg: TrainConfig) -> np.ndarray:
        self.g2 = self.g2 + g * g
        return theta - lr * g / (np.sqrt(self.g2) + cfg.eps)


class RMSProp(Optimizer):
    """s = beta2*s + (1-beta2)*g^2; theta -= lr * g / (sqrt(s) + eps)."""

    STATE = ("s",)

    def reset(self) -> None:
        self.s = np.zeros(self.n_params)

    def step(self, theta: np.ndarray, g: np.ndarray, lr: float, cfg: TrainConfig) -> np.ndarray:
        self.s = cfg.beta2 * self.s + (1.0 - cfg.beta2) * g * g
        return theta - lr * g / (np.sqrt(self.s) + cfg.eps)


class Adam(Optimizer):
    """Adam with bias correction (Kingma & Ba, 2015); t counts steps."""

    STATE = ("m", "s")

    def reset(self) -> None:
        self.m = np.zeros(self.n_params)
        self.s = np.zeros(self.n_params)
        self.t = 0

    def step(self, theta: np.ndarray, g: np.ndarray, lr: float, cfg: TrainConfig) -> np.ndarray:
        self.t += 1
        self.m = cfg.beta1 * self.m + (1.0 - cfg.beta1) * g
        self.s = cfg.beta2 * self.s + (1.0 - cfg.beta2) * g * g
        m_hat = self.m / (1.0 - cfg.beta1**self.t)
        s_hat = self.s / (1.0 - cfg.beta2**self.t)
        return theta - lr * m_hat / (np.sqrt(s_hat) + cfg.eps)


OPTIMIZER_CLASSES: dict[str, type[Optimizer]] = {
    "gd": Optimizer,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": AdaGrad,
    "rmsprop": RMSProp,
    "adam": Adam,
}


def make_optimizer(name: str, n_params: int) -> Optimizer:
    return OPTIMIZER_CLASSES[name](n_params)
