"""The training thread: a core Engine (the trainer and its race) driven by a
QObject living in a QThread.

A QObject moved to a QThread (rather than a QThread subclass) because the
worker is event driven: its slots (start, pause, step, live setting changes)
arrive as queued calls and its pacing is a QTimer, all on the worker's own
event loop, so the engine is only ever called by that one thread and no locks
are needed.  Everything the GUI receives is a copy.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter as clock

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSocketNotifier,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

from ..core.config import TrainConfig
from ..core.training.engine import HistoryWritten, Loaded, RaceProgress, Status
from ..core.training.engine_process import EngineLost, RemoteEngine, Waiting
from ..core.files.datafile import Table
from ..core.i18n import tr
from ..core.analysis.race import Race, Racer
from ..core.training.trainer import Trainer

#: Time budget of one batch of epochs at finite speeds.
BATCH_SECONDS = 0.02
#: Tick period: about the display rate.  At maximum speed the engine trains on its
#: own between ticks (engine_process.Ahead); a tick takes what it ran, and the
#: worker's thread, free meanwhile, sends a report as soon as the window took one.
FRAME_MS = 16
#: What a tick at maximum speed runs itself (the engine runs on between calls).
TICK_SECONDS = 0.001
#: Shortest time between two loss curves sent: no faster than the window redraws.
CURVE_SECONDS = 1 / 40
#: The same for a race's curves: six of them cost the GIL six times over.
RACE_CURVE_SECONDS = 1 / 10
#: Shortest time between two explained steps sent while running: readable, not a blur.
STEP_SECONDS = 1 / 4
#: A command waiting or in hand this long means the engine is not answering (the
#: longest commands take seconds: a load of 10^7 points about 2 s, a Step of one epoch
#: of 10^7 single-point mini-batches about 5 s; a history file is not timed).
PATIENCE_S = 30.0
#: How often that is checked.
WATCH_MS = 500


@dataclass(frozen=True)
class LoadRequest:
    """New data from ``config`` (and ``table``, a data file already read); ``number``
    says which request it is (see ``announce_load``)."""

    number: int
    config: TrainConfig
    table: Table | None = None


def command(slot: Callable[..., None]) -> Callable[..., None]:
    """``slot``, a command the GUI sends through a signal connected to
    ``CommandCounter.sent`` too: taking it lets the engine's runs go on."""
    @functools.wraps(slot)
    def taken(self: TrainingWorker, *args: object) -> None:
        self.waiting.take()
        try:
            slot(self, *args)
        except EngineLost:  # the process had ended: the command still happens, in a new one
            if self._recover():
                slot(self, *args)
        finally:
            self.waiting.done()
    return taken


def recovering(slot: Callable[..., None]) -> Callable[..., None]:
    """``slot``, which calls the engine; should the engine's process end under it
    (killed, out of memory), the worker starts another (``_recover``)."""
    @functools.wraps(slot)
    def guarded(self: TrainingWorker, *args: object) -> None:
        try:
            slot(self, *args)
        except EngineLost:
            self._recover()
    return guarded


