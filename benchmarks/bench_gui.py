"""The real main window at maximum speed, against the headless trainer, in one run.

Run: python benchmarks/bench_gui.py [--epochs N]
Prints, for n = 100 and n = 1,000,000: epochs per second in the window and headless
(and their ratio), the lateness of a 5 ms precise QTimer probe in the GUI thread
(p50, p99, max) and plot redraws per second.
Goals: >= 50 % of headless throughput, p99 lateness <= 50 ms, max <= 100 ms,
>= 30 redraws per second.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402

from quadreg_gui.core.config import TrainConfig  # noqa: E402
from quadreg_gui.core.trainer import Trainer  # noqa: E402
from quadreg_gui.gui.app import create_app  # noqa: E402
from quadreg_gui.gui.main_window import MainWindow  # noqa: E402

PROBE_MS = 5


def config(n: int, epochs: int) -> TrainConfig:
    # The Hessian grows with n: lr 0.5/n stays stable where the article's 0.001 diverges.
    return TrainConfig(n_points=n, epochs=epochs, lr=0.001 if n <= 1000 else 0.5 / n)


def headless_rate(cfg: TrainConfig) -> float:
    trainer = Trainer(cfg)
    start = time.perf_counter()
    trainer.run(cfg.epochs)
    return cfg.epochs / (time.perf_counter() - start)


def wait_for(predicate, timeout_s: float = 600) -> None:
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: predicate() and loop.quit())
    poll.start(1)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    poll.stop()


def window_run(cfg: TrainConfig) -> tuple[float, np.ndarray, float]:
    """(epochs/s, probe lateness in ms, redraws/s) of one maximum-speed run."""
    window = MainWindow(cfg)
    window.show()
    wait_for(lambda: window.loaded is not None)
    window.run_controls.speed.setValue(window.run_controls.speed.maximum())
    stamps: list[float] = []
    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.timeout.connect(lambda: stamps.append(time.perf_counter()))
    redraws_before = window.redraws
    probe.start(PROBE_MS)
    start = time.perf_counter()
    window.toggle_run()
    wait_for(lambda: window.state == "finished")
    elapsed = time.perf_counter() - start
    probe.stop()
    assert window.epochs_run == cfg.epochs, "the window missed epochs"
    redraws = window.redraws - redraws_before
    window.close()
    lateness = np.diff(stamps) * 1000 - PROBE_MS
    return cfg.epochs / elapsed, lateness, redraws / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=200_000)
    args = parser.parse_args()
    create_app([])
    print(f"{'n':>9} {'window ep/s':>12} {'headless ep/s':>14} {'ratio':>6} "
          f"{'probe late p50/p99/max ms':>26} {'redraws/s':>10}")
    for n in (100, 1_000_000):
        cfg = config(n, args.epochs)
        rate = headless_rate(cfg)
        gui_rate, late, redraw_rate = window_run(cfg)
        p50, p99, worst = np.percentile(late, 50), np.percentile(late, 99), late.max()
        ok = gui_rate >= 0.5 * rate and p99 <= 50 and worst <= 100 and redraw_rate >= 30
        print(f"{n:>9} {gui_rate:>12,.0f} {rate:>14,.0f} {gui_rate / rate:>5.0%} "
              f"{p50:>10.1f} /{p99:>6.1f} /{worst:>6.1f} {redraw_rate:>10.1f}  "
              f"{'ok' if ok else 'BELOW GOAL'}")


if __name__ == "__main__":
    main()
