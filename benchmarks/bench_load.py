"""Reading data files: 1,000,000 rows in under 2 seconds, without freezing the window.

Run: python benchmarks/bench_load.py [--rows N] [--repeats R]
Side by side in one run, on the same CSV file of --rows rows (x, y to 17 digits):
  - core.files.datafile.read_table (NumPy's C parser in chunks, every check included),
  - one np.loadtxt call on the whole file (the parser alone, no checks),
  - the standard library's csv module with float() per cell (a per-cell Python loop),
each timed --repeats times (min, median, max) with their ratios; then the window
opening the file through File > Open data (read, standardize, default learning
rate, new data shown) with a 5 ms precise probe timer in the GUI thread: its
lateness (p50, p99, max) says how long the window could not respond.
Goal (issue 10): read_table < 2 s for 1,000,000 rows; the window stays live.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings of its own (inherited by the windows it starts): never the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="quadreg-bench-")

import numpy as np  # noqa: E402
from bench_gui import probed_in_window  # noqa: E402

from quadreg_gui.core.files.datafile import read_table  # noqa: E402
from quadreg_gui.gui.app import create_app  # noqa: E402


def timed(work: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def stdlib_csv(path: Path) -> np.ndarray:
    with path.open(newline="") as f:
        rows = csv.reader(f)
        next(rows)
        return np.array([[float(a), float(b)] for a, b in rows])


def summary(times: list[float]) -> str:
    return f"{min(times):.3f} / {statistics.median(times):.3f} / {max(times):.3f} s"


def window_open(path: Path) -> tuple[float, np.ndarray]:
    """(seconds, probe lateness in ms) from File > Open data to the new data shown."""
    return probed_in_window(lambda w: w.files.open_data(str(path)),
                            lambda w: w.run.loaded.config.data == str(path) and not w.run.loading)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, args.rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        np.savetxt(path, np.column_stack([x, 0.3 * x**2 + rng.normal(0, 5, x.size)]),
                   delimiter=",", header="x,y", comments="", fmt="%.17g")
        size = path.stat().st_size / 2**20
        print(f"{args.rows:,} rows, {size:.1f} MiB; min / median / max of {args.repeats}")
        ours = timed(lambda: read_table(str(path)), args.repeats)
        whole = timed(lambda: np.loadtxt(path, delimiter=",", skiprows=1), args.repeats)
        loop = timed(lambda: stdlib_csv(path), args.repeats)
        print(f"  read_table        {summary(ours)}   goal < 2 s: "
              f"{'ok' if statistics.median(ours) < 2 else 'ABOVE GOAL'}")
        print(f"  np.loadtxt whole  {summary(whole)}   read_table / it: "
              f"{statistics.median(ours) / statistics.median(whole):.2f}")
        print(f"  csv + float()     {summary(loop)}   it / read_table: "
              f"{statistics.median(loop) / statistics.median(ours):.2f}")
        create_app([])
        late = []
        for _ in range(args.repeats):
            elapsed, lateness = window_open(path)
            late.append(lateness)
            print(f"  window: opened and shown in {elapsed:.2f} s; probe lateness max "
                  f"{lateness.max():.1f} ms")
        lateness = np.concatenate(late)
        print(f"  probe lateness p50 / p99 / max: {np.percentile(lateness, 50):.1f} / "
              f"{np.percentile(lateness, 99):.1f} / {lateness.max():.1f} ms")


if __name__ == "__main__":
    main()
