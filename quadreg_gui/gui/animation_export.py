"""File > Export > Animation: the run (or the race) as a GIF or MP4, made by a QuadReg
of its own.

The window saves the run's experiment (and the lesson shown, for its caption) to a
temporary folder and starts ``quadreg-gui --export-animation`` on it (with the
racers, while a race is shown), which replays the run or the race offscreen, epoch
for epoch.  The window stays free meanwhile; a progress
dialog follows the frames, and Cancel ends that process and removes what it left.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..core.config import ConfigError
from ..core.files.animation import MAX_FPS, MAX_SECONDS, AnimationSpec
from ..core.files.datafile import display_name
from ..core.files.experiment import write_experiment
from ..core.files.export import remove_partial
from ..core.files.lesson import write_lesson
from ..core.i18n import QT_TR_NOOP, tr
from ..core.analysis.race import racer_spec
from .dialogs import run_modal
from .language import Language
from .lessons import Lessons
from .racing import Race
from .run_state import RunState

SIZES = ((640, 360), (1280, 720), (1920, 1080), (800, 600))
AREA_TITLES = (("plots", QT_TR_NOOP("The whole plot area")), ("data", QT_TR_NOOP("Data plot")),
               ("loss", QT_TR_NOOP("Loss plot")), ("landscape", QT_TR_NOOP("Loss landscape")),
               ("log", QT_TR_NOOP("Log and step explained")))


class AnimationDialog(QDialog):
    """Where, how large, how fast, how long and what: ``spec()`` and ``path()``."""

    def __init__(self, parent: QWidget, folder: str) -> None:
        super().__init__(parent)
        self.setObjectName("animationDialog")
        self.setWindowTitle(tr("Export an animation"))
        form = QFormLayout(self)
        self.file = QLineEdit(str(Path(folder) / "quadreg-run.mp4"), objectName="animationFile")
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form.addRow(tr("File (.mp4 or .gif)"), row)
        self.size = QComboBox(objectName="animationSize")
        for width, height in SIZES:
            self.size.addItem(f"{width} × {height}", (width, height))
        self.size.setCurrentIndex(1)
        form.addRow(tr("Size"), self.size)
        self.fps = QSpinBox(objectName="animationFps", minimum=1, maximum=MAX_FPS, value=30)
        form.addRow(tr("Frames a second"), self.fps)
        self.seconds = QDoubleSpinBox(objectName="animationSeconds", minimum=0.1,
                                      maximum=MAX_SECONDS, value=10.0, decimals=1)
        form.addRow(tr("Length in seconds (the whole run)"), self.seconds)
        self.area = QComboBox(objectName="animationArea")
        for key, title in AREA_TITLES:
            self.area.addItem(tr(title), key)
        form.addRow(tr("Shows"), self.area)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export an animation"), self.file.text(),
                                              tr("Animations (*.mp4 *.gif)"))
        if path:
            self.file.setText(path)

    def path(self) -> str:
        return self.file.text().strip()

    def spec(self) -> AnimationSpec:
        width, height = self.size.currentData()
        return AnimationSpec(width, height, self.fps.value(), self.seconds.value(),
                             self.area.currentData())


class AnimationExport(QObject):
    """Makes the ``run``, or the ``race`` while there is one, into an animation beside
    the window (``parent``); ``say`` a note when it is written, ``show_message`` why
    not.  The caption is the ``lessons``' step shown, in the ``language`` shown."""

    def __init__(self, run: RunState, race: Race, parent: QWidget, lessons: Lessons,
                 language: Language, say: Callable[[str], None],
                 show_message: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.run, self.race, self.parent_widget = run, race, parent
        self.lessons, self.language = lessons, language
        self._say, self._show_message = say, show_message
        self.process: QProcess | None = None
        self._progress: QProgressDialog | None = None
        self._out = ""
        self._since = 0.0
        self._errors = ""
        self._folder: tempfile.TemporaryDirectory | None = None

    @property
    def busy(self) -> bool:
        return self.process is not None

    @Slot()
    def open_dialog(self) -> None:
        if self.busy or self.run.loaded is None:
            return
        dialog = AnimationDialog(self.parent_widget, str(Path.home()))
        if run_modal(dialog):
            self.start(dialog.path(), dialog.spec())

    def start(self, out: str, spec: AnimationSpec) -> None:
        """Write the animation to ``out``; a bad request is said at once."""
        try:
            spec.check(out)
        except ConfigError as exc:
            self._show_message(tr("Not exported: {reason}").format(reason=exc))
            return
        loaded = self.run.loaded
        self._folder = tempfile.TemporaryDirectory(prefix="quadreg-animation-")
        experiment = str(Path(self._folder.name) / "run.quadreg.json")
        write_experiment(experiment, self.run.config, loaded.model.named(loaded.initial),
                         self.run.table)
        args = ["-m", "quadreg_gui", "--export-animation", experiment, out,
                "--size", f"{spec.width}x{spec.height}", "--fps", str(spec.fps),
                "--seconds", repr(spec.seconds), "--area", spec.area,
                "--lang", self.language.code]
        if self.race.active:
            args += ["--race", ",".join(racer_spec(r) for r in self.race.racers)]
        if self.lessons.lesson is not None:
            lesson = str(Path(self._folder.name) / "caption.quadreg-lesson.json")
            write_lesson(lesson, self.lessons.lesson)
            args += ["--lesson", lesson, "--step", str(self.lessons.index + 1)]
        self._out, self._since, self._errors = out, time.time(), ""
        self.process = QProcess(self)
        self.process.readyReadStandardError.connect(self._read)
        self.process.finished.connect(self._finished)
        self._progress = QProgressDialog(tr("Making {file}…").format(file=display_name(out)),
                                         tr("Cancel"), 0, spec.frames, self.parent_widget)
        self._progress.setWindowModality(Qt.WindowModality.NonModal)  # the window goes on
        self._progress.canceled.connect(self.cancel)
        self._progress.show()
        self.process.start(sys.executable, args)

    @Slot()
    def _read(self) -> None:
        text = bytes(self.process.readAllStandardError()).decode("utf-8", "replace")
        for line in text.splitlines():
            words = line.split()
            if len(words) == 4 and words[0] == "frame" and words[1].isdigit():
                self._progress.setValue(int(words[1]))
            elif line.strip():
                self._errors = line.strip()

    @Slot()
    def cancel(self) -> None:
        """End the export: its process killed, its partial file removed."""
        if self.process is None:
            return
        process, self.process = self.process, None
        process.finished.disconnect(self._finished)
        process.kill()
        process.waitForFinished(2000)
        remove_partial(self._out, self._since)
        self._close_progress()

    @Slot(int, QProcess.ExitStatus)
    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read()
        self.process = None
        self._close_progress()
        if code == 0 and status == QProcess.ExitStatus.NormalExit:
            self._say(tr("Saved {file}").format(file=display_name(self._out)))
        else:
            reason = self._errors.removeprefix("quadreg-gui: error: ") or tr("it stopped")
            self._show_message(tr("Not exported: {reason}").format(reason=reason))

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self.cancel)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
