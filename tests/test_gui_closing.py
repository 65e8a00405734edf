"""Closing from every state: the window goes at once, the worker stops within the
time the user waits for (200 ms), and the process exits 0 with nothing on stderr."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from closing_states import STATES, reach  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from shiboken6 import isValid  # noqa: E402

from quadreg_gui.gui.main_window import MainWindow  # noqa: E402

LIMIT = 0.2  # seconds


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("how", ["close", "ctrl+q"])
def test_the_window_closes_at_once_in_every_state(qtbot, state, how):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(lambda: reach(win, state) and win.isActiveWindow(), timeout=30_000)
    start = time.perf_counter()
    if how == "close":  # what the window manager's close button does
        win.close()
    else:
        QTest.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    took = time.perf_counter() - start
    assert not win.isVisible()
    assert took < LIMIT, f"closing {state} took {took * 1000:.0f} ms"
    thread = win.thread  # stopped, or about to be: still inside one long NumPy call
    qtbot.waitUntil(lambda: not isValid(thread) or not thread.isRunning(), timeout=2000)


SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from closing_states import reach
from quadreg_gui.gui import app as A
from quadreg_gui.gui.main_window import MainWindow
init = MainWindow.__init__
def patched(self, *args, **kwargs):
    init(self, *args, **kwargs)
    def poll():
        if reach(self, sys.argv[1]):
            timer.stop()
            print("there", flush=True)
    timer = QTimer(self); timer.timeout.connect(poll); timer.start(10)
MainWindow.__init__ = patched
A.main([])
"""


@pytest.mark.parametrize("signum, state", [("SIGTERM", s) for s in STATES]
                         + [("SIGINT", "running")])
def test_signals_end_the_process_cleanly_in_every_state(tmp_path, signum, state):
    # The app remembers its session: in a folder of the test's, never the user's.
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent),
                                          os.environ.get("PYTHONPATH", "")])}
    with subprocess.Popen([sys.executable, "-c", SCRIPT, state], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env) as proc:
        assert proc.stdout.readline().strip() == "there", proc.stderr.read()
        start = time.perf_counter()
        proc.send_signal(getattr(signal, signum))
        code = proc.wait(timeout=30)
        took = time.perf_counter() - start
        stderr = [ln for ln in proc.stderr.read().splitlines()
                  if ln != "This plugin does not support propagateSizeHints()"]
    assert code == 0 and stderr == []
    assert took < LIMIT, f"exit from {state} took {took * 1000:.0f} ms"
