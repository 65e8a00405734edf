"""Other runs drawn beside the current one: pinned runs and racers.

A Trace is what the loss panel and the landscape need of such a run; colours
come from the Okabe–Ito palette, which stays distinguishable with the common
forms of colour blindness.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QBrush, QColor

#: Okabe & Ito (2008), in the order that keeps neighbours far apart.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442",
             "#000000")
#: Alpha of a pinned (finished, not current) run's lines.
FADED_ALPHA = 190


@dataclass(frozen=True, eq=False)  # compared by identity: a new trace is a new object
class Trace:
    """A run's loss curve (plot rows), its path (parameters after each epoch) from
    ``start``, and where it is now (``theta``; ``now``: its epoch and loss)."""

    key: int  # stable per run: items and legend entries are kept per key
    label: str  # what a legend says
    color: str
    epochs: np.ndarray
    loss: np.ndarray
    start: np.ndarray
    path: np.ndarray
    theta: np.ndarray
    now: tuple[int, float]
    faded: bool


@functools.lru_cache(maxsize=None)
def trace_brush(color: str, faded: bool) -> QBrush:
    """One brush per colour: the points are redrawn every frame."""
    return QBrush(_color(color, faded))


def _color(color: str, faded: bool) -> QColor:
    value = QColor(color)
    if faded:
        value.setAlpha(FADED_ALPHA)
    return value


def trace_color(trace: Trace) -> QColor:
    """Its colour, translucent when it is a pinned (faded) run."""
    return _color(trace.color, trace.faded)


def color_of(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]
