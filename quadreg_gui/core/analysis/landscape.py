"""The loss over two parameters: a slice of the quadratic surface, its contours
(exact ellipses, no marching squares), its principal axes and a view that frames
a run without following it to 1e300.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..training.objective import QuadraticLoss

#: A diverging path is cut at this multiple of the start's distance from the optimum.
FRAME_MULTIPLE = 3.0
#: Margin around what the view frames, as a fraction of its size.
FRAME_MARGIN = 0.12
#: Contours per decade of loss above the slice's minimum.
LEVELS_PER_DECADE = 2


@dataclass(frozen=True)
class Slice:
    """The loss over parameters ``i`` and ``j`` with the others held at ``center``.

    It is a quadratic in (theta_i, theta_j) with Hessian ``hessian`` (2x2) and
    its lowest point ``minimum`` (loss ``min_loss``): for two parameters, the
    optimum itself.
    """

    i: int
    j: int
    center: np.ndarray
    hessian: np.ndarray
    minimum: np.ndarray
    min_loss: float
    root: np.ndarray  # the columns i and j of the surface's root: hessian = root^T root

    def point(self, theta: np.ndarray) -> np.ndarray:
        """(theta_i, theta_j) of full parameter vectors (rows)."""
        theta = np.asarray(theta, dtype=float)
        return theta[..., [self.i, self.j]]

    def full(self, uv: np.ndarray) -> np.ndarray:
        """Full parameter vectors of slice points (rows of (u, v))."""
        uv = np.asarray(uv, dtype=float)
        theta = np.broadcast_to(self.center, uv.shape[:-1] + self.center.shape).copy()
        theta[..., self.i], theta[..., self.j] = uv[..., 0], uv[..., 1]
        return theta

    def axes(self) -> tuple[np.ndarray, np.ndarray]:
        """Eigenvalues (ascending) and eigenvectors (columns) of the slice's Hessian:
        the contours' principal axes."""
        return np.linalg.eigh(self.hessian)


def slice_pairs(powers: tuple[int, ...]) -> list[tuple[int, int]]:
    """The pairs of parameters the landscape can be drawn over: first the x² term's
    (else the first) with the intercept's, the pair the article's model has, then
    every other pair in order."""
    first = (powers.index(2) if 2 in powers else 0, powers.index(0))
    pairs = [(i, j) for i in range(len(powers)) for j in range(i + 1, len(powers))]
    return [first] + [pair for pair in pairs if pair != first]


def slice_of(quad: QuadraticLoss, i: int, j: int, center: np.ndarray) -> Slice:
    """The slice through parameters i and j at ``center`` (the others fixed there).

    With d0 = center - optimum, E the two unit columns and H = R^T R, the loss is
    L* + 0.5 ||R (d0 + E s)||^2 over the offset s: a least-squares problem in s,
    solved on R's columns (never on H, whose condition number is R's squared).
    Through every parameter (two of two) its lowest point is the optimum itself.
    """
    center = np.asarray(center, dtype=float)
    idx = [i, j]
    root = quad.root[:, idx]
    h_s = quad.hessian[np.ix_(idx, idx)]
    if quad.optimum.size == 2:
        return Slice(i, j, center, h_s, quad.optimum[idx].copy(), quad.min_loss, root)
    r_d0 = quad.root @ (center - quad.optimum)
    s = np.linalg.lstsq(root, -r_d0, rcond=None)[0]  # singular only for degenerate data
    misfit = r_d0 + root @ s
    return Slice(i, j, center, h_s, center[idx] + s, quad.min_loss + 0.5 * float(misfit @ misfit),
                 root)


def grid(quad: QuadraticLoss, sl: Slice, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The loss at every (u[a], v[b]) of the slice: shape (len(u), len(v))."""
    uu, vv = np.meshgrid(u, v, indexing="ij")
    return quad.losses(sl.full(np.stack([uu, vv], axis=-1)))


def excess_grid(sl: Slice, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The loss above the slice's lowest at every (u[a], v[b]): 0.5 ||R_E (p - p*)||^2,
    a sum of squares with no cancellation (loss minus lowest loss rounds to 0 or
    below near the optimum on ill-conditioned data)."""
    uu, vv = np.meshgrid(u - sl.minimum[0], v - sl.minimum[1], indexing="ij")
    r = uu[..., None] * sl.root[:, 0] + vv[..., None] * sl.root[:, 1]
    return 0.5 * np.einsum("...k,...k->...", r, r)


def levels(sl: Slice, max_excess: float, count: int) -> np.ndarray:
    """``count`` loss levels spaced evenly in log(loss - slice minimum), from
    ``max_excess`` above the minimum down: ellipses near the optimum and far."""
    if not max_excess > 0:
        return np.empty(0)
    steps = np.arange(1, count + 1) / LEVELS_PER_DECADE
    return sl.min_loss + max_excess * 10.0 ** -steps


def ellipse(sl: Slice, level: float, points: int = 120) -> np.ndarray:
    """The contour loss == ``level`` as a closed polyline (points+1 rows of (u, v)):
    0.5 s^T H_s s = level - min_loss, an ellipse along the principal axes."""
    values, vectors = sl.axes()
    excess = level - sl.min_loss
    if excess <= 0 or values[0] <= 0:
        return np.empty((0, 2))
    t = np.linspace(0, 2 * np.pi, points + 1)
    radii = np.sqrt(2 * excess / values)
    circle = np.stack([radii[0] * np.cos(t), radii[1] * np.sin(t)], axis=1)
    return sl.minimum + circle @ vectors.T


@dataclass(frozen=True)
class Frame:
    """A view's ranges and whether a path left it."""

    u: tuple[float, float]
    v: tuple[float, float]
    clipped: bool


def frame(sl: Slice, start: np.ndarray, path: np.ndarray) -> Frame:
    """A view holding the slice's minimum, the start and the path (rows of (u, v)),
    the path cut at FRAME_MULTIPLE times the start's distance from the minimum."""
    start = np.asarray(start, dtype=float)
    reach = float(np.hypot(*(start - sl.minimum))) or 1.0
    limit = FRAME_MULTIPLE * reach
    path = np.asarray(path, dtype=float).reshape(-1, 2)
    finite = path[np.isfinite(path).all(axis=1)]
    inside = np.all(np.abs(finite - sl.minimum) <= limit, axis=1)
    clipped = bool(len(finite) < len(path) or not inside.all())
    pts = np.vstack([sl.minimum, start, finite[inside]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    size = np.maximum(hi - lo, 0.05 * reach)
    lo, hi = lo - FRAME_MARGIN * size, hi + FRAME_MARGIN * size
    return Frame((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])), clipped)


def snap(value: float, pixel: float) -> float:
    """``value`` rounded to the power of ten at or just above ``pixel`` (the size of
    a screen pixel): a click means no more than the pixel it lands on."""
    if not pixel > 0 or not math.isfinite(pixel):
        return value
    step = 10.0 ** math.ceil(math.log10(pixel))
    return float(f"{round(value / step) * step:.12g}")
