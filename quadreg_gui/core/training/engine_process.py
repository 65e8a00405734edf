"""An Engine in a process of its own, called as if it were here.

In one process the window and the trainer share Python's GIL.  Measured on a
two-core machine: at maximum speed the window's thread holds it 55-67 % of the
time, and the trainer, which frees it in every NumPy call, then waits up to the
interpreter's switch interval to get it back, so the window trained at half the
headless rate.  In a process of its own the trainer runs at its own speed and the
window's thread is never kept waiting by it.

Calls are synchronous: the caller sends one and waits for its answer (waiting
frees the GIL).  Arguments and answers are pickled (protocol 5) with their arrays
sent apart, in chunks of CHUNK_BYTES, so that 10^7 points cross without a copy
that holds the GIL for long.  The engine makes the data it is loaded with (10^7
points take 0.4 s of computing, which in the window's process would keep its GUI
thread waiting for the GIL) and sends it back once; a new starting point on the
same data comes back without it, and the caller puts its copy back.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import types
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from ..config import TrainConfig
from ..data import Dataset
from .engine import Engine, HistoryWritten, Loaded, Progress, RaceProgress, Status
from ..files.datafile import Table
from ..interrupt import install
from .compiled import warm_in_background
from .epochs import has_loops
from ..analysis.race import Race, Racer
from .trainer import Trainer

#: Largest piece of an array sent at once: about 0.1 ms of copying.
CHUNK_BYTES = 1 << 20


class EngineLost(RuntimeError):
    """The engine's process ended (it was closed, or it crashed)."""


# --- the wire ---------------------------------------------------------------------
def send(conn: Connection, obj: Any) -> None:
    """``obj`` pickled, its arrays' memory sent after it in chunks, uncopied."""
    buffers: list[pickle.PickleBuffer] = []
    head = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    conn.send((head, [raw.nbytes for raw in raws]))
    for raw in raws:
        for offset in range(0, raw.nbytes, CHUNK_BYTES):
            conn.send_bytes(raw, offset, min(CHUNK_BYTES, raw.nbytes - offset))


def receive(conn: Connection) -> Any:
    """What ``send`` sent.  Its arrays' memory is left uninitialised until filled, chunk
    by chunk (``bytearray(size)`` zeroes all of it at once: 80 MB held the GIL for
    up to 200 ms)."""
    head, sizes = conn.recv()
    buffers = []
    for size in sizes:
        buffer = np.empty(size, dtype=np.uint8)
        filled = 0
        while filled < size:
            filled += conn.recv_bytes_into(buffer, filled)
        buffers.append(buffer)
    return pickle.loads(head, buffers=buffers)


class Waiting:
    """How many commands the caller has been sent and not yet taken, shared with the
    engine's process: while there is one, a run there stops at its next
    ``interrupt.check`` (within about 20 ms, also inside one long epoch), so that a
    Pause or a new setting never waits for a batch of epochs to end.

    ``add`` where a command is sent, ``take`` where it is taken (any threads of the
    caller's process).
    """

    def __init__(self) -> None:
        self.count = _context().RawValue("i", 0)
        self.taken = 0  # commands taken so far: progress, for a watchdog
        self.busy_since: float | None = None  # when the command in hand was taken
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:
            self.count.value += 1

    def take(self) -> None:
        with self._lock:
            self.count.value = max(0, self.count.value - 1)
            self.taken += 1
            self.busy_since = time.monotonic()

    def done(self) -> None:
        """The command taken last has been carried out."""
        self.busy_since = None


# --- the engine's process ---------------------------------------------------------------
#: A piece of epochs run ahead of the caller: a call waits for the one under way (at
#: most about this long; interrupting it would undo it).  A race's pieces are longer:
#: each runs six trainers, whose costs per call made pieces of 5 ms a third slower
#: than one long run (in the window, 52 % of headless; in pieces of 10 ms, 68 %, with
#: 36 redraws a second; 15 ms, 70 % but 28 redraws).
AHEAD_SECONDS = 0.005
AHEAD_RACE_SECONDS = 0.010


