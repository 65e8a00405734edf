"""Models linear in their parameters: y_hat = Phi(x) @ theta."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Model:
    """A feature map Phi(x) with named parameters.

    ``powers`` are the powers of x forming Phi's columns; the column with power
    0 is the intercept, which L2 regularization leaves alone (as the article
    regularizes w only).  ``init_draws`` says which of the seeded uniform draws
    that follow the data initialises each parameter: the x^2 coefficient (the
    line's slope) and the intercept take the article's first and second draws in
    every model, so switching model keeps the article's starting point for them.
    """

    name: str
    params: tuple[str, ...]
    powers: tuple[int, ...]
    init_draws: tuple[int, ...]
    formula: str

    @property
    def n_params(self) -> int:
        return len(self.params)

    @property
    def regularized(self) -> np.ndarray:
        """1.0 for each penalized parameter, 0.0 for the intercept."""
        return np.array([0.0 if p == 0 else 1.0 for p in self.powers])

    def design(self, x: np.ndarray) -> np.ndarray:
        """Phi(x): one row per point, one column per parameter."""
        x = np.asarray(x, dtype=float)
        return np.stack([x**p if p else np.ones_like(x) for p in self.powers], axis=1)

    def predict(self, theta: np.ndarray, x: np.ndarray) -> np.ndarray:
        return self.design(x) @ np.asarray(theta, dtype=float)

    def initial(self, draws: np.ndarray, init: dict[str, float] | None = None) -> np.ndarray:
        """The starting parameters: ``init`` by name, the others the seeded draws."""
        init = init or {}
        return np.array([init.get(name, draws[i]) for name, i in zip(self.params, self.init_draws)],
                        dtype=float)

    def through(self, theta: np.ndarray, z: float, y: float, vertex: bool) -> np.ndarray:
        """The parameters of the curve moved by hand to pass through (z, y): with
        ``vertex`` (grabbed near z = 0) the whole curve shifts (the intercept alone
        changes); else the highest power's coefficient changes (the parabola's
        opening, the line's slope), the rest of the curve held at z = 0."""
        theta = np.asarray(theta, dtype=float).copy()
        miss = y - float(self.predict(theta, np.array([z]))[0])
        if vertex or z == 0:
            theta[self.powers.index(0)] += miss
        else:
            top = self.powers.index(max(self.powers))
            theta[top] += miss / z ** self.powers[top]
        return theta

    def named(self, theta: np.ndarray) -> dict[str, float]:
        return {name: float(v) for name, v in zip(self.params, theta)}


MODELS: dict[str, Model] = {
    "article": Model("article", ("w", "b"), (2, 0), (0, 1), "y = w·x² + b"),
    "line": Model("line", ("a", "b"), (1, 0), (0, 1), "y = a·x + b"),
    "quadratic": Model("quadratic", ("a", "b", "c"), (2, 1, 0), (0, 2, 1), "y = a·x² + b·x + c"),
    "cubic": Model("cubic", ("a", "b", "c", "d"), (3, 2, 1, 0), (3, 0, 2, 1),
                   "y = a·x³ + b·x² + c·x + d"),
}

#: How many seeded uniform draws follow the data (enough for every model).
N_INIT_DRAWS = max(len(m.params) for m in MODELS.values())
