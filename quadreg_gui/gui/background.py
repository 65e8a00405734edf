"""File work off the GUI thread: reading data files and experiments, writing exports.

One QThread hosts a ``TaskRunner``; a ``Task`` is a core function (no Qt) to call
there.  Its result or its error message comes back as a signal, in the GUI
thread; a newer task of the same kind makes an older one's result stale (it is
dropped), so a second Open while the first still reads shows only the second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.config import ConfigError
from ..core.files.datafile import DataFileError
from ..core.interrupt import Interrupted, install
from .gil import GilPauses


@dataclass(frozen=True)
class Task:
    """``work(progress)`` to run in the background; ``kind`` groups tasks whose newest
    alone counts; ``number`` is set when it is submitted."""

    kind: str
    work: Callable[[Callable[[float], None]], Any]
    number: int = 0


@dataclass(frozen=True)
class Outcome:
    task: Task
    result: Any = None
    error: Exception | None = None  # an expected failure: a message for the user


class Cancelled(Exception):
    """The window is closing: the task stops at its next progress report."""


class TaskRunner(QObject):
    """Runs tasks one after another in its thread."""

    finished = Signal(object)  # Outcome
    progressed = Signal(str, float)  # kind, fraction done

    @Slot(object)
    def run(self, task: Task) -> None:
        pause = GilPauses()
        thread = QThread.currentThread()

        def between_chunks() -> bool:
            """The core's long loops (core.interrupt) give the GUI thread its turn
            (gui.gil) and stop once the window closes."""
            pause()
            return thread.isInterruptionRequested()

        def progress(fraction: float) -> None:
            if between_chunks():
                raise Cancelled
            self.progressed.emit(task.kind, fraction)

        install(between_chunks)
        try:
            outcome = Outcome(task, task.work(progress))
        except (Cancelled, Interrupted):
            return
        except (DataFileError, ConfigError, OSError) as exc:
            outcome = Outcome(task, error=exc)
        self.finished.emit(outcome)


class Background(QObject):
    """Submits tasks to a TaskRunner in its own thread; ``done`` carries the outcome of
    the newest task of each kind."""

    submitted = Signal(object)
    done = Signal(object)  # Outcome
    progressed = Signal(str, float)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._numbers: dict[str, int] = {}  # per kind: the newest task submitted
        self._done: dict[str, int] = {}  # per kind: the newest task finished
        self.thread = QThread()
        self.runner = TaskRunner()
        self.runner.moveToThread(self.thread)
        self.submitted.connect(self.runner.run)
        self.runner.finished.connect(self._finished)
        self.runner.progressed.connect(self._progressed)
        self.thread.start()

    def submit(self, kind: str, work: Callable[[Callable[[float], None]], Any]) -> None:
        number = self._numbers.get(kind, 0) + 1
        self._numbers[kind] = number
        self.submitted.emit(Task(kind, work, number))

    def busy(self, kind: str) -> bool:
        return self._numbers.get(kind, 0) > self._done.get(kind, 0)

    @Slot(object)
    def _finished(self, outcome: Outcome) -> None:
        kind = outcome.task.kind
        self._done[kind] = max(self._done.get(kind, 0), outcome.task.number)
        if outcome.task.number == self._numbers.get(kind):
            self.done.emit(outcome)

    @Slot(str, float)
    def _progressed(self, kind: str, fraction: float) -> None:
        self.progressed.emit(kind, fraction)

    def stop(self) -> None:
        """End the thread and wait: a file being read stops at its next block."""
        self.thread.requestInterruption()
        self.thread.quit()
        self.thread.wait()
