"""The run a window drives: its trainer (or race), every command on it, and the
reports a window draws, as plain values.

The window's training thread calls an Engine, either here or in a process of its
own (``core.training.engine_process``, where training never waits for the window's share
of the GIL).  So every method takes and returns picklable values: copies, never
the trainer's own arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import perf_counter as clock

import numpy as np

from ..config import TrainConfig
from ..data import Dataset, make_dataset
from ..files.datafile import Table
from ..decimate import DataView, data_view, path_rows, plot_rows
from ..analysis.explain import StepRecord
from ..files.export import write_history
from .history import DrawnRows
from ..interrupt import Interrupted, check
from .model import Model
from .objective import QuadraticLoss
from ..analysis.race import Race, Racer, RaceResult
from .compiled import warm_in_background
from .trainer import CHECK_EVERY, Trainer


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
    view: DataView  # what the data plot shows of ``data``
    same_data: bool = False  # a new starting point on the same data

    def same_problem(self, other: Loaded | None) -> bool:
        """The same points, as the model sees them, and the same model: runs on either
        compare (a reload of the same data, or other settings on it)."""
        return other is not None and self.config.model == other.config.model \
            and np.array_equal(self.data.x, other.data.x) \
            and np.array_equal(self.data.y, other.data.y)


@dataclass(frozen=True)
class Progress:
    """The state after the epochs run since the last report: the epochs logged
    since then, and what the loss plot draws (copies; the history itself stays in
    the engine, the one history of the run).

    ``generation`` counts loads and resets: a report of an older generation
    arrived after the GUI asked to start over and must be dropped.
    """

    generation: int
    logged: DrawnRows
    curve: DrawnRows | None
    path: DrawnRows | None  # the trajectory to draw, sent with the curve
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
    config: TrainConfig  # the settings the engine runs now
    segment_epoch: int  # where they began to steer the run (a live change, or 0)
    segment_theta: np.ndarray  # the parameters then
    segment_velocity: np.ndarray | None = None  # momentum's velocity then (None: zero)
    view: DataView | None = None  # the points shown, after an edit of the data
    #: Mini-batches: the parameters before and after each batch of the last epoch (or
    #: of the epoch under way batch by batch, so far).
    batches: np.ndarray | None = None
    #: An epoch under way batch by batch: (batches stepped, batches in it).
    batch: tuple[int, int] | None = None


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

    curve: DrawnRows | None  # as Progress.curve: sent only when asked for
    path: DrawnRows | None
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


@dataclass(frozen=True)
class Status:
    """Where the run (or the race, while there is one) stands."""

    loaded: bool
    racing: bool
    state: str  # "paused", "finished" or "diverged" (idle; the worker adds "running")
    epoch: int
    target: int  # the epoch this round ends at
    blocked: bool  # nothing can run: diverged, or every racer did


def whole_chunks(start: int, count: int, whole_only: bool = False) -> int:
    """How many of ``count`` epochs from epoch ``start`` to run as one piece: up to the
    last end of a trainer's chunk of epochs (a multiple of CHECK_EVERY) among them; a
    piece that ended midway would run that chunk in two calls, each with a chunk's fixed
    costs (a race's pieces of about 16,000 epochs ran five chunks a racer for four).
    Where no chunk ends among them: all ``count``, or (``whole_only``, for cheap
    chunks) the rest of the chunk under way."""
    end = start + count
    whole = end - end % CHECK_EVERY - start
    if whole > 0:
        return whole
    return CHECK_EVERY - start % CHECK_EVERY if whole_only else count


#: A timed call runs its trainers' chunks of epochs whole where one costs at most this
#: share of the call's time (else a piece may end midway through one).
WHOLE_CHUNK_SHARE = 0.25


class Engine:
    """The trainer of the data loaded last, the race on it while there is one, and
    the bookkeeping of a round of epochs and of what was reported already.

    ``generation`` counts loads, new starting points, resets and races: reports of
    an older one are dropped by the window.
    """

    def __init__(self, first_generation: int = 0) -> None:
        self.trainer: Trainer | None = None
        self._view: DataView | None = None
        self._new_view: DataView | None = None  # edited points not yet reported
        self.race: Race | None = None  # while racing, the commands drive the race
        self.generation = first_generation
        self._round_start = 0
        self._logged = 0
        self._reported_changes = 0
        self._epoch_cost: float | None = None  # seconds an epoch took, these settings

    # --- commands --------------------------------------------------------------------
    def load(self, config: TrainConfig, table: Table | None = None) -> Loaded:
        """A new run on the data ``config`` names (``table``: a data file already
        read); a race is on the data it started on and ends."""
        data = make_dataset(config, table)
        self.trainer = Trainer(config, data)
        self._view = data_view(data, config.seed)
        self.race = None
        return self._start()

    def update(self, config: TrainConfig) -> Loaded | None:
        """Live change of settings from the next epoch on (the run's; a race runs its
        racers' settings).  A new starting point starts the run over: its Loaded."""
        t = self.trainer
        if t is None or self.race is not None:
            return None
        new_start = config.init != t.config.init
        edited = config.edits != t.config.edits
        t.update(config)
        if edited:  # the points shown, sent with the next report
            self._view = self._new_view = data_view(t.data, config.seed)
        self._epoch_cost = None  # the cost of an epoch is measured anew
        return self._start(same_data=True) if new_start else None

    def start_race(self, racers: list[Racer]) -> None:
        """Race ``racers`` on the current data from its start."""
        t = self._loaded()
        self.race = Race(racers, t.data, t.objective)
        self._restart_rounds()

    def warm_kernels(self) -> None:
        """Make the compiled loops ready in the background now (where the `fast` extra is
        installed), before a run that needs them: a race's adaptive racers, say, which
        would otherwise run on Python floats while the kernels load, sharing the GIL
        with the thread that loads them."""
        warm_in_background()

    def end_race(self) -> None:
        """Back to the run as it was before the race."""
        self.race = None
        self._restart_rounds()

    def new_round(self) -> None:
        """Another round of ``config.epochs`` from the epoch reached."""
        self._round_start = self._subject().epoch

    def run(self, n_epochs: int, seconds: float | None = None) -> tuple[int, Status]:
        """Up to ``n_epochs`` epochs (fewer at divergence, after about ``seconds``,
        or once ``interrupt.check`` stops it): how many ran, and the status after
        them (one call where a status would be asked for next).

        With ``seconds``, the epochs run in pieces sized by the cost of an epoch as
        measured in this call (an epoch may cost 0.1 us or 0.5 s: batch size,
        points and optimizer change it, live), so a call never runs far past its
        time; a piece stopped midway is undone (``Trainer.run``).
        """
        subject = self._subject()
        before = subject.epoch
        try:
            if seconds is None:
                subject.run(n_epochs)
            else:
                self._run_for(subject, n_epochs, seconds)
        except Interrupted:
            pass  # what ran before the interruption stands
        return subject.epoch - before, self.status()

    def run_to(self, end: int, seconds: float) -> tuple[int, Status]:
        """``run`` up to epoch ``end`` (the caller's count of the epochs left may be
        behind: the engine's process runs ahead of it, see engine_process.Ahead)."""
        return self.run(max(0, end - self._subject().epoch), seconds)

    def _run_for(self, subject: Trainer | Race, n_epochs: int, seconds: float) -> None:
        """Pieces of epochs until about ``seconds`` have passed: the first sized by the
        cost of an epoch measured in the last call (known only while the settings
        stay: every command that changes them forgets it), then by this call's."""
        deadline = clock() + seconds
        cost = self._epoch_cost
        piece = 1 if cost is None else max(1, int(seconds / 2 / cost))
        done = 0
        while done < n_epochs:
            began = clock()
            # Chunks this cheap run whole: a call may end a little after its time.
            cheap = cost is not None and cost * CHECK_EVERY <= seconds * WHOLE_CHUNK_SHARE
            left = n_epochs - done
            asked = min(left, whole_chunks(subject.epoch, min(piece, left), cheap))
            ran = subject.run(asked)
            done += ran
            now = clock()
            if ran < asked:
                return  # diverged (or every racer did)
            self._epoch_cost = cost = (now - began) / ran
            if now >= deadline:
                return
            # Grow at most 8x a piece: a first piece's cost includes a fixed part.
            piece = max(1, min(8 * piece, int((deadline - now) / cost)))
            check()

    def step_batch(self) -> Status:
        """One mini-batch step of the run (``Trainer.step_batch``); a race steps an
        epoch."""
        subject = self._subject()
        try:
            subject.step_batch() if isinstance(subject, Trainer) else subject.run(1)
        except Interrupted:
            pass  # the batches stepped before it stand
        return self.status()

    def reset(self) -> None:
        self._subject().reset()
        self._restart_rounds()

    def write_history(self, path: str) -> HistoryWritten:
        """The run's every epoch as CSV."""
        t = self._loaded()
        try:
            complete = write_history(path, t)
        except OSError as exc:
            return HistoryWritten(path, t.epoch, False, exc.strerror or str(exc))
        return HistoryWritten(path, t.epoch, complete)

    # --- state -----------------------------------------------------------------------
    def status(self) -> Status:
        if self.trainer is None:
            return Status(False, False, "paused", 0, 0, True)
        subject = self._subject()
        target = self._target()
        if isinstance(subject, Race):
            blocked = subject.over
            state = "finished" if blocked or subject.epoch >= target else "paused"
        else:
            blocked = subject.diverged_at is not None
            state = "diverged" if blocked else \
                "finished" if subject.epoch >= target else "paused"
        return Status(True, self.race is not None, state, subject.epoch, target, blocked)

    def report(self, curve: bool, step: bool) -> Progress | RaceProgress:
        """The state, the epochs logged since the last report, and the loss curve and
        trajectory (``curve``) and the last step explained (``step``) if asked for."""
        if self.race is not None:
            return self._report_race(curve)
        t = self._loaded()
        history = t.history
        self._logged = min(self._logged, history.n_logged)  # reset or divergence cut
        logged = history.logged_since(self._logged).drawn()
        self._logged = history.n_logged
        changes = tuple(t.changes[self._reported_changes:])
        self._reported_changes = len(t.changes)
        newest = history.rows(len(history) - 1) if len(history) else None
        plotted = path = None
        if curve:
            kept = history.curve()  # built once for both
            plotted, path = plot_rows(kept), path_rows(kept)
        velocity = getattr(t.optimizer, "v", None)
        return Progress(
            self.generation, logged, plotted, path, t.last_step() if step else None,
            t.objective.quadratic(), None if velocity is None else velocity.copy(),
            t.near_optimum_at, None if newest is None else float(newest.lr[0]),
            history.full_resolution, theta=t.theta.copy(), epoch=t.epoch,
            target=max(self._target(), t.epoch),  # Epochs lowered below it: it ends here
            loss_now=t.loss, lr_next=t.lr, diverged_at=t.diverged_at, changes=changes,
            config=t.config, segment_epoch=t.segment[0], segment_theta=t.segment[1].copy(),
            segment_velocity=None if t.segment[2] is None else t.segment[2].copy(),
            view=self._take_new_view(), batches=t.batch_path() if step else None,
            batch=t.batch_position())

    def _take_new_view(self) -> DataView | None:
        view, self._new_view = self._new_view, None
        return view

    def _report_race(self, curves: bool) -> RaceProgress:
        race = self.race
        assert race is not None
        racers = []
        for t in race.trainers:
            curve = path = None
            if curves:
                kept = t.history.curve()
                curve, path = plot_rows(kept), path_rows(kept)
            racers.append(RacerState(curve, path, t.theta.copy(), t.loss, t.epoch))
        return RaceProgress(self.generation, race.epoch, max(self._target(), race.epoch),
                            tuple(racers), tuple(race.results()))

    # --- helpers ---------------------------------------------------------------------
    def _start(self, same_data: bool = False) -> Loaded:
        t = self._loaded()
        assert self._view is not None
        self._restart_rounds()
        return Loaded(self.generation, t.config, t.data, t.model, t.initial.copy(), t.loss,
                      t.objective.optimum.copy(), t.objective.min_loss,
                      t.objective.quadratic(), self._view, same_data)

    def _restart_rounds(self) -> None:
        self.generation += 1
        self._round_start = 0
        self._logged = 0
        self._reported_changes = 0
        self._epoch_cost = None

    def _loaded(self) -> Trainer:
        if self.trainer is None:
            raise RuntimeError("no data loaded")
        return self.trainer

    def _subject(self) -> Trainer | Race:
        """What the commands drive: the race while there is one, else the run."""
        return self.race or self._loaded()

    def _target(self) -> int:
        return self._round_start + self._subject().config.epochs
