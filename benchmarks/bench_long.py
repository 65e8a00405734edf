"""A run's cost per epoch as it grows long: 10^6, 10^7 and 10^8 epochs, headless.

Run: python benchmarks/bench_long.py [--repeats N] [--most EPOCHS] [--window]
Each repeat runs the article's problem (full-batch GD, lr 0.001, every epoch recorded in
the bounded history) to each length, one after the other, and prints the nanoseconds
per epoch of each and the ratio of each length's cost per epoch to the shortest's
(min / median / max over the repeats).  A run's cost is linear in its epochs when the
ratios stay near 1.  ``--window``: the same in the real window (offscreen, every panel
shown, maximum speed).  Goal (issue 28): 10^8 epochs within 1.2x of ten times 10^7.
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time

import numpy as np

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.training.trainer import Trainer

#: The engine's own chunk when it runs at full speed (epochs per call of Trainer.run).
CHUNK = 1 << 16
GOAL = 1.2


def seconds_for(epochs: int) -> float:
    trainer = Trainer(TrainConfig(epochs=epochs, log_every=1000))
    start = time.perf_counter()
    while trainer.epoch < epochs:
        trainer.run(min(CHUNK, epochs - trainer.epoch))
    return time.perf_counter() - start


def seconds_in_window(app: object, epochs: int) -> float:
    """In the window, of the application ``app`` (kept alive by being passed)."""
    import bench_gui
    from quadreg_gui.gui.main_window import MainWindow

    window, elapsed, _ = bench_gui.timed_to_finish(
        TrainConfig(epochs=epochs, log_every=1000), None, MainWindow.toggle_run)
    assert window.run.epoch == epochs, "the window missed epochs"
    window.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--most", type=int, default=10**8, help="the longest run's epochs")
    parser.add_argument("--window", action="store_true", help="in the real window")
    args = parser.parse_args()
    timed = seconds_for
    if args.window:
        # Offscreen, with settings of its own, never the user's: before Qt starts.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="quadreg-bench-")
        from quadreg_gui.gui.app import create_app

        timed = functools.partial(seconds_in_window, create_app(["bench_long"]))
    lengths = [n for n in (10**6, 10**7, 10**8) if n <= args.most]
    where = "in the window" if args.window else f"Trainer.run in chunks of {CHUNK} epochs"
    print(f"load average {os.getloadavg()[0]:.2f}; {args.repeats} repeats; {where}")
    per_epoch = {n: [] for n in lengths}
    for _ in range(args.repeats):
        for n in lengths:
            per_epoch[n].append(timed(n) / n * 1e9)
    shortest = np.array(per_epoch[lengths[0]])
    print(f"{'epochs':>12} {'ns/epoch min/median/max':>26} "
          f"{'x the 10^6 cost (min/median/max)':>36}")
    for n in lengths:
        cost = np.array(per_epoch[n])
        ratio = cost / shortest
        print(f"{n:>12,} {cost.min():>8.0f} {np.median(cost):>8.0f} {cost.max():>8.0f} "
              f"{ratio.min():>11.2f} {np.median(ratio):>11.2f} {ratio.max():>11.2f}")
    if len(lengths) == 3:
        tenfold = np.array(per_epoch[10**8]) / np.array(per_epoch[10**7])
        verdict = "" if np.median(tenfold) <= GOAL else "   BELOW GOAL"
        print(f"10^8 against ten times 10^7: {tenfold.min():.2f} / {np.median(tenfold):.2f} / "
              f"{tenfold.max():.2f} (goal <= {GOAL}){verdict}")


if __name__ == "__main__":
    main()
