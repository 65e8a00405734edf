"""The float loops of epochs.py compiled with numba: each epoch (or batch) stepped
as optimizers.py does, with the same operations in the same order, at a compiled
loop's speed.  Imported only by compiled.py (numba is optional).

The optimizer is a number (``KINDS``); its state is two arrays of the parameters'
size (``first``: v, g2 or s, or Adam's m; ``second``: Adam's s), updated in place
like the parameters ``t``.  Sums are taken left to right, as the unrolled Python
loops write them, and Adam's corrections as ``b ** float(step)``: the Python loops'
numbers, to the last bit where the platform's pow agrees with itself.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

#: The optimizers' numbers in the kernels.
KINDS = {"gd": 0, "momentum": 1, "nesterov": 2, "adagrad": 3, "rmsprop": 4, "adam": 5}


@njit(cache=True)
def _step(kind: int, t: np.ndarray, g: np.ndarray, first: np.ndarray, second: np.ndarray,
          lr: float, beta: float, b1: float, b2: float, eps: float, step: int) -> int:
    """One step of optimizer ``kind`` with gradient ``g``; Adam's step count after it."""
    c1 = c2 = 1.0
    if kind == 5:
        step += 1
        c1 = 1.0 - b1 ** float(step)
        c2 = 1.0 - b2 ** float(step)
    for i in range(t.size):
        gi = g[i]
        if kind == 0:
            t[i] = t[i] - lr * gi
        elif kind == 1:
            first[i] = beta * first[i] + (1.0 - beta) * gi
            t[i] = t[i] - lr * first[i]
        elif kind == 2:
            first[i] = beta * first[i] + (1.0 - beta) * gi
            t[i] = t[i] - lr * (beta * first[i] + (1.0 - beta) * gi)
        elif kind == 3:
            first[i] = first[i] + gi * gi
            t[i] = t[i] - lr * gi / (math.sqrt(first[i]) + eps)
        elif kind == 4:
            first[i] = b2 * first[i] + (1.0 - b2) * gi * gi
            t[i] = t[i] - lr * gi / (math.sqrt(first[i]) + eps)
        else:
            first[i] = b1 * first[i] + (1.0 - b1) * gi
            second[i] = b2 * second[i] + (1.0 - b2) * gi * gi
            t[i] = t[i] - lr * (first[i] / c1) / (math.sqrt(second[i] / c2) + eps)
    return step


@njit(cache=True)
def _full_gradient(h: np.ndarray, star: np.ndarray, t: np.ndarray, d: np.ndarray,
                   g: np.ndarray, min_loss: float) -> float:
    """g = H (t - star), and the loss there."""
    p = t.size
    for i in range(p):
        d[i] = t[i] - star[i]
    for i in range(p):
        acc = h[i, 0] * d[0]
        for j in range(1, p):
            acc = acc + h[i, j] * d[j]
        g[i] = acc
    acc = d[0] * g[0]
    for i in range(1, p):
        acc = acc + d[i] * g[i]
    return min_loss + 0.5 * acc


@njit(cache=True)
def full_batch(kind: int, h: np.ndarray, star: np.ndarray, min_loss: float, t: np.ndarray,
               first: np.ndarray, second: np.ndarray, lrs: np.ndarray, beta: float,
               b1: float, b2: float, eps: float, step: int, params: np.ndarray,
               losses: np.ndarray, grads: np.ndarray) -> int:
    """An epoch per rate of ``lrs``: its loss and gradient before the step into
    ``losses`` and ``grads``, the parameters after it into ``params``."""
    p = t.size
    d, g = np.empty(p), np.empty(p)
    for e in range(lrs.size):
        losses[e] = _full_gradient(h, star, t, d, g, min_loss)
        step = _step(kind, t, g, first, second, lrs[e], beta, b1, b2, eps, step)
        for i in range(p):
            params[e, i] = t[i]
            grads[e, i] = g[i]
    return step


