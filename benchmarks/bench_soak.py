"""A long session on the real window: a seeded random cycle of what a class does with
it (run, pause, step, reset, live changes, new data, the examples, races, pins,
exports, the language), for --minutes minutes.  Not run in CI.

Run: python benchmarks/bench_soak.py [--minutes M] [--seed S] [--top N] [--trace] [--trim]
                                     [--pixmap-cache KIB] [--maps] [--without KIND]
Prints the process's RSS (and the engine's) every 30 s, the worst stall of the GUI
thread (a 5 ms precise timer's lateness) per interval, and at the end the growth of
RSS from the end of the fifth minute (or the first fifth of a shorter run) to the
end, per minute, and with --trace the N places whose Python allocations grew most
over that time (tracemalloc), and the trend: a line fitted to the readings after the fifth
minute (its slope ± twice its standard error; a trend is a slope whose margin does
not reach zero); with --maps, the N mappings of the process (/proc/PID/smaps: the
heap, anonymous memory, each file mapped) whose resident memory grew most over that
time, which tells memory allocated apart from pages of a mapped file read in.
Goal (issue 25): no growth trend after the first 5 minutes, no exception.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings of its own (inherited by the windows it starts): never the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="quadreg-soak-")

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QPixmapCache  # noqa: E402

from quadreg_gui.core.analysis.race import default_race  # noqa: E402
from quadreg_gui.gui.app import create_app  # noqa: E402
from quadreg_gui.gui.main_window import MainWindow  # noqa: E402

REPORT_S = 30
PROBE_MS = 5
KINDS = ("run", "settings", "examples", "race", "pins", "exports", "language")


def rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def resident_by_mapping(pid: int | str = "self") -> dict[str, int]:
    """KiB resident per mapping name (a file's path, [heap], [stack] or anonymous),
    summed over its mappings."""
    sizes: dict[str, int] = {}
    name = ""
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        fields = line.split()
        if not fields[0].endswith(":"):  # a mapping's first line: its range, then its name
            name = " ".join(fields[5:]) or "[anonymous]"
        elif fields[0] == "Rss:":
            sizes[name] = sizes.get(name, 0) + int(fields[1])
    return sizes


def trend(samples: list[tuple[float, float]]) -> tuple[float, float]:
    """The least-squares slope of (minute, MiB) readings, and twice its standard error:
    a growth trend is a slope whose margin does not reach zero."""
    t, y = np.array(samples).T
    t = t - t.mean()
    slope = float(t @ (y - y.mean()) / (t @ t))
    residual = y - y.mean() - slope * t
    error = float(np.sqrt(residual @ residual / (len(t) - 2) / (t @ t)))
    return slope, 2 * error


def pause(ms: int) -> None:
    """Let the window work for ``ms`` (the event loop runs meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class Stalls:
    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.timer.start(PROBE_MS)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, (now - self.last) * 1000 - PROBE_MS)
        self.last = now

    def take(self) -> float:
        worst, self.worst = self.worst, 0.0
        return worst


def actions(win: MainWindow, folder: Path) -> dict[str, list]:
    """What a class does, by kind (--without leaves kinds out), in the order the seeds
    were first run with; an action listed twice is chosen twice as often."""
    editors = win.panel.editors

    def race() -> None:
        ld = win.run.loaded
        if ld is not None and not win.race.active and not win.run.loading:
            win.race.begin(default_race(win.run.config, win.run.quad, ld.initial))

    def setting(name: str, values: list) -> callable:
        return lambda: win.race.active or editors[name].setValue(random.choice(values))

    return {
        "run": [win.toggle_run, win.toggle_run, win.step, win.reset],
        "settings": [
            setting("lr", [0.001, 0.005, 0.01, 0.02]),
            setting("batch_size", [0, 0, 10, 32]),
            setting("l2", [0.0, 0.0, 1.0, 20.0]),
            setting("noise", [0.1, 0.2, 0.5]),
            setting("n_points", [50, 100, 1000, 100_000]),
            setting("epochs", [800, 5000, 100_000]),
            lambda: win.race.active or editors["optimizer"].setCurrentIndex(
                random.randrange(6))],
        "examples": [
            lambda: win.files.open_example(random.choice(["cars", "galileo", "article"]))],
        "race": [race, race, win.race.end],
        "pins": [win.pins.pin_run, win.pins.clear_pins],
        "exports": [
            lambda: win.exports.export_history(str(folder / "history.csv")),
            lambda: win.exports.export_plot("loss", str(folder / "loss.png"), "png"),
            lambda: win.files.save_experiment_to(str(folder / "run.quadreg.json"))],
        "language": [lambda: win.language.set_language(random.choice(["en", "zh_CN"]))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--trace", action="store_true",
                        help="trace Python allocations (tracemalloc; slows the window)")
    parser.add_argument("--trim", action="store_true",
                        help="also RSS after glibc's malloc_trim: memory freed but kept "
                             "by the allocator, told apart from memory in use")
    parser.add_argument("--pixmap-cache", type=int, metavar="KIB",
                        help="Qt's pixmap cache's limit (Qt's default: 10240 KiB), to tell "
                             "its filling apart from a growth without bound")
    parser.add_argument("--maps", action="store_true",
                        help="at the end, the mappings whose resident memory grew most")
    parser.add_argument("--without", action="append", default=[], metavar="KIND",
                        choices=KINDS, help="leave this kind of action out (repeatable), "
                        "to find what grows: " + ", ".join(KINDS))
    args = parser.parse_args()
    trim = ctypes.CDLL("libc.so.6").malloc_trim if args.trim else None
    random.seed(args.seed)
    app = create_app(["bench_soak"])
    if args.pixmap_cache is not None:
        QPixmapCache.setCacheLimit(args.pixmap_cache)
    errors: list[str] = []
    sys.excepthook = lambda kind, value, tb: errors.append(f"{kind.__name__}: {value}")
    win = MainWindow()
    win.resize(1280, 720)
    win.show()
    folder = Path(tempfile.mkdtemp(prefix="quadreg-soak-files-"))
    todo = [action for kind, kinds in actions(win, folder).items()
            if kind not in args.without for action in kinds]
    stalls = Stalls()
    slow: list[tuple[float, str]] = []
    if args.trace:
        tracemalloc.start(10)
    start = time.monotonic()
    end = start + args.minutes * 60
    settle = start + min(5 * 60, args.minutes * 60 / 5)
    next_report = start + REPORT_S
    baseline = None
    samples: list[tuple[float, float]] = []  # (minute, RSS) from the fifth minute on
    print("minute  RSS MiB  engine MiB  worst stall ms" + ("  RSS trimmed" if trim else ""))
    while time.monotonic() < end:
        action = random.choice(todo)
        began = time.perf_counter()
        action()
        took = time.perf_counter() - began
        if took > 0.1:
            slow.append((took, getattr(action, "__qualname__", repr(action))))
        pause(random.choice([20, 50, 100, 300]))
        now = time.monotonic()
        if baseline is None and now >= settle:
            if trim:  # (with --trim the growth is the trimmed RSS's)
                trim(0)
            baseline = (now, rss_mib(), tracemalloc.take_snapshot() if args.trace else None,
                        resident_by_mapping() if args.maps else None)
        if now >= next_report:
            next_report += REPORT_S
            process = win.worker.engine._process
            engine = rss_mib(process.pid) if process is not None and process.is_alive() \
                else float("nan")
            line = f"{(now - start) / 60:6.1f}  {rss_mib():7.0f}  {engine:10.0f}  " \
                   f"{stalls.take():14.0f}"
            if trim:
                trim(0)
                line += f"  {rss_mib():11.0f}"
            if baseline is not None:
                samples.append(((now - start) / 60, rss_mib()))
            print(line, flush=True)
            for took, name in slow:
                print(f"        slow action: {name} {took * 1000:.0f} ms")
            slow.clear()
    assert baseline is not None
    then, rss_then, snapshot, maps = baseline
    minutes = (time.monotonic() - then) / 60
    if trim:
        trim(0)
    growth = (rss_mib() - rss_then) / minutes
    print(f"\nRSS growth after minute {(then - start) / 60:.1f}: {growth:+.2f} MiB a minute; "
          f"{len(errors)} exceptions in slots")
    for label, part in (("after the fifth minute", samples),
                        ("in the second half of that", samples[len(samples) // 2:])):
        if len(part) >= 3:
            slope, margin = trend(part)
            print(f"trend {label}: {slope:+.3f} ± {margin:.3f} MiB a minute "
                  f"(least squares, ± twice its standard error, {len(part)} readings)")
    for line in errors[:5]:
        print("  ", line)
    if maps is not None:
        now_maps = resident_by_mapping()
        grown = sorted(((now_maps.get(name, 0) - maps.get(name, 0), name)
                        for name in set(now_maps) | set(maps)), reverse=True)
        print(f"Mappings whose resident memory grew most since then (top {args.top}):")
        for kib, name in grown[:args.top]:
            print(f"   {kib / 1024:+8.2f} MiB  {name}")
    if snapshot is not None:
        print(f"Python allocations that grew most since then (top {args.top}):")
        for stat in tracemalloc.take_snapshot().compare_to(snapshot, "lineno")[:args.top]:
            print("  ", stat)
    win.close()
    app.quit()


if __name__ == "__main__":
    main()
