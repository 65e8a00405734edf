"""The loss 0.5*sum((y_hat - y)^2) + 0.5*lambda*sum(theta_reg^2), from sufficient statistics.

That is the article's loss, a sum over the points; the mean is the same divided by
n (its penalty too, so lambda and the optimum are the same): its gradient does not
grow with the number of points, and neither does a learning rate's effect.

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

from dataclasses import dataclass

import numpy as np

from ..data import CHUNK, Dataset
from ..interrupt import check
from .model import Model


def qr_triangle(model: Model, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R of the QR decomposition of [Phi(x) | y], in chunks of CHUNK rows."""
    p = model.n_params
    r = np.zeros((0, p + 1))
    for start in range(0, x.size, CHUNK):
        check()
        block = np.empty((min(CHUNK, x.size - start), p + 1))
        block[:, :p] = model.design(x[start:start + CHUNK])
        block[:, p] = y[start:start + CHUNK]
        r = np.linalg.qr(np.vstack([r, block]), mode="r")
    return r


def total_sum_of_squares(y: np.ndarray) -> float:
    """sum((y - mean(y))^2), in chunks (bounded memory; the GIL is freed between them)."""
    mean = float(np.mean(y)) if y.size else 0.0
    total = 0.0
    for start in range(0, y.size, CHUNK):
        check()
        total += float(np.sum((y[start:start + CHUNK] - mean) ** 2))
    return total


@dataclass(frozen=True)
class QuadraticLoss:
    """loss(theta) = min_loss + 0.5 * d @ hessian @ d with d = theta - optimum: the
    whole loss surface in O(p^2) numbers, sent to the window for its instruments.

    ``penalty`` is lambda for each penalized parameter (0 for the intercept);
    ``n`` and ``ss_tot`` (the spread of y about its mean) give R^2 and RMSE;
    ``root`` is a square root of the Hessian (hessian = root^T root: the QR
    factor R of Phi over the rows sqrt(penalty)), whose condition number is the
    square root of the Hessian's: solves and excess losses computed from it stay
    accurate where the Hessian's do not (x in [1000, 1001]: condition 1e13).
    ``scale`` is 1 for the article's sum, 1/n for the mean: the loss is the sum's
    times ``scale``.
    """

    hessian: np.ndarray
    optimum: np.ndarray
    min_loss: float
    penalty: np.ndarray
    n: int
    ss_tot: float
    root: np.ndarray
    scale: float = 1.0

    @property
    def constant_loss(self) -> float:
        """The loss of the best constant fit (the mean of y), without a penalty."""
        return 0.5 * self.scale * self.ss_tot

    def same_surface(self, other: QuadraticLoss | None) -> bool:
        """The same loss surface (an L2 change moves it; a new report of it does not)."""
        return other is not None and np.array_equal(self.hessian, other.hessian) \
            and np.array_equal(self.optimum, other.optimum) and self.min_loss == other.min_loss

    def losses(self, thetas: np.ndarray) -> np.ndarray:
        d = np.asarray(thetas, dtype=float) - self.optimum
        return self.min_loss + 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)

    def loss(self, theta: np.ndarray) -> float:
        return float(self.losses(theta))

    def grad(self, theta: np.ndarray) -> np.ndarray:
        return self.hessian @ (np.asarray(theta, dtype=float) - self.optimum)

    def fit_quality(self, theta: np.ndarray) -> tuple[float, float]:
        """(R^2, RMSE) of the fit ``theta`` to the data: the loss without its penalty
        is half the residual sum of squares (times ``scale``)."""
        theta = np.asarray(theta, dtype=float)
        with np.errstate(all="ignore"):
            ss_res = max(0.0, 2.0 * self.loss(theta) / self.scale
                         - float(self.penalty @ theta**2))
            r2 = 1.0 - ss_res / self.ss_tot if self.ss_tot > 0 else float("nan")
            return r2, float(np.sqrt(ss_res / self.n))


#: Largest per-point statistics kept between epochs (floats): 64 MB.
POINT_STATISTICS_LIMIT = 1 << 23