@njit(cache=True)
def mini_batches(kind: int, h: np.ndarray, star: np.ndarray, min_loss: float,
                 stats: np.ndarray, per_epoch: int, done: int, epoch: int, t: np.ndarray,
                 first: np.ndarray, second: np.ndarray, lrs: np.ndarray, beta: float,
                 b1: float, b2: float, eps: float, step: int, params: np.ndarray,
                 losses: np.ndarray, grads: np.ndarray) -> tuple[int, int, int]:
    """A step per row of ``stats`` (a batch's A row by row, then r: g = A t - r), the
    batches of epoch ``epoch`` (of ``lrs``'s) from its ``done``-th on, then the next
    epochs'.  At an epoch's start its full-batch loss and gradient are recorded, at
    its end its parameters.  Returns (batches done of the epoch under way, that
    epoch, Adam's step count)."""
    p = t.size
    d, f, g = np.empty(p), np.empty(p), np.empty(p)
    for row in range(stats.shape[0]):
        if done == 0:
            losses[epoch] = _full_gradient(h, star, t, d, f, min_loss)
            for i in range(p):
                grads[epoch, i] = f[i]
        for i in range(p):
            acc = stats[row, i * p] * t[0]
            for j in range(1, p):
                acc = acc + stats[row, i * p + j] * t[j]
            g[i] = acc - stats[row, p * p + i]
        step = _step(kind, t, g, first, second, lrs[epoch], beta, b1, b2, eps, step)
        done += 1
        if done == per_epoch:
            for i in range(p):
                params[epoch, i] = t[i]
            done = 0
            epoch += 1
    return done, epoch, step


@njit(cache=True)
def point_batches(kind: int, h: np.ndarray, star: np.ndarray, min_loss: float,
                  stats: np.ndarray, column: np.ndarray, l2: np.ndarray, mean: bool,
                  order: np.ndarray, n: int, size: int, first_batch: int, last_batch: int,
                  t: np.ndarray, first: np.ndarray, second: np.ndarray, lrs: np.ndarray,
                  beta: float, b1: float, b2: float, eps: float, step: int,
                  params: np.ndarray, losses: np.ndarray, grads: np.ndarray) -> int:
    """``mini_batches`` with each batch's statistics summed here from the points'
    (``Objective.point_statistics``, the points of epoch e at ``order[e n:(e + 1) n]``),
    as epochs.batch_arrays sums them: A's entry (i, j) is the sum of column
    ``column[i, j]`` (the batch's count where -1), its diagonal plus the batch's
    share of ``l2``, r_i the sum of column ``len - p + i``; all divided by the count
    for the ``mean`` loss.  Batches ``first_batch`` to ``last_batch`` (counted from
    the first epoch's first); Adam's step count after them."""
    p = t.size
    per_epoch = (n + size - 1) // size
    width = stats.shape[1]
    sums, a, r = np.empty(width), np.empty((p, p)), np.empty(p)
    d, f, g = np.empty(p), np.empty(p), np.empty(p)
    for b in range(first_batch, last_batch):
        epoch, k = b // per_epoch, b % per_epoch
        if k == 0:
            losses[epoch] = _full_gradient(h, star, t, d, f, min_loss)
            for i in range(p):
                grads[epoch, i] = f[i]
        lo = epoch * n + k * size
        hi = min(lo + size, epoch * n + n)
        count = float(hi - lo)
        for c in range(width):
            sums[c] = stats[order[lo], c]
        for q in range(lo + 1, hi):
            for c in range(width):
                sums[c] = sums[c] + stats[order[q], c]
        for i in range(p):
            for j in range(p):
                a[i, j] = count if column[i, j] < 0 else sums[column[i, j]]
            a[i, i] = a[i, i] + count / n * l2[i]
            r[i] = sums[width - p + i]
        if mean:
            for i in range(p):
                for j in range(p):
                    a[i, j] = a[i, j] / count
                r[i] = r[i] / count
        for i in range(p):
            acc = a[i, 0] * t[0]
            for j in range(1, p):
                acc = acc + a[i, j] * t[j]
            g[i] = acc - r[i]
        step = _step(kind, t, g, first, second, lrs[epoch], beta, b1, b2, eps, step)
        if k == per_epoch - 1:
            for i in range(p):
                params[epoch, i] = t[i]
    return step


def warm() -> None:
    """Each kernel called once with the types epochs.py passes: compiled now (or loaded
    from numba's cache), not in the middle of a run."""
    p = 2
    h, vector, state = np.eye(p), np.zeros(p), (np.zeros(p), np.zeros(p), np.zeros(p))
    rows = (np.empty((1, p)), np.empty(1), np.empty((1, p)))
    lrs = np.full(1, 0.1)
    full_batch(0, h, vector, 0.0, *state, lrs, 0.9, 0.9, 0.999, 1e-8, 0, *rows)
    stats = np.ones((1, p * p + p))
    mini_batches(0, h, vector, 0.0, stats, 1, 0, 0, *state, lrs, 0.9, 0.9, 0.999, 1e-8, 0,
                 *rows)
    column = np.full((p, p), -1, dtype=np.int64)
    point_batches(0, h, vector, 0.0, stats, column, vector, False, np.zeros(1, dtype=np.int64),
                  1, 1, 0, 1, *state, lrs, 0.9, 0.9, 0.999, 1e-8, 0, *rows)
