"""The window's one picture of the run, under its views (as napari's ViewerModel).

Everything the window shows of the run is derived from this state when what it
depends on changes: the settings shown, the data loaded, the loss surface now
(an L2 change moves it and its optimum), the run's current segment (where the
settings the engine runs began to steer it) and the latest report.  It holds no
widget; its signals tell the views what changed.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from ..core.analysis.theory import Segment
from ..core.config import TrainConfig
from ..core.decimate import DataView
from ..core.training.engine import Loaded, Progress
from ..core.files.datafile import Table
from ..core.training.history import DrawnRows
from ..core.training.objective import QuadraticLoss


class RunState(QObject):
    """The run as the window knows it; change it through its methods only."""

    configChanged = Signal()  # the settings shown (the panel's)
    loadedChanged = Signal()  # new data, or a new start on the same data
    surfaceChanged = Signal()  # the loss surface and its optimum, live (L2)
    segmentChanged = Signal()  # the settings the engine runs, or where they began
    reported = Signal()  # a new report of the run
    pointsChanged = Signal()  # the data's points were edited (``view`` shows them)
    stateChanged = Signal()  # ready, running, paused, finished or diverged (``state``)

    def __init__(self, config: TrainConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.state = "ready"
        self.generation = 0
        self.loading = False
        self.table: Table | None = None  # the data file's columns, when the data is a file's
        self.loaded: Loaded | None = None
        self.quad: QuadraticLoss | None = None  # the loss surface now
        self.latest: Progress | None = None
        self.curve: DrawnRows | None = None  # what the loss plot draws
        self.path: DrawnRows | None = None  # what the landscape draws
        self.view: DataView | None = None  # what the data plot shows of the points
        #: The last epoch's steps, batch by batch (empty at full batch; None: not known).
        self.batches: np.ndarray | None = None

    # --- changes ---------------------------------------------------------------------
    def set_config(self, config: TrainConfig) -> None:
        self.config = config
        self.configChanged.emit()

    def set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit()

    def load(self, loaded: Loaded) -> None:
        """New data, or a new start on it: the run starts over."""
        self.loaded, self.loading = loaded, False
        self.view = loaded.view
        self.start_over(loaded.generation)
        self.quad = loaded.quad  # before anyone hears of the new data: it is of it
        self.loadedChanged.emit()  # (new data brings its surface: no surfaceChanged)
        self.segmentChanged.emit()

    def start_over(self, generation: int) -> None:
        """A reset or a load: nothing reported yet of the run of ``generation``."""
        self.generation = generation
        self.latest = None
        self.curve = self.path = self.batches = None

    def report(self, p: Progress) -> bool:
        """Take a report; False when it is of an older run (sent before a load or reset
        the user asked for) and must be dropped."""
        if p.generation < self.generation or self.loaded is None:
            return False
        if p.generation > self.generation:
            self.start_over(p.generation)
        old = self.latest
        if p.curve is not None:
            self.curve = p.curve
        if p.path is not None:
            self.path = p.path
        self.latest = p
        if p.batches is not None:  # (sent a few times a second)
            self.batches = p.batches
        elif not 0 < p.config.batch_size < self.loaded.data.n:  # full batch: no steps
            self.batches = np.empty((0, p.theta.size))
        if p.view is not None:
            self.view = p.view
            self.pointsChanged.emit()
        self._set_surface(p.quad)
        if old is None or (old.config, old.segment_epoch, old.target) != \
                (p.config, p.segment_epoch, p.target):
            self.segmentChanged.emit()
        self.reported.emit()
        return True

    def _set_surface(self, quad: QuadraticLoss) -> None:
        if not quad.same_surface(self.quad):
            self.quad = quad
            self.surfaceChanged.emit()

    # --- what is derived ----------------------------------------------------------------
    @property
    def epoch(self) -> int:
        """Epochs of the current run the window has been told of."""
        return self.latest.epoch if self.latest is not None else 0

    @property
    def target(self) -> int:
        return self.latest.target if self.latest is not None else self.config.epochs

    @property
    def theta(self) -> np.ndarray | None:
        if self.latest is not None:
            return self.latest.theta
        return self.loaded.initial if self.loaded is not None else None

    @property
    def optimum(self) -> np.ndarray | None:
        """The closed-form optimum of the loss now (with its L2), not of the data loaded."""
        return self.quad.optimum if self.quad is not None else None

    @property
    def min_loss(self) -> float | None:
        return self.quad.min_loss if self.quad is not None else None

    @property
    def initial_loss(self) -> float | None:
        """The loss at the run's start on the surface now (a new L2 changes it)."""
        ld, quad = self.loaded, self.quad
        if ld is None or quad is None:
            return None
        return ld.initial_loss if quad.same_surface(ld.quad) else quad.loss(ld.initial)

    @property
    def loss_now(self) -> float | None:
        return self.latest.loss_now if self.latest is not None else self.initial_loss

    @property
    def run_config(self) -> TrainConfig:
        """The settings the engine runs now (those shown, until it has said)."""
        return self.latest.config if self.latest is not None else self.config

    @property
    def segment(self) -> Segment | None:
        """Where the settings the engine runs began to steer the run: (epoch, parameters,
        velocity or None)."""
        if self.latest is not None:
            p = self.latest
            return p.segment_epoch, p.segment_theta, p.segment_velocity
        return (0, self.loaded.initial, None) if self.loaded is not None else None
