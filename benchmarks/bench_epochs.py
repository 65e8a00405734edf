"""Epoch cost of the trainer against the per-epoch NumPy loop it replaced, side by side.

Run: python benchmarks/bench_epochs.py [--repeats N]
The baseline is the loop the trainer ran before (one NumPy update and one history
row per epoch; per mini-batch a NumPy gradient of the batch's rows and a NumPy
step).  Each repeat times both on the same problem, one after the other; the
ratios' min, median and max over the repeats are printed, with the largest
relative difference of the final parameters.
Goals (issue 7): full batch >= 8x at n = 100 recording history; mini-batch >= 5x.

Then, where a C compiler is found (cc, gcc or clang), the same epochs against a C loop
(benchmarks/c_loops.c, compiled at run time): nanoseconds an epoch of each and their
ratio (min, median, max), on NumPy alone and, where numba is installed (the `fast`
extra), with the compiled kernels (QUADREG_COMPILED=0 leaves them out).  Goal (issue
28): within 5x of C for the mini-batch steps of GD, momentum and Nesterov and for the
adaptive optimizers at full batch (judged on the fastest installed).
"""

from __future__ import annotations

import argparse
import ctypes
import math
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.training.compiled import use_compiled
from quadreg_gui.core.training.optimizers import make_optimizer
from quadreg_gui.core.training.schedules import lr_at
from quadreg_gui.core.training.trainer import Trainer


class GrowingHistory:
    """The history the old loop wrote to: preallocated arrays, one row per epoch,
    doubled when full (as core/training/history.py was before it was bounded)."""

    def __init__(self, n_params: int) -> None:
        self.size, self.cap = 0, 1024
        self.arrays = [np.empty(self.cap), np.empty((self.cap, n_params)), np.empty(self.cap),
                       np.empty(self.cap), np.empty((self.cap, n_params))]

    def append(self, *row) -> None:
        if self.size == self.cap:
            self.cap *= 2
            for k, old in enumerate(self.arrays):
                grown = np.empty((self.cap,) + old.shape[1:])
                grown[:self.size] = old
                self.arrays[k] = grown
        for array, value in zip(self.arrays, row):
            array[self.size] = value
        self.size += 1


def baseline(cfg: TrainConfig, epochs: int) -> tuple[float, np.ndarray]:
    """(seconds, final parameters) of the per-epoch NumPy loop."""
    t = Trainer(cfg)
    obj, model = t.objective, t.model
    opt = make_optimizer(cfg.optimizer, model.n_params)
    hist = GrowingHistory(model.n_params)
    theta, rng = t.initial.copy(), np.random.default_rng(cfg.seed)
    x, y, n, size = t.data.x, t.data.y, t.data.n, cfg.batch_size
    start = time.perf_counter()
    for k in range(epochs):
        lr = lr_at(cfg, k)
        d = theta - obj.optimum
        g = obj.hessian.dot(d)
        loss = obj.min_loss + 0.5 * float(d.dot(g))
        if 0 < size < n:
            order, g_full = rng.permutation(n), g
            for first in range(0, n, size):
                rows = order[first:first + size]
                phi = model.design(x[rows])
                grad = phi.T @ (phi @ theta - y[rows]) + \
                    rows.size / n * cfg.l2 * model.regularized * theta
                theta = opt.step(theta, grad, lr, cfg)
            g = g_full
        else:
            theta = opt.step(theta, g, lr, cfg)
        hist.append(k, theta, loss, lr, g)
    return time.perf_counter() - start, theta


def ours(cfg: TrainConfig, epochs: int) -> tuple[float, np.ndarray]:
    t = Trainer(cfg)
    start = time.perf_counter()
    t.run(epochs)
    return time.perf_counter() - start, t.theta


def compare(label: str, cfg: TrainConfig, epochs: int, repeats: int, goal: float) -> None:
    ratios, base_us, our_us, diff = [], [], [], 0.0
    for _ in range(repeats):
        t_base, p_base = baseline(cfg, epochs)
        t_ours, p_ours = ours(cfg, epochs)
        ratios.append(t_base / t_ours)
        base_us.append(t_base / epochs * 1e6)
        our_us.append(t_ours / epochs * 1e6)
        diff = max(diff, float(np.max(np.abs(p_ours - p_base) / np.abs(p_base))))
    lo, mid, hi = np.min(ratios), np.median(ratios), np.max(ratios)
    verdict = "ok" if lo >= goal and diff < 1e-9 else "BELOW GOAL"
    print(f"{label:<34} {np.median(base_us):>11.2f} {np.median(our_us):>9.2f} "
          f"{lo:>6.1f} {mid:>6.1f} {hi:>6.1f} {goal:>5.0f}x {diff:>9.1e}  {verdict}")


C_OPTIMIZERS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")