class TrainingWorker(QObject):
    """Runs epochs at the chosen speed and reports every one of them.

    At maximum speed the engine trains on its own between calls (engine_process.Ahead)
    and a tick every FRAME_MS takes what it ran; at most one report is in flight:
    the epochs run while the GUI takes a report are held (``_pending``) until it
    acknowledges, then sent as one.  So the GUI is never flooded, and the engine,
    in a process of its own, never waits for it.
    """

    loaded = Signal(object)  # Loaded
    progressed = Signal(object)  # Progress
    raceProgressed = Signal(object)  # RaceProgress
    stateChanged = Signal(str)  # "ready", "running", "paused", "finished", "diverged"
    historyWritten = Signal(object)  # HistoryWritten
    loadFailed = Signal(str)  # why, as the command line says it; the old run goes on
    engineRestarted = Signal()  # the engine's process ended; the run starts over

    def __init__(self, engine: RemoteEngine | None = None) -> None:
        """``engine``: one with a Waiting, started already (RemoteEngine.forked_now);
        by default, one started at the first call."""
        super().__init__()
        self.engine = engine or RemoteEngine(waiting=Waiting())  # see engine_process
        waiting = self.engine.waiting
        if waiting is None:
            raise ValueError("the worker's engine needs a Waiting to count its commands")
        self.waiting = waiting  # commands sent and not yet taken: runs stop for them
        self._known: Status | None = None  # the engine's, unless a command changed it
        self._config: TrainConfig | None = None  # the run's, as loaded and updated
        self._table: Table | None = None  # the data file it was loaded from
        self._generation = 0  # the newest sent
        self._timer = QTimer(self)  # a child, so it moves to the thread with the worker
        self._timer.timeout.connect(self._tick)
        self._speed = math.inf
        self._running = False
        self._until = 0  # the epoch a run pauses at (startUntil); 0: none
        self._unacknowledged = 0
        self._pending = False
        self._curve_time = 0.0
        self._step_time = 0.0
        self._pace_start = 0.0
        self._tick_began = 0.0
        self._pace_done = 0
        self._newest_load = 0
        self._resume = False  # a load halted a running run: run again once loaded
        self._watcher: QSocketNotifier | None = None  # of the engine's process ending
        self._watched: RemoteEngine | None = None

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
    @recovering
    @command
    def load(self, request: LoadRequest) -> None:
        """New data and model: the run starts over, and keeps running if it was."""
        if request.number < self._newest_load or self._stopping():
            return  # a newer load is queued behind this one
        self._resume = self._resume or self._running  # over a burst of loads too
        self._halt()
        self._known = None
        try:
            loaded = self._load(request)  # the engine makes the data
        except EngineLost as exc:  # a new process could not start either
            cause = f" ({exc.__cause__})" if exc.__cause__ is not None else ""
            self._failed_load(request, tr("The training process could not start{cause}: "
                                          "close other programs and try again.").format(
                                              cause=cause))
            return
        except Exception as exc:  # noqa: BLE001 - the data or settings: said, never raised
            self._failed_load(request, str(exc))
            return
        self._config, self._table = request.config, request.table
        if request.number < self._newest_load or self._stopping():
            return  # a newer load came meanwhile
        self._send_loaded(loaded)
        if self._resume:
            self._resume = False
            self._running = True
            self._restart_pacing()
            self.stateChanged.emit("running")
        else:
            self.stateChanged.emit("ready")

    def _load(self, request: LoadRequest) -> Loaded:
        """The engine's load; should its process have ended, once more in a new one."""
        try:
            return self.engine.load(request.config, request.table)
        except EngineLost:
            if self._stopping():
                raise
            self.engine.close()
            self.engine = self._new_engine()
            return self.engine.load(request.config, request.table)

    def _new_engine(self) -> RemoteEngine:
        """The one to replace an engine whose process ended (its reports are of a newer
        generation; it loads the compiled loops at its start if the lost one did)."""
        return RemoteEngine(self._generation + 1, self.waiting, self.engine.warm)

    def _failed_load(self, request: LoadRequest, why: str) -> None:
        """The previous data and run stay (in the engine too); a run goes on running."""
        if request.number < self._newest_load or self._stopping():
            return
        self.loadFailed.emit(why)
        resume, self._resume = self._resume, False
        if resume and self._status().loaded:
            self._running = True
            self._restart_pacing()
            self.stateChanged.emit("running")

    @Slot(object)
    @recovering
    @command
    def update(self, config: TrainConfig) -> None:
        """Live change of settings: takes effect at the next epoch; a new starting
        point starts the run over (and keeps it running if it was)."""
        if self._stopping():
            return
        status = self._status()
        if not status.loaded or status.racing:
            return  # a race runs its racers' settings
        if self._config is not None and config.differs_in_data(self._config):
            return  # of data whose load was skipped for a newer one, still on its way
        self._known = None
        start = self.engine.update(config)
        self._config = config
        if start is not None:
            self._send_loaded(start)
        self._report()
        if self._running:
            self._restart_pacing()
        elif start is not None:
            self.stateChanged.emit("ready")
        else:
            status = self._status()
            if status.state == "finished" and status.epoch < status.target:
                self.stateChanged.emit("paused")

    @Slot(object)
    @recovering
    @command
    def race(self, racers: list[Racer]) -> None:
        """Race ``racers`` on the current data from its start (ready to start)."""
        if self._stopping() or not self._status().loaded:
            return
        self._halt()
        self.engine.start_race(racers)
        self._known = None
        self._restart_rounds()
        self._report()
        self.stateChanged.emit("ready")

    @Slot()
    @recovering
    def warmKernels(self) -> None:  # noqa: N802 - Qt naming, as the other slots' signals
        """Make the compiled loops ready before a race needs them (``Engine.warm_kernels``;
        not a command: a run going on goes on)."""
        if not self._stopping():
            self.engine.warm_kernels()

    @Slot()
    @recovering
    @command
    def endRace(self) -> None:  # noqa: N802 - Qt naming, as the other slots' signals
        """Back to the run as it was before the race; it is sent again in full."""
        if self._stopping() or not self._status().racing:
            return
        self._halt()
        self.engine.end_race()
        self._known = None
        self._restart_rounds()
        self._report()
        status = self._status()
        self.stateChanged.emit(status.state if status.epoch else "ready")

    @Slot()
    @recovering
    @command
    def start(self) -> None:
        self._begin(0)

    @Slot(int)
    @recovering
    @command
    def startUntil(self, epoch: int) -> None:  # noqa: N802 - Qt naming
        """Run to ``epoch`` and pause there (a lesson's step); the whole round if it
        has fewer epochs."""
        self._begin(epoch)

    def _begin(self, until: int) -> None:
        if self._stopping():
            return
        if self._running:
            self._until = until
            return
        status = self._status()
        if not status.loaded or status.blocked:
            return
        if status.epoch >= status.target:
            self.engine.new_round()
            self._known = None
        self._until = until
        self._running = True
        self._restart_pacing()
        self.stateChanged.emit("running")

    @Slot()
    @recovering
    @command
    def pause(self) -> None:
        if self._running:
            self._halt()
            if not self._pending:  # else the held-back epochs go out, with their step
                self._report()
            self.stateChanged.emit("paused")

    @Slot()
    @recovering
    @command
    def step(self) -> None:
        """Exactly one epoch, also from a paused or finished run."""
        self._step(lambda: self._run(1))

    @Slot(int)
    @recovering
    @command
    def steps(self, n_epochs: int) -> None:
        """``n_epochs`` epochs as one Step (fewer at divergence): an animation's
        replay goes from frame to frame in one call to the engine, not one per epoch."""
        self._step(lambda: self._run(n_epochs))

    @Slot()
    @recovering
    @command
    def stepBatch(self) -> None:  # noqa: N802 - Qt naming
        """One mini-batch of the epoch under way (an epoch without mini-batches)."""
        self._step(self._step_batch)

    def _step_batch(self) -> None:
        self._known = self.engine.step_batch()

    def _step(self, take_step: Callable[[], object]) -> None:
        """A step (from a paused or finished run too), then the state it left."""
        if self._stopping():
            return
        status = self._status()
        if not status.loaded or status.blocked:
            return
        self._halt()
        take_step()
        self._report()
        self.stateChanged.emit(self._status().state)

    @Slot()
    @recovering
    @command
    def reset(self) -> None:
        if self._stopping() or not self._status().loaded:
            return
        self._halt()
        self.engine.reset()
        self._known = None
        self._restart_rounds()
        self._report()
        self.stateChanged.emit("ready")

    @Slot(float)
    @command
    def setSpeed(self, epochs_per_second: float) -> None:
        """Epochs per second; math.inf means as fast as possible."""
        self._speed = epochs_per_second
        if self._running:
            self._restart_pacing()

    @Slot()
    @recovering
    def acknowledge(self) -> None:
        """The GUI has taken a report: send the epochs run since (the engine ran on;
        ``_tick`` rearms itself)."""
        self._unacknowledged = max(0, self._unacknowledged - 1)
        self._flush()

    @Slot(str)
    @recovering
    @command
    def writeHistory(self, path: str) -> None:  # noqa: N802 - Qt naming
        """The run's every epoch as CSV (where the history lives: the engine's).
        Written even while the window closes: it waits for the file.  Without data
        (its load failed, or has not ended), nothing is written, and the window told."""
        if self._status().loaded:
            self.historyWritten.emit(self.engine.write_history(path))
        else:
            self.historyWritten.emit(HistoryWritten(path, 0, False,
                                                    tr("no run has data yet")))

    @Slot()
    def shutdown(self) -> None:
        self._halt()

    def _status(self) -> Status:
        """The engine's status, asked for only after a command that changed it."""
        if self._known is None:
            self._known = self.engine.status()
        return self._known

    def _run(self, n_epochs: int, seconds: float | None = None) -> int:
        """Up to ``n_epochs`` epochs, for about ``seconds`` at most; a command the GUI
        sent meanwhile stops them (see core.training.engine_process.Waiting)."""
        ran, self._known = self.engine.run(n_epochs, seconds)
        return ran

    def _send_loaded(self, loaded: Loaded) -> None:
        self._watch()
        self._restart_rounds()
        self._generation = loaded.generation
        self.loaded.emit(loaded)

    def _recover(self) -> bool:
        """The engine's process ended: unless the window is closing, start another on
        the same data and settings, from the start (what the process held is lost).
        True when the new one has the data."""
        self._halt()
        self._pending, self._unacknowledged = False, 0
        lost = self.engine
        lost.close()
        self._known = None
        if self._stopping():
            return False
        self.engine = self._new_engine()
        if self._config is None:
            return False
        try:
            loaded = self.engine.load(self._config, self._table)
        except EngineLost:
            return False  # it cannot start: the next command tries again
        self._send_loaded(loaded)
        self.engineRestarted.emit()
        self.stateChanged.emit("ready")
        return True

    def _watch(self) -> None:
        """Notice at once when the engine's process ends, between commands too (its
        sentinel becomes readable); called in the worker's thread once it runs."""
        sentinel = self.engine.sentinel
        if sentinel is None or self._watched is self.engine:
            return
        if self._watcher is not None:
            self._watcher.setEnabled(False)
            self._watcher.deleteLater()
        self._watched = self.engine
        self._watcher = QSocketNotifier(sentinel, QSocketNotifier.Type.Read, self)
        self._watcher.activated.connect(self._engine_ended)

    @Slot()
    def _engine_ended(self) -> None:
        if self.sender() is not self._watcher:
            return  # the watcher of a process already replaced
        self._watcher.setEnabled(False)
        if self._watched is self.engine and not self.engine.closed and not self._stopping():
            self._recover()
            self._watch()

    # --- pacing ----------------------------------------------------------------
    def _restart_rounds(self) -> None:
        self._curve_time = 0.0
        self._step_time = 0.0

    def _end(self, status: Status) -> int:
        """The epoch the run stops at: the round's end, or the one it was asked to
        pause at."""
        return min(status.target, self._until) if self._until else status.target

    def _halt(self) -> None:
        self._running = False
        self._timer.stop()

    def _restart_pacing(self) -> None:
        self._pace_start = clock()
        self._pace_done = 0
        if math.isinf(self._speed):
            self._timer.setSingleShot(True)
            self._timer.start(0)
        else:
            self._timer.setSingleShot(False)
            self._timer.start(FRAME_MS)

    @Slot()
    @recovering
    def _tick(self) -> None:
        self._tick_began = clock()
        if not self._running:
            return
        if self._stopping():
            self._halt()
            return
        status = self._status()
        remaining = self._end(status) - status.epoch
        if status.state != "paused" or remaining <= 0:  # over (or Epochs lowered below it)
            if not self._pending:  # else it ends once its last epochs went out (_flush)
                self._halt()
                self.stateChanged.emit(status.state)
            return
        if math.isinf(self._speed):
            ran, self._known = self.engine.run_ahead(self._end(status), TICK_SECONDS)
        else:
            due = int(self._speed * (clock() - self._pace_start)) - self._pace_done
            # At most one frame's worth at once: after a stall the pace does not race.
            due = min(due, max(1, math.ceil(self._speed * FRAME_MS / 1000)), remaining)
            ran = self._run(due, BATCH_SECONDS) if due > 0 else 0
            self._pace_done += ran
        self._pending = self._pending or ran > 0
        self._flush()
        self._rearm()

    def _rearm(self) -> None:
        """At maximum speed, the next tick, FRAME_MS after this one began (a tick waits
        for the engine's piece under way, up to AHEAD_SECONDS twice: counted from its
        end, ticks came every 20-26 ms, and the window redrew 35 times a second, not
        40): the engine runs on meanwhile, while the window takes the last report (the
        next covers every epoch since)."""
        if self._running and math.isinf(self._speed):
            spent_ms = (clock() - self._tick_began) * 1000
            self._timer.start(max(0, round(FRAME_MS - spent_ms)))

    def _flush(self) -> None:
        """Send the epochs held back once the GUI has taken the previous report; the
        final state goes out only after the last epochs did."""
        if not self._pending or self._unacknowledged:
            return
        status = self._status()
        state = status.state
        over = state in ("finished", "diverged") or status.epoch >= self._end(status)
        self._report(last=over)
        if self._running and over:
            self._halt()
            self.stateChanged.emit(state)

    def _report(self, last: bool = False) -> None:
        """Send the state, the epochs logged since the last report and (at most every
        CURVE_SECONDS, and always when the run stops: ``last``) the loss curve."""
        self._pending = False
        self._unacknowledged += 1
        now = clock()
        settled = last or not self._running
        racing = self._status().racing
        every = RACE_CURVE_SECONDS if racing else CURVE_SECONDS
        curve = now - self._curve_time >= every or settled
        step = not racing and (now - self._step_time >= STEP_SECONDS or settled)
        if curve:
            self._curve_time = now
        if step:
            self._step_time = now
        report = self.engine.report(curve, step)
        self._generation = report.generation
        if isinstance(report, RaceProgress):
            self.raceProgressed.emit(report)
        else:
            self.progressed.emit(report)

    def close_engine(self, grace: float = 0.0) -> None:
        """End the engine's process (from any thread): nothing it holds is kept.  A
        ``grace`` lets it remove a file it is writing (RemoteEngine.close)."""
        self.engine.close(grace)

    @property
    def trainer(self) -> Trainer | None:
        """The trainer, for tests and benchmarks once the worker is idle."""
        return self.engine.trainer

    @property
    def race_run(self) -> Race | None:
        """The race while there is one, for tests and benchmarks once the worker is idle."""
        return self.engine.race


