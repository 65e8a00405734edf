"""The File menu's work: open data (dialog, drop, examples, recent), open and save
experiments.  Files are read in the background; a file that cannot be used leaves
the current data and run untouched and says why in the message banner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.config import TrainConfig
from ..core.files.datafile import ColumnChoiceNeeded, DataFileError, display_name, is_example
from ..core.files.experiment import SUFFIX, Experiment, read_experiment, write_experiment
from ..core.files.lesson import SUFFIX as LESSON_SUFFIX
from ..core.files.lesson import Lesson, read_lesson, write_lesson
from ..core.i18n import tr
from ..core.importing import read_for
from . import store
from .background import Background, Outcome
from .column_dialog import ColumnDialog
from .dialogs import run_modal

if TYPE_CHECKING:
    from ..core.files.datafile import Table
    from .message_banner import MessageBanner
    from .panels.status_line import StatusLine
    from .run_state import RunState

#: A read that takes longer than this shows its progress.
PROGRESS_AFTER_MS = 500


def data_filter() -> str:
    return tr("Data (*.csv *.tsv *.txt *.dat);;All files (*)")


def experiment_filter() -> str:
    return tr("QuadReg experiments (*{suffix});;JSON (*.json)").format(suffix=SUFFIX)


def lesson_filter() -> str:
    return tr("QuadReg lessons (*{suffix})").format(suffix=LESSON_SUFFIX)


def is_experiment(path: str) -> bool:
    return path.endswith((SUFFIX, ".json"))


class Files(QObject):
    """Opens and saves for the ``run`` shown in ``window`` (the dialogs' parent, and where
    files are dropped); reading happens in ``background``.  ``apply_data`` trains on
    what was read; the reading's progress goes to ``status_line`` and ``banner``, a
    note to ``say``.  ``messageChanged``: a file's message came or went (the banner
    shows it); ``recentChanged``: the recent files changed (the menu lists them)."""

    messageChanged = Signal()
    recentChanged = Signal()
    lessonOpened = Signal(object)  # Lesson

    def __init__(self, run: RunState, window: QWidget,
                 apply_data: Callable[[TrainConfig, Table | None], None],
                 status_line: StatusLine, banner: MessageBanner,
                 say: Callable[[str], None]) -> None:
        super().__init__(window)
        self.run, self.window, self._apply_data = run, window, apply_data
        self.status_line, self.banner, self._say = status_line, banner, say
        self.background = Background(self)
        self.background.done.connect(self._done)
        self.background.progressed.connect(self._progressed)
        self.experiment_path: str | None = None  # where Save writes without asking
        self._remember_lesson = True  # the lesson being read goes to the recent files
        self._reading = ""  # the file being read, for the progress message
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.timeout.connect(self._show_progress)
        self.message = ("", "error")  # a file not opened or saved, shown until dismissed
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def show_message(self, text: str, level: str = "error") -> None:
        """Say in the banner that a file was not opened or saved ('' clears it)."""
        self.message = (text, level)
        self.messageChanged.emit()

    def dismiss_message(self) -> None:
        self.show_message("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Files dropped on the window open as a menu choice would open them."""
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    self.open_path(paths[0])
                return True
        return super().eventFilter(watched, event)

    # --- opening data ---------------------------------------------------------------
    def _choose(self, title: str, filter_: str) -> str:
        """A file to open, asked in the folder used last ("" if none was chosen)."""
        path, _ = QFileDialog.getOpenFileName(self.window, title, self._folder(), filter_)
        return path

    @Slot()
    def open_data_dialog(self) -> None:
        if path := self._choose(tr("Open data"), data_filter()):
            self.open_data(path)

    def open_path(self, path: str) -> None:
        """A dropped or recent file: a lesson or an experiment by its suffix, else data."""
        if path.endswith(LESSON_SUFFIX):
            self.open_lesson(path)
        elif is_experiment(path):
            self.open_experiment(path)
        else:
            self.open_data(path)

    def open_data(self, source: str, x_column: str = "", y_column: str = "") -> None:
        """Read ``source`` (a path or example:NAME) in the background, then train on it."""
        config = self.run.config

        def work(progress):
            return read_for(config, source, x_column, y_column, progress)

        self._start_reading("data", source, work)

    def open_example(self, name: str) -> None:
        if name == "article":
            self._apply_data(TrainConfig(), None)
        else:
            self.open_data(f"example:{name}")

    @Slot()
    def use_article_data(self) -> None:
        """Back to the article's synthetic data, keeping the optimizer settings."""
        config = self.run.config
        self._apply_data(config.replace(data="", x_column="", y_column="",
                                           standardize="auto", lr=TrainConfig().lr,
                                           init=(), edits=()), None)

    # --- experiments ------------------------------------------------------------------
    @Slot()
    def open_experiment_dialog(self) -> None:
        if path := self._choose(tr("Open experiment"), experiment_filter()):
            self.open_experiment(path)

    def open_experiment(self, path: str) -> None:
        self._start_reading("experiment", path, lambda progress: read_experiment(path))

    # --- lessons ------------------------------------------------------------------------
    @Slot()
    def open_lesson_dialog(self) -> None:
        if path := self._choose(tr("Open lesson"), lesson_filter()):
            self.open_lesson(path)

    def open_lesson(self, path: str, remember: bool = True) -> None:
        """Read a lesson (and the data of its steps) in the background; ``lessonOpened``.
        ``remember``: among the recent files (not a built-in lesson)."""
        self._remember_lesson = remember
        self._start_reading("lesson", path, lambda progress: read_lesson(path))

    def save_lesson_dialog(self, lesson: Lesson) -> None:
        suggested = str(Path(self._folder()) / f"lesson{LESSON_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save lesson"), suggested,
                                              lesson_filter())
        if path:
            self.save_lesson_to(path if path.endswith(".json") else path + LESSON_SUFFIX,
                                lesson)

    def save_lesson_to(self, path: str, lesson: Lesson) -> bool:
        try:
            write_lesson(path, lesson)
        except OSError as exc:
            self.show_message(tr("Could not save {file}: {reason}.").format(
                file=display_name(path), reason=exc.strerror or exc))
            return False
        self._remember(path)
        self._say(tr("Saved {file}").format(file=display_name(path)))
        return True

    @Slot()
    def save_experiment(self) -> None:
        if self.experiment_path:
            self.save_experiment_to(self.experiment_path)
        else:
            self.save_experiment_as()

    @Slot()
    def save_experiment_as(self) -> None:
        suggested = str(Path(self._folder()) / f"experiment{SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save experiment"), suggested,
                                              experiment_filter())
        if path:
            self.save_experiment_to(path if path.endswith(".json") else path + SUFFIX)

    def save_experiment_to(self, path: str) -> bool:
        """Write the experiment now (it is small); a failure is said in the banner."""
        ld = self.run.loaded
        if ld is None:
            return False
        try:
            write_experiment(path, self.run.config, ld.model.named(ld.initial), self.run.table)
        except OSError as exc:
            self.show_message(tr("Could not save {file}: {reason}.").format(
                file=display_name(path), reason=exc.strerror or exc))
            return False
        self.experiment_path = path
        self._remember(path)
        self._say(tr("Saved {file}").format(file=display_name(path)))
        return True

    # --- background reading -----------------------------------------------------------
    def _start_reading(self, kind: str, source: str, work) -> None:
        self._reading = display_name(source)
        self.background.submit(kind, work)
        self._progress_timer.start(PROGRESS_AFTER_MS)

    @Slot(object)
    def _done(self, outcome: Outcome) -> None:
        self._progress_timer.stop()
        self.status_line.show_progress(None)
        if outcome.error is not None:
            self._failed(outcome)
        elif outcome.task.kind == "data":
            config, table = outcome.result
            self._remember_source(table.source)
            self._apply_data(config, table)
        elif outcome.task.kind == "lesson":
            lesson = outcome.result
            if self._remember_lesson:
                self._remember(lesson.source)
            self.lessonOpened.emit(lesson)
        else:
            self._opened_experiment(outcome.result)

    def _failed(self, outcome: Outcome) -> None:
        error = outcome.error
        if isinstance(error, ColumnChoiceNeeded):
            self._choose_columns(error)
            return
        if isinstance(error, DataFileError):
            text = error.message(display_name(error.source))
        else:
            text = str(error)
        self.show_message(tr("Not opened: {reason}").format(reason=text))

    def _choose_columns(self, error: ColumnChoiceNeeded) -> None:
        dialog = ColumnDialog(self.window, display_name(error.source), error.names)
        if run_modal(dialog):
            self.open_data(error.source, *dialog.columns())

    def _opened_experiment(self, experiment: Experiment) -> None:
        path = self._reading
        self._apply_data(experiment.config, experiment.table)
        if experiment.warnings:
            self.show_message(" ".join(experiment.warnings), "warning")
        self.experiment_path = None  # Save asks where: the file opened stays as it was
        self._say(tr("Opened {file}").format(file=path))

    @Slot()
    def _show_progress(self) -> None:
        if self.background.busy("data") or self.background.busy("experiment"):
            self.status_line.show_progress(0.0)
            self.banner.show_hint(tr("Reading {file}…").format(file=self._reading))

    @Slot(str, float)
    def _progressed(self, kind: str, fraction: float) -> None:
        if not self._progress_timer.isActive():  # shown once the read took long
            self.status_line.show_progress(fraction)

    # --- recent files -------------------------------------------------------------------
    def _remember_source(self, source: str) -> None:
        if not is_example(source):
            self._remember(source)

    def _remember(self, path: str) -> None:
        store.remember_file(str(Path(path).resolve()))
        self.recentChanged.emit()

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            store.forget_file(path)
            self.recentChanged.emit()
            self.show_message(tr("Not opened: {file} no longer exists.").format(
                file=path))
            return
        self.open_path(path)

    def _folder(self) -> str:
        recent = store.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def stop(self) -> None:
        self._progress_timer.stop()
        self.background.stop()


