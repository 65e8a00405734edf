"""Epoch cost of the trainer against the per-epoch NumPy loop it replaced, side by side.

Run: python benchmarks/bench_epochs.py [--repeats N]
The baseline is the loop the trainer ran before (one NumPy update and one history
row per epoch; per mini-batch a NumPy gradient of the batch's rows and a NumPy
step).  Each repeat times both on the same problem, one after the other; the
ratios' min, median and max over the repeats are printed, with the largest
relative difference of the final parameters.
Goals (issue 7): full batch >= 8x at n = 100 recording history; mini-batch >= 5x.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.optimizers import make_optimizer
from quadreg_gui.core.schedules import lr_at
from quadreg_gui.core.trainer import Trainer


class GrowingHistory:
    """The history the old loop wrote to: preallocated arrays, one row per epoch,
    doubled when full (as core/history.py was before it was bounded)."""

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"{'case':<34} {'before us/ep':>11} {'now us/ep':>9} {'ratio min':>6} {'med':>6} "
          f"{'max':>6} {'goal':>6} {'rel diff':>9}")
    for opt in ("gd", "momentum", "nesterov", "adam"):
        cfg = TrainConfig(optimizer=opt, lr=0.001)
        compare(f"full batch, n=100, {opt}", cfg, 100_000, args.repeats, 8)
    for n in (100, 100_000):
        for size, epochs in ((1, 2), (10, 5), (100, 20)) if n > 100 else \
                ((1, 2_000), (10, 2_000), (100, 2_000)):
            cfg = TrainConfig(n_points=n, batch_size=size, lr=0.001 if n == 100 else 1e-5,
                              optimizer="momentum", momentum=0.5, epochs=epochs)
            compare(f"mini-batch, n={n:,}, batch {size}", cfg, epochs, args.repeats, 5)


if __name__ == "__main__":
    main()
