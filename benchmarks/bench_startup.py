"""Start-up: launch to the first frame, and to the data shown, against a bare window.

Run: python benchmarks/bench_startup.py [--repeats N]
Each repeat starts, one after the other, (a) QuadReg's window as ``quadreg-gui`` starts
it (app.main), and (b) a bare PySide6 window with two pyqtgraph plots of 100 points, each
in a fresh Python process on the offscreen platform (settings of its own, never the
user's).  The parent times from the launch to the child's word that its window painted
its first frame, and that the data is drawn (QuadReg: its data plot painted with the
loaded points; the bare window: its first frame has them).  Prints min / median / max
seconds of each and the ratios of the medians.  Goals (issue 28): first frame <= 1.2x
the bare window's, data shown <= 1.4x.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

#: Says "frame" on the main window's first paint and "data" on the data plot's first
#: paint once the data is loaded (a filter on the application sees every paint).
QUADREG = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
import quadreg_gui.gui.app as app

class Marks(QObject):
    said = set()
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and len(self.said) < 2:
            window = next((w for w in QApplication.topLevelWidgets()
                           if type(w).__name__ == "MainWindow"), None)
            if window is not None and "frame" not in self.said:
                self.say("frame")
            if window is not None and window.run.loaded is not None \\
                    and obj is window.data_plot.viewport():
                self.say("data")
        return False
    def say(self, what):
        self.said.add(what)
        print(what, flush=True)
        if len(self.said) == 2:
            QApplication.instance().quit()

create = app.create_app
def create_app(argv):
    qt = create(argv)
    qt.marks = Marks()
    qt.installEventFilter(qt.marks)
    return qt
app.create_app = create_app
if __name__ == "__main__":
    app.main([])
"""

BARE = """
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

class Marks(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("frame", flush=True)
            print("data", flush=True)
            QApplication.instance().quit()
        return False

app = QApplication([])
marks = Marks()
window = QWidget()
layout = QHBoxLayout(window)
x = np.linspace(-1, 1, 100)
for y in (3 * x**2 + 2, 100 * np.exp(-np.arange(100) / 20)):
    plot = pg.PlotWidget()
    plot.plot(x, y, pen=None, symbol="o")
    layout.addWidget(plot)
window.resize(1260, 700)
window.show()
window.installEventFilter(marks)
app.exec()
"""


#: Compiled modules kept between launches, as an installed wheel has them (where
#: PYTHONDONTWRITEBYTECODE is set, every launch would compile QuadReg's sources anew).
CACHE = tempfile.mkdtemp(prefix="quadreg-bench-pycache-")


def launch(script: str) -> tuple[float, float]:
    """(seconds to the first frame, seconds to the data shown) of one fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": CACHE,
           "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="quadreg-bench-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, env=env) as child:
        seen = {}
        for line in child.stdout:
            seen[line.strip()] = time.perf_counter() - start
            if len(seen) == 2:
                break
        child.kill()
    return seen["frame"], seen["data"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    times = {"quadreg": [], "bare": []}
    launch(BARE)  # (files into the page cache, modules compiled, for both)
    launch(QUADREG)
    for _ in range(args.repeats):
        times["quadreg"].append(launch(QUADREG))
        times["bare"].append(launch(BARE))
    print(f"load average {os.getloadavg()[0]:.2f}; {args.repeats} repeats, offscreen")
    medians = {}
    for name, runs in times.items():
        frames, data = np.array(runs).T
        medians[name] = np.median(frames), np.median(data)
        print(f"{name:<8} first frame {frames.min():.2f} / {np.median(frames):.2f} / "
              f"{frames.max():.2f} s   data shown {data.min():.2f} / {np.median(data):.2f} / "
              f"{data.max():.2f} s (min / median / max)")
    frame = medians["quadreg"][0] / medians["bare"][0]
    data = medians["quadreg"][1] / medians["bare"][1]
    print(f"QuadReg against the bare window: first frame {frame:.2f}x (goal <= 1.2), "
          f"data shown {data:.2f}x (goal <= 1.4)"
          + ("   BELOW GOAL" if frame > 1.2 or data > 1.4 else ""))


if __name__ == "__main__":
    main()
