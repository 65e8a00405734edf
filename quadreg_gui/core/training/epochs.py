"""Full-batch epochs in blocks: the updates of optimizers.py, computed faster.

With 2 or 3 parameters NumPy's cost per call is far above the arithmetic, so a
block of epochs avoids per-epoch NumPy calls:

- GD, momentum and Nesterov at a constant learning rate are linear in the error
  d = theta - theta* and the velocity v: z_{k+1} = T z_k.  The states of m epochs
  are T^k z_0, computed by doubling in log2(m) matrix products.
- Every other case (adaptive optimizers, decaying learning rates) runs on plain
  Python floats, in loops unrolled over the parameters.
- Mini-batch epochs sum each batch's statistics with NumPy first.  For GD,
  momentum and Nesterov each batch's step is then an affine map of (theta,
  velocity), and an epoch's maps are multiplied together by pairs in NumPy (GD's
  3 x 3 maps entry by entry, over many epochs at once); the epochs' products are
  then applied in turn on floats.  The adaptive optimizers step through the
  batches on floats.
- Where the process uses compiled kernels (``compiled.py``: numba, optional), every
  float loop (and every mini-batch epoch) runs in them instead, step by step.

Each returns the history rows of its epochs at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache
from itertools import chain, islice

import numpy as np

from ..config import TrainConfig
from .history import Rows
from ..interrupt import check
from .compiled import kernels
from .objective import CHUNK, Objective, distinct_exponents, point_statistics
from .optimizers import (
    OPTIMIZER_CLASSES,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    Optimizer,
    RMSProp,
)
from .schedules import lr_array, lr_list


def is_linear(opt: Optimizer | type[Optimizer], cfg: TrainConfig) -> bool:
    """True when epochs are a linear recurrence (computed by ``linear_block``)."""
    kind = opt if isinstance(opt, type) else type(opt)
    return cfg.schedule == "constant" and kind in (Optimizer, Momentum, Nesterov)


def has_loops(cfg: TrainConfig, n: int) -> bool:
    """Whether a run of ``cfg`` on ``n`` points steps through loops that the compiled
    kernels run (``compiled.py``): mini-batches, or full-batch epochs that are not a
    linear recurrence."""
    return not is_linear(OPTIMIZER_CLASSES[cfg.optimizer], cfg) or 0 < cfg.batch_size < n


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
                 start: int, count: int) -> tuple[Rows, np.ndarray | None]:
    """``count`` epochs of GD, momentum or Nesterov at a constant learning rate from
    epoch ``start``, ``theta`` and the optimizer's velocity: their rows, and (momentum,
    Nesterov) the velocity after each.  The optimizer is not changed."""
    p = theta.size
    hessian, optimum = obj.hessian, obj.optimum
    velocity = getattr(opt, "v", None)
    z0 = theta - optimum if velocity is None else np.concatenate([theta - optimum, velocity])
    with np.errstate(all="ignore"):
        z = powers_applied(transition(opt, hessian, cfg.lr, cfg.momentum), z0, count)
        d = z[:, :p]
        grad = d[:-1] @ hessian  # H is symmetric
        loss = obj.min_loss + 0.5 * np.einsum("ij,ij->i", d[:-1], grad)
    rows = Rows(np.arange(start, start + count), d[1:] + optimum, loss, np.full(count, cfg.lr),
                grad)
    return rows, None if velocity is None else z[1:, p:]


# --- plain floats ---------------------------------------------------------------------
#: Per optimizer: what it does once per epoch and its update of parameter {i}, as
#: optimizers.py writes them (its state is the optimizer class's STATE).
_STEPS: dict[str, tuple[str, str]] = {
    "gd": ("", "t{i} = t{i} - lr * g{i}"),
    "momentum": ("", "v{i} = beta * v{i} + (1.0 - beta) * g{i}; t{i} = t{i} - lr * v{i}"),
    "nesterov": ("", "v{i} = beta * v{i} + (1.0 - beta) * g{i}; "
                 "t{i} = t{i} - lr * (beta * v{i} + (1.0 - beta) * g{i})"),
    "adagrad": ("", "g2{i} = g2{i} + g{i} * g{i}; "
                "t{i} = t{i} - lr * g{i} / (sqrt(g2{i}) + eps)"),
    "rmsprop": ("", "s{i} = b2 * s{i} + (1.0 - b2) * g{i} * g{i}; "
                "t{i} = t{i} - lr * g{i} / (sqrt(s{i}) + eps)"),
    # b1**step and b2**step as optimizers.py computes them: running products would
    # be faster but differ in the last bit, and by where a run was split into calls.
    "adam": ("step += 1; c1 = 1.0 - b1**step; c2 = 1.0 - b2**step",
             "m{i} = b1 * m{i} + (1.0 - b1) * g{i}; s{i} = b2 * s{i} + (1.0 - b2) * g{i} * g{i}; "
             "t{i} = t{i} - lr * (m{i} / c1) / (sqrt(s{i} / c2) + eps)"),
}

_FULL_BATCH = """
def epochs(h, star, min_loss, t, state, lrs, beta, b1, b2, eps, step):
    {unpack}
    losses = []
    keep_loss = losses.append
    {lists}
    for lr in lrs:
        {error}
        {gradient}
        keep_loss(min_loss + 0.5 * ({loss}))
        {once}
        {update}
        {keep}
    return ({ps},), losses, ({qs},), {state_out}, step