class CommandCounter(QObject):
    """Lives in the GUI thread: each signal carrying a command to the worker is
    connected here first, so the engine's run stops for it at once (see
    core.training.engine_process.Waiting), however long its epochs.

    It also watches them being taken: when a command has waited ``patience_s`` while
    none was taken (the engine's process stopped, or stuck in one call), and no
    ``allowed_wait()`` says why (a history file being written), ``notAnswering``."""

    notAnswering = Signal()

    def __init__(self, waiting: Waiting, allowed_wait: Callable[[], bool],
                 parent: QObject | None = None, patience_s: float = PATIENCE_S) -> None:
        super().__init__(parent)
        self._waiting, self._allowed_wait = waiting, allowed_wait
        self.patience_s = patience_s
        self._seen = (waiting.taken, clock())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._timer.start(WATCH_MS)

    @Slot()
    def sent(self) -> None:
        self._waiting.add()

    @Slot()
    def _check(self) -> None:
        waiting, now = self._waiting, clock()
        busy = waiting.busy_since
        if self._allowed_wait():
            self._seen = (waiting.taken, now)
            return
        in_hand = busy is not None and time.monotonic() - busy >= self.patience_s
        if waiting.taken != self._seen[0] or waiting.count.value == 0:
            self._seen = (waiting.taken, now)
        queued = now - self._seen[1] >= self.patience_s
        if in_hand or queued:
            self._seen = (waiting.taken, now)
            waiting.busy_since = None  # said once per command
            self.notAnswering.emit()


class TrainingThread(QThread):
    """The QThread hosting a TrainingWorker; ``stop`` ends it and waits."""

    def __init__(self, worker: TrainingWorker) -> None:
        super().__init__()
        self.worker = worker
        worker.moveToThread(self)
        # `finished` is emitted from this thread as it ends: the worker's timer is
        # stopped in the thread that owns it (Qt forbids it from any other).
        self.finished.connect(worker.shutdown, Qt.ConnectionType.DirectConnection)

    def stop(self, wait_ms: int, grace: float = 0.0) -> None:
        """Stop training and end the event loop; wait for it (at most ``wait_ms``).

        The engine's process is closed first (given ``grace`` seconds to remove a file
        it writes), so that a call waiting for it returns at once; a thread still
        running after ``wait_ms`` all the same ends on its own, given to the
        application meanwhile: destroyed while it runs, it would abort the process.
        """
        self.requestInterruption()
        self.quit()
        self.worker.close_engine(grace)  # a call waiting for it returns at once
        if not self.wait(wait_ms):
            self.setParent(QCoreApplication.instance())
            self.finished.connect(self.deleteLater)
