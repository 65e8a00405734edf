"""Other runs drawn beside the current one: pinned runs and racers.

A Trace is what the loss panel and the landscape need of such a run; its colour
(and, in the colour-blind palette, its line style) comes from the Look by ``index``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QBrush, QIcon, QPixmap

from .look import Look


@dataclass(frozen=True, eq=False)  # compared by identity: a new trace is a new object
class Trace:
    """A run's loss curve (plot rows), its path (parameters after each epoch) from
    ``start``, and where it is now (``theta``; ``now``: its epoch and loss)."""

    key: int  # stable per run: items and legend entries are kept per key
    label: str  # what a legend says
    index: int  # its colour and line style
    epochs: np.ndarray
    loss: np.ndarray
    start: np.ndarray
    path: np.ndarray
    theta: np.ndarray
    now: tuple[int, float]
    faded: bool


@functools.lru_cache(maxsize=256)
def trace_brush(look: Look, index: int, faded: bool) -> QBrush:
    """One brush per colour: the points are redrawn every frame."""
    return QBrush(look.trace_color(index, faded))


def swatch(look: Look, index: int) -> QIcon:
    """A square of the ``index``-th trace colour, for lists and tables."""
    pixmap = QPixmap(int(look.px(12)), int(look.px(12)))
    pixmap.fill(look.trace_color(index))
    return QIcon(pixmap)
