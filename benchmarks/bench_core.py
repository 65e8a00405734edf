"""Epochs per second: the article's loop against QuadReg's trainer, side by side.

Run: python benchmarks/bench_core.py [--quick]
Both run the same problem in this process; results are checked to agree.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.training.trainer import Trainer


def bench_lr(n: int) -> float:
    """The Hessian grows with n: the article's lr 0.001 diverges at n = 1e6, 0.5/n does not."""
    return 0.001 if n <= 1000 else 0.5 / n


def article_loop(n: int, epochs: int) -> tuple[float, np.ndarray]:
    """The article's code (data, init, loop) for n points; returns (seconds, (w, b))."""
    np.random.seed(100)
    x = np.linspace(-1, 1, n).reshape(n, 1)
    y = 3 * np.power(x, 2) + 2 + 0.2 * np.random.rand(x.size).reshape(n, 1)
    w = np.random.rand(1, 1)
    b = np.random.rand(1, 1)
    lr = bench_lr(n)
    start = time.perf_counter()
    for _ in range(epochs):
        y_pred = np.power(x, 2) * w + b
        loss = 0.5 * (y_pred - y) ** 2
        loss.sum()
        grad_w = np.sum((y_pred - y) * np.power(x, 2))
        grad_b = np.sum((y_pred - y))
        w -= lr * grad_w
        b -= lr * grad_b
    return time.perf_counter() - start, np.array([w[0][0], b[0][0]])


def ours(n: int, epochs: int) -> tuple[float, float, np.ndarray]:
    """(setup seconds, training seconds, final params) of QuadReg's trainer."""
    start = time.perf_counter()
    trainer = Trainer(TrainConfig(n_points=n, lr=bench_lr(n), epochs=epochs))
    setup = time.perf_counter() - start
    start = time.perf_counter()
    trainer.run(epochs)
    return setup, time.perf_counter() - start, trainer.theta


def best_of(repeats: int, fn, *args):
    """The fastest of ``repeats`` runs (the least disturbed by other load)."""
    return min((fn(*args) for _ in range(repeats)), key=lambda r: r[-2])  # r[-2]: training seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer epochs at n = 1,000,000")
    args = parser.parse_args()
    cases = [(100, 800, 5, 3), (1_000_000, 100 if args.quick else 1000, 1, 200)]
    print(f"{'n':>9} {'epochs':>6} {'article ep/s':>13} {'quadreg ep/s':>13} "
          f"{'ratio':>8} {'goal':>6} {'setup s':>8} {'max rel diff':>12}")
    for n, epochs, repeats, goal in cases:
        t_art, p_art = best_of(repeats, article_loop, n, epochs)
        setup, t_ours, p_ours = best_of(repeats, ours, n, epochs)
        diff = float(np.max(np.abs(p_ours - p_art) / np.abs(p_art)))
        ratio = t_art / t_ours
        print(f"{n:>9} {epochs:>6} {epochs / t_art:>13,.0f} {epochs / t_ours:>13,.0f} "
              f"{ratio:>7.1f}x {goal:>5.0f}x {setup:>8.3f} {diff:>12.1e}"
              f"  {'ok' if ratio >= goal and diff < 1e-9 else 'BELOW GOAL'}")


if __name__ == "__main__":
    main()
