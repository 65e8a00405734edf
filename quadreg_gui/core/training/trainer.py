"""The training loop: epoch by epoch, pausable, with live setting changes."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from ..analysis.explain import StepRecord
from ..analysis.theory import Segment, first_epoch_at_or_below, near_optimum_excess
from ..config import BOOKKEEPING_FIELDS, TrainConfig
from ..data import Dataset, make_dataset
from ..edits import EditedPoints, changed_points
from .batch_steps import MOST_BATCH_STEPS, SteppedEpoch, step_batches
from .epochs import batch_arrays, float_block, is_linear, linear_block, minibatch_block
from .history import History, Rows
from ..interrupt import Interrupted
from .model import MODELS
from .objective import CHUNK, Objective
from .optimizers import make_optimizer
from .schedules import lr_at, lr_list

#: A run has diverged once its excess loss over the optimum is this many times the
#: start's (or, if larger, the optimal loss or the best constant's, so that a start
#: at the optimum of a perfect fit may move), or a number is not finite: a property
#: of the run, never of the data's units (house prices in dollars start above 1e12).
DIVERGENCE_GROWTH = 1e10
#: Epochs between two divergence checks of the history (and the most recorded at once).
CHECK_EVERY = 4096
#: Epochs computed at once by the linear recurrence (GD, momentum, Nesterov).
LINEAR_BLOCK = 4096
#: The most epochs one ``run`` call may be asked for and still hand out every row
#: (``history.rows``, e.g. to stream them to a file): what the recent ring holds.
MAX_RUN = 1 << 13
HISTORY_LIMITS = {"early": 1 << 12, "recent": MAX_RUN, "buckets": 1 << 10}


@dataclass(frozen=True)
class LastEpoch:
    """What the last mini-batch epoch run started from: enough to replay it."""

    epoch: int
    theta: np.ndarray
    state: dict
    order: np.ndarray
    lr: float


class Trainer:
    """Fits ``config.model`` to ``data`` (the article's synthetic data by default).

    ``epoch`` counts completed epochs.  ``run`` and ``step`` stop for good at the
    first divergence (``diverged_at`` holds that epoch) until ``reset``.
    ``changes`` lists (epoch, changed setting names) for every live change that
    alters the trajectory (not the number of epochs or the log interval);
    ``segment`` is where the last of them began (theory predicts from there): its
    epoch, the parameters and (momentum, Nesterov) the velocity then, None for zero.
    ``stepped`` is a mini-batch epoch under way batch by batch (``step_batch``):
    ``theta`` is then the parameters after its last batch, ``epoch`` still counts
    the epochs completed.
    """

    def __init__(self, config: TrainConfig, data: Dataset | None = None,
                 objective: Objective | None = None) -> None:
        """``objective`` (of ``data`` with ``config.l2`` and ``config.loss``) may be
        shared by trainers that never change L2 (a race's racers): one pass over the
        data for all."""
        self.config = config
        self.model = MODELS[config.model]
        self.data = data if data is not None else make_dataset(config)
        self.objective = objective or Objective(self.model, self.data, config.l2,
                                                config.loss == "mean")
        self.initial = self.model.initial(self.data.draws, config.init_values)
        self.history = History(self.model.n_params, config.log_every, **HISTORY_LIMITS)
        self.changes: list[tuple[int, tuple[str, ...]]] = []
        self.reset()

    def reset(self) -> None:
        """Back to epoch 0 and the initial parameters; keeps the current settings."""
        self.theta = self.initial.copy()
        self.epoch = 0
        self.diverged_at: int | None = None
        self.optimizer = make_optimizer(self.config.optimizer, self.model.n_params)
        self.history.clear()
        self.changes.clear()
        #: Where the current settings began to steer the run: (epoch, parameters then).
        self.segment: Segment = (0, self.initial.copy(), None)
        self._watch_near_optimum()
        # Epochs computed ahead by the linear recurrence: rows and velocities.
        self._block: tuple[Rows, np.ndarray | None] | None = None
        self._shuffle = np.random.default_rng(self.config.seed)
        self.last_epoch: LastEpoch | None = None
        self.stepped: SteppedEpoch | None = None
        self._stepped_path: tuple[int, np.ndarray] | None = None  # the last one's, ended
        self._batch_step: StepRecord | None = None  # the last step, if one batch's

    @property
    def loss(self) -> float:
        """Loss at the current parameters."""
        with np.errstate(all="ignore"):
            return self.objective.loss(self.theta)

    @property
    def lr(self) -> float:
        """The learning rate the next epoch will use."""
        return lr_at(self.config, self.epoch)

    def update(self, config: TrainConfig) -> tuple[str, ...]:
        """Apply new settings from the next epoch on; returns the changed names.

        A new starting point (``init``) resets the run to epoch 0 from there.
        The optimizer keeps its state unless the optimizer itself changes.  Data
        and model settings cannot change here: they need a new Trainer.
        """
        if config.differs_in_data(self.config):
            raise ValueError("data or model settings changed: make a new Trainer")
        changed = tuple(f.name for f in fields(TrainConfig)
                        if getattr(config, f.name) != getattr(self.config, f.name))
        old, self.config = self.config, config
        self.history.log_every = config.log_every
        if config.optimizer != old.optimizer:
            self.optimizer = make_optimizer(config.optimizer, self.model.n_params)
        if config.l2 != old.l2:
            self.objective.set_l2(config.l2)
            self._watch_near_optimum()  # a new optimum: measured afresh from here
        if self.stepped is not None and (config.edits != old.edits or not self._minibatch):
            # Its points are no longer the data's, or no longer steps of batches: the
            # epoch under way ends where it is.
            with np.errstate(all="ignore"):
                self._end_stepped()
        if config.edits != old.edits:
            self._edit_points(config.edits)
        if config.init != old.init:  # a new starting point: the run starts over from it
            self.initial = self.model.initial(self.data.draws, config.init_values)
            self.reset()
            return changed
        steering = tuple(name for name in changed if name not in BOOKKEEPING_FIELDS)
        if steering:
            self._block = None  # epochs computed ahead with the old settings
            self._batch_step = None  # (the state now is not the one that step used)
        if steering and (self.epoch > 0 or self.stepped is not None):
            self.changes.append((self.epoch, steering))
            velocity = getattr(self.optimizer, "v", None)
            self.segment = (self.epoch, self.theta.copy(),
                            None if velocity is None else velocity.copy())
        return changed

    def _edit_points(self, edits: tuple) -> None:
        """The data with ``edits`` now: the loss's statistics follow the points changed
        alone (O(1) per point, whatever the number of points); the run goes on."""
        base = self.data.base or self.data
        new = base.edited(edits)
        empty = EditedPoints(base.n)
        gone, come = changed_points(self.data.points or empty, new.points or empty,
                                    base.x_original, base.y)
        if base.scaling is not None:  # (edits are in the data's own units)
            for rows in (gone, come):
                rows[:, 0] = base.scaling.apply(rows[:, 0])
        self.objective.change_points(new, gone, come)
        self.data = new
        self._watch_near_optimum()

    def step(self) -> bool:
        """Run one epoch; False if the run has diverged (now or before)."""
        return self.run(1) == 1 and self.diverged_at is None

    @property
    def _minibatch(self) -> bool:
        return 0 < self.config.batch_size < self.data.n

    def step_batch(self) -> bool:
        """One mini-batch step of the epoch under way (``stepped``; a new epoch begins
        when none is): the parameters move by that batch's step alone, and the epoch
        is recorded once its last batch is stepped (or the parameters left every
        bound).  Without mini-batches, one epoch, its only batch.  False if the run
        has diverged (now or before)."""
        if self.diverged_at is not None:
            return False
        if not self._minibatch:
            return self.step()
        with np.errstate(all="ignore"):
            stepped = self.stepped or self._begin_stepped()
            try:
                step_batches(self.objective, self.optimizer, self.config, self.lr, stepped, 1)
            finally:
                self.theta = stepped.theta
            self._batch_step = self._batch_record(stepped)
            bounded = np.isfinite(self.theta).all() and self.loss <= self.divergence_loss
            if stepped.done or not bounded:
                self._end_stepped(diverged=not bounded)
        return self.diverged_at is None

    def _batch_record(self, stepped: SteppedEpoch) -> StepRecord | None:
        """The batch just stepped, for core.explain."""
        if stepped.last is None:
            return None
        before, g, size = stepped.last
        opt = self.optimizer
        steps, batches = stepped.position(self.config.batch_size)
        return StepRecord(stepped.epoch, before.copy(), self.theta.copy(), g.copy(), math.nan,
                          self.lr, {name: getattr(opt, name).copy() for name in opt.STATE},
                          getattr(opt, "t", 0), (steps, batches, size))

    def batch_position(self) -> tuple[int, int] | None:
        """(batches stepped, batches in the epoch) of the epoch under way batch by
        batch; None when there is none."""
        s = self.stepped
        return None if s is None else s.position(self.config.batch_size)

    def _begin_stepped(self) -> SteppedEpoch:
        # (the shuffle an epoch run whole would draw: permutation(n), as there)
        theta = self.theta
        self.stepped = SteppedEpoch(self.epoch, self._shuffle.permutation(self.data.n),
                                    self.objective.loss(theta), self.objective.grad(theta),
                                    theta, [theta.copy()])
        return self.stepped

    def _end_stepped(self, diverged: bool = False) -> None:
        """The epoch under way batch by batch recorded as it stands (divergence checked
        as after any epoch; ``diverged``: its last batch left every bound)."""
        stepped = self.stepped
        assert stepped is not None
        self.stepped = None
        self._record(Rows(np.array([stepped.epoch]), stepped.theta[None].copy(),
                          np.array([stepped.loss]), np.array([self.lr]), stepped.grad[None]))
        self._stepped_path = (stepped.epoch, np.array(stepped.path))
        self.epoch += 1
        bad = len(self.history) - 1 if diverged else self._first_divergent_row(
            len(self.history) - 1)
        if bad is not None:
            self._stop_at(bad)

    def run(self, n_epochs: int) -> int:
        """Run up to ``n_epochs`` epochs, stopping at divergence; returns how many ran.

        Divergence is checked on the recorded history every ``CHECK_EVERY``
        epochs (vectorised, cheaper than a test per epoch); the history and the
        parameters are then cut back to the first divergent epoch.  Should the
        core's ``interrupt.check`` stop a chunk midway (a command for a window's
        run), the chunk is undone, so the run is as if it had been asked for the
        epochs before it, and ``Interrupted`` propagates.
        """
        if self.diverged_at is not None or n_epochs < 1:
            return 0
        self._batch_step = None
        minibatch = self._minibatch
        epochs = self._minibatch_epochs if minibatch else self._full_batch_epochs
        done = 0
        with np.errstate(all="ignore"):
            if self.stepped is not None:  # the epoch under way batch by batch: its rest
                try:
                    step_batches(self.objective, self.optimizer, self.config, self.lr,
                                 self.stepped)
                finally:
                    self.theta = self.stepped.theta
                self._end_stepped()
                done = 1
                if self.diverged_at is not None:
                    return done
            while done < n_epochs:
                # Chunks end at multiples of CHECK_EVERY, as linear blocks do: however
                # the epochs are asked for, a chunk lies in one block (no copy to join two).
                chunk = min(CHECK_EVERY - self.epoch % CHECK_EVERY, n_epochs - done)
                first = len(self.history)
                if minibatch:  # only mini-batch epochs check for a stop midway
                    undo = self._undo_point()
                    try:
                        self.theta = epochs(self.theta, self.epoch, chunk)
                    except Interrupted:
                        self._undo(first, undo)
                        raise
                else:
                    self.theta = epochs(self.theta, self.epoch, chunk)
                self.epoch += chunk
                bad = self._first_divergent_row(first)
                if bad is not None:
                    return done + self._stop_at(bad) - first
                done += chunk
        return done

    def _undo_point(self) -> tuple:
        """What a chunk of epochs changes besides ``theta`` and ``epoch``."""
        opt = self.optimizer
        return (self._shuffle.bit_generator.state, self.near_optimum_at,
                {name: getattr(opt, name).copy() for name in opt.STATE},
                getattr(opt, "t", None))

    def _undo(self, rows: int, undo: tuple) -> None:
        """Back to ``rows`` history rows and the state ``_undo_point`` saved."""
        rng_state, self.near_optimum_at, state, t = undo
        self._shuffle.bit_generator.state = rng_state
        self.history.truncate(rows)
        for name, value in state.items():
            setattr(self.optimizer, name, value)
        if t is not None:
            self.optimizer.t = t  # type: ignore[attr-defined]

    def _full_batch_epochs(self, theta: np.ndarray, start: int, count: int) -> np.ndarray:
        obj, opt, cfg = self.objective, self.optimizer, self.config
        if not is_linear(opt, cfg):
            rows = float_block(obj, opt, cfg, theta, start, count)
            self._record(rows)
            return rows.params[-1].copy()
        done, pieces = 0, []
        while done < count:
            epoch = start + done
            if self._block is None or not (self._block[0].epochs[0] <= epoch
                                           <= self._block[0].epochs[-1]):
                # Blocks end at multiples of LINEAR_BLOCK (the first after a change of
                # settings starts at the change): however a run is split into calls, it
                # computes the same numbers.
                self._block = linear_block(obj, opt, cfg, theta, epoch,
                                           LINEAR_BLOCK - epoch % LINEAR_BLOCK)
            block, velocity = self._block
            offset = epoch - int(block.epochs[0])
            take = min(count - done, len(block) - offset)
            pieces.append(block.take(slice(offset, offset + take)))
            last = offset + take - 1
            theta = block.params[last].copy()
            if velocity is not None:
                opt.v = velocity[last].copy()  # type: ignore[attr-defined]
            done += take
        self._record(Rows.concat(pieces, theta.size))
        return theta

    def _record(self, rows: Rows) -> None:
        self.history.extend(rows.epochs, rows.params, rows.loss, rows.lr, rows.grad)
        if self.near_optimum_at is None:
            self.near_optimum_at = first_epoch_at_or_below(rows.epochs, rows.loss,
                                                           self._near_optimum_loss)

    def _watch_near_optimum(self) -> None:
        """Look for the first epoch near the optimal loss (theory.near_optimum_excess)."""
        obj = self.objective
        initial_loss = obj.loss(self.initial)
        self._near_optimum_loss = obj.min_loss + near_optimum_excess(obj.min_loss, initial_loss)
        self.divergence_loss = divergence_loss(initial_loss, obj.min_loss, obj.constant_loss)
        self.near_optimum_at: int | None = None

    def last_step(self) -> StepRecord | None:
        """The last epoch as it ran, for core.explain (or the last mini-batch, if stepped
        on its own); None before the first epoch or when settings changed since (the
        state now is not the one that step used)."""
        if self._batch_step is not None:
            return self._batch_step
        n = len(self.history)
        if n == 0 or self.stepped is not None or (self.changes
                                                  and self.changes[-1][0] == self.epoch):
            return None
        row = self.history.rows(n - 1)
        before = self.history.rows(n - 2).params[0] if n >= 2 else self.initial
        state = {name: getattr(self.optimizer, name).copy() for name in self.optimizer.STATE}
        return StepRecord(int(row.epochs[0]), before.copy(), row.params[0].copy(),
                          row.grad[0].copy(), float(row.loss[0]), float(row.lr[0]), state,
                          getattr(self.optimizer, "t", 0))

    def _minibatch_epochs(self, theta: np.ndarray, start: int, count: int) -> np.ndarray:
        """``count`` mini-batch epochs; the last of them run on its own, so that what
        it started from is kept (``last_epoch``) to replay it batch by batch (the
        results do not depend on how the epochs are grouped: tested)."""
        n = self.data.n
        group = max(1, CHUNK // n)  # epochs whose shuffles are summed at once
        end = start + count
        for first in range(start, end, group):
            epochs = range(first, min(end, first + group))
            # Each row shuffled in turn, as permutation(n) once per epoch would (the same
            # draws: tested), in one call.
            orders = self._shuffle.permuted(np.tile(np.arange(n), (len(epochs), 1)), axis=1) \
                if len(epochs) > 1 else self._shuffle.permutation(n)[None]  # no copy
            lrs = lr_list(self.config, first, len(epochs))
            if epochs[-1] == end - 1 and len(epochs) > 1:
                rows = minibatch_block(self.objective, self.optimizer, self.config, theta, first,
                                       orders[:-1], lrs[:-1])
                self._record(rows)
                theta = rows.params[-1].copy()
                orders, lrs, first = orders[-1:], lrs[-1:], end - 1
            if first == end - 1:
                # (the order is a fresh array, never written to again: kept, not copied)
                self.last_epoch = LastEpoch(first, theta.copy(), self.optimizer.state(),
                                            orders[-1], lrs[-1])
            rows = minibatch_block(self.objective, self.optimizer, self.config, theta, first,
                                   orders, lrs)
            self._record(rows)
            theta = rows.params[-1].copy()
        return theta

    def batch_path(self, most: int = MOST_BATCH_STEPS) -> np.ndarray | None:
        """The parameters before and after each batch of the last mini-batch epoch run
        (at most ``most`` steps of it), stepped one at a time as optimizers.py does; None
        without mini-batches, or when that epoch is no longer the last.  An epoch under
        way batch by batch (or the last, if it was stepped so): its steps so far."""
        if self.stepped is not None:
            return np.array(self.stepped.path[:most + 1])
        if self._stepped_path is not None and self._stepped_path[0] == self.epoch - 1:
            return self._stepped_path[1][:most + 1]
        last = self.last_epoch
        if last is None or last.epoch != self.epoch - 1 or not 0 < self.config.batch_size \
                < self.data.n:
            return None
        opt = make_optimizer(self.config.optimizer, self.model.n_params)
        opt.restore(last.state)
        theta, size = last.theta.copy(), self.config.batch_size
        steps = [theta]
        for stats in batch_arrays(self.objective, last.order, size, self.data.n):
            p = theta.size
            for row in stats:
                a, r = row[:p * p].reshape(p, p), row[p * p:]
                theta = opt.step(theta, a @ theta - r, last.lr, self.config)
                steps.append(theta)
                if len(steps) > most:
                    return np.array(steps)
        return np.array(steps)

    def _first_divergent_row(self, first: int) -> int | None:
        """The first history row from ``first`` on with a huge or non-finite value."""
        rows = self.history.rows(first)
        below = rows.loss <= self.divergence_loss
        finite = np.isfinite(rows.params)
        if below.all() and finite.all():  # (as a whole first: a row's all(axis=1) is dear,
            return None                   # 13 % of an engine's time at maximum speed)
        return first + int(np.argmax(~(below & finite.all(axis=1))))

    def _stop_at(self, row: int) -> int:
        """Diverged in history row ``row``: drop what came after; returns row + 1."""
        last = self.history.rows(row, row + 1)
        self.history.truncate(row + 1)
        self.theta = last.params[0].copy()
        self.diverged_at = int(last.epochs[0])
        if self.near_optimum_at is not None and self.near_optimum_at > self.diverged_at:
            self.near_optimum_at = None
        self.epoch = self.diverged_at + 1
        return row + 1


def divergence_loss(initial_loss: float, min_loss: float, constant_loss: float) -> float:
    """The loss above which a run from ``initial_loss`` has diverged (DIVERGENCE_GROWTH);
    ``constant_loss``: the best constant fit's."""
    scale = max(initial_loss - min_loss, min_loss, constant_loss)
    return min_loss + DIVERGENCE_GROWTH * scale if scale > 0 else math.inf


def train(config: TrainConfig, data: Dataset | None = None) -> Trainer:
    """Run ``config.epochs`` epochs (or until divergence) and return the trainer."""
    trainer = Trainer(config, data)
    trainer.run(config.epochs)
    return trainer