def c_library() -> ctypes.CDLL | None:
    """benchmarks/c_loops.c compiled now, or None (said) without a C compiler."""
    compiler = next((c for c in ("cc", "gcc", "clang") if shutil.which(c)), None)
    if compiler is None:
        print("\nAgainst C: skipped, no C compiler (cc, gcc or clang) on PATH")
        return None
    out = Path(tempfile.mkdtemp(prefix="quadreg-bench-")) / "c_loops.so"
    subprocess.run([compiler, "-O2", "-shared", "-fPIC", "-o", str(out),
                    str(Path(__file__).with_name("c_loops.c")), "-lm"], check=True)
    return ctypes.CDLL(str(out))


def _ptr(array: np.ndarray):
    return array.ctypes.data_as(ctypes.c_void_p)


def c_seconds(lib: ctypes.CDLL, cfg: TrainConfig, epochs: int) -> float:
    """Seconds of ``epochs`` epochs of the C loop on the trainer's problem."""
    t = Trainer(cfg)
    obj = t.objective
    h, star = np.ascontiguousarray(obj.hessian, dtype=float), obj.optimum.astype(float)
    theta = t.initial.astype(float).copy()
    params, losses, grads = np.empty((epochs, 2)), np.empty(epochs), np.empty((epochs, 2))
    d, i = ctypes.c_double, ctypes.c_long
    opt = C_OPTIMIZERS.index(cfg.optimizer)
    start = time.perf_counter()
    if 0 < cfg.batch_size < t.data.n:
        x, y = t.data.x.astype(float), t.data.y.astype(float)
        order = np.empty(t.data.n, dtype=np.int64)
        lib.mini_batch(ctypes.c_int(opt), i(epochs), i(t.data.n), i(cfg.batch_size), _ptr(x),
                       _ptr(y), _ptr(h), _ptr(star), d(obj.min_loss), _ptr(theta), d(cfg.lr),
                       d(cfg.momentum), _ptr(order), _ptr(params), _ptr(losses), _ptr(grads))
    else:
        lib.full_batch(ctypes.c_int(opt), i(epochs), _ptr(h), _ptr(star), d(obj.min_loss),
                       _ptr(theta), d(cfg.lr), d(cfg.momentum), d(cfg.beta1), d(cfg.beta2),
                       d(cfg.eps), _ptr(params), _ptr(losses), _ptr(grads))
    elapsed = time.perf_counter() - start
    assert np.isfinite(params).all(), "the C loop diverged"
    return elapsed


def against_c(lib: ctypes.CDLL, label: str, cfg: TrainConfig, epochs: int, repeats: int,
              compiled: bool) -> None:
    """One row: C's ns an epoch; ours on NumPy alone, and with the compiled kernels
    where numba is installed (``compiled``), each with its ratio to C (min, median,
    max); the goal is judged on the fastest that is installed."""
    modes = (False, True) if compiled else (False,)
    c_ns: list[float] = []
    ratios: dict[bool, list[float]] = {mode: [] for mode in modes}
    our_ns: dict[bool, list[float]] = {mode: [] for mode in modes}
    for _ in range(repeats):
        t_c = c_seconds(lib, cfg, epochs)
        c_ns.append(t_c / epochs * 1e9)
        for mode in modes:
            use_compiled(mode)
            t_ours, _ = ours(cfg, epochs)
            ratios[mode].append(t_ours / t_c)
            our_ns[mode].append(t_ours / epochs * 1e9)
    line = f"{label:<40} {np.median(c_ns):>12,.0f}"
    for mode in modes:
        line += f" {np.median(our_ns[mode]):>12,.0f} {min(ratios[mode]):>6.1f} " \
                f"{np.median(ratios[mode]):>6.1f} {max(ratios[mode]):>6.1f}"
    verdict = "ok" if np.median(ratios[modes[-1]]) <= 5 else "BELOW GOAL"
    print(f"{line}  {verdict}")


def warm_kernels() -> bool:
    """Whether numba's kernels are installed; if so, compiled (or loaded from numba's
    cache) now, not in the first timed run."""
    if not use_compiled(True):
        return False
    for size in (0, 10):
        for opt in ("gd", "adam"):
            Trainer(TrainConfig(batch_size=size, optimizer=opt, epochs=3)).run(3)
    return True


def adagrad_floor_seconds(epochs: int) -> float:
    """AdaGrad's update alone on Python floats (two parameters, no history, no loss):
    the least a pure-Python epoch of an adaptive optimizer costs."""
    t0 = t1 = 0.5
    s0 = s1 = 0.0
    h00, h01, h11, o0, o1, lr, eps, sqrt = 30.0, 10.0, 100.0, 3.0, 2.0, 0.02, 1e-8, math.sqrt
    start = time.perf_counter()
    for _ in range(epochs):
        d0, d1 = t0 - o0, t1 - o1
        g0, g1 = h00 * d0 + h01 * d1, h01 * d0 + h11 * d1
        s0, s1 = s0 + g0 * g0, s1 + g1 * g1
        t0, t1 = t0 - lr * g0 / (sqrt(s0) + eps), t1 - lr * g1 / (sqrt(s1) + eps)
    return time.perf_counter() - start


