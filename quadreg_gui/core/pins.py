"""Pinned runs: finished or interrupted runs kept to compare the next ones with."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import TrainConfig
from .describe import difference_label
from .i18n import tr

#: The most runs pinned at once (one colour each).
MAX_PINS = 8


@dataclass(frozen=True, eq=False)
class Pin:
    """A run as it was when pinned: its settings, its loss curve (plot rows), its path
    (parameters after each epoch) from ``start``, and where it ended."""

    number: int  # 1, 2, ... in the order pinned, never reused while pins remain
    color: int  # index into the window's palette: the lowest free one
    config: TrainConfig
    epochs: np.ndarray
    loss: np.ndarray
    start: np.ndarray
    path: np.ndarray
    theta: np.ndarray
    epoch: int
    loss_now: float
    changed_live: bool  # settings changed during the run: ``config`` is the last of them

    def label(self, current: TrainConfig) -> str:
        """"Pin 2: lr 0.005, β 0.9": what differs from the current settings."""
        what = difference_label(self.config, current)
        if self.changed_live:
            return tr("Pin {number}: {what} (changed while running)").format(
                number=self.number, what=what)
        return tr("Pin {number}: {what}").format(number=self.number, what=what)


class PinBoard:
    """Up to MAX_PINS pins, each with its own colour."""

    def __init__(self) -> None:
        self.pins: list[Pin] = []
        self._count = 0

    @property
    def full(self) -> bool:
        return len(self.pins) >= MAX_PINS

    def add(self, config: TrainConfig, epochs: np.ndarray, loss: np.ndarray, start: np.ndarray,
            path: np.ndarray, theta: np.ndarray, epoch: int, loss_now: float,
            changed_live: bool) -> Pin:
        """Pin a run (copies of its arrays); ValueError when the board is full."""
        if self.full:
            raise ValueError(f"at most {MAX_PINS} pins")
        used = {pin.color for pin in self.pins}
        color = min(set(range(MAX_PINS)) - used)
        self._count = self._count + 1 if self.pins else 1
        pin = Pin(self._count, color, config, epochs.copy(), loss.copy(), start.copy(),
                  path.copy(), theta.copy(), epoch, loss_now, changed_live)
        self.pins.append(pin)
        return pin

    def remove(self, index: int) -> None:
        del self.pins[index]

    def discard(self, pins: list[Pin]) -> bool:
        """Remove ``pins`` (those still here, the very objects); True if any was."""
        kept = [pin for pin in self.pins if all(pin is not p for p in pins)]
        removed = len(kept) < len(self.pins)
        self.pins[:] = kept
        return removed

    def clear(self) -> None:
        self.pins.clear()