class Ahead:
    """At maximum speed, the epochs run between the answer to a ``run_ahead`` call and
    the caller's next call.  The caller's thread shares its process's GIL with the
    window's, and waits for it for milliseconds at a time while the window draws:
    the engine trains on meanwhile, up to the run's end.  A report, a status, the
    next ``run_ahead`` or ``warm_kernels`` leaves it running on; any other call ends
    it, and so does a command waiting in the caller (a Pause is counted before the
    worker's thread takes it)."""

    def __init__(self) -> None:
        self.end: int | None = None  # the epoch run to, while running ahead
        self.ran = 0  # epochs run since the last run's answer

    def piece(self, engine: Engine, stop: Callable[[], bool]) -> None:
        assert self.end is not None
        install(stop)
        try:
            ran, status = engine.run_to(self.end, AHEAD_SECONDS if engine.race is None
                                        else AHEAD_RACE_SECONDS)
        finally:
            install(None)
        self.ran += ran
        self.follow(status)

    def follow(self, status: Status) -> None:
        """Go on only while the run can: not over, diverged or blocked."""
        if self.end is not None and (status.state != "paused" or status.blocked
                                     or status.epoch >= self.end):
            self.end = None

    def answered(self, ran: int) -> int:
        """``ran`` and the epochs run ahead before it, told to the caller once."""
        ran, self.ran = ran + self.ran, 0
        return ran


def serve(conn: Connection, first_generation: int, waiting: Any = None,
          warm: bool = False) -> None:
    """Answer calls on an Engine until the caller's end of ``conn`` closes; a run
    stops early while ``waiting`` (a Waiting's shared count) is above 0, and runs
    ahead of the caller between calls where asked (``Ahead``).  ``warm``: load the
    compiled loops now (see RemoteEngine), else when a run or race first needs them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the window's to handle
    signal.signal(signal.SIGTERM, _leave)
    _yield_to_the_window()
    if warm:
        warm_in_background()
    # Imported here, while the caller builds its window, not in the first load (7 ms).
    importlib.import_module("numpy.random")
    engine = Engine(first_generation)
    commanded: Callable[[], bool] = (lambda: waiting.value > 0) if waiting is not None \
        else (lambda: False)
    stop_runs(commanded)
    ahead = Ahead()
    while True:
        if ahead.end is not None:
            if commanded():
                ahead.end = None
            elif not conn.poll(0):
                ahead.piece(engine, commanded)
                continue
        try:
            name, args = receive(conn)
        except (EOFError, OSError):
            return
        if name not in ("report", "status", "run_ahead", "warm_kernels"):
            ahead.end = None
        try:
            answer: tuple[bool, Any] = (True, _answer(engine, name, args, ahead))
        except Exception as exc:  # noqa: BLE001 - raised again on the caller's side
            answer = (False, _portable(exc))
        if name in ("load", "update", "start_race") and _has_loops(engine):
            warm_in_background()
        try:
            send(conn, answer)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            send(conn, (False, RuntimeError(f"{name}: {exc}")))
        except OSError:
            return


def _serve_forked(ours: Connection, *args: Any) -> None:
    """``serve`` in a process forked from the caller's, which has the caller's end of
    the pipe too: closed, so that the caller's end, should it exit, ends this one."""
    ours.close()
    serve(*args)


#: The engine's niceness: below the window's threads, which then get a core whenever
#: they need one (the engine trains on the rest of the time).
NICENESS = 10


def _yield_to_the_window() -> None:
    """Lower the engine's priority (on two cores the window's GUI thread, its worker
    thread and an engine that never waits would share them: dragging a point while
    training went from 50 to 40 frames a second)."""
    try:
        os.nice(NICENESS)
    except (AttributeError, OSError):  # (not on this system, or not allowed: as it is)
        pass


def _has_loops(engine: Engine) -> bool:
    """Whether the engine's run or race has loops that compiled kernels would speed up."""
    trainers = engine.race.trainers if engine.race is not None else \
        [engine.trainer] if engine.trainer is not None else []
    return any(has_loops(t.config, t.data.n) for t in trainers)


def _portable(exc: Exception) -> Exception:
    """``exc`` if the caller can unpickle it, else a RuntimeError with its message (an
    exception whose ``__init__`` takes other arguments than its ``args`` cannot be
    made again there, and the caller would never hear of the error)."""
    try:
        pickle.loads(pickle.dumps(exc, protocol=5))
    except Exception:  # noqa: BLE001 - any failure to cross means: send the text
        return RuntimeError(str(exc) or type(exc).__name__)
    return exc


def _leave(_signum: int, _frame: Any) -> None:
    """SIGTERM (``RemoteEngine.close`` with a grace): end at the next bytecode, so that a
    file being written is removed on the way out (core.files.export.atomic_file)."""
    raise SystemExit(0)


