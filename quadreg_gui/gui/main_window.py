"""The main window: parameters on the left, live plots on the right, log below."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QFont, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QMessageBox, QPlainTextEdit, QScrollArea, QSplitter, QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..assets import resource
from ..core.config import TrainConfig
from ..core.history import History
from ..core.logformat import divergence_message, final_lines, format_params, initial_line, log_lines
from .controls import LABELS, ParameterPanel, RunControls
from .plots import DataPlot, LossPlot
from .worker import Loaded, Progress, TrainingThread, TrainingWorker

#: Shortest time between two redraws: the display rate, and a little less at
#: maximum speed, where every redraw takes the GIL from the training thread.
FRAME_SECONDS = 1 / 60
FRAME_SECONDS_AT_MAXIMUM = 1 / 40
DEFAULT_SIZE = (1260, 700)  # fits 1366x768 and a 1280x720 projector
LOG_LINES_KEPT = 20_000
SHORTCUTS = (("Space", "Start or pause"), ("→ or S", "Step one epoch"), ("R", "Reset"),
             ("F11", "Full screen"), ("Ctrl+Q", "Quit"))
STATE_TEXT = {"ready": "Ready", "running": "Running", "paused": "Paused",
              "finished": "Finished", "diverged": "Diverged"}


class MessageBanner(QLabel):
    """An in-window message, not a modal dialog: hidden when there is none."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("messageBanner")
        self.setAccessibleName("Messages")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self.setStyleSheet("background:#fde2e1; color:#8a1c13; border:1px solid #e8a09a;"
                           "padding:6px 10px; border-radius:4px; font-weight:600;")

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


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
        self._latest: Progress | None = None
        self._validation = ""
        self.history = History(2)
        self.redraws = 0
        self._last_redraw = 0.0
        self._frame_seconds = FRAME_SECONDS
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(self._redraw)

        self._build_widgets()
        self._build_menus()
        self._build_status_bar()
        self._start_worker()
        self._fit_to_screen()
        self.run_controls.start_button.setFocus()  # Space starts, whatever the tab order

    # --- construction -----------------------------------------------------------
    def _build_widgets(self) -> None:
        self.run_controls = RunControls()
        self.panel = ParameterPanel(self._config)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left = QWidget()
        left_layout = QVBoxLayout(self.left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.run_controls)
        left_layout.addWidget(scroll, 1)
        self.left.setMinimumWidth(300)

        self.banner = MessageBanner()
        self.data_plot = DataPlot()
        self.loss_plot = LossPlot()
        self.plots = QSplitter(Qt.Orientation.Horizontal)
        self.plots.addWidget(self.data_plot)
        self.plots.addWidget(self.loss_plot)
        self.plots.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.banner)
        top_layout.addWidget(self.plots, 1)

        self.log_view = QPlainTextEdit()
        self.log_view.setObjectName("logView")
        self.log_view.setAccessibleName("Training log")
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(LOG_LINES_KEPT)
        self.log_view.setFont(QFont("monospace"))
        self.log_view.setToolTip("The training log, line for line as quadreg-train prints it.")
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
        splitter.setSizes([330, 930])
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

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view = self.menuBar().addMenu("&View")
        self.fullscreen_action = QAction("&Full screen", self, checkable=True,
                                         shortcut=QKeySequence(Qt.Key.Key_F11))
        self.fullscreen_action.toggled.connect(self._set_full_screen)
        view.addAction(self.fullscreen_action)
        log_action = QAction("Loss on a &log scale", self, checkable=True, checked=True)
        log_action.toggled.connect(self.loss_plot.set_log_scale)
        view.addAction(log_action)
        view.addSeparator()
        for title, widget in (("&Parameters", self.left), ("&Data plot", self.data_plot),
                              ("&Loss plot", self.loss_plot), ("L&og", self.log_view)):
            action = QAction(title, self, checkable=True, checked=True)
            action.toggled.connect(widget.setVisible)
            view.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction("&Keyboard shortcuts", self._show_shortcuts)
        help_menu.addAction("&About QuadReg", self._show_about)

        for keys, slot in (("Space", self.toggle_run), ("Right", self.step),
                           ("S", self.step), ("R", self.reset)):
            QShortcut(QKeySequence(keys), self, slot)

    def _build_status_bar(self) -> None:
        self.status_labels = {}
        for key in ("state", "epoch", "params", "loss", "lr"):
            label = QLabel()
            label.setObjectName(f"status_{key}")
            label.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addWidget(label)
            self.status_labels[key] = label

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
        self.requestLoad.emit(self._config)

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

    @Slot(float)
    def _speed_changed(self, epochs_per_second: float) -> None:
        self._frame_seconds = FRAME_SECONDS_AT_MAXIMUM if math.isinf(epochs_per_second) \
            else FRAME_SECONDS
        self.requestSpeed.emit(epochs_per_second)

    @Slot(object)
    def _config_changed(self, config: TrainConfig) -> None:
        old, self._config = self._config, config
        self.requestLoad.emit(config) if old.differs_in_data(config) \
            else self.requestUpdate.emit(config)

    @Slot(str)
    def _validation_message(self, text: str) -> None:
        self._validation = text
        self._refresh_banner()

    @Slot(bool)
    def _set_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def _show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>"
                       for k, v in SHORTCUTS)
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def _show_about(self) -> None:
        QMessageBox.about(self, "About QuadReg",
                          f"<h3>QuadReg {__version__}</h3><p>Watch gradient descent fit "
                          "y = w·x² + b, live, with plain NumPy: the article's run digit "
                          "for digit, then yours.</p>")

    # --- worker reports -----------------------------------------------------------
    @Slot(object)
    def _on_loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self._start_over(loaded.generation)
        self.data_plot.show_data(loaded.data.x, loaded.data.y, loaded.model,
                                 loaded.data.truth, loaded.config.seed, loaded.initial)
        self.data_plot.show_fit(loaded.initial)
        self.loss_plot.set_minimum(loaded.min_loss)

    def _start_over(self, generation: int) -> None:
        assert self.loaded is not None
        self._generation = generation
        self._latest = None
        self.history = History(self.loaded.model.n_params)
        self.loss_plot.start_over()
        self.log_view.setPlainText(initial_line(self.loaded.model.params, self.loaded.initial))
        self._schedule_redraw()

    @Slot(object)
    def _on_progress(self, p: Progress) -> None:
        try:
            if p.generation < self._generation or self.loaded is None:
                return  # sent before a load or reset the user asked for
            if p.generation > self._generation:
                self._start_over(p.generation)
            start = len(self.history)
            self.history.extend(p.epochs, p.params, p.loss, p.lr, p.grad)
            self._append_log(log_lines(self.history, self.loaded.model.params,
                                       self._config.log_every, start))
            for epoch, names in p.changes:
                self.loss_plot.add_mark(epoch, ", ".join(
                    f"{LABELS[n]} {getattr(self._config, n)}" for n in names))
            self._latest = p
            self._schedule_redraw()
        finally:
            self.acknowledged.emit()

    @Slot(str)
    def _on_state(self, state: str) -> None:
        self.state = state
        self.run_controls.set_state(state)
        if state == "finished" and self._latest is not None and self.loaded is not None:
            p, ld = self._latest, self.loaded
            self._append_log(final_lines(ld.model.params, p.theta, p.loss_now, ld.optimum,
                                         ld.min_loss))
        if state == "diverged":
            self._append_log([self._divergence_text()])
        self._refresh_banner()
        self._schedule_redraw()

    def _append_log(self, lines) -> None:
        text = "\n".join(lines)
        if text:
            self.log_view.appendPlainText(text)

    def _refresh_banner(self) -> None:
        if self._validation:
            self.banner.show_message(self._validation)
        elif self.state == "diverged":
            self.banner.show_message(self._divergence_text() + "  Press R to reset.")
        else:
            self.banner.show_message("")

    def _divergence_text(self) -> str:
        p = self._latest
        if p is None or p.diverged_at is None:
            return "Diverged."
        return divergence_message(p.diverged_at, float(self.history.lr[-1]), p.lr_limit,
                                  self._config.optimizer)

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
        self.data_plot.show_fit(theta)
        epoch, target = (p.epoch, p.target) if p is not None else (0, self._config.epochs)
        self.loss_plot.show_loss(self.history.epochs, self.history.loss,
                                 p.loss_now if p is not None else None, target)
        lr = p.lr_next if p is not None else self._config.lr
        loss = p.loss_now if p is not None else ld.initial_loss
        labels = self.status_labels
        labels["state"].setText(STATE_TEXT[self.state])
        labels["epoch"].setText(f"epoch {epoch:,} of {target:,}")
        labels["params"].setText(format_params(ld.model.params, theta))
        labels["loss"].setText(f"loss {loss:.6g}")
        limit = "" if p is None or p.lr_limit is None else f" (stable below {p.lr_limit:.4g})"
        labels["lr"].setText(f"lr {lr:.4g}{limit}")

    # --- closing ------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the worker thread and wait for it (idempotent)."""
        if self.thread.isRunning():
            self.thread.stop()