"""


_MINI_BATCH = """
def epochs(h, star, min_loss, rows, per_epoch, t, state, lrs, beta, b1, b2, eps, step):
    {unpack}
    params, losses, grads = [], [], []
    keep_params, keep_loss, keep_grad = params.append, losses.append, grads.append
    for lr in lrs:
        {error}
        {full}
        keep_loss(min_loss + 0.5 * ({loss}))
        keep_grad(({fs},))
        for {row} in islice(rows, per_epoch):
            {gradient}
            {once}
            {update}
        keep_params(({ts},))
    return params, losses, grads, {state_out}, step
"""


def _compile(name: str, p: int, batches: bool):
    """The epoch loop of optimizer ``name`` for ``p`` parameters, unrolled over them
    (on 2 or 3 floats a loop over the parameters would cost more than the arithmetic),
    for full-batch or mini-batch training."""
    once, update = _STEPS[name]
    names = OPTIMIZER_CLASSES[name].STATE
    each = range(p)
    unpack = [f"t{i} = t[{i}]" for i in each]
    unpack += [f"{n}{i} = state[{k}][{i}]" for k, n in enumerate(names) for i in each]
    parts = {"once": once or "pass", "update": "; ".join(update.format(i=i) for i in each),
             "ts": ", ".join(f"t{i}" for i in each),
             "state_out": "(" + "".join("[" + ", ".join(f"{n}{i}" for i in each) + "], "
                                        for n in names) + ")"}
    unpack += [f"h{i}_{j} = h[{i}][{j}]" for i in each for j in each]
    unpack += [f"o{i} = star[{i}]" for i in each]
    parts["unpack"] = "; ".join(unpack)
    parts["error"] = "; ".join(f"d{i} = t{i} - o{i}" for i in each)
    if batches:  # the full-batch gradient f is recorded; each step uses its batch's g
        parts["full"] = "; ".join(f"f{i} = " + " + ".join(f"h{i}_{j} * d{j}" for j in each)
                                  for i in each)
        source = _MINI_BATCH.format(
            **parts, loss=" + ".join(f"d{i} * f{i}" for i in each),
            fs=", ".join(f"f{i}" for i in each),
            row="(" + ", ".join([f"a{i}_{j}" for i in each for j in each] +
                                [f"r{i}" for i in each]) + ")",
            gradient="; ".join(f"g{i} = " + " + ".join(f"a{i}_{j} * t{j}" for j in each)
                               + f" - r{i}" for i in each))
    else:
        source = _FULL_BATCH.format(
            **parts,
            gradient="; ".join(f"g{i} = " + " + ".join(f"h{i}_{j} * d{j}" for j in each)
                               for i in each),
            loss=" + ".join(f"d{i} * g{i}" for i in each),
            # One list of floats per column: far cheaper to make arrays of than tuples.
            lists="; ".join(f"p{i} = []; q{i} = []" for i in each),
            keep="; ".join(f"p{i}.append(t{i}); q{i}.append(g{i})" for i in each),
            ps=", ".join(f"p{i}" for i in each), qs=", ".join(f"q{i}" for i in each))
    scope = {"sqrt": math.sqrt, "islice": islice}
    exec(compile(source, f"<{name} p={p}>", "exec"), scope)  # noqa: S102
    return scope["epochs"]


_LOOPS: dict[tuple[str, int, bool], object] = {}


def _loop(opt: Optimizer, p: int, batches: bool):
    key = (_NAMES[type(opt)], p, batches)
    if key not in _LOOPS:
        _LOOPS[key] = _compile(*key)
    return _LOOPS[key]
_NAMES = {Optimizer: "gd", Momentum: "momentum", Nesterov: "nesterov", AdaGrad: "adagrad",
          RMSProp: "rmsprop", Adam: "adam"}


def float_block(obj: Objective, opt: Optimizer, cfg: TrainConfig, theta: np.ndarray,
                start: int, count: int) -> Rows:
    """``count`` epochs from epoch ``start``, each as optimizers.py does it, on Python
    floats; the optimizer's state is left as after the last."""
    if kernels() is not None:
        return _compiled_block(obj, opt, cfg, theta, start, count)
    names = opt.STATE
    loop = _loop(opt, theta.size, batches=False)
    lrs = lr_list(cfg, start, count)
    params, losses, grads, state, step = loop(  # type: ignore[operator]
        obj.hessian.tolist(), obj.optimum.tolist(), obj.min_loss, theta.tolist(),
        [getattr(opt, name).tolist() for name in names], lrs, cfg.momentum, cfg.beta1, cfg.beta2,
        cfg.eps, getattr(opt, "t", 0))
    _store_state(opt, names, state, step)
    return Rows(np.arange(start, start + count), np.array(params).T, np.array(losses),
                np.array(lrs), np.array(grads).T)