def distinct_exponents(model: Model) -> list[int]:
    """The distinct powers of x in phi phi^T, but 0 (its sum is the batch's count)."""
    return sorted({a + b for a in model.powers for b in model.powers} - {0})


def point_statistics(model: Model, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per point (a row each): x^e for each distinct power e in phi phi^T (not 0), then
    phi * y.

    The features are powers of x, so the entries of phi phi^T are powers of x: a
    few distinct ones, each computed once (4 rows for w*x^2 + b, not 6).
    """
    exponents = distinct_exponents(model)
    monomial = {0: np.ones_like(x), 1: x}
    for k in range(2, max(exponents) + 1):
        monomial[k] = monomial[k - 1] * x
    # One row per point: a batch's gather reads whole rows (a cache line each).
    return np.stack([monomial[e] for e in exponents] +
                    [monomial[a] * y for a in model.powers], axis=1)


class Objective:
    """Loss and gradient of one model on one data set with L2 strength ``l2``: the
    article's sum over the points, or with ``mean`` the sum divided by n."""

    def __init__(self, model: Model, data: Dataset, l2: float = 0.0,
                 mean: bool = False) -> None:
        self.model = model
        self.mean = mean
        self.l2 = float(l2)
        self._point_statistics: np.ndarray | None = None
        #: What the epochs derive from the data and keep (epochs.point_maps); emptied
        #: with the data.
        self.derived: dict[tuple, np.ndarray] = {}
        self._take_data(data)
        self.set_l2(l2)

    def _take_data(self, data: Dataset) -> None:
        """One pass over ``data``: the triangle and the spread of y."""
        self.data = data
        p = self.model.n_params
        r = np.zeros((p + 1, p + 1))
        tri = qr_triangle(self.model, data.x, data.y)
        r[:tri.shape[0]] = tri  # fewer points than columns: the rest is zero
        self._set_triangle(r)
        self._y_mean = float(np.mean(data.y))
        self.ss_tot = total_sum_of_squares(data.y)
        #: The loss is the sum's times this (and so are its gradient and Hessian).
        self.scale = 1.0 / data.n if self.mean else 1.0
        self._point_statistics = None
        self.derived.clear()

    def _set_triangle(self, r: np.ndarray) -> None:
        p = self.model.n_params
        r = r * np.where(np.diag(r) < 0, -1.0, 1.0)[:, None]  # (rows' signs are free)
        self._triangle = r
        self._r, self._z, self._rss = r[:p, :p], r[:p, p], float(r[p, p] ** 2)
        self.gram = self._r.T @ self._r  # Phi^T Phi

    def change_points(self, data: Dataset, gone: np.ndarray, come: np.ndarray) -> None:
        """``data`` is the old data with the points ``gone`` (rows of (x, y), in
        training units) taken out and ``come`` put in: the triangle is updated and
        downdated by those rows alone, O(p^2) each, and the spread of y by Welford's
        steps; should a downdate fail (a point the fit hangs on), one pass over
        ``data`` instead."""
        p = self.model.n_params
        r, n, mean, spread = self._triangle.copy(), self.data.n, self._y_mean, self.ss_tot
        for x, y in gone:
            r = _downdate(r, np.append(self.model.design(np.array([x]))[0], y))
            if r is None or n <= 1:
                self._take_data(data)
                self.set_l2(self.l2)
                return
            n -= 1
            new_mean = mean + (mean - y) / n
            spread -= (y - mean) * (y - new_mean)
            mean = new_mean
        if come.size:
            rows = np.column_stack([self.model.design(come[:, 0]), come[:, 1]])
            r = np.linalg.qr(np.vstack([r, rows]), mode="r")[:p + 1]
            for y in come[:, 1]:
                n += 1
                delta = y - mean
                mean += delta / n
                spread += delta * (y - mean)
        full = np.zeros((p + 1, p + 1))
        full[:r.shape[0]] = r
        self.data = data
        self._set_triangle(full)
        self._y_mean, self.ss_tot = mean, max(spread, 0.0)
        self.scale = 1.0 / data.n if self.mean else 1.0
        self._point_statistics = None
        self.derived.clear()
        self.set_l2(self.l2)

    # --- what training uses ----------------------------------------------------------
    def set_l2(self, l2: float) -> None:
        """The Hessian, optimum and minimal loss for a new L2 strength: O(p^3).

        ||Phi theta - y||^2 = ||R theta - z||^2 + rss, so the optimum solves
        [R; sqrt(penalty)] theta = [z; 0] in the least-squares sense.
        """
        self.l2 = float(l2)
        penalty = self.l2 * self.model.regularized
        self.hessian = self.scale * (self.gram + np.diag(penalty))
        a = np.vstack([self._r, np.diag(np.sqrt(penalty))])
        rhs = np.concatenate([self._z, np.zeros(penalty.size)])
        self.optimum = np.linalg.lstsq(a, rhs, rcond=None)[0]
        misfit = self._r @ self.optimum - self._z
        self.min_loss = self.scale * (0.5 * (self._rss + float(misfit @ misfit))
                                      + 0.5 * float(penalty @ self.optimum**2))

    def point_statistics(self) -> np.ndarray | None:
        """``point_statistics`` of the whole data set, made when mini-batches first
        need it and kept; None when it would exceed POINT_STATISTICS_LIMIT floats."""
        width = len(distinct_exponents(self.model)) + self.model.n_params
        n = self.data.n
        if self._point_statistics is None and width * n <= POINT_STATISTICS_LIMIT:
            made = np.empty((n, width))
            for lo in range(0, n, CHUNK):  # 10^6 points: 0.15 s, with chances to stop
                check()
                made[lo:lo + CHUNK] = point_statistics(self.model, self.data.x[lo:lo + CHUNK],
                                                       self.data.y[lo:lo + CHUNK])
            self._point_statistics = made
        return self._point_statistics

    def loss(self, theta: np.ndarray) -> float:
        d = np.asarray(theta, dtype=float) - self.optimum
        return self.min_loss + 0.5 * float(d @ self.hessian @ d)

    def grad(self, theta: np.ndarray) -> np.ndarray:
        return self.hessian @ (np.asarray(theta, dtype=float) - self.optimum)

    def quadratic(self) -> QuadraticLoss:
        """The loss as a small quadratic form: what the instruments need, as a copy."""
        penalty = self.l2 * self.model.regularized
        return QuadraticLoss(self.hessian.copy(), self.optimum.copy(), self.min_loss, penalty,
                             self.data.n, self.ss_tot,
                             np.sqrt(self.scale) * np.vstack([self._r,
                                                             np.diag(np.sqrt(penalty))]),
                             self.scale)

    @property
    def constant_loss(self) -> float:
        """The loss of the best constant fit (the mean of y), without a penalty."""
        return 0.5 * self.scale * self.ss_tot

    def losses(self, thetas: np.ndarray) -> np.ndarray:
        """Loss of many parameter vectors at once (rows of ``thetas``)."""
        d = np.asarray(thetas, dtype=float) - self.optimum
        return self.min_loss + 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)


def _downdate(r: np.ndarray, row: np.ndarray) -> np.ndarray | None:
    """The upper triangle R' with R'^T R' = R^T R - row^T row (a Cholesky downdate by
    rotations, O(p^2)); None where it does not exist in floating point (the row
    carries all of some column's weight)."""
    r, v = r.copy(), row.astype(float).copy()
    for k in range(r.shape[0]):
        rkk = r[k, k]
        rest = rkk * rkk - v[k] * v[k]
        if rkk <= 0 or rest <= 1e-12 * rkk * rkk:
            return None
        new = np.sqrt(rest)
        c, s = new / rkk, v[k] / rkk
        r[k, k] = new
        r[k, k + 1:] = (r[k, k + 1:] - s * v[k + 1:]) / c
        v[k + 1:] = c * v[k + 1:] - s * r[k, k + 1:]
    return r
