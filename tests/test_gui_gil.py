"""Threads of the window's process that compute pause for the GUI thread (gui.gil)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from quadreg_gui.gui import gil  # noqa: E402


class Clock:
    """A clock that moves only when told to, and the pauses taken by each thread."""

    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[tuple[str, float]] = []

    def perf_counter(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append((threading.current_thread().name, seconds))


def test_pauses_come_once_per_stretch_of_work(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(gil, "time", clock)
    pause = gil.GilPauses()
    for _ in range(10):  # 10 chunks of 4 ms: 40 ms of work
        clock.now += 0.004
        pause()
    every = int(np.ceil(gil.WORK_SECONDS / 0.004))
    assert clock.pauses == [(threading.current_thread().name, gil.PAUSE_SECONDS)] * (10 // every)


class Ticking(Clock):
    """Each reading of the clock is a second later: every chunk is a long one.  It
    starts at the real clock's time, which the window's threads read before."""

    def __init__(self) -> None:
        super().__init__()
        self.now = time.perf_counter()

    def perf_counter(self) -> float:
        self.now += 1.0
        return self.now


def test_reading_a_file_pauses_between_chunks_in_the_reading_thread(qtbot, window,
                                                                    tmp_path, monkeypatch):
    from quadreg_gui.core.files.textblocks import BLOCK_BYTES
    clock = Ticking()
    monkeypatch.setattr(gil, "time", clock)
    path = tmp_path / "rows.csv"
    x = np.linspace(-1, 1, 150_000)
    np.savetxt(path, np.column_stack([x, 2 * x**2]), delimiter=",", fmt="%.6f")
    chunks = -(-path.stat().st_size // BLOCK_BYTES)
    generation = window.run.generation
    window.files.open_data(str(path))
    qtbot.waitUntil(lambda: window.run.generation > generation and not window.run.loading
                    and window.run.loaded.data.n == 150_000, timeout=10_000)
    gui_thread = threading.current_thread().name
    assert len(clock.pauses) >= chunks  # a pause after every chunk read, at least
    assert all(name != gui_thread for name, _ in clock.pauses)
