"""Placing text labels so that none overlaps another (marks on the loss plot)."""

from __future__ import annotations

from collections.abc import Sequence


def stack_labels(lefts: Sequence[float], widths: Sequence[float], rows: int,
                 gap: float = 6.0) -> list[int | None]:
    """A row (0 = top) for each label, or None where no row has room.

    Labels are given by their left edge and width in pixels, in any order; each
    goes into the first row whose labels so far end at least ``gap`` pixels
    before it starts, taking the labels from left to right.
    """
    ends = [float("-inf")] * rows
    placed: list[int | None] = [None] * len(lefts)
    for i in sorted(range(len(lefts)), key=lambda k: lefts[k]):
        for row in range(rows):
            if ends[row] + gap <= lefts[i]:
                placed[i] = row
                ends[row] = lefts[i] + widths[i]
                break
    return placed
