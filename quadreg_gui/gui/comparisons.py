"""Runs beside the current one: pinned runs, and a race that takes the run's place.

The window owns one Comparisons; it keeps the pins (core.pins), the race's
latest report, and turns both into the traces the loss panel and the landscape
draw, and into the pins and race panels' contents.
"""

from __future__ import annotations

import numpy as np

from ..core.config import TrainConfig
from ..core.history import Rows
from ..core.pins import PinBoard
from ..core.race import Racer
from .panels.pins import PinsPanel
from .panels.race_panel import RacePanel
from .traces import Trace, color_of
from .worker import RaceProgress

#: Trace keys of racers start here (pins use their numbers, 1 to 8 and up).
RACER_KEYS = 1_000


class Comparisons:
    def __init__(self, pins_panel: PinsPanel, race_panel: RacePanel) -> None:
        self.board = PinBoard()
        self.pins_panel = pins_panel
        self.race_panel = race_panel
        self.racers: list[Racer] = []
        self.progress: RaceProgress | None = None
        self.start = np.zeros(2)
        self._curves: list[Rows | None] = []
        self._paths: list[Rows | None] = []
        self._pin_traces: list[Trace] = []
        self._race_traces: list[Trace] = []
        self._labels_for: TrainConfig | None = None

    @property
    def racing(self) -> bool:
        return bool(self.racers)

    # --- pins ------------------------------------------------------------------------------
    def pin(self, config: TrainConfig, curve: Rows, path: Rows | None, start: np.ndarray,
            theta: np.ndarray, epoch: int, loss: float, changed_live: bool) -> None:
        params = path.params if path is not None else np.empty((0, start.size))
        self.board.add(config, curve.epochs, curve.loss, start, params, theta, epoch, loss,
                       changed_live)
        self.refresh_pins(config)

    def remove(self, index: int, current: TrainConfig) -> None:
        if 0 <= index < len(self.board.pins):
            self.board.remove(index)
            self.refresh_pins(current)

    def clear(self, current: TrainConfig) -> None:
        self.board.clear()
        self.refresh_pins(current)

    def refresh_pins(self, current: TrainConfig) -> None:
        """Labels name what differs from ``current``: remade when it changes."""
        self._labels_for = current
        self.pins_panel.show_pins(self.board.pins, current)
        self._pin_traces = [
            Trace(pin.number, pin.label(current), color_of(pin.color), pin.epochs, pin.loss,
                  pin.start, pin.path, pin.theta, (pin.epoch, pin.loss_now), faded=True)
            for pin in self.board.pins]

    def follow_settings(self, current: TrainConfig) -> None:
        if current != self._labels_for and self.board.pins:
            self.refresh_pins(current)

    # --- the race --------------------------------------------------------------------------
    def begin_race(self, racers: list[Racer], start: np.ndarray) -> None:
        self.racers = racers
        self.start = np.asarray(start, dtype=float)
        self.progress = None
        self._curves = [None] * len(racers)
        self._paths = [None] * len(racers)
        self._race_traces = []
        self.race_panel.set_active(True)

    def end_race(self) -> None:
        self.racers = []
        self._race_traces = []
        self.race_panel.set_active(False)

    def take(self, p: RaceProgress) -> None:
        """A race report: the racers' traces (curves kept until new ones come)."""
        self.progress = p
        traces = []
        shorts = [r.short for r in self.racers]
        for k, (racer, state) in enumerate(zip(self.racers, p.racers)):
            label = racer.short if shorts.count(racer.short) == 1 else racer.name
            if state.curve is not None:
                self._curves[k], self._paths[k] = state.curve, state.path
            curve, path = self._curves[k], self._paths[k]
            traces.append(Trace(
                RACER_KEYS + k, label, color_of(k),
                curve.epochs if curve is not None else np.empty(0),
                curve.loss if curve is not None else np.empty(0), self.start,
                path.params if path is not None else np.empty((0, self.start.size)),
                state.theta, (state.epoch, state.loss_now), faded=False))
        self._race_traces = traces

    def show_results(self, state: str) -> None:
        p = self.progress
        if p is not None:
            self.race_panel.show_results(p.results, p.epoch, p.target, state == "finished")

    def traces(self) -> list[Trace]:
        """What to draw beside the run: the racers while racing, else the pins."""
        return self._race_traces if self.racing else self._pin_traces
