"""Per-epoch records in bounded memory, faithful where people look.

Kept row for row: the first ``early`` epochs (where the action is), the last
``recent`` epochs (a ring) and every logged epoch (in blocks that are never
copied).  The epochs in between are summarised: cut into buckets, each keeping
its rows with the smallest and the largest loss and of each parameter, so no
spike of the loss and no turning point of the trajectory is lost.  When there
are more than ``buckets`` buckets, neighbours merge pairwise (the extremes of
two buckets are among their own) and new buckets are twice as long.

Nothing grows by copying: arrays are allocated once at their full size, or in
fixed-size blocks.  Epochs are consecutive from 0; row i is epoch i.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

EARLY = 1 << 15
RECENT = 1 << 15
BUCKETS = 1 << 12
#: Logged rows kept; beyond, the log keeps only what the summary keeps.
MAX_LOGGED = 1 << 20
_BLOCK = 1 << 14


@dataclass
class Rows:
    """Records of some epochs: parameters after each, loss and gradient before each,
    and the learning rate each used."""

    epochs: np.ndarray
    params: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    grad: np.ndarray

    def __len__(self) -> int:
        return self.epochs.size

    @classmethod
    def allocate(cls, size: int, n_params: int) -> Rows:
        return cls(np.empty(size, dtype=np.int64), np.empty((size, n_params)), np.empty(size),
                   np.empty(size), np.empty((size, n_params)))

    # (Spelled out, not through dataclasses.fields: these run several times in every
    # piece of a run, and with fields a run in 5 ms pieces was 20-40 % slower.)
    def take(self, index: np.ndarray | slice) -> Rows:
        return Rows(self.epochs[index], self.params[index], self.loss[index],
                    self.lr[index], self.grad[index])

    def put(self, index: np.ndarray | slice, rows: Rows) -> None:
        self.epochs[index] = rows.epochs
        self.params[index] = rows.params
        self.loss[index] = rows.loss
        self.lr[index] = rows.lr
        self.grad[index] = rows.grad

    def copy(self) -> Rows:
        return Rows(self.epochs.copy(), self.params.copy(), self.loss.copy(), self.lr.copy(),
                    self.grad.copy())

    def drawn(self, index: np.ndarray | slice = slice(None)) -> DrawnRows:
        """The rows at ``index`` as the window draws and lists them."""
        return DrawnRows(self.epochs[index], self.params[index], self.loss[index])

    @classmethod
    def concat(cls, parts: list[Rows], n_params: int) -> Rows:
        """The parts one after another (a single non-empty part itself, not a copy)."""
        parts = [part for part in parts if len(part)]
        if not parts:
            return cls.allocate(0, n_params)
        if len(parts) == 1:
            return parts[0]
        return cls(*(np.concatenate([getattr(p, f.name) for p in parts])
                     for f in fields(cls)))


@dataclass(frozen=True)
class DrawnRows:
    """Some epochs as the window draws and lists them: their numbers, the parameters
    after each and the loss before each.  Rows without the learning rate and the
    gradient, which no plot and no line of the log shows: a report sends 32 bytes an
    epoch, not 56."""

    epochs: np.ndarray
    params: np.ndarray
    loss: np.ndarray

    def __len__(self) -> int:
        return self.epochs.size

    def take(self, index: np.ndarray | slice) -> DrawnRows:
        return DrawnRows(self.epochs[index], self.params[index], self.loss[index])

    @classmethod
    def concat(cls, parts: list[DrawnRows]) -> DrawnRows:
        """The parts one after another (one part itself, not a copy)."""
        if len(parts) == 1:
            return parts[0]
        return cls(np.concatenate([p.epochs for p in parts]),
                   np.concatenate([p.params for p in parts]),
                   np.concatenate([p.loss for p in parts]))


class History:
    """Bounded per-epoch records (see the module's docstring)."""

    def __init__(self, n_params: int, log_every: int = 100, early: int = EARLY,
                 recent: int = RECENT, buckets: int = BUCKETS) -> None:
        self.n_params = n_params
        self.log_every = log_every
        self._early_cap, self._recent_cap, self._buckets_cap = early, recent, buckets
        self.clear()

    def clear(self) -> None:
        p = self.n_params
        self.size = 0  # epochs recorded
        self._early = Rows.allocate(self._early_cap, p)
        self._ring = Rows.allocate(self._recent_cap, p)
        self._logged: list[Rows] = []
        self._n_logged = 0
        self.logged_complete = True
        # The summary: per bucket, its first and last epoch and one row per extreme.
        slots = 2 * (1 + p)
        self._summary = Rows(np.empty((2 * self._buckets_cap, slots), dtype=np.int64),
                             np.empty((2 * self._buckets_cap, slots, p)),
                             np.empty((2 * self._buckets_cap, slots)),
                             np.empty((2 * self._buckets_cap, slots)),
                             np.empty((2 * self._buckets_cap, slots, p)))
        self._spans = np.empty((2 * self._buckets_cap, 2), dtype=np.int64)
        self._n_buckets = 0
        self._bucket_size = 1
        # Rows waiting for the rest of their bucket, filled in place (copying what waits
        # at every extend made a run's cost grow with its length).
        self._pending = Rows.allocate(0, p)
        self._n_pending = 0
        self._kept: Rows | None = None

    def __len__(self) -> int:
        return self.size

    @property
    def full_resolution(self) -> bool:
        """False once some epochs are only summarised (the resolution limit)."""
        return self.size <= self._early_cap + self._recent_cap

    # --- the ring of recent epochs, read and written as at most two slices ---------------
    def _ring_parts(self, start: int, stop: int) -> list[slice]:
        """Slices of the ring holding epochs start..stop-1 (at most RECENT of them)."""
        cap = self._recent_cap
        a, b = start % cap, (stop - 1) % cap + 1
        return [slice(a, b)] if a < b else [slice(a, cap), slice(0, b)]

    def _ring_get(self, start: int, stop: int) -> Rows:
        return Rows.concat([self._ring.take(part) for part in self._ring_parts(start, stop)],
                           self.n_params)

    def _ring_put(self, start: int, rows: Rows) -> None:
        done = 0
        for part in self._ring_parts(start, start + len(rows)):
            count = part.stop - part.start
            self._ring.put(part, rows.take(slice(done, done + count)))
            done += count

    # --- recording ---------------------------------------------------------------------
    def extend(self, epochs: np.ndarray, params: np.ndarray, loss: np.ndarray, lr: np.ndarray,
               grad: np.ndarray) -> None:
        """Record consecutive epochs, the first being epoch ``len(self)``."""
        new = Rows(np.asarray(epochs, dtype=np.int64), np.asarray(params, dtype=float),
                   np.asarray(loss, dtype=float), np.asarray(lr, dtype=float),
                   np.asarray(grad, dtype=float))
        k, start = len(new), self.size
        if k == 0:
            return
        self._kept = None
        if start < self._early_cap:
            count = min(k, self._early_cap - start)
            self._early.put(slice(start, start + count), new.take(slice(0, count)))
        self._log(new)
        for part in self._leaving(new, start):
            self._summarise(part)
        stored = new.take(slice(max(0, k - self._recent_cap), k))
        self._ring_put(start + k - len(stored), stored)
        self.size = start + k

    def _log(self, new: Rows) -> None:
        first = -(-int(new.epochs[0]) // self.log_every) * self.log_every
        if first > new.epochs[-1]:
            return
        logged = new.take(slice(first - int(new.epochs[0]), None, self.log_every))
        room = MAX_LOGGED - self._n_logged
        if len(logged) > room:
            self.logged_complete = False
            logged = logged.take(slice(0, room))
        done = 0
        while done < len(logged):
            fill = self._n_logged % _BLOCK
            if fill == 0 and len(self._logged) * _BLOCK == self._n_logged:
                self._logged.append(Rows.allocate(_BLOCK, self.n_params))
            take = min(_BLOCK - fill, len(logged) - done)
            self._logged[-1].put(slice(fill, fill + take), logged.take(slice(done, done + take)))
            self._n_logged += take
            done += take

    def _leaving(self, new: Rows, start: int) -> list[Rows]:
        """The rows that leave the ring (or never enter it) and are not early ones, in
        order: those of the ring, then new ones (views, not copies)."""
        k, cap = len(new), self._recent_cap
        first = max(start - cap, self._early_cap)
        last = start + k - cap  # rows before this index are no longer recent
        parts = []
        if first < min(last, start):
            parts.append(self._ring_get(first, min(last, start)))
        if last > max(start, first):
            parts.append(new.take(slice(max(0, first - start), last - start)))
        return parts

    # --- the summary ---------------------------------------------------------------------
    def _channels(self, loss: np.ndarray, params: np.ndarray) -> np.ndarray:
        """The values whose extremes each bucket keeps: the loss, then each parameter."""
        return np.concatenate([loss[..., None], params], axis=-1)

    def _summarise(self, rows: Rows) -> None:
        """Rows leaving the ring, in order: whole buckets go to the summary, the rest
        waits (``_pending``) for the rows that complete its bucket."""
        # Longer buckets (merging those made so far) until the new ones fit.
        while self._n_buckets + (self._n_pending + len(rows)) // self._bucket_size \
                > 2 * self._buckets_cap:
            if self._n_buckets > 1:
                self._merge_pairs()
            else:
                self._bucket_size *= 2
        if self._n_pending:
            count = min(self._bucket_size - self._n_pending, len(rows))
            self._wait(rows.take(slice(0, count)))
            rows = rows.take(slice(count, None))
            if self._n_pending < self._bucket_size:
                return
            self._n_pending = 0
            self._add_buckets(self._pending, 1)  # may merge, doubling the bucket size
        size = self._bucket_size
        count = len(rows) // size
        if count:
            self._add_buckets(rows, count)
        self._wait(rows.take(slice(count * size, None)))

    def _wait(self, rows: Rows) -> None:
        """``rows`` after those waiting for their bucket (room for a whole bucket is
        made when the buckets grow: a few times in a run)."""
        if not len(rows):
            return
        waiting, end = self._n_pending, self._n_pending + len(rows)
        if len(self._pending) < self._bucket_size:
            grown = Rows.allocate(self._bucket_size, self.n_params)
            grown.put(slice(0, waiting), self._pending.take(slice(0, waiting)))
            self._pending = grown
        self._pending.put(slice(waiting, end), rows)
        self._n_pending = end

    def _add_buckets(self, rows: Rows, count: int) -> None:
        """``count`` buckets of the current size from the start of ``rows``."""
        size = self._bucket_size
        loss = rows.loss[:count * size].reshape(count, size)
        params = rows.params[:count * size].reshape(count, size, self.n_params)
        slots = np.empty((count, 2 * (1 + self.n_params)), dtype=np.int64)
        slots[:, 0], slots[:, 1] = loss.argmin(axis=1), loss.argmax(axis=1)
        slots[:, 2::2], slots[:, 3::2] = params.argmin(axis=1), params.argmax(axis=1)
        picked = rows.take(slots + (np.arange(count) * size)[:, None])
        at = slice(self._n_buckets, self._n_buckets + count)
        self._summary.put(at, picked)
        self._spans[at, 0] = rows.epochs[0:count * size:size]
        self._spans[at, 1] = rows.epochs[size - 1:count * size:size]
        self._n_buckets += count
        while self._n_buckets > self._buckets_cap:
            self._merge_pairs()

    def _merge_pairs(self) -> None:
        """Halve the number of buckets: each pair keeps the extremes of the two."""
        n = self._n_buckets
        pairs = n // 2
        a = self._summary.take(slice(0, 2 * pairs, 2))
        b = self._summary.take(slice(1, 2 * pairs, 2))
        slots = np.arange(a.loss.shape[1])
        # Slot s holds the minimum (s even) or maximum (s odd) of channel s // 2.
        va = self._channels(a.loss, a.params)[:, slots, slots // 2]
        vb = self._channels(b.loss, b.params)[:, slots, slots // 2]
        take_b = np.where(slots % 2 == 0, vb < va, vb > va)
        merged = Rows(*(np.where(take_b.reshape(take_b.shape + (1,) * (col_a.ndim - 2)),
                                 col_b, col_a)
                        for col_a, col_b in ((getattr(a, f.name), getattr(b, f.name))
                                             for f in fields(Rows))))
        self._summary.put(slice(0, pairs), merged)
        self._spans[:pairs] = np.column_stack([self._spans[0:2 * pairs:2, 0],
                                               self._spans[1:2 * pairs:2, 1]])
        if n % 2:  # the odd last bucket stays as it is
            self._summary.put(slice(pairs, pairs + 1), self._summary.take(slice(n - 1, n)))
            self._spans[pairs] = self._spans[n - 1]
        self._n_buckets = pairs + n % 2
        self._bucket_size *= 2

    # --- reading -------------------------------------------------------------------------
    def rows(self, start: int, stop: int | None = None) -> Rows:
        """Copies of epochs start..stop-1, which must be early or recent ones."""
        stop = self.size if stop is None else min(stop, self.size)
        if start >= stop:
            return Rows.allocate(0, self.n_params)
        if stop <= self._early_cap:
            return self._early.take(slice(start, stop)).copy()
        if start < self.size - self._recent_cap:
            raise IndexError(f"epochs from {start} are no longer kept row for row")
        return self._ring_get(start, stop)

    def truncate(self, size: int) -> None:
        """Forget the epochs from ``size`` on (recent ones only: after divergence)."""
        if size >= self.size:
            return
        if size < self.size - self._recent_cap + 1 and self.size > self._recent_cap:
            raise ValueError("only recent epochs can be forgotten")
        self._kept = None
        self.size = size
        kept = self.logged()
        self._n_logged = int(np.searchsorted(kept.epochs, size))
        del self._logged[-(-self._n_logged // _BLOCK):]  # keep the blocks still in use

    @property
    def n_logged(self) -> int:
        return self._n_logged

    def logged_since(self, first: int) -> Rows:
        """The logged epochs from the ``first``-th logged one on (new ones, cheaply)."""
        parts = []
        for k in range(first // _BLOCK, -(-self._n_logged // _BLOCK)):
            lo = max(first, k * _BLOCK) - k * _BLOCK
            hi = min(self._n_logged, (k + 1) * _BLOCK) - k * _BLOCK
            parts.append(self._logged[k].take(slice(lo, hi)).copy())
        return Rows.concat(parts, self.n_params)

    def logged(self) -> Rows:
        """Every logged epoch (epoch % log_every == 0 when it was recorded)."""
        return self.logged_since(0)

    def curve(self) -> DrawnRows:
        """The rows a plot needs, in epoch order: as ``kept`` without the logged rows
        (the summary already holds every spike and turning point between them), and
        only the columns drawn (put together several times a second while running)."""
        if self.full_resolution:
            return self.kept().drawn()
        return DrawnRows.concat([part.drawn() for part in self._parts()])

    def kept(self) -> Rows:
        """Every row kept, in epoch order: the whole history up to the resolution limit,
        then the early, the summarised, the logged and the recent epochs."""
        if self._kept is None:
            self._kept = self._assemble(logged=True)
        return self._kept

    def _assemble(self, logged: bool) -> Rows:
        """The parts one after another; the logged rows, which fall anywhere, merged in
        with a sort."""
        rows = Rows.concat(self._parts(), self.n_params)
        if logged and self.size > self._early_cap + self._recent_cap:
            rows = Rows.concat([rows, self.logged()], self.n_params)
            _, unique = np.unique(rows.epochs, return_index=True)
            rows = rows.take(unique)
        return rows

    def _parts(self) -> list[Rows]:
        """The rows kept but the logged ones, in parts already in epoch order: early,
        the buckets (each sorted, its repeated rows once), the rows waiting for a
        bucket, the recent ones (views where they can be)."""
        parts = [self._early.take(slice(0, min(self.size, self._early_cap)))]
        if self.size > self._early_cap:
            parts.append(self._summary_rows())
            parts.append(self._pending.take(slice(0, self._n_pending)))
            first = max(self._early_cap, self.size - self._recent_cap)
            parts += [self._ring.take(part) for part in self._ring_parts(first, self.size)]
        return parts

    def _summary_rows(self) -> Rows:
        summary = self._summary.take(slice(0, self._n_buckets))
        order = np.argsort(summary.epochs, axis=1, kind="stable")
        flat = (order + np.arange(self._n_buckets)[:, None] * order.shape[1]).ravel()
        epochs = summary.epochs.ravel()[flat]
        fresh = np.ones(flat.size, dtype=bool)
        fresh[1:] = epochs[1:] != epochs[:-1]
        return Rows(summary.epochs.ravel(), summary.params.reshape(-1, self.n_params),
                    summary.loss.ravel(), summary.lr.ravel(),
                    summary.grad.reshape(-1, self.n_params)).take(flat[fresh])

    def buckets(self) -> tuple[np.ndarray, Rows]:
        """The summary: (first and last epoch of each bucket, its extreme rows)."""
        n = self._n_buckets
        return self._spans[:n].copy(), self._summary.take(slice(0, n)).copy()

    # The kept rows' columns (the whole history while it is at full resolution).
    @property
    def epochs(self) -> np.ndarray:
        return self.kept().epochs

    @property
    def params(self) -> np.ndarray:
        return self.kept().params

    @property
    def loss(self) -> np.ndarray:
        return self.kept().loss

    @property
    def lr(self) -> np.ndarray:
        return self.kept().lr

    @property
    def grad(self) -> np.ndarray:
        return self.kept().grad