def _compiled_block(obj: Objective, opt: Optimizer, cfg: TrainConfig, theta: np.ndarray,
                    start: int, count: int) -> Rows:
    """``float_block`` in the compiled kernel."""
    k = kernels()
    rows, kind, t, first, second, step = _kernel_start(opt, theta, start,
                                                       lr_array(cfg, start, count))
    step = k.full_batch(kind, *_kernel_problem(obj), t, first, second,
                        *_kernel_settings(cfg, rows.lr), step, rows.params, rows.loss, rows.grad)
    _store_state(opt, opt.STATE, (first, second), step)
    return rows


def _kernel_problem(obj: Objective) -> tuple:
    """The loss as the kernels take it (C-ordered float arrays: other layouts would be
    compiled anew, in the middle of a run)."""
    return (np.ascontiguousarray(obj.hessian, dtype=float),
            np.ascontiguousarray(obj.optimum, dtype=float), float(obj.min_loss))


def _kernel_settings(cfg: TrainConfig, lrs: np.ndarray) -> tuple:
    return lrs, float(cfg.momentum), float(cfg.beta1), float(cfg.beta2), float(cfg.eps)


def _kernel_start(opt: Optimizer, theta: np.ndarray, start: int,
                  lrs: np.ndarray | list[float]) -> tuple:
    """What a kernel starts from: the rows to fill (their epochs and rates set), the
    optimizer's number, copies of the parameters and of its state (two arrays), and
    Adam's step count."""
    rows = Rows.allocate(len(lrs), theta.size)
    rows.epochs[:] = np.arange(start, start + len(lrs))
    rows.lr[:] = lrs
    state = [np.array(getattr(opt, name), dtype=float) for name in opt.STATE]
    state += [np.zeros(theta.size) for _ in range(2 - len(state))]
    return (rows, kernels().KINDS[_NAMES[type(opt)]], np.array(theta, dtype=float), *state,
            int(getattr(opt, "t", 0)))