_stop_runs: Callable[[], bool] | None = None


def stop_runs(requested: Callable[[], bool] | None) -> None:
    """Let ``requested`` stop the engine's runs (and nothing else: a load stopped
    midway would leave no data)."""
    global _stop_runs
    _stop_runs = requested


def _answer(engine: Engine, name: str, args: tuple, ahead: Ahead) -> Any:
    if name in ("trainer", "race"):
        return getattr(engine, name)
    if name == "run_ahead" and ahead.end is not None:  # running already: what it ran
        ahead.end = args[0]
        status = engine.status()
        ahead.follow(status)
        return ahead.answered(0), status
    if name in ("run", "run_ahead"):
        install(_stop_runs)
        try:
            ran, status = engine.run(*args) if name == "run" else engine.run_to(*args)
        finally:
            install(None)
        if name == "run_ahead":
            ahead.end = args[0]
            ahead.follow(status)
        return ahead.answered(ran), status
    value = getattr(engine, name)(*args)
    return replace(value, data=None) if isinstance(value, Loaded) and value.same_data \
        else value


def _context() -> Any:
    """Fork from a server started once (fast, and never from the window's threads),
    where there is one; else start a fresh interpreter."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _main_module_left_behind(context: Any) -> Iterator[None]:
    """While a process is started from the fork server: the caller's main module
    unnamed, so that the new process does not import it again.  multiprocessing tells
    every child where the caller's ``__main__`` came from, and a child forked from the
    server runs that script once more (the server never preloads it: CPython's
    forkserver asks for a ``main_path`` that no caller gives).  Under ``quadreg-gui``
    that is the launcher's script, importing the application's modules; under
    ``pytest``, pytest: 50-90 ms of every engine's first load, measured.  The engine
    needs none of it: its code is the server's preloaded module.  (For the few
    milliseconds of the start: no code of the window's reads ``__main__``.)"""
    if context.get_start_method() != "forkserver":
        yield
        return
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


