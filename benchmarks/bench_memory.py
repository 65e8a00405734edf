"""Peak memory (RSS) of long runs, headless and in the window, measured in child processes.

Run: python benchmarks/bench_memory.py [--long]
Each run is a fresh process, so its peak RSS is its own.  The window trains in a
process of its own (core.training.engine_process): its figure is the sum of three peaks,
the window's, its engine's and that of the forkserver the engine was forked from
(read from /proc, so Linux only).  The runs grow tenfold in epochs: flat peaks
show that memory does not grow with the run (--long adds the 100,000,000-epoch
runs themselves, a few minutes).
Goals (issue 7): 10^8 epochs headless <= 150 MiB; in the window <= 400 MiB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

# Settings of its own (inherited by the windows it starts): never the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="quadreg-bench-")

HEADLESS = """
import sys
from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.training.trainer import MAX_RUN, Trainer
epochs = int(sys.argv[1])
t = Trainer(TrainConfig(epochs=epochs, lr=0.0001))
done = 0
while done < epochs:
    done += t.run(min(MAX_RUN, epochs - done))
"""

WINDOW = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from quadreg_gui.core.config import TrainConfig
from quadreg_gui.gui.app import create_app
from quadreg_gui.gui.main_window import MainWindow
app = create_app([])
win = MainWindow(TrainConfig(epochs=int(sys.argv[1]), lr=0.0001))
win.run_controls.speed.setValue(win.run_controls.speed.maximum())
win.show()
def peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
def poll():
    if win.run.state == "ready" and win.run.loaded is not None:
        win.toggle_run()
    elif win.run.state == "finished":
        from multiprocessing import forkserver
        server = forkserver._forkserver._forkserver_pid
        print(peak_kib(os.getpid()), peak_kib(win.worker.engine._process.pid),
              peak_kib(server), flush=True)
        win.close(); app.quit()
timer = QTimer(); timer.timeout.connect(poll); timer.start(20)
app.exec()
"""


def peak_mib(script: str, epochs: int) -> tuple[float, float, str]:
    """(peak RSS in MiB, seconds, how it adds up) of ``script`` run with ``epochs`` in a
    child; the window's script prints its own, its engine's and the forkserver's
    peaks (KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, str(epochs)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"the run of {epochs:,} epochs failed ({status})")
    seconds = time.perf_counter() - start
    if not out.strip():
        return usage.ru_maxrss / 1024, seconds, ""
    window, engine, server = (int(k) / 1024 for k in out.split())
    return (window + engine + server, seconds,
            f"window {window:.0f} + engine {engine:.0f} + forkserver {server:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--long", action="store_true", help="also 10^8 epochs (a few minutes)")
    args = parser.parse_args()
    print(f"{'run':<10} {'epochs':>12} {'peak RSS MiB':>13} {'seconds':>8}  goal")
    headless = [1_000_000, 10_000_000] + ([100_000_000] if args.long else [])
    for epochs in headless:
        mib, secs, _ = peak_mib(HEADLESS, epochs)
        print(f"{'headless':<10} {epochs:>12,} {mib:>13.0f} {secs:>8.1f}  <= 150 at 10^8")
    for epochs in [1_000_000, 10_000_000] + ([100_000_000] if args.long else []):
        mib, secs, parts = peak_mib(WINDOW, epochs)
        print(f"{'window':<10} {epochs:>12,} {mib:>13.0f} {secs:>8.1f}  <= 400 at 10^8 ({parts})")


if __name__ == "__main__":
    main()
