"""The window's link to its training worker: the worker in its thread, the requests
that go to it (each counted, so that a worker that stops answering is noticed) and
the reports that come back."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, SignalInstance

from ..core.training.engine_process import RemoteEngine
from .worker import CommandCounter, TrainingThread, TrainingWorker


class WorkerLink:
    """``worker`` in ``thread``; ``commands`` counts the requests sent to it and says
    when it stops answering (unless ``allowed_wait``: a file it is writing)."""

    def __init__(self, allowed_wait: Callable[[], bool], parent: QObject,
                 engine: RemoteEngine | None = None) -> None:
        self.worker = TrainingWorker(engine)
        self.thread = TrainingThread(self.worker)
        self.commands = CommandCounter(self.worker.waiting, allowed_wait, parent)

    def send(self, requests: Iterable[tuple[SignalInstance, Callable]]) -> None:
        """Each request signal to its worker slot, counted first: the engine's run
        stops for a command waiting."""
        for signal, slot in requests:
            signal.connect(self.commands.sent)
            signal.connect(slot)

    def receive(self, reports: Iterable[tuple[SignalInstance, Callable]]) -> None:
        """Each signal to its slot, uncounted: the worker's reports, and requests that
        pass on to a counted one."""
        for signal, slot in reports:
            signal.connect(slot)