def shuffle_seconds(n: int, epochs: int) -> float:
    """The trainer's shuffles of ``epochs`` epochs of ``n`` points (a row each, in one
    call, as trainer.py draws them: the same random numbers for the same results)."""
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    for first in range(0, epochs, max(1, (1 << 17) // n)):
        rng.permuted(np.tile(np.arange(n), (min(epochs - first, max(1, (1 << 17) // n)), 1)),
                     axis=1)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only-c", action="store_true", help="only the comparison with C")
    args = parser.parse_args()
    if not args.only_c:
        against_loop(args.repeats)
    lib = c_library()
    if lib is None:
        return
    compiled = warm_kernels()
    head = f"\n{'against C':<40} {'C ns/epoch':>12} {'NumPy ns/ep':>12} {'x C min':>6} " \
           f"{'med':>6} {'max':>6}"
    if compiled:
        head += f" {'compiled ns':>12} {'x C min':>6} {'med':>6} {'max':>6}"
    print(head + "  (goal: median <= 5x)")
    if not compiled:
        print("(numba is not installed: NumPy alone; pip install '.[fast]' adds the "
              "compiled kernels)")
    for opt in C_OPTIMIZERS:
        cfg = TrainConfig(optimizer=opt, lr=0.001 if opt in C_OPTIMIZERS[:3] else 0.02)
        against_c(lib, f"full batch, n=100, {opt}", cfg, 200_000, args.repeats, compiled)
    for n in (100, 100_000):
        epochs = max(10, 2_000_000 // n)
        shuffle = [shuffle_seconds(n, epochs) / epochs * 1e9 for _ in range(args.repeats)]
        cfg = TrainConfig(n_points=n, batch_size=10, lr=0.001 if n == 100 else 1e-5)
        c_ns = [c_seconds(lib, cfg, epochs) / epochs * 1e9 for _ in range(args.repeats)]
        label = f"  n={n:,}: the shuffle alone (batch 10 in C)"
        print(f"{label:<40} {np.median(c_ns):>12,.0f} {np.median(shuffle):>12,.0f} "
              f"{np.median(shuffle) / np.median(c_ns):>6.1f}  (the trainer's draws, kept "
              "for the same numbers)")
    floor = [adagrad_floor_seconds(200_000) / 200_000 * 1e9 for _ in range(args.repeats)]
    c_ns = [c_seconds(lib, TrainConfig(optimizer="adagrad", lr=0.02), 200_000) / 200_000 * 1e9
            for _ in range(args.repeats)]
    label = "  AdaGrad's update alone, on floats"
    print(f"{label:<40} {np.median(c_ns):>12,.0f} "
          f"{np.median(floor):>12,.0f} {np.median(floor) / np.median(c_ns):>6.1f}  (no history: "
          f"the floor of a Python epoch)")
    for n in (100, 100_000):
        for size in (1, 10, 100):
            if size >= n:  # (the full batch: above)
                continue
            for opt in C_OPTIMIZERS[:3]:
                # About 10-20 ms of C: an epoch's cost, not a run's set-up (the maps of
                # the points, the last epoch run on its own: about 0.3 ms a run).
                epochs = max(10, 2_000_000 // n // max(1, 10 // size))
                cfg = TrainConfig(n_points=n, batch_size=size, optimizer=opt, momentum=0.5,
                                  lr=0.001 if n == 100 else 1e-5, epochs=epochs)
                against_c(lib, f"mini-batch, n={n:,}, batch {size}, {opt}", cfg, epochs,
                          args.repeats, compiled)


def against_loop(repeats: int) -> None:
    print(f"{'case':<34} {'before us/ep':>11} {'now us/ep':>9} {'ratio min':>6} {'med':>6} "
          f"{'max':>6} {'goal':>6} {'rel diff':>9}")
    for opt in ("gd", "momentum", "nesterov", "adam"):
        cfg = TrainConfig(optimizer=opt, lr=0.001)
        compare(f"full batch, n=100, {opt}", cfg, 100_000, repeats, 8)
    for n in (100, 100_000):
        for size, epochs in ((1, 2), (10, 5), (100, 20)) if n > 100 else \
                ((1, 2_000), (10, 2_000), (100, 2_000)):
            cfg = TrainConfig(n_points=n, batch_size=size, lr=0.001 if n == 100 else 1e-5,
                              optimizer="momentum", momentum=0.5, epochs=epochs)
            compare(f"mini-batch, n={n:,}, batch {size}", cfg, epochs, repeats, 5)


if __name__ == "__main__":
    main()
