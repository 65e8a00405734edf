"""Closing from every state: the window goes at once, the worker stops within the
time the user waits for (200 ms), and the process exits 0 with nothing on stderr."""

from __future__ import annotations

import gc
import math
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from closing_states import DIALOG, STATES, reach  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from shiboken6 import isValid  # noqa: E402

from quadreg_gui.gui.main_window import MainWindow  # noqa: E402
from quadreg_gui.gui.run_controls import SPEEDS  # noqa: E402

LIMIT = 0.2  # seconds


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("how", ["close", "ctrl+q"])
def test_the_window_closes_at_once_in_every_state(qtbot, state, how):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(lambda: reach(win, state) and win.isActiveWindow(), timeout=30_000)
    gc.collect()  # earlier tests' closed windows, not collected inside the timing
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


def _engine_process(win):
    return win.worker.engine._process


def test_closing_during_a_history_export_cancels_it_within_200_ms(qtbot, window, tmp_path,
                                                                  capfd):
    """The export is cancelled, never half written: the partial file goes, an older file
    of that name stays as it was, and stderr says so."""
    editors = window.panel.editors
    editors["epochs"].setValue(3_000_000)
    window.run_controls.speed.setValue(SPEEDS.index(math.inf))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=60_000)
    path = tmp_path / "history.csv"
    path.write_text("older\n")
    window.exports.export_history(str(path))
    qtbot.waitUntil(lambda: any(p.name.endswith(".tmp") for p in tmp_path.iterdir()),
                    timeout=10_000)
    process = _engine_process(window)
    gc.collect()  # earlier tests' closed windows, not collected inside the timing
    start = time.perf_counter()
    window.close()
    took = time.perf_counter() - start
    assert took < LIMIT, f"closing during an export took {took * 1000:.0f} ms"
    process.join(5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.csv"]
    assert path.read_text() == "older\n"
    assert "cancelled the history export" in capfd.readouterr().err


@pytest.mark.parametrize("writing", [False, True], ids=["idle", "exporting"])
def test_closing_with_the_engine_stopped_kills_it_within_200_ms(qtbot, window, tmp_path,
                                                                writing):
    """An engine that does not answer (SIGSTOP) is killed, not waited for."""
    if writing:
        window.exports.export_history(str(tmp_path / "history.csv"))
    process = _engine_process(window)
    os.kill(process.pid, signal.SIGSTOP)
    gc.collect()  # earlier tests' closed windows, not collected inside the timing
    start = time.perf_counter()
    window.close()
    took = time.perf_counter() - start
    assert took < LIMIT, f"closing took {took * 1000:.0f} ms"
    process.join(5)
    assert not process.is_alive()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


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


# On CI's other Pythons (QUADREG_HEAVY=once) only a running window: the states are the
# same on every Python, and each case costs a process's start.
@pytest.mark.parametrize("signum, state", [
    pytest.param("SIGTERM", s, marks=[] if s == "running" else [pytest.mark.heavy])
    for s in (*STATES, DIALOG)] + [("SIGINT", "running")])
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


# --- as a user quits: a key under X11 with a window manager -----------------------------
X11_TOOLS = ("Xvfb", "openbox", "xdotool")


@pytest.fixture(scope="module")
def x11(tmp_path_factory):
    """A display of its own (Xvfb, 1366x768) with openbox managing its windows."""
    if not all(shutil.which(tool) for tool in X11_TOOLS):
        pytest.skip("needs Xvfb, openbox and xdotool (Debian packages of those names)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        display = f":{numbers.readline().strip()}"
    env = {**os.environ, "DISPLAY": display}
    # openbox runs --startup's command once it manages the screen: it says so in a
    # named pipe (the command inherits no other descriptor).
    fifo = tmp_path_factory.mktemp("openbox") / "ready"
    os.mkfifo(fifo)
    ready = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    wm = subprocess.Popen(["openbox", "--startup", f"sh -c 'echo ready > {fifo}'"], env=env,
                          stderr=subprocess.DEVNULL)
    try:
        if not select.select([ready], [], [], 10)[0] or os.read(ready, 16) != b"ready\n":
            raise TimeoutError("openbox did not start within 10 s")
    finally:
        os.close(ready)
    yield env
    for proc in (wm, xvfb):
        proc.terminate()
        proc.wait(10)


@pytest.mark.heavy  # (QUADREG_HEAVY=once: Qt's X11 platform, the same on every Python)
@pytest.mark.parametrize("state", STATES)
def test_ctrl_q_under_x11_exits_within_200_ms_in_every_state(x11, tmp_path, state):
    """From the key a user presses to the end of the process and of the engine's
    processes, as a user waits for it."""
    env = {**x11, "XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "xcb",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent),
                                          os.environ.get("PYTHONPATH", "")])}
    with subprocess.Popen([sys.executable, "-c", SCRIPT, state], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env) as proc:
        assert proc.stdout.readline().strip() == "there", proc.stderr.read()
        found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                                "^QuadReg$"], env=env, capture_output=True, text=True,
                               timeout=10)
        window = found.stdout.split()[0]
        subprocess.run(["xdotool", "windowactivate", "--sync", window], env=env, check=True,
                       timeout=10)
        start = time.perf_counter()
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+q"], env=env, check=True)
        code = proc.wait(timeout=30)
        took = time.perf_counter() - start
        stderr = proc.stderr.read()
        proc.stdout.read()  # until the engine's processes, which share it, have ended too
        all_gone = time.perf_counter() - start
    assert code == 0, stderr
    print(f"quit from {state}: {took * 1000:.0f} ms, every process gone after "
          f"{all_gone * 1000:.0f} ms")  # shown with -s
    assert took < LIMIT, f"quitting from {state} took {took * 1000:.0f} ms"
    assert all_gone < LIMIT, f"the processes of {state} ended after {all_gone * 1000:.0f} ms"
