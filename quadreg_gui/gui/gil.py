"""Letting the GUI thread in while another thread of the window's process computes.

A thread computing in Python (reading a data file and making the data of it) keeps
the GIL but for the interpreter's forced hand-overs, one per switch interval (5 ms).  The GUI
thread enters Python many times per event (each slot, timer and pyqtgraph paint is a
call from C++), and each entry waits up to that interval: a repaint while a
1,000,000-row file was read stalled the window 360-390 ms (``bench_load.py``).  A
short sleep between chunks of such work lets the GUI thread do at once all it has
waiting: the worst lateness fell to about 35 ms, and reading took no measurably
longer.  (Training, and making synthetic data, run in the engine's process.)
"""

from __future__ import annotations

import time

#: Work between two pauses, and the pause: the GUI thread's share while it waits.
WORK_SECONDS = 0.015
PAUSE_SECONDS = 0.002


class GilPauses:
    """Called between chunks of work: sleeps PAUSE_SECONDS once WORK_SECONDS passed."""

    def __init__(self) -> None:
        self._since = time.perf_counter()

    def __call__(self) -> None:
        if time.perf_counter() - self._since >= WORK_SECONDS:
            time.sleep(PAUSE_SECONDS)
            self._since = time.perf_counter()
