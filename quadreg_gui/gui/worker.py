"""The training thread: a core Trainer driven by a QObject living in a QThread.

A QObject moved to a QThread (rather than a QThread subclass) because the
worker is event driven: its slots (start, pause, step, live setting changes)
arrive as queued calls and its pacing is a QTimer, all on the worker's own
event loop, so the Trainer is only ever touched by that one thread and no locks
are needed.  Everything the GUI receives is a copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from time import perf_counter as clock

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from ..core.config import TrainConfig
from ..core.data import Dataset, make_dataset
from ..core.datafile import Table
from ..core.decimate import path_rows, plot_rows
from ..core.explain import StepRecord
from ..core.export import write_history
from ..core.history import Rows
from ..core.interrupt import Interrupted, install
from ..core.model import Model
from ..core.objective import QuadraticLoss
from ..core.race import Race, Racer, RaceResult
from ..core.trainer import Trainer

#: Time budget of one batch of epochs at maximum speed.
BATCH_SECONDS = 0.02
#: Tick period at finite speeds: about the display rate.
FRAME_MS = 16
#: Shortest time between two loss curves sent: no faster than the window redraws.
CURVE_SECONDS = 1 / 40
#: The same for a race's curves: six of them cost the GIL six times over.
RACE_CURVE_SECONDS = 1 / 10
#: Shortest time between two explained steps sent while running: readable, not a blur.
STEP_SECONDS = 1 / 4


@dataclass(frozen=True)
class Loaded:
    """New data and model: what the plots need to start over."""

    generation: int
    config: TrainConfig
    data: Dataset
    model: Model
    initial: np.ndarray
    initial_loss: float
    optimum: np.ndarray
    min_loss: float
    quad: QuadraticLoss
    same_data: bool = False  # a new starting point on the same data


@dataclass(frozen=True)
class LoadRequest:
    """New data from ``config`` (and ``table``, a data file already read); ``number``
    says which request it is (see ``announce_load``)."""

    number: int
    config: TrainConfig
    table: Table | None = None


@dataclass(frozen=True)
class Progress:
    """The state after the epochs run since the last report: the epochs logged
    since then, and what the loss plot draws (copies; the history itself stays in
    the worker, the one history of the run).

    ``generation`` counts loads and resets: a report of an older generation
    arrived after the GUI asked to start over and must be dropped.
    """

    generation: int
    logged: Rows
    curve: Rows | None
    path: Rows | None  # the trajectory to draw, sent with the curve
    step: StepRecord | None  # the last epoch, a few times a second while running
    quad: QuadraticLoss
    velocity: np.ndarray | None  # momentum's and Nesterov's
    near_optimum_at: int | None
    last_lr: float | None
    full_resolution: bool  # False once the history summarises the middle of the run
    theta: np.ndarray
    epoch: int
    target: int
    loss_now: float
    lr_next: float
    diverged_at: int | None
    changes: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class HistoryWritten:
    """The run's history written to ``path``: ``complete`` when every epoch is there,
    or the reason it could not be written."""

    path: str
    epochs: int
    complete: bool
    error: str = ""


@dataclass(frozen=True)
class RacerState:
    """One racer after the epochs run since the last report (copies)."""

    curve: Rows | None  # as Progress.curve: at most every CURVE_SECONDS
    path: Rows | None
    theta: np.ndarray
    loss_now: float
    epoch: int


@dataclass(frozen=True)
class RaceProgress:
    """A race's state: every racer's, and the results table so far."""

    generation: int
    epoch: int
    target: int
    racers: tuple[RacerState, ...]
    results: tuple[RaceResult, ...]


class TrainingWorker(QObject):
    """Runs epochs at the chosen speed and reports every one of them.

    At maximum speed it runs batches of about BATCH_SECONDS and keeps at most one
    batch in flight: while the GUI takes one batch, the next is computed and held
    (``_pending``) until the GUI acknowledges; then it is sent and the one after
    is computed.  So the GUI is never flooded, and the worker does not sit idle
    while the GUI draws.
    """

    loaded = Signal(object)  # Loaded
    progressed = Signal(object)  # Progress
    raceProgressed = Signal(object)  # RaceProgress
    stateChanged = Signal(str)  # "ready", "running", "paused", "finished", "diverged"
    historyWritten = Signal(object)  # HistoryWritten

    def __init__(self) -> None:
        super().__init__()
        self._trainer: Trainer | None = None
        self._race: Race | None = None  # while racing, the commands drive the race
        self._timer = QTimer(self)  # a child, so it moves to the thread with the worker
        self._timer.timeout.connect(self._tick)
        self._speed = math.inf
        self._running = False
        self._unacknowledged = 0
        self._pending = False
        self._generation = 0
        self._round_start = 0
        self._logged = 0
        self._reported_changes = 0
        self._curve_time = 0.0
        self._step_time = 0.0
        self._pace_start = 0.0
        self._pace_done = 0
        self._batch = 256
        self._newest_load = 0
        self._resume = False  # a load halted a running run: run again once loaded

    # --- called from the GUI thread ----------------------------------------------
    def announce_load(self, config: TrainConfig, table: Table | None = None) -> LoadRequest:
        """A load request to send; the loads requested before it will be skipped.

        Called in the GUI thread: a plain counter written by that thread alone and
        read by the worker, so a queue of loads (a dragged setting, 10^7 points)
        costs one load, not one per request.
        """
        self._newest_load += 1
        return LoadRequest(self._newest_load, config, table)

    # --- commands from the GUI -------------------------------------------------
    @staticmethod
    def _stopping() -> bool:
        """The window is closing: return at once, whatever the command."""
        return QThread.currentThread().isInterruptionRequested()

    @Slot(object)
    def load(self, request: LoadRequest) -> None:
        """New data and model: the run starts over, and keeps running if it was."""
        if request.number < self._newest_load or self._stopping():
            return  # a newer load is queued behind this one
        self._resume = self._resume or self._running  # over a burst of loads too
        self._halt()
        try:
            data = make_dataset(request.config, request.table)
            if request.number < self._newest_load:
                return
            trainer = Trainer(request.config, data)
        except Interrupted:
            return
        self._trainer = trainer
        self._race = None  # a race is on the data it started on
        self._announce_start()
        if self._resume:
            self._resume = False
            self._running = True
            self._restart_pacing()
            self.stateChanged.emit("running")
        else:
            self.stateChanged.emit("ready")

    def _announce_start(self, same_data: bool = False) -> None:
        """A new run (new data, or a new starting point on the same data)."""
        t = self._trainer
        assert t is not None
        self._restart_rounds()
        self.loaded.emit(Loaded(self._generation, t.config, t.data, t.model,
                                t.initial.copy(), t.loss, t.objective.optimum.copy(),
                                t.objective.min_loss, t.objective.quadratic(), same_data))

    @Slot(object)
    def update(self, config: TrainConfig) -> None:
        """Live change of settings: takes effect at the next epoch; a new starting
        point starts the run over (and keeps it running if it was)."""
        if self._trainer is None or self._race is not None or self._stopping():
            return  # a race runs its racers' settings
        new_start = config.init != self._trainer.config.init
        self._trainer.update(config)
        if new_start:
            self._announce_start(same_data=True)
            self._report()
            if self._running:
                self._restart_pacing()
            else:
                self.stateChanged.emit("ready")
            return
        self._report()
        if self._running:
            self._restart_pacing()
        elif self._state() == "finished" and self._trainer.epoch < self._target():
            self.stateChanged.emit("paused")

    @Slot(object)
    def race(self, racers: list[Racer]) -> None:
        """Race ``racers`` on the current data from its start (ready to start)."""
        t = self._trainer
        if t is None or self._stopping():
            return
        self._halt()
        self._race = Race(racers, t.data, t.objective)
        self._restart_rounds()
        self._report()
        self.stateChanged.emit("ready")

    @Slot()
    def endRace(self) -> None:  # noqa: N802 - Qt naming, as the other slots' signals
        """Back to the run as it was before the race; it is sent again in full."""
        if self._race is None or self._stopping():
            return
        self._halt()
        self._race = None
        self._restart_rounds()
        self._report()
        self.stateChanged.emit(self._state() if self._trainer and self._trainer.epoch
                               else "ready")

    def _subject(self) -> Trainer | Race:
        """What the commands drive: the race while there is one, else the run."""
        subject = self._race or self._trainer
        assert subject is not None
        return subject

    def _blocked(self) -> bool:
        """Nothing can run: a diverged run, or a race whose racers all diverged."""
        if self._race is not None:
            return self._race.over
        return self._trainer is None or self._trainer.diverged_at is not None

    @Slot()
    def start(self) -> None:
        if self._trainer is None or self._running or self._blocked() or self._stopping():
            return
        t = self._subject()
        if t.epoch >= self._target():
            self._round_start = t.epoch  # another round of config.epochs
        self._running = True
        self._restart_pacing()
        self.stateChanged.emit("running")

    @Slot()
    def pause(self) -> None:
        if self._running:
            self._halt()
            if not self._pending:  # else the held-back batch goes out, with its step
                self._report()
            self.stateChanged.emit("paused")

    @Slot()
    def step(self) -> None:
        """Exactly one epoch, also from a paused or finished run."""
        if self._trainer is None or self._blocked() or self._stopping():
            return
        self._halt()
        try:
            self._subject().run(1)
        except Interrupted:
            return
        self._report()
        self.stateChanged.emit(self._state())

    @Slot()
    def reset(self) -> None:
        if self._trainer is None or self._stopping():
            return
        self._halt()
        self._subject().reset()
        self._restart_rounds()
        self._report()
        self.stateChanged.emit("ready")

    @Slot(float)
    def setSpeed(self, epochs_per_second: float) -> None:
        """Epochs per second; math.inf means as fast as possible."""
        self._speed = epochs_per_second
        if self._running:
            self._restart_pacing()

    @Slot()
    def acknowledge(self) -> None:
        """The GUI has taken a report: send the batch held back, compute the next."""
        self._unacknowledged = max(0, self._unacknowledged - 1)
        self._flush()
        self._rearm()

    @Slot(str)
    def writeHistory(self, path: str) -> None:  # noqa: N802 - Qt naming
        """The run's every epoch as CSV (here: the history lives in this thread)."""
        t = self._trainer
        if t is None:  # written even while the window closes: it waits for the file
            return
        try:
            complete = write_history(path, t)
        except OSError as exc:
            self.historyWritten.emit(HistoryWritten(path, t.epoch, False,
                                                    exc.strerror or str(exc)))
            return
        self.historyWritten.emit(HistoryWritten(path, t.epoch, complete))

    @Slot()
    def shutdown(self) -> None:
        self._halt()

    # --- pacing ----------------------------------------------------------------
    def _restart_rounds(self) -> None:
        self._generation += 1
        self._round_start = 0
        self._logged = 0
        self._reported_changes = 0
        self._curve_time = 0.0
        self._step_time = 0.0

    def _target(self) -> int:
        return self._round_start + self._subject().config.epochs

    def _state(self) -> str:
        t = self._subject()
        if isinstance(t, Race) and t.over:
            return "finished"
        if isinstance(t, Trainer) and t.diverged_at is not None:
            return "diverged"
        return "finished" if t.epoch >= self._target() else "paused"

    def _halt(self) -> None:
        self._running = False
        self._timer.stop()

    def _restart_pacing(self) -> None:
        self._pace_start = clock()
        self._pace_done = 0
        if math.isinf(self._speed):
            self._timer.setSingleShot(True)
            self._rearm()
        else:
            self._timer.setSingleShot(False)
            self._timer.start(FRAME_MS)

    @Slot()
    def _tick(self) -> None:
        if not self._running or self._pending or self._trainer is None:
            return
        t = self._subject()
        if self._stopping():
            self._halt()
            return
        remaining = self._target() - t.epoch
        if remaining <= 0:  # e.g. the number of epochs was lowered below the current one
            self._halt()
            self.stateChanged.emit(self._state())
            return
        try:
            if math.isinf(self._speed):
                ran = self._run_timed_batch(remaining)
            else:
                due = int(self._speed * (clock() - self._pace_start)) - self._pace_done
                # At most one frame's worth at once: after a stall the pace does not race.
                due = min(due, max(1, math.ceil(self._speed * FRAME_MS / 1000)), remaining)
                ran = t.run(due) if due > 0 else 0
                self._pace_done += ran
        except Interrupted:
            self._halt()
            return
        self._pending = ran > 0
        self._flush()
        self._rearm()

    def _rearm(self) -> None:
        """At maximum speed, compute the next batch unless one is held back."""
        if self._running and math.isinf(self._speed) and not self._pending:
            self._timer.start(0)

    def _flush(self) -> None:
        """Send the held-back batch once the GUI has taken the previous one; the
        final state goes out only after the last epochs did."""
        if not self._pending or self._unacknowledged:
            return
        state = self._state()
        self._report(last=state in ("finished", "diverged"))
        if self._running and state in ("finished", "diverged"):
            self._halt()
            self.stateChanged.emit(state)

    def _run_timed_batch(self, remaining: int) -> int:
        """Run epochs for about BATCH_SECONDS, adapting the batch size as it goes."""
        t = self._subject()
        start = clock()
        ran = t.run(min(self._batch, remaining))
        elapsed = clock() - start
        if elapsed > 0:
            scale = min(2.0, max(0.5, BATCH_SECONDS / elapsed))
            self._batch = max(1, min(1 << 20, int(self._batch * scale)))
        return ran

    def _report(self, last: bool = False) -> None:
        """Send the state, the epochs logged since the last report and (at most every
        CURVE_SECONDS, and always when the run stops: ``last``) the loss curve."""
        if self._race is not None:
            self._report_race(last)
            return
        t = self._trainer
        assert t is not None
        history = t.history
        self._logged = min(self._logged, history.n_logged)  # reset or divergence cut
        logged = history.logged_since(self._logged)
        self._logged = history.n_logged
        changes = tuple(t.changes[self._reported_changes:])
        self._reported_changes = len(t.changes)
        newest = history.rows(len(history) - 1) if len(history) else None
        self._pending = False
        self._unacknowledged += 1
        now = clock()
        curve = path = step = None  # the window keeps the last ones
        settled = last or not self._running
        if now - self._curve_time >= CURVE_SECONDS or settled:
            kept = history.curve()  # built once for both
            curve, path, self._curve_time = plot_rows(kept), path_rows(kept), now
        if now - self._step_time >= STEP_SECONDS or settled:
            step, self._step_time = t.last_step(), now
        velocity = getattr(t.optimizer, "v", None)
        self.progressed.emit(Progress(
            self._generation, logged, curve, path, step, t.objective.quadratic(),
            None if velocity is None else velocity.copy(), t.near_optimum_at,
            None if newest is None else float(newest.lr[0]), history.full_resolution,
            theta=t.theta.copy(), epoch=t.epoch,
            target=max(self._target(), t.epoch),  # Epochs lowered below it: the run ends here
            loss_now=t.loss, lr_next=t.lr,
            diverged_at=t.diverged_at, changes=changes))

    def _report_race(self, last: bool) -> None:
        race = self._race
        assert race is not None
        self._pending = False
        self._unacknowledged += 1
        now = clock()
        with_curves = now - self._curve_time >= RACE_CURVE_SECONDS or last or not self._running
        if with_curves:
            self._curve_time = now
        racers = []
        for t in race.trainers:
            curve = path = None
            if with_curves:
                kept = t.history.curve()
                curve, path = plot_rows(kept), path_rows(kept)
            racers.append(RacerState(curve, path, t.theta.copy(), t.loss, t.epoch))
        self.raceProgressed.emit(RaceProgress(
            self._generation, race.epoch, max(self._target(), race.epoch), tuple(racers),
            tuple(race.results())))

    @property
    def trainer(self) -> Trainer | None:
        """The trainer, for tests and benchmarks once the worker is idle."""
        return self._trainer


class TrainingThread(QThread):
    """The QThread hosting a TrainingWorker; ``stop`` ends it and waits."""

    def __init__(self, worker: TrainingWorker) -> None:
        super().__init__()
        self.worker = worker
        worker.moveToThread(self)
        # `finished` is emitted from this thread as it ends: the worker's timer is
        # stopped in the thread that owns it (Qt forbids it from any other).
        self.finished.connect(worker.shutdown, Qt.ConnectionType.DirectConnection)

    def run(self) -> None:
        """The event loop, with the core's long loops stopping once interruption is
        requested (``core.interrupt``)."""
        install(self.isInterruptionRequested)
        self.exec()

    def stop(self, wait_ms: int | None = None) -> None:
        """Stop training and end the event loop; wait for it (at most ``wait_ms``).

        A thread still inside one long NumPy call after ``wait_ms`` (shuffling 10^7
        points takes 0.5 s) ends on its own; given to the application meanwhile, it is
        not destroyed while it runs, which would abort the process.
        """
        self.requestInterruption()
        self.quit()
        if wait_ms is None:
            self.wait()
        elif not self.wait(wait_ms):
            self.setParent(QCoreApplication.instance())
            self.finished.connect(self.deleteLater)
