"""A student's edits of the data: points moved, added and deleted, in order.

Edits are part of the settings (``TrainConfig.edits``), so that a run on edited data
is saved, replayed and exported like any other.  Each is a tuple in the data's own
units (x as the file or the article has it, not standardized):

    ("move", i, x, y)   point i is now at (x, y)
    ("add", x, y)       a new point, numbered after every point before it
    ("delete", i)       point i is gone

Points keep their numbers: the data's own are 0 .. n-1, added ones n, n+1, ... in
the order they were added, and a deleted point's number is not reused.  A live edit
changes a few points, so the loss's statistics follow in O(1) per point changed
(``changed_points``), never by a pass over the data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .errors import ConfigError

Edit = tuple
#: The most edits one run may carry (a long drag is one edit).
MAX_EDITS = 10_000
BIG = 1e12


def check_edits(value: object) -> tuple[Edit, ...]:
    """``value`` as a tuple of well-formed edits, or ConfigError naming the first bad one
    (which points exist is checked against the data: ``EditedPoints.of``)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ConfigError.bad_value("edits", f"must be a list of edits; got {value!r:.60}")
    if len(value) > MAX_EDITS:
        raise ConfigError.bad_value("edits", f"must hold at most {MAX_EDITS:,} edits; "
                                             f"got {len(value):,}")
    return tuple(_check_edit(k, edit) for k, edit in enumerate(value))


def _check_edit(k: int, edit: object) -> Edit:
    allowed = ('["move", i, x, y], ["add", x, y] or ["delete", i], i a point\'s number and '
               f'x, y numbers within ±{BIG:g}')
    if isinstance(edit, (list, tuple)) and edit:
        kind, args = edit[0], list(edit[1:])
        shapes = {"move": (int, float, float), "add": (float, float), "delete": (int,)}
        if kind in shapes and len(args) == len(shapes[kind]) \
                and all(_fits(a, t) for a, t in zip(args, shapes[kind])):
            return (kind, *(int(a) if t is int else float(a)
                            for a, t in zip(args, shapes[kind])))
    raise ConfigError.bad_value("edits", f"edit {k + 1} must be {allowed}; got {edit!r:.60}")


def _fits(value: object, kind: type) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if kind is int:
        return float(value).is_integer() and 0 <= value < 2**62
    return math.isfinite(value) and abs(value) <= BIG


@dataclass(frozen=True)
class EditedPoints:
    """What the edits make of ``n`` points: each touched point's place now (``at``;
    absent: the data's own), the deleted, and how many were added."""

    n: int
    at: dict[int, tuple[float, float]] = field(default_factory=dict)
    deleted: frozenset[int] = frozenset()
    added: int = 0

    @classmethod
    def of(cls, n: int, edits: tuple[Edit, ...]) -> EditedPoints:
        """The edits applied in order; ConfigError names an edit of a point that is not
        there (never was, or was deleted)."""
        at: dict[int, tuple[float, float]] = {}
        deleted: set[int] = set()
        added = 0
        for k, edit in enumerate(edits):
            kind = edit[0]
            if kind == "add":
                at[n + added] = (edit[1], edit[2])
                added += 1
                continue
            i = edit[1]
            if i >= n + added or i in deleted:
                raise ConfigError.bad_value("edits", f"edit {k + 1} ({kind}) names point {i}, "
                                                     "which is not there")
            if kind == "move":
                at[i] = (edit[2], edit[3])
            else:
                deleted.add(i)
                if n + added - len(deleted) < 2:
                    raise ConfigError.bad_value("edits", f"edit {k + 1} leaves fewer than "
                                                         "two points")
        return cls(n, at, frozenset(deleted), added)

    @property
    def touched(self) -> int:
        """Points moved, added or deleted (each counted once)."""
        return len(set(self.at) | self.deleted)

    def point(self, i: int, x: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
        """Point i now (None: deleted), given the data's own points."""
        if i in self.deleted:
            return None
        if i in self.at:
            return self.at[i]
        return (float(x[i]), float(y[i]))

    def apply(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The points now, in their numbers' order, and their numbers."""
        total = self.n + self.added
        xs, ys = np.empty(total), np.empty(total)
        xs[:self.n], ys[:self.n] = x, y
        for i, (px, py) in self.at.items():
            xs[i], ys[i] = px, py
        keep = np.ones(total, dtype=bool)
        keep[list(self.deleted)] = False
        numbers = np.flatnonzero(keep)
        return xs[keep], ys[keep], numbers


def changed_points(before: EditedPoints, after: EditedPoints, x: np.ndarray,
                   y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points (rows of (x, y)) gone and come between two states of the same data:
    O(points touched by either), whatever the number of points."""
    gone, come = [], []
    for i in sorted(set(before.at) | set(after.at) | before.deleted | after.deleted):
        old, new = before.point(i, x, y) if i < before.n + before.added else None, \
            after.point(i, x, y) if i < after.n + after.added else None
        if old != new:
            if old is not None:
                gone.append(old)
            if new is not None:
                come.append(new)
    return np.array(gone, dtype=float).reshape(-1, 2), np.array(come, dtype=float).reshape(-1, 2)
