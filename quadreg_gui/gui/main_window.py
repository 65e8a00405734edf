"""The main window: parameters on the left, live plots on the right, log below.

The composition root: it assembles the panels, wires their signals to the
training worker and shows what the worker reports.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QMainWindow, QSplitter

from ..assets import resource
from ..core.config import TrainConfig
from ..core.training.engine_process import RemoteEngine
from ..core.files.datafile import Table
from . import store
from .actions import Actions
from .animation_export import AnimationExport
from .appearance import Appearance
from .collector import collect_in_gui_thread
from .data_editing import DataEditing
from .exports import Exports
from .files import Files
from .focus import Focus
from .language import Language
from .lessons import Lessons
from .loading import Loading
from .look import Look, base_point_size
from .momentum_view import MomentumView
from .panels.plot_column import PlotColumn
from .panels.settings_column import SettingsColumn
from .panels.status_line import StatusLine
from .pinning import Pins
from .presentation import Presentation
from .racing import Race
from .run_log import RunLog
from .run_messages import RunMessages
from .run_reports import RunReports
from .run_state import RunState
from .run_view import RunView
from .scale_note import ScaleNote
from .session import GROUP, Session, read_config
from .theory_view import TheoryView
from .window_size import WindowSize
from .worker_link import WorkerLink

#: Closing waits this long for the worker; the window has gone already.
STOP_WAIT_MS = 50
#: Closing under a history export gives the engine this long to remove its partial file.
EXPORT_GRACE_S = 0.1
#: How long a note (a file saved, a plot copied) stays in the status bar.
NOTE_MS = 5000


class MainWindow(QMainWindow):
    """Shows the state of a TrainingWorker and turns user actions into its commands."""

    requestUpdate = Signal(object)
    requestStart = Signal()
    requestStartUntil = Signal(int)  # the epoch to pause at
    requestPause = Signal()
    requestStep = Signal()
    requestSteps = Signal(int)  # epochs, as one Step
    requestStepBatch = Signal()
    requestReset = Signal()
    requestSpeed = Signal(float)
    requestHistory = Signal(str)

    def __init__(self, config: TrainConfig | None = None, remember: bool = False,
                 engine: RemoteEngine | None = None) -> None:
        """``remember``: open as the last session left it and save it on close (the
        application does; tests and embedders get the article's defaults).  ``engine``:
        one started already (the application's: RemoteEngine.forked_now)."""
        super().__init__()
        collect_in_gui_thread()  # never a QObject destroyed in the training thread
        self.setWindowTitle("QuadReg")
        self.setWindowIcon(QIcon(str(resource("quadreg.svg"))))
        if config is None and remember:
            settings = store.settings()
            settings.beginGroup(GROUP)
            config = read_config(settings)
            settings.endGroup()
        self.run = RunState(config or TrainConfig(), self)  # what every readout derives from

        self.language = Language(self)
        self.appearance = Appearance(base_point_size())
        self._build_status_bar()
        self._build_widgets()
        self._build_actions()
        self.session = Session(self, self.run, self._splitters(), self.actions,
                               self.landscape.options, self.appearance, self.language,
                               self.presentation, self.sizing)
        self.remember = remember
        self._start_worker(engine)
        self.sizing.fit_to_screen()
        if remember:
            self.session.restore()
        self.run_controls.start_button.setFocus()  # Space starts, whatever the tab order

    # --- construction -----------------------------------------------------------
    def _build_widgets(self) -> None:
        self.left = SettingsColumn(self.run.config)
        self.run_controls, self.panel = self.left.run_controls, self.left.panel
        self.panel.input_guard.handBack.connect(self._hand_back_keyboard)

        self.right = PlotColumn()
        self.banner, self.grid = self.right.banner, self.right.grid
        self.lesson_bar, self.run_line = self.right.lesson_bar, self.right.run_line
        self.left.fitted.connect(self.grid.fit_columns)
        g = self.grid
        self.data_plot, self.fit_readout, self.data_box = g.data_plot, g.fit_readout, g.data_box
        self.loss_plot, self.theory_readout, self.loss_box = \
            g.loss_plot, g.theory_readout, g.loss_box
        self.landscape, self.tabs, self.plots = g.landscape, g.tabs, g.plots
        self.log_view, self.log, self.step_view = g.log_view, g.log_view.model_, g.step_view
        self.landscape.startChosen.connect(self._start_chosen)
        self.data_plot.curveDragged.connect(self.landscape.take_start)
        self.landscape.randomStart.connect(self.random_start)
        self.pins_panel, self.race_panel = g.pins_panel, g.race_panel
        self.pins = Pins(self.run, self.pins_panel, self.loss_plot, self.statusBar())
        self.race = Race(self.run, g, self.status_line, self.banner, self)
        self.theory = TheoryView(self.run, self.panel, self.loss_plot, g.directions_pane)
        self.momentum = MomentumView(self.run, g.momentum_panel, self.panel)
        self.files = Files(self.run, self, self.apply_data, self.status_line, self.banner,
                           self._say)
        self.messages = RunMessages(self.run, self.banner, self.theory, self.race,
                                    self.files, self.panel, self.statusBar(), self.reset)
        self.files.messageChanged.connect(self.messages.refresh)
        self.run_log = RunLog(self.run, self.log, self.messages)
        self.exports = Exports(self.run, self, g.exported_plots, self._say,
                               self.files.show_message)
        self.editing = DataEditing(self.run, self.data_plot, self.panel, self._say)
        self.exports.historyRequested.connect(self.requestHistory)
        self.panel.articleDataRequested.connect(self.files.use_article_data)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 920])
        self.setCentralWidget(splitter)
        self.sizing = WindowSize(self, splitter, self.left, self.appearance)

        self.run_controls.startPauseClicked.connect(self.toggle_run)
        self.run_controls.stepClicked.connect(self.step)
        self.run_controls.stepBatchClicked.connect(self.requestStepBatch)
        self.run_controls.resetClicked.connect(self.reset)
        self.run_controls.speedChanged.connect(self.requestSpeed)
        self.panel.configChanged.connect(self._config_changed)
        self.panel.messageChanged.connect(self.messages.set_validation)
        self.panel.valueRefused.connect(self.messages.set_note)

    def _build_actions(self) -> None:
        """The menus, presentation mode, and what follows the look and the language."""
        self.actions = a = Actions(self, self.files, self.exports, self.appearance,
                                   self.language, self.pins, self.race, self.editing,
                                   {"parametersAction": self.left, "dataPlotAction": self.data_box,
                                    "lossPlotAction": self.loss_box,
                                    "landscapeAction": self.landscape, "logAction": self.tabs})
        for signal, slot in ((a.startPauseRequested, self.toggle_run),
                             (a.stepRequested, self.step), (a.resetRequested, self.reset),
                             (a.stepBatchRequested, self.requestStepBatch),
                             (a.randomStartRequested, self.random_start),
                             (a.resetViewsRequested, self.reset_views),
                             (a.restoreDefaultsRequested, self.restore_defaults)):
            signal.connect(slot)
        a.fullscreen_action.toggled.connect(self.set_full_screen)
        a.log_scale_action.toggled.connect(self.loss_plot.set_log_scale)
        self.presentation = Presentation(self, a, self.appearance, self.run_line)
        self.view = RunView(self.run, self.grid, self.status_line, self.theory, self.pins,
                            self.race, self.presentation)
        self.focus = Focus(self.grid, {key: a.panel_actions[name] for key, name in (
            ("data", "dataPlotAction"), ("loss", "lossPlotAction"),
            ("landscape", "landscapeAction"), ("log", "logAction"))})
        a.focusRequested.connect(self.focus.toggle)
        self.focus.changed.connect(a.show_focus)
        self.lessons = Lessons(self.run, self.lesson_bar, self.focus, self.focus.shown,
                               self.race, self.pins, self.language)
        self.lessons.applyRequested.connect(self.apply_data)
        self.lessons.startRequested.connect(self.requestStartUntil)
        self.lessons.pauseRequested.connect(self.requestPause)
        self.lessons.failed.connect(self.files.show_message)
        a.build_lesson_menu(self.lessons)
        self.animation = AnimationExport(self.run, self.race, self, self.lessons, self.language,
                                         self._say, self.files.show_message)
        a.add_animation_export(self.animation)
        self.grid.helpRequested.connect(a.explain)
        self.presentation.toggled.connect(self.schedule_redraw)
        self.appearance.changed.connect(self._restyle)
        self.language.changed.connect(self._retranslate)
        self.pins.changed.connect(self.schedule_redraw)
        self.grid.theory_readout.directionsToggled.connect(self.schedule_redraw)
        self.race.changed.connect(self.schedule_redraw)
        self.race.activeChanged.connect(self._racing_changed)
        self._scale_shown = Look().scale
        self.scale_note = ScaleNote(self)
        self.appearance.set_look(Look())  # the default look, applied to every panel

    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters whose positions a session remembers, by name."""
        grid = self.grid
        return {"main": self.centralWidget(), "grid": grid, "plots": self.plots,
                "lower": grid.widget(1)}

    def _say(self, text: str) -> None:
        """A note in the status bar, for a few seconds."""
        self.statusBar().showMessage(text, NOTE_MS)

    def _build_status_bar(self) -> None:
        self.status_line = StatusLine(self.statusBar())
        self.status_labels, self.busy = self.status_line.labels, self.status_line.busy

    def _start_worker(self, engine: RemoteEngine | None) -> None:
        self.link = WorkerLink(lambda: bool(self.exports.writing), self, engine)
        self.worker, self.thread, self.commands = \
            self.link.worker, self.link.thread, self.link.commands
        w = self.worker
        self.commands.notAnswering.connect(self._engine_not_answering)
        self.loading = Loading(self.run, w, self.grid, self.status_line, self.banner,
                               self.panel, self.files.show_message)
        self.reports = RunReports(self.run, self.grid, self.run_controls, self.panel,
                                  self.loading, self.race, self.pins, self.theory,
                                  self.messages, self.run_log, self.schedule_redraw, self)
        self.link.send((
            (self.loading.requestLoad, w.load), (self.requestUpdate, w.update),
            (self.requestStart, w.start), (self.requestPause, w.pause),
            (self.requestStartUntil, w.startUntil), (self.requestStep, w.step),
            (self.requestSteps, w.steps),
            (self.requestReset, w.reset), (self.requestStepBatch, w.stepBatch),
            (self.requestSpeed, w.setSpeed), (self.race.requestRace, w.race),
            (self.race.requestEndRace, w.endRace), (self.requestHistory, w.writeHistory)))
        self.link.receive((
            (self.reports.acknowledged, w.acknowledge),
            (self.race.acknowledged, w.acknowledge),
            (self.race.requestWarmUp, w.warmKernels),
            (self.pins.requestReset, self.requestReset),
            (self.pins.requestStart, self.requestStart),
            (self.race.requestStart, self.requestStartUntil),
            (w.loaded, self.reports.on_loaded),
            (w.loadFailed, self.loading.failed),  # (its settings' change redraws)
            (w.progressed, self.reports.on_progress),
            (w.raceProgressed, self.race.on_progress),
            (w.stateChanged, self.reports.on_state),
            (w.historyWritten, self.exports.history_written),
            (w.engineRestarted, self.messages.say_engine_restarted)))
        self._follow_run()
        self.thread.start()
        self.requestSpeed.emit(self.run_controls.epochs_per_second)
        self.loading.request(self.run.config)

    def _follow_run(self) -> None:
        """Each readout is derived anew when what it depends on changes."""
        run = self.run
        run.configChanged.connect(self.theory.refresh_limits)
        run.loadedChanged.connect(self.theory.refresh_limits)
        run.configChanged.connect(self.messages.refresh)
        run.surfaceChanged.connect(self.reports.surface_changed)
        run.segmentChanged.connect(self.theory.refresh_prediction)
        for signal in (run.configChanged, run.reported, run.surfaceChanged):
            signal.connect(self.schedule_redraw)

    # --- user actions -----------------------------------------------------------
    @Slot()
    def toggle_run(self) -> None:
        if self.run.state == "running":
            self.requestPause.emit()
        elif self.run.state != "diverged":
            self.requestStart.emit()

    @Slot()
    def step(self) -> None:
        self.requestStep.emit()

    @Slot()
    def reset(self) -> None:
        self.requestReset.emit()

    @Slot()
    def random_start(self) -> None:
        """Back to the article's seeded random starting point."""
        if not self.race.active:
            self.panel.set_start({})

    @Slot(object)
    def _start_chosen(self, start: dict) -> None:
        if not self.race.active:  # a race keeps its start
            self.panel.set_start(start)

    @Slot()
    def reset_views(self) -> None:
        self.data_plot.reset_view()
        self.loss_plot.reset_view()
        self.landscape.reset_view()

    @Slot()
    def _hand_back_keyboard(self) -> None:
        """Enter applied a value: Space starts now, unless the value needs fixing."""
        if not self.messages.validation:
            self.run_controls.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def _config_changed(self, config: TrainConfig, reload: bool = False) -> None:
        old = self.run.config
        self.run_controls.set_state(self.run.state, config.epochs)  # "Run N more" follows Epochs
        if reload or old.differs_in_data(config):
            if not reload:  # (new data has said what it replaces)
                self.loading.remember(old, self.run.table)
            self.run.config = config
            self.loading.request(config)
        else:
            self.requestUpdate.emit(config)
            self.run.set_config(config)

    def apply_data(self, config: TrainConfig, table: Table | None) -> None:
        """New data (a file's ``table``, or None: the article's) with its settings; the
        run starts over on it, also when the settings are the same (a reopened
        experiment reruns)."""
        self.race.end()
        self.loading.remember(self.run.config, self.run.table)
        self.run.table = table if config.data else None
        self.files.show_message("")
        self.panel.set_config(config)
        self._config_changed(config, reload=True)

    @Slot()
    def _engine_not_answering(self) -> None:
        """A command has waited for long: the engine's process is replaced (the worker
        restarts the run in a new one, and the command happens there)."""
        self.messages.say_engine_not_answering()
        self.worker.close_engine()

    @Slot()
    def restore_defaults(self) -> None:
        """The article's settings and data, and the window's default layout, look, language
        and size."""
        self.session.restore_defaults()
        self.sizing.fit_to_screen()
        self.apply_data(TrainConfig(), None)

    @Slot(bool)
    def _racing_changed(self, on: bool) -> None:
        """A race takes the run's place: the settings wait until it ends."""
        self.panel.setEnabled(not on)
        self.messages.refresh()

    @Slot(object)
    def _restyle(self, look: Look) -> None:
        if look.scale != self._scale_shown:  # said, so that a room knows where it is
            self._scale_shown = look.scale
            self.scale_note.show_scale(look.scale)
        self.grid.apply_look(look)
        self.sizing.look_changed()
        self.panel.show_error_colors()
        self.banner.restyle()
        self.messages.refresh()
        self.schedule_redraw()

    @Slot(str)
    def _retranslate(self, _code: str) -> None:
        """Every text in the language just chosen; the run goes on untouched."""
        texts = self.language.texts
        texts.tree(self)
        self.grid.retranslate(texts)
        self.momentum.show_again()
        self.run_controls.set_state(self.run.state, self.run.config.epochs)
        self.panel.retranslate()
        self.theory.show_again()
        self.pins.refresh()
        if not self.race.active:
            self.race_panel.set_active(False)  # the last race's title
        self.messages.refresh()
        self.run_log.retranslate()
        self.sizing.refit()  # to the labels' new widths
        self.schedule_redraw()

    @Slot(bool)
    def set_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    # --- drawing ------------------------------------------------------------------
    @Slot()
    def schedule_redraw(self) -> None:
        self.view.schedule()

    @property
    def redraws(self) -> int:
        return self.view.redraws

    # --- closing ------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.remember and self.isVisible():
            self.session.save()
        self.hide()  # at once, whatever the worker is doing
        self.shutdown()
        self.language.release()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the worker thread, waiting at most STOP_WAIT_MS; a history file being
        written is cancelled, its partial file removed (idempotent)."""
        self.view.stop()
        self.loading.done()
        self.files.stop()
        self.animation.cancel()
        if self.thread.isRunning() and not self.thread.isInterruptionRequested():
            writing = bool(self.exports.writing)
            self.thread.stop(STOP_WAIT_MS, EXPORT_GRACE_S if writing else 0.0)
            if writing:
                self.exports.cancel_writing()
