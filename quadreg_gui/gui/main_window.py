"""The main window: parameters on the left, live plots on the right, log below.

The composition root: it assembles the panels, wires their signals to the
training worker and shows what the worker reports.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from ..assets import resource
from ..core.analysis import suggested_lr
from ..core.config import OPTIMIZER_TITLES, TrainConfig
from ..core.history import Rows
from ..core.logformat import divergence_message, final_lines, initial_line
from .actions import build_actions
from .message_banner import MessageBanner
from .panels.data_plot import DataPlot
from .panels.log_view import LogView
from .panels.loss_plot import LossPlot, mark_values
from .panels.settings_column import SettingsColumn
from .panels.status_line import StatusLine
from .worker import Loaded, Progress, TrainingThread, TrainingWorker

#: Shortest time between two redraws: the display rate, and a little less at
#: maximum speed, where every redraw takes the GIL from the training thread.
FRAME_SECONDS = 1 / 60
FRAME_SECONDS_AT_MAXIMUM = 1 / 44
DEFAULT_SIZE = (1260, 700)  # fits 1366x768 and a 1280x720 projector
#: How long the note that a run is summarised stays in the status bar.
RESOLUTION_NOTE_MS = 8_000
#: A load that takes longer than this shows that it is working.
BUSY_AFTER_MS = 100


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """Shows the state of a TrainingWorker and turns user actions into its commands."""

    requestLoad = Signal(object)
    requestUpdate = Signal(object)
    requestStart = Signal()
    requestPause = Signal()
    requestStep = Signal()
    requestReset = Signal()
    requestSpeed = Signal(float)
    acknowledged = Signal()

    def __init__(self, config: TrainConfig | None = None) -> None:
        super().__init__()
        self.setWindowTitle("QuadReg")
        self.setWindowIcon(QIcon(str(resource("quadreg.svg"))))
        self._config = config or TrainConfig()
        self.state = "ready"
        self._generation = 0
        self.loaded: Loaded | None = None
        self.loading = False
        self._latest: Progress | None = None
        self._validation = ""
        self.curve: Rows | None = None  # what the loss plot draws
        self.redraws = 0
        self._last_redraw = 0.0
        self._frame_seconds = FRAME_SECONDS
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(self._redraw)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)

        self._build_widgets()
        build_actions(self)
        self._build_status_bar()
        self._start_worker()
        self._fit_to_screen()
        self.run_controls.start_button.setFocus()  # Space starts, whatever the tab order

    # --- construction -----------------------------------------------------------
    def _build_widgets(self) -> None:
        self.left = SettingsColumn(self._config)
        self.run_controls, self.panel = self.left.run_controls, self.left.panel
        self.panel.input_guard.handBack.connect(self._hand_back_keyboard)

        self.banner = MessageBanner()
        self.data_plot = DataPlot()
        self.loss_plot = LossPlot()
        self.plots = QSplitter(Qt.Orientation.Horizontal)
        self.plots.addWidget(self.data_plot)
        self.plots.addWidget(self.loss_plot)
        self.plots.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 4, 4, 0)
        top_layout.addWidget(self.banner)
        top_layout.addWidget(self.plots, 1)

        self.log_view = LogView()
        self.log = self.log_view.model_
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(top)
        self.right.addWidget(self.log_view)
        self.right.setStretchFactor(0, 4)
        self.right.setStretchFactor(1, 1)
        self.right.setSizes([520, 150])

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 920])
        self.setCentralWidget(splitter)

        self.run_controls.startPauseClicked.connect(self.toggle_run)
        self.run_controls.stepClicked.connect(self.step)
        self.run_controls.resetClicked.connect(self.reset)
        self.run_controls.speedChanged.connect(self._speed_changed)
        self.panel.configChanged.connect(self._config_changed)
        self.panel.messageChanged.connect(self._validation_message)

    def _fit_to_screen(self) -> None:
        """The default size, shrunk to the screen's free area (taskbars, projectors)."""
        free = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], free.width()), min(DEFAULT_SIZE[1], free.height()))

    def _build_status_bar(self) -> None:
        self.status_line = StatusLine(self.statusBar())
        self.status_labels, self.busy = self.status_line.labels, self.status_line.busy

    def _start_worker(self) -> None:
        self.worker = TrainingWorker()
        self.thread = TrainingThread(self.worker)
        w = self.worker
        for signal, slot in ((self.requestLoad, w.load), (self.requestUpdate, w.update),
                             (self.requestStart, w.start), (self.requestPause, w.pause),
                             (self.requestStep, w.step), (self.requestReset, w.reset),
                             (self.requestSpeed, w.setSpeed), (self.acknowledged, w.acknowledge)):
            signal.connect(slot)
        w.loaded.connect(self._on_loaded)
        w.progressed.connect(self._on_progress)
        w.stateChanged.connect(self._on_state)
        self.thread.start()
        self.requestSpeed.emit(self.run_controls.epochs_per_second)
        self._request_load(self._config)

    # --- user actions -----------------------------------------------------------
    @Slot()
    def toggle_run(self) -> None:
        if self.state == "running":
            self.requestPause.emit()
        elif self.state != "diverged":
            self.requestStart.emit()

    @Slot()
    def step(self) -> None:
        self.requestStep.emit()

    @Slot()
    def reset(self) -> None:
        self.requestReset.emit()

    @Slot()
    def reset_views(self) -> None:
        self.data_plot.reset_view()
        self.loss_plot.reset_view()

    @Slot()
    def _hand_back_keyboard(self) -> None:
        """Enter applied a value: Space starts now, unless the value needs fixing."""
        if not self._validation:
            self.run_controls.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(float)
    def _speed_changed(self, epochs_per_second: float) -> None:
        self._frame_seconds = FRAME_SECONDS_AT_MAXIMUM if math.isinf(epochs_per_second) \
            else FRAME_SECONDS
        self.requestSpeed.emit(epochs_per_second)

    @Slot(object)
    def _config_changed(self, config: TrainConfig) -> None:
        old, self._config = self._config, config
        self.run_controls.set_state(self.state, config.epochs)  # "Run N more" follows Epochs
        if old.differs_in_data(config):
            self._request_load(config)
        else:
            self.requestUpdate.emit(config)
            self._refresh_banner()
            self._schedule_redraw()

    def _request_load(self, config: TrainConfig) -> None:
        """New data: the worker makes it; a slow load shows that it is working."""
        self.loading = True
        self._busy_timer.start(BUSY_AFTER_MS)
        self.requestLoad.emit(self.worker.announce_load(config))

    @Slot()
    def _show_busy(self) -> None:
        if not self.loading:
            return
        self.status_line.show_loading()
        self.data_plot.show_loading(self._config.n_points)
        self.loss_plot.show_loading()
        self.log.start((), [])
        self.banner.show_hint(tr("Generating {n} points…").format(
            n=f"{self._config.n_points:,}"))

    @Slot(str)
    def _validation_message(self, text: str) -> None:
        self._validation = text
        self._refresh_banner()

    @Slot(bool)
    def set_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def use_stable_lr(self) -> None:
        """The banner's action: half the stable limit; a diverged run starts over."""
        limit = self._lr_limit()
        if limit is None or not math.isfinite(limit):
            return
        self.panel.editors["lr"].setValue(suggested_lr(limit))
        if self.state == "diverged":
            self.reset()

    @property
    def epochs_run(self) -> int:
        """Epochs of the current run the window has been told of."""
        return self._latest.epoch if self._latest is not None else 0

    # --- worker reports -----------------------------------------------------------
    @Slot(object)
    def _on_loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.loading = False
        self._busy_timer.stop()
        self.busy.hide()
        self._start_over(loaded.generation)
        self.data_plot.show_data(loaded.data.x, loaded.data.y, loaded.model,
                                 loaded.data.truth, loaded.config.seed, loaded.initial)
        self.data_plot.show_fit(loaded.initial)
        self.panel.lr_slider.set_limit(loaded.lr_limit)
        self._refresh_banner()

    def _start_over(self, generation: int) -> None:
        ld = self.loaded
        assert ld is not None
        self._generation = generation
        self._latest = None
        self.curve = None
        self.loss_plot.start_over(ld.initial_loss, ld.min_loss, self._config.epochs)
        self.log.start(ld.model.params, [initial_line(ld.model.params, ld.initial)])
        self._schedule_redraw()

    @Slot(object)
    def _on_progress(self, p: Progress) -> None:
        try:
            if p.generation < self._generation or self.loaded is None:
                return  # sent before a load or reset the user asked for
            if p.generation > self._generation:
                self._start_over(p.generation)
            if p.curve is not None:
                self.curve = p.curve
            if not p.full_resolution and (self._latest is None or self._latest.full_resolution):
                self._say_resolution_limit()
            self.log.add_epochs(p.logged.epochs, p.logged.params, p.logged.loss)
            now = time.monotonic()
            for epoch, names in p.changes:
                self.loss_plot.add_mark(epoch, mark_values(self._config, names), now)
            self.panel.lr_slider.set_limit(p.lr_limit)  # new only after a setting changed
            self._latest = p
            self._schedule_redraw()
        finally:
            self.acknowledged.emit()

    def _say_resolution_limit(self) -> None:
        """Once per run: from here on the middle of the run is kept as a summary."""
        self.statusBar().showMessage(tr(
            "Long run: the loss curve now keeps every logged epoch, the first and the latest "
            "epochs, and the extremes of each stretch in between (memory stays bounded)."),
            RESOLUTION_NOTE_MS)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        self.state = state
        self.run_controls.set_state(state, self._config.epochs)
        if state == "finished" and self._latest is not None and self.loaded is not None:
            p, ld = self._latest, self.loaded
            self.log.add_lines(final_lines(ld.model.params, p.theta, p.loss_now, ld.optimum,
                                           ld.min_loss))
        if state == "diverged":
            self.log.add_lines([self._divergence_text()])
        self._refresh_banner()
        self._schedule_redraw()

    # --- messages -----------------------------------------------------------------
    def _lr_limit(self) -> float | None:
        if self._latest is not None:
            return self._latest.lr_limit
        return self.loaded.lr_limit if self.loaded is not None else None

    def _refresh_banner(self) -> None:
        """The most important message: a bad value, divergence, an unstable learning
        rate; else, quietly, the stable limit for this data."""
        limit = self._lr_limit()
        optimizer = OPTIMIZER_TITLES[self._config.optimizer]
        fix = ""
        if limit is not None and math.isfinite(limit):
            fix = tr("Use lr {lr}").format(lr=f"{suggested_lr(limit):.3g}")
        if self._validation:
            self.banner.show_message(self._validation, "error")
        elif self.state == "diverged":
            self.banner.show_message(self._divergence_text(brief=True), "error", fix,
                                     self.use_stable_lr)
        elif limit is not None and self._config.lr >= limit:
            self.banner.show_message(tr(
                "lr {lr} exceeds the stable limit {limit:.4g} for this data and {optimizer}: "
                "it will diverge.").format(
                    lr=f"{self._config.lr:.4g}", limit=limit, optimizer=optimizer),
                "warning", fix, self.use_stable_lr)
        else:
            self.banner.show_message("")
            if limit is None:
                self.banner.show_hint(tr("{optimizer} adapts its step size: no fixed learning "
                                         "rate limit.").format(optimizer=optimizer))
            else:
                self.banner.show_hint(tr("For this data and {optimizer}, learning rates below "
                                         "{limit:.4g} converge.").format(
                    optimizer=optimizer, limit=limit))

    def _divergence_text(self, brief: bool = False) -> str:
        p = self._latest
        if p is None or p.diverged_at is None:
            return tr("Diverged.")
        return divergence_message(p.diverged_at, p.last_lr or 0.0, p.lr_limit,
                                  self._config.optimizer, brief)

    # --- drawing ------------------------------------------------------------------
    def _schedule_redraw(self) -> None:
        if not self._redraw_timer.isActive():
            wait = self._frame_seconds - (time.perf_counter() - self._last_redraw)
            self._redraw_timer.start(max(0, int(wait * 1000)))

    @Slot()
    def _redraw(self) -> None:
        self._last_redraw = time.perf_counter()
        self.redraws += 1
        ld, p = self.loaded, self._latest
        if ld is None:
            return
        theta = p.theta if p is not None else ld.initial
        epoch, target = (p.epoch, p.target) if p is not None else (0, self._config.epochs)
        if self.loading and self.busy.isVisible():
            return  # the old data's numbers are not the new data's
        self.data_plot.show_fit(theta)
        curve = self.curve
        self.loss_plot.show_loss(curve.epochs if curve else np.empty(0),
                                 curve.loss if curve else np.empty(0),
                                 p.loss_now if p is not None else None, epoch, target)
        self.status_line.show_run(
            self.state, epoch, target, ld.model.params, theta,
            p.loss_now if p is not None else ld.initial_loss,
            p.lr_next if p is not None else self._config.lr, self._lr_limit())

    # --- closing ------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.hide()  # at once, whatever the worker is doing
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the worker thread and wait for it (idempotent)."""
        self._redraw_timer.stop()
        self._busy_timer.stop()
        if self.thread.isRunning():
            self.thread.stop()
