"""The loss 0.5*sum((y_hat - y)^2) + 0.5*lambda*sum(theta_reg^2), from sufficient statistics.

The loss is quadratic in theta, so after one O(n) pass everything per epoch
costs O(p^2) whatever the size of the data, in a form that stays accurate near
the optimum (no cancellation of large sums):

    loss(theta) = L* + 0.5 * d @ H @ d,   grad(theta) = H @ d,   d = theta - theta*

The pass is a QR decomposition of [Phi | y] taken chunk by chunk (TSQR): its
(p+1) x (p+1) triangle R holds everything the loss needs.  Unlike the Gram
matrix Phi^T Phi it does not square the condition number, so the optimum is as
accurate as lstsq's on the whole matrix even for x in [1000, 1001]; no n x p
matrix is ever stored; and a new L2 strength is a (2p) x p least-squares
problem, O(p^3), whatever the number of points.
"""

from __future__ import annotations

import numpy as np

from .data import Dataset
from .model import Model

#: Points per chunk of the pass over the data: bounded memory, and the GIL is
#: free between chunks for the GUI thread.
CHUNK = 1 << 17


def qr_triangle(model: Model, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R of the QR decomposition of [Phi(x) | y], in chunks of CHUNK rows."""
    p = model.n_params
    r = np.zeros((0, p + 1))
    for start in range(0, x.size, CHUNK):
        block = np.empty((min(CHUNK, x.size - start), p + 1))
        block[:, :p] = model.design(x[start:start + CHUNK])
        block[:, p] = y[start:start + CHUNK]
        r = np.linalg.qr(np.vstack([r, block]), mode="r")
    return r


class Objective:
    """Loss and gradient of one model on one data set with L2 strength ``l2``."""

    def __init__(self, model: Model, data: Dataset, l2: float = 0.0) -> None:
        self.model = model
        self.data = data
        p = model.n_params
        r = np.zeros((p + 1, p + 1))
        tri = qr_triangle(model, data.x, data.y)
        r[:tri.shape[0]] = tri  # fewer points than columns: the rest is zero
        self._r, self._z, self._rss = r[:p, :p], r[:p, p], float(r[p, p] ** 2)
        self.gram = self._r.T @ self._r  # Phi^T Phi
        #: Derived arrays that depend only on the data, made when first needed.
        self.cache: dict[str, np.ndarray] = {}
        self.set_l2(l2)

    # --- what training uses ----------------------------------------------------------
    def set_l2(self, l2: float) -> None:
        """The Hessian, optimum and minimal loss for a new L2 strength: O(p^3).

        ||Phi theta - y||^2 = ||R theta - z||^2 + rss, so the optimum solves
        [R; sqrt(penalty)] theta = [z; 0] in the least-squares sense.
        """
        self.l2 = float(l2)
        penalty = self.l2 * self.model.regularized
        self.hessian = self.gram + np.diag(penalty)
        a = np.vstack([self._r, np.diag(np.sqrt(penalty))])
        rhs = np.concatenate([self._z, np.zeros(penalty.size)])
        self.optimum = np.linalg.lstsq(a, rhs, rcond=None)[0]
        misfit = self._r @ self.optimum - self._z
        self.min_loss = 0.5 * (self._rss + float(misfit @ misfit)) \
            + 0.5 * float(penalty @ self.optimum**2)

    def loss(self, theta: np.ndarray) -> float:
        d = np.asarray(theta, dtype=float) - self.optimum
        return self.min_loss + 0.5 * float(d @ self.hessian @ d)

    def grad(self, theta: np.ndarray) -> np.ndarray:
        return self.hessian @ (np.asarray(theta, dtype=float) - self.optimum)

    def losses(self, thetas: np.ndarray) -> np.ndarray:
        """Loss of many parameter vectors at once (rows of ``thetas``)."""
        d = np.asarray(thetas, dtype=float) - self.optimum
        return self.min_loss + 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)