# --- the caller's side -----------------------------------------------------------------
class RemoteEngine:
    """Engine's methods, run in a process started at the first call.

    Calls come from the window's training thread; tests and benchmarks may also
    read ``trainer`` and ``race`` (copies) from another thread: a lock keeps the
    calls one at a time.  ``close`` ends the process from any thread at once; a call
    waiting for it then raises EngineLost.
    """

    def __init__(self, first_generation: int = 0, waiting: Waiting | None = None,
                 warm: bool = False) -> None:
        """``waiting``: commands the caller has not yet taken; runs stop for them.
        ``warm``: the process loads the compiled loops (the `fast` extra's) as it starts,
        in a thread, while the caller builds its window: about 0.3 s and 106 MiB.  Else
        it loads them when a run or a race first needs them, and until they are in,
        that thread holds the process's GIL for up to 15-110 ms at a time: a Reset
        waited 554 ms once, and a window's first race ran at 56-64 % of headless
        against 70-77 % for its second (measured)."""
        self._first_generation = first_generation
        self._waiting = waiting
        self.warm = warm
        self._lock = threading.Lock()
        self._conn: Connection | None = None
        self._process: Any = None
        self._closed = False
        self._data: Dataset | None = None

    @classmethod
    def forked_now(cls) -> RemoteEngine:
        """An engine (with its Waiting) whose process is forked from this one now, not
        at the first call.  For the launcher, before the window's imports and threads:
        a fork server would import NumPy and the engine on a core the window is being
        built on (the first frame 40-70 ms later), while this copy of the launcher has
        them already and waits idle for the window's first load.  On Linux only (on
        macOS a fork after the system's BLAS is loaded may crash the child; Windows
        has none): elsewhere started at the first call, as usual."""
        engine = cls(waiting=Waiting(), warm=True)
        if sys.platform.startswith("linux"):
            with warnings.catch_warnings():
                # Python 3.12+ warns of fork in a process with threads; the only other
                # thread here is OpenBLAS's pool, which shuts itself down across a
                # fork (pthread_atfork) and starts again when needed.
                warnings.simplefilter("ignore", DeprecationWarning)
                try:
                    engine._start(multiprocessing.get_context("fork"))
                except EngineLost:  # (no memory, no processes left): tried again later
                    return cls(waiting=engine.waiting, warm=True)
        return engine

    @property
    def waiting(self) -> Waiting | None:
        return self._waiting

    # --- the Engine's methods ------------------------------------------------------
    def load(self, config: TrainConfig, table: Table | None = None) -> Loaded:
        loaded: Loaded = self._call("load", config, table)
        self._data = loaded.data
        return loaded

    def update(self, config: TrainConfig) -> Loaded | None:
        return self._with_data(self._call("update", config))

    def start_race(self, racers: list[Racer]) -> None:
        self._call("start_race", racers)

    def end_race(self) -> None:
        self._call("end_race")

    def warm_kernels(self) -> None:
        """``Engine.warm_kernels``; a run going on ahead goes on."""
        self._call("warm_kernels")

    def new_round(self) -> None:
        self._call("new_round")

    def run(self, n_epochs: int, seconds: float | None = None) -> tuple[int, Status]:
        return self._call("run", n_epochs, seconds)

    def run_ahead(self, end: int, seconds: float) -> tuple[int, Status]:
        """``Engine.run_to``, then on up to ``end`` until the next call (``Ahead``);
        the epochs run counted from the last run's answer.  While the engine runs
        ahead already, it answers at once with what it ran (``seconds`` unused)."""
        return self._call("run_ahead", end, seconds)

    def step_batch(self) -> Status:
        return self._call("step_batch")

    def reset(self) -> None:
        self._call("reset")

    def write_history(self, path: str) -> HistoryWritten:
        return self._call("write_history", path)

    def status(self) -> Status:
        return self._call("status")

    def report(self, curve: bool, step: bool) -> Progress | RaceProgress:
        return self._call("report", curve, step)

    @property
    def trainer(self) -> Trainer | None:
        """A copy of the engine's trainer (tests and benchmarks)."""
        return self._call("trainer")

    @property
    def race(self) -> Race | None:
        """A copy of the engine's race (tests and benchmarks)."""
        return self._call("race")

    # --- the process ---------------------------------------------------------------
    def close(self, grace: float = 0.0) -> None:
        """End the process; safe from any thread, and more than once.  With a ``grace``
        (seconds), it is asked first and given that long to end of itself, removing
        a file it was writing; then, or at once, it is killed (also if stopped)."""
        self._closed = True
        process = self._process
        if process is None or not process.is_alive():
            return
        if grace > 0:
            process.terminate()
            process.join(grace)
            if not process.is_alive():
                return
        process.kill()

    @property
    def sentinel(self) -> int | None:
        """A file descriptor that becomes readable when the process ends (None before
        it starts, and if it could not be started)."""
        if self._process is None:
            return None
        try:
            return self._process.sentinel
        except ValueError:  # ("process not started": a start that failed)
            return None

    @property
    def closed(self) -> bool:
        """Closed by its caller (an end that is no surprise)."""
        return self._closed

    def join(self, timeout: float | None = None) -> None:
        """Wait for the closed process to end (and be reaped)."""
        if self._process is not None:
            self._process.join(timeout)

    def _call(self, name: str, *args: Any) -> Any:
        with self._lock:
            conn = self._connection()
            try:
                send(conn, (name, args))
                ok, value = receive(conn)
            except (EOFError, OSError) as exc:
                raise EngineLost(f"the training process ended ({name})") from exc
        if not ok:
            raise value
        return value

    def _connection(self) -> Connection:
        if self._closed:
            raise EngineLost("the training process was closed")
        if self._conn is None:
            self._start(_context())
        return self._conn

    def _start(self, context: Any) -> None:
        self._conn, theirs = context.Pipe()
        args = (theirs, self._first_generation,
                None if self._waiting is None else self._waiting.count, self.warm)
        forked = context.get_start_method() == "fork"
        self._process = context.Process(
            target=_serve_forked if forked else serve, name="quadreg-engine", daemon=True,
            args=(self._conn, *args) if forked else args)
        try:
            with _main_module_left_behind(context):
                self._process.start()
        except (OSError, RuntimeError) as exc:  # no memory, no processes left...
            self._closed = True
            raise EngineLost(f"the training process could not start: {exc}") from exc
        finally:
            theirs.close()
        if self._closed:  # closed while starting
            self._process.kill()
            raise EngineLost("the training process was closed")

    def _with_data(self, loaded: Loaded | None) -> Loaded | None:
        return None if loaded is None else replace(loaded, data=self._data)
