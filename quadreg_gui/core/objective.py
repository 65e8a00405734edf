"""The loss 0.5*sum((y_hat - y)^2) + 0.5*lambda*sum(theta_reg^2), from sufficient statistics.

The loss is quadratic in theta, so after one O(n) pass everything per epoch
costs O(p^2) whatever the size of the data, in a form that stays accurate near
the optimum (no cancellation of large sums):

    loss(theta) = L* + 0.5 * d @ H @ d,   grad(theta) = H @ d,   d = theta - theta*
"""

from __future__ import annotations

import numpy as np

from .data import Dataset
from .model import Model


class Objective:
    """Loss and gradient of one model on one data set with L2 strength ``l2``."""

    def __init__(self, model: Model, data: Dataset, l2: float = 0.0) -> None:
        self.model = model
        self.data = data
        self.phi = model.design(data.x)
        self.gram = self.phi.T @ self.phi
        self.set_l2(l2)

    def set_l2(self, l2: float) -> None:
        """Recompute the Hessian, optimum and minimal loss for a new L2 strength."""
        self.l2 = float(l2)
        penalty = self.l2 * self.model.regularized
        self.hessian = self.gram + np.diag(penalty)
        # Least squares on [Phi; sqrt(penalty)] avoids squaring Phi's condition number.
        a = np.vstack([self.phi, np.diag(np.sqrt(penalty))])
        rhs = np.concatenate([self.data.y, np.zeros(self.model.n_params)])
        self.optimum = np.linalg.lstsq(a, rhs, rcond=None)[0]
        residual = self.phi @ self.optimum - self.data.y
        self.min_loss = 0.5 * float(residual @ residual) + 0.5 * float(
            penalty @ self.optimum**2)

    def loss(self, theta: np.ndarray) -> float:
        d = np.asarray(theta, dtype=float) - self.optimum
        return self.min_loss + 0.5 * float(d @ self.hessian @ d)

    def grad(self, theta: np.ndarray) -> np.ndarray:
        return self.hessian @ (np.asarray(theta, dtype=float) - self.optimum)

    def batch_grad(self, theta: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Gradient of the mini-batch ``rows``: its share of the sum and of the penalty."""
        phi = self.phi[rows]
        residual = phi @ theta - self.data.y[rows]
        share = rows.size / self.data.n
        return phi.T @ residual + share * self.l2 * self.model.regularized * theta

    def losses(self, thetas: np.ndarray) -> np.ndarray:
        """Loss of many parameter vectors at once (rows of ``thetas``)."""
        d = np.asarray(thetas, dtype=float) - self.optimum
        return self.min_loss + 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)