def _store_state(opt: Optimizer, names: tuple[str, ...], state: tuple, step: int) -> None:
    for n, values in zip(names, state):
        setattr(opt, n, np.array(values))
    if isinstance(opt, Adam):
        opt.t = step


# --- mini-batches ----------------------------------------------------------------------------
#: Most batches per chunk: about 20 ms of steps between two chances to stop.
STEPS_PER_CHUNK = 1 << 14


def batch_statistics(obj: Objective, order: np.ndarray, size: int,
                     n: int) -> Iterator[list[list[float]]]:
    """As ``batch_arrays``, each chunk's rows as lists of floats (for the float loop)."""
    for out in batch_arrays(obj, order, size, n):
        yield out.tolist()


def batch_arrays(obj: Objective, order: np.ndarray, size: int, n: int,
                 points: int | None = None) -> Iterator[np.ndarray]:
    """Per batch of ``size`` points, consecutive in ``order`` (epochs of ``n`` points
    one after the other; ``points``, the data's, if ``order`` is only the rest of an
    epoch): its Hessian Phi_b^T Phi_b plus its share of the L2 penalty,
    row by row, then Phi_b^T y_b; for the mean loss, all of it divided by the batch's
    size.  One row per batch, as floats, made chunk by chunk
    as the loop consumes them: bounded memory, and a chance to stop between chunks
    of an epoch of 10^7 batches.

    The per-point statistics (``Objective.point_statistics``, or per chunk of about
    CHUNK points for data too large to keep them) are summed per batch with take and
    reduceat.
    """
    model, data = obj.model, obj.data
    p = model.n_params
    exponents = distinct_exponents(model)
    cached = obj.point_statistics()
    per_epoch = -(-n // size)
    total = order.size // n * per_epoch
    per_chunk = max(1, min(CHUNK // size, STEPS_PER_CHUNK))
    for first in range(0, total, per_chunk):
        check()
        batch = np.arange(first, min(total, first + per_chunk) + 1)  # and the next one
        bounds = batch // per_epoch * n + batch % per_epoch * size  # the last: its end
        lo, hi, starts = bounds[0], bounds[-1], bounds[:-1]
        rows = order[lo:hi]
        stats = np.take(cached, rows, axis=0) if cached is not None else \
            point_statistics(model, np.take(data.x, rows), np.take(data.y, rows))
        # (Batches of one point are their point: no sums to make.)
        sums = stats if size == 1 else np.add.reduceat(stats, starts - lo, axis=0)
        counts = np.minimum(size, n - starts % n)
        by_power = {0: counts.astype(float), **dict(zip(exponents, sums.T))}
        out = np.empty((starts.size, p * p + p))
        for i, a in enumerate(model.powers):
            for j, b in enumerate(model.powers):
                out[:, i * p + j] = by_power[a + b]
            out[:, i * p + i] += counts / (points or n) * (obj.l2 * model.regularized[i])
            out[:, p * p + i] = sums[:, len(exponents) + i]
        if obj.mean:  # the batch's mean: its share of the mean loss, per point
            out /= counts[:, None]
        yield out


def minibatch_block(obj: Objective, opt: Optimizer, cfg: TrainConfig, theta: np.ndarray,
                    start: int, orders: np.ndarray, lrs: list[float]) -> Rows:
    """Epochs from ``start``, one per row of ``orders`` (the shuffled points), each a
    step per batch; the loss and gradient recorded are the full batch's at the
    epoch's start."""
    if kernels() is not None:
        return _compiled_minibatch_block(obj, opt, cfg, theta, start, orders, lrs)
    if type(opt) in (Optimizer, Momentum, Nesterov):
        return affine_minibatch_block(obj, opt, cfg, theta, start, orders, lrs)
    return float_minibatch_block(obj, opt, cfg, theta, start, orders, lrs)


def _compiled_minibatch_block(obj: Objective, opt: Optimizer, cfg: TrainConfig,
                              theta: np.ndarray, start: int, orders: np.ndarray,
                              lrs: list[float]) -> Rows:
    """``float_minibatch_block`` in the compiled kernels: each batch's statistics
    summed there from the points' (else, for data too large to keep those, made by
    ``batch_arrays``), in chunks of at most STEPS_PER_CHUNK batches."""
    k = kernels()
    count, n = orders.shape
    size = cfg.batch_size
    rows, kind, t, first, second, step = _kernel_start(opt, theta, start, lrs)
    both, after = _kernel_problem(obj), _kernel_settings(cfg, rows.lr)
    stats = obj.point_statistics()
    if stats is None:
        done = epoch = 0
        for chunk in batch_arrays(obj, orders.ravel(), size, n):  # (C-ordered floats)
            done, epoch, step = k.mini_batches(kind, *both, chunk, -(-n // size), done, epoch,
                                               t, first, second, *after, step, rows.params,
                                               rows.loss, rows.grad)
    else:
        model = obj.model
        exponents = distinct_exponents(model)
        column = np.array([[exponents.index(a + b) if a + b else -1 for b in model.powers]
                           for a in model.powers], dtype=np.int64)
        l2 = np.array([obj.l2 * model.regularized[i] for i in range(model.n_params)])
        order = np.ascontiguousarray(orders.ravel(), dtype=np.int64)
        batches = count * -(-n // size)
        for lo in range(0, batches, STEPS_PER_CHUNK):
            check()
            step = k.point_batches(kind, *both, stats, column, l2, bool(obj.mean), order, n, size,
                                   lo, min(batches, lo + STEPS_PER_CHUNK), t, first, second,
                                   *after, step, rows.params, rows.loss, rows.grad)
    _store_state(opt, opt.STATE, (first, second), step)
    return rows


def float_minibatch_block(obj: Objective, opt: Optimizer, cfg: TrainConfig, theta: np.ndarray,
                          start: int, orders: np.ndarray, lrs: list[float]) -> Rows:
    """``minibatch_block`` on Python floats, a step per batch, as optimizers.py does."""
    names = opt.STATE
    loop = _loop(opt, theta.size, batches=True)
    n = orders.shape[1]
    rows = chain.from_iterable(batch_statistics(obj, orders.ravel(), cfg.batch_size, n))
    params, losses, grads, state, step = loop(  # type: ignore[operator]
        obj.hessian.tolist(), obj.optimum.tolist(), obj.min_loss, rows, -(-n // cfg.batch_size),
        theta.tolist(), [getattr(opt, name).tolist() for name in names], lrs, cfg.momentum,
        cfg.beta1, cfg.beta2, cfg.eps, getattr(opt, "t", 0))
    _store_state(opt, names, state, step)
    return Rows(np.arange(start, start + len(lrs)), np.array(params), np.array(losses),
                np.array(lrs), np.array(grads))


# --- mini-batch steps as affine maps ----------------------------------------------------
def batch_maps(opt: Optimizer, stats: np.ndarray, lr: np.ndarray, beta: float,
               p: int) -> np.ndarray:
    """Each batch's step as a matrix M with s' = M s, s = (theta, velocity, 1): with
    g = A theta - r (``stats`` rows: A row by row, then r),

    gd:        theta' = theta - lr g
    momentum:  v' = beta v + (1-beta) g,  theta' = theta - lr v'
    nesterov:  v' as above,               theta' = theta - lr (beta v' + (1-beta) g)
    """
    m = stats.shape[0]
    a, r = stats[:, :p * p].reshape(m, p, p), stats[:, p * p:]
    momentum = type(opt) is not Optimizer
    size = 2 * p + 1 if momentum else p + 1
    # Made entry by entry (entry i * size + j of every map, contiguous), then laid out
    # map by map in one pass: written map by map, each of a dozen writes went through
    # all the maps (20 MB at 10^5 batches of one point) and cost half an epoch.
    flat = np.zeros((size * size, m))
    flat[-1] = 1.0
    a, r = a.transpose(1, 2, 0), r.T  # (row, column, batch), (row, batch)

    def row(i: int) -> np.ndarray:  # the first p entries of the maps' row i
        return flat[i * size:i * size + p]

    # theta' = theta - c g - e v (gd: c = lr, e = 0), with c, e by the kind of momentum
    c = lr * (1.0 - beta) * ((1.0 + beta) if type(opt) is Nesterov else 1.0) if momentum \
        else lr
    for i in range(p):
        np.multiply(a[i], -c, out=row(i))
    flat[0:p * size:size + 1] += 1.0  # (the diagonal of theta's block)
    np.multiply(r, c, out=flat[size - 1:p * size:size])
    if momentum:
        e = lr * (beta * beta if type(opt) is Nesterov else beta)
        flat[p:p * size:size + 1] = -e  # (i, p + i)
        for i in range(p):
            np.multiply(a[i], 1.0 - beta, out=row(p + i))
        flat[p * (size + 1):2 * p * size:size + 1] = beta  # (p + i, p + i)
        np.multiply(r, -(1.0 - beta), out=flat[(p + 1) * size - 1:2 * p * size:size])
    return np.ascontiguousarray(flat.T).reshape(m, size, size)


def composed(maps: np.ndarray) -> np.ndarray:
    """The product M_last ... M_first of the matrices along axis -3 (each matrix in the
    last two axes), by pairs: a fixed tree, so the same steps give the same product
    however a run was split."""
    while maps.shape[-3] > 1:
        if maps.shape[-3] % 2:
            eye = np.broadcast_to(np.eye(maps.shape[-1]), maps.shape[:-3] + (1,) + maps.shape[-2:])
            maps = np.concatenate([maps, eye], axis=-3)
        maps = maps[..., 1::2, :, :] @ maps[..., 0::2, :, :]
    return maps[..., 0, :, :]


# Affine maps of at most two numbers (GD's on the two parameters of w x^2 + b) have
# 6 entries that matter: NumPy's matmul costs about 30 ns a 3 x 3 product, whatever
# its size, while the 20 multiplications and additions of a product done entry by
# entry over thousands of maps at once cost about 10 ns.  Larger maps (momentum's
# 5 x 5) stay with matmul.
ENTRYWISE_MOST = 3
#: Maps multiplied per NumPy call in the entrywise product: working arrays of a few
#: hundred KiB stay in the processor's cache.
ENTRYWISE_CHUNK = 1 << 15


def as_table(maps: np.ndarray) -> np.ndarray:
    """The entries of affine maps (M, k, k) that matter, their first k - 1 rows, a row
    of the table per map (its entries in one cache line: gathered in a shuffled order,
    a map costs one miss, not one per entry), and the identity appended as the last
    row (the map an epoch's maps are padded with)."""
    q = maps.shape[-1] - 1
    table = np.empty((maps.shape[0] + 1, q * (q + 1)))
    table[:-1] = maps[:, :q, :].reshape(-1, q * (q + 1))
    table[-1] = np.eye(q, q + 1).ravel()
    return table


def _entrywise_product(first: list[np.ndarray], second: list[np.ndarray], out: np.ndarray,
                       spare: np.ndarray, q: int) -> None:
    """``out`` = second after first, for affine maps given by their entries (entry
    i * (q + 1) + j: the linear part for j < q, the offset for j = q)."""
    w = q + 1
    for i in range(q):
        for j in range(w):
            o = out[i * w + j]
            np.multiply(second[i * w], first[j], out=o)
            for k in range(1, q):
                np.multiply(second[i * w + k], first[k * w + j], out=spare)
                o += spare
            if j == q:
                o += second[i * w + q]


@cache
def _bit_reversed(levels: int) -> np.ndarray:
    """The positions 0 .. 2^levels - 1, each with its bits in reverse order."""
    positions = np.arange(1 << levels)
    reverse = np.zeros_like(positions)
    for bit in range(levels):
        reverse |= ((positions >> bit) & 1) << (levels - 1 - bit)
    return reverse


def entrywise_composed(table: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``composed`` for affine maps given as a table (``as_table``): per row of
    ``index`` (the table's rows of an epoch's maps in order), the product of its
    maps, as the first k - 1 rows of the product, flat.

    An epoch's maps are padded with the identity to a power of two, 2^L, and laid
    out in bit-reversed order, so that each level pairs the first half with the
    second (maps 2i and 2i + 1 of the sequence: the same fixed tree whatever the
    split) in whole contiguous blocks of many epochs at once.
    """
    epochs, m = index.shape
    levels = (m - 1).bit_length()
    size = 1 << levels
    padded = np.full((epochs, size), table.shape[0] - 1, dtype=np.intp)
    padded[:, :m] = index
    layout = np.ascontiguousarray(padded[:, _bit_reversed(levels)].T)  # (position, epoch)
    entries = table.shape[1]
    q = (math.isqrt(4 * entries + 1) - 1) // 2  # (q (q + 1) entries)
    out = np.empty((epochs, entries))
    per = max(1, ENTRYWISE_CHUNK // size)
    for lo in range(0, epochs, per):
        check()
        maps = np.take(table, layout[:, lo:lo + per], axis=0)  # (position, epoch, entry)
        if levels == 0:
            out[lo:lo + per] = maps[0]
            continue
        split = [maps[..., e] for e in range(entries)]  # (the first level reads across)
        while True:
            half = split[0].shape[0] // 2
            product = np.empty((entries, half, split[0].shape[1]))
            _entrywise_product([e[:half] for e in split], [e[half:] for e in split], product,
                               np.empty(product.shape[1:]), q)
            if half == 1:
                break
            split = list(product)
        out[lo:lo + per] = product[:, 0].T
    return out


#: Floats of per-point step maps kept (batches of one point, at one rate): 32 MiB, so
#: that momentum's maps of 10^5 points (20 MB) are made once, not every epoch (half of
#: an epoch's cost there).
POINT_MAPS_LIMIT = 1 << 22


def point_maps(obj: Objective, opt: Optimizer, cfg: TrainConfig, lr: float,
               size: int) -> np.ndarray | None:
    """With batches of one point, each point's step as a map at rate ``lr``: made once
    for the data, L2, optimizer, rate and beta, then taken in each epoch's shuffled
    order (the very numbers batch_maps makes from each batch's statistics: the same
    floats, made once instead of every epoch); small maps as their table
    (``as_table``).  None above POINT_MAPS_LIMIT floats."""
    n = obj.data.n
    if n * size * size > POINT_MAPS_LIMIT:
        return None
    key = ("point maps", type(opt).__name__, lr, cfg.momentum, obj.l2)
    maps = obj.derived.get(key)
    if maps is None:
        stats = np.concatenate(list(batch_arrays(obj, np.arange(n), 1, n)))
        maps = batch_maps(opt, stats, np.full(n, lr), cfg.momentum, obj.model.n_params)
        if size <= ENTRYWISE_MOST:
            maps = as_table(maps)
        obj.derived.clear()  # (one rate at a time: a schedule's come one after another)
        obj.derived[key] = maps
    return maps


def epoch_products(obj: Objective, opt: Optimizer, cfg: TrainConfig, orders: np.ndarray,
                   lrs: list[float], size: int) -> np.ndarray:
    """Per epoch (a row of ``orders``, its shuffled points), the product of its batch
    steps' maps, its first ``size`` - 1 rows, flat."""
    epochs, n = orders.shape
    per_epoch = -(-n // cfg.batch_size)
    entrywise = size <= ENTRYWISE_MOST
    cached = point_maps(obj, opt, cfg, lrs[0], size) \
        if cfg.batch_size == 1 and min(lrs) == max(lrs) else None
    if cached is None:
        stats = np.concatenate(list(batch_arrays(obj, orders.ravel(), cfg.batch_size, n)))
        lr_of = np.repeat(np.asarray(lrs, dtype=float), per_epoch)
        maps = batch_maps(opt, stats, lr_of, cfg.momentum, obj.model.n_params)
        if entrywise:
            return entrywise_composed(as_table(maps),
                                      np.arange(maps.shape[0]).reshape(epochs, per_epoch))
        products = composed(maps.reshape(epochs, per_epoch, size, size))
    elif entrywise:
        return entrywise_composed(cached, orders)
    else:
        # A chance to stop every STEPS_PER_CHUNK steps or so, as batch_arrays gives.
        per = max(1, STEPS_PER_CHUNK // n)
        parts = []
        for lo in range(0, epochs, per):
            check()
            parts.append(composed(cached[orders[lo:lo + per]]))
        products = np.concatenate(parts)
    return products[:, :-1, :].reshape(epochs, -1)


_APPLY = """
def apply(maps, {state}):
    out = []
    keep = out.append
    for {entries} in maps:
        {state} = {rows}
        keep(({state},))
    return out
"""


@cache
def _applier(q: int):
    """A loop applying affine maps (their first q rows, flat) in turn to a state of q
    numbers: on Python floats, unrolled, a map in about 0.3 microseconds (NumPy's
    matrix times vector costs a microsecond and more)."""
    each = range(q)
    entries = [[f"m{i}_{j}" for j in range(q + 1)] for i in each]
    rows = ", ".join(" + ".join(f"{entries[i][j]} * s{j}" for j in each) + f" + m{i}_{q}"
                     for i in each)
    source = _APPLY.format(state=", ".join(f"s{i}" for i in each),
                           entries=", ".join(e for row in entries for e in row), rows=rows)
    scope: dict = {}
    exec(compile(source, f"<apply q={q}>", "exec"), scope)  # noqa: S102
    return scope["apply"]


def affine_minibatch_block(obj: Objective, opt: Optimizer, cfg: TrainConfig,
                           theta: np.ndarray, start: int, orders: np.ndarray,
                           lrs: list[float]) -> Rows:
    """``minibatch_block`` for GD, momentum and Nesterov, whose every batch step is an
    affine map of (theta, velocity): an epoch's maps are multiplied together in NumPy
    (data of up to CHUNK points: all of an epoch's at once; larger, a chunk of batches
    at a time) rather than stepped through one by one in Python."""
    p, epochs, n = theta.size, orders.shape[0], orders.shape[1]
    momentum = type(opt) is not Optimizer
    state = np.concatenate([theta, opt.v if momentum else []])
    if n <= CHUNK:  # each epoch's product at once
        products = epoch_products(obj, opt, cfg, orders, lrs, state.size + 1)
        # (the states at each epoch's start, and the last epoch's end)
        states = np.array([state.tolist()] + _applier(state.size)(products.tolist(),
                                                                   *state.tolist()))
    else:  # one epoch (the trainer sends one at a time), chunk by chunk
        assert epochs == 1, "over CHUNK points the trainer sends one epoch at a time"
        lr_of = np.full(-(-n // cfg.batch_size), lrs[0])
        done, now = 0, np.append(state, 1.0)
        for stats in batch_arrays(obj, orders.ravel(), cfg.batch_size, n):
            m = stats.shape[0]
            now = composed(batch_maps(opt, stats, lr_of[done:done + m], cfg.momentum,
                                      p)[None])[0] @ now
            done += m
        states = np.stack([state, now[:-1]])
    d = states[:-1, :p] - obj.optimum
    grads = d @ obj.hessian  # (H is symmetric)
    losses = obj.min_loss + 0.5 * np.einsum("ij,ij->i", d, grads)
    params = states[1:, :p]
    if momentum:
        opt.v = states[-1, p:2 * p].copy()
    return Rows(np.arange(start, start + epochs), params, losses, np.asarray(lrs, dtype=float),
                grads)
