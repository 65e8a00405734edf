"""How late the GUI thread answers: a 5 ms precise timer's lateness while waiting."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import numpy as np

PERIOD_MS = 5


def lateness(qtbot, until: Callable[[], bool], timeout: int = 30_000) -> np.ndarray:
    """How late (ms) a PERIOD_MS timer of the GUI thread fired, until ``until()``
    (and at least three ticks: a file may be refused faster than the period).  The
    garbage of earlier tests is collected first: destroying a closed window took up
    to 380 ms in the full suite, inside a probe of a test that had no part in it."""
    from PySide6.QtCore import Qt, QTimer

    gc.collect()  # an earlier test's window destroyed meanwhile is not this stall
    stamps: list[float] = []
    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.timeout.connect(lambda: stamps.append(time.perf_counter()))
    probe.start(PERIOD_MS)
    qtbot.waitUntil(until, timeout=timeout)
    qtbot.waitUntil(lambda: len(stamps) >= 3)
    probe.stop()
    return np.diff(stamps) * 1000 - PERIOD_MS
