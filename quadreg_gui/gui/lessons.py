"""A lesson in the window: entering its steps, moving between them, and making one.

Entering a step sets everything it says from the step alone: its settings and data
(the run starts over on them), the panes shown and the one in focus, and then what
it does (start, or a race, to its end or to the step's epoch) once the data is
loaded; a step that pins its run pins it once the run stops.  Going back to a
step takes away the pins of the steps from it on, so it restores the step
exactly.  Leaving the lesson gives the panes back as they were; the run and the
pins stay as they are.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction

from ..core.config import ConfigError
from ..core.files.experiment import data_section
from ..core.files.lesson import PANES, Lesson, Step, Words, edited
from ..core.i18n import tr
from ..core.pins import Pin
from ..core.analysis.race import DEFAULT_RACE, racer
from .focus import Focus
from .language import Language
from .panels.lesson_bar import LessonBar
from .pinning import Pins
from .racing import Race
from .run_state import RunState


class Lessons(QObject):
    """The open lesson (``lesson``, None for none) and its step (``index``).  The run's
    settings and data change through ``applyRequested`` (settings, table) and it
    starts through ``startRequested`` (the epoch to pause at, 0 for none) and is
    paused by ``pauseRequested``; ``shown`` are the View menu's pane checks.
    ``changed``: a lesson opened, ended, moved or was edited; ``failed``: a step
    could not be entered (its message)."""

    applyRequested = Signal(object, object)  # TrainConfig, Table | None
    startRequested = Signal(int)
    pauseRequested = Signal()
    changed = Signal()
    failed = Signal(str)

    def __init__(self, run: RunState, bar: LessonBar, focus: Focus,
                 shown: dict[str, QAction], race: Race, pins: Pins,
                 language: Language) -> None:
        super().__init__(bar)
        self.run, self.bar, self.focus, self.shown = run, bar, focus, shown
        self.race, self.pins, self.language = race, pins, language
        self.lesson: Lesson | None = None
        self.index = 0
        self._pending: Step | None = None  # entered, waiting for its data
        self._pinning: Step | None = None  # started, to be pinned once it stops
        self._pinned: list[tuple[int, Pin]] = []  # (step index, its pin)
        self._panes_before: dict[str, bool] = {}
        bar.backClicked.connect(self.back)
        bar.nextClicked.connect(self.next)
        bar.closeClicked.connect(self.leave)
        run.loadedChanged.connect(self._loaded)
        run.stateChanged.connect(self._stopped)
        language.changed.connect(self._show)

    @property
    def active(self) -> bool:
        return self.lesson is not None

    @Slot(object)
    def open(self, lesson: Lesson, index: int = 0) -> None:
        if self.lesson is None:
            self._panes_before = {key: a.isChecked() for key, a in self.shown.items()}
        self.lesson = lesson
        self.go(index)

    def show_caption(self, lesson: Lesson, index: int) -> None:
        """Step ``index``'s words in the bar, without entering it (an animation's caption
        over a run of its own)."""
        self.lesson = lesson
        self.index = max(0, min(index, len(lesson.steps) - 1))
        self._show()

    @Slot(int)
    def go(self, index: int) -> None:
        """Enter step ``index`` (from 0)."""
        if self.lesson is None:
            return
        self.index = max(0, min(index, len(self.lesson.steps) - 1))
        self._enter()

    @Slot()
    def next(self) -> None:
        if self.lesson is not None and self.index + 1 < len(self.lesson.steps):
            self.go(self.index + 1)

    @Slot()
    def back(self) -> None:
        if self.lesson is not None and self.index > 0:
            self.go(self.index - 1)

    @Slot()
    def leave(self) -> None:
        if self.lesson is None:
            return
        self.lesson, self._pending, self._pinning = None, None, None
        self._pinned = []
        self.focus.set("")
        for key, checked in self._panes_before.items():
            self.shown[key].setChecked(checked)
        self.bar.hide()
        self.changed.emit()

    def _enter(self) -> None:
        assert self.lesson is not None
        step, state = self.lesson.steps[self.index], self.lesson.states[self.index]
        self.pauseRequested.emit()  # else the new step's run would run on
        self.race.end()
        self._pinning = None
        self.pins.take_away([pin for index, pin in self._pinned if index >= self.index])
        self._pinned = [(index, pin) for index, pin in self._pinned if index < self.index]
        self.focus.set("")
        for key in PANES:
            self.shown[key].setChecked(key in step.panes)
        if step.focus:
            self.focus.bring(step.focus)
        self._pending = step
        self._show()
        self.changed.emit()
        self.applyRequested.emit(state.config, state.table)

    @Slot()
    def _loaded(self) -> None:
        """The step's data is in: what the step does now."""
        step, self._pending = self._pending, None
        if step is None or self.run.loading or self.run.loaded is None:
            return
        if step.then == "start":
            self._pinning = step if step.pin else None
            self.startRequested.emit(step.until)
        elif step.then == "race":
            loaded = self.run.loaded
            try:
                racers = [racer(spec, self.run.config, self.run.quad, loaded.initial)
                          for spec in step.racers or DEFAULT_RACE]
            except ConfigError as exc:
                self.failed.emit(str(exc))
                return
            self.race.begin(racers, step.until)

    @Slot()
    def _stopped(self) -> None:
        """The run of a step that pins it has stopped (at its end or its epoch): pinned."""
        step = self._pinning
        if step is None or self.lesson is None or self.run.state not in (
                "finished", "diverged", "paused"):
            return
        if self.run.state == "paused" and self.run.epoch < (step.until or self.run.target):
            return  # paused by hand before its epoch: pinned when it gets there
        self._pinning = None
        pin = self.pins.pin()
        if pin is not None:
            self._pinned.append((self.index, pin))

    @Slot()
    def _show(self) -> None:
        if self.lesson is None:
            return
        code = self.language.code
        step = self.lesson.steps[self.index]
        self.bar.show_step(self.lesson.title(code), self.index + 1, len(self.lesson.steps),
                           step.title(code), step.text(code), step.question(code))

    # --- making a lesson --------------------------------------------------------------
    def current_as_step(self, title: str) -> Step:
        """The window's settings, data, panes and focus as a step titled ``title``."""
        config, table = self.run.config, self.run.table
        settings = config.to_dict()
        del settings["data"]
        folder = Path(self.lesson.source).parent if self.lesson and self.lesson.source \
            else Path.cwd()
        return Step(Words.of(en=title), settings=settings,
                    data=data_section(config, table if config.data else None, folder),
                    panes=tuple(k for k in PANES if self.shown[k].isChecked()),
                    focus=self.focus.lesson_key)

    def add_step(self, step: Step) -> None:
        """``step`` after this one; without a lesson, the first of a new one."""
        if self.lesson is None:
            title = Words.of(en=tr("My lesson"))
            self.open(edited(Lesson(title, (), (), ""), [step]))
            return
        steps = list(self.lesson.steps)
        steps.insert(self.index + 1, step)
        self._edit(steps, self.index + 1)

    def replace_step(self, step: Step) -> None:
        assert self.lesson is not None
        steps = list(self.lesson.steps)
        steps[self.index] = step
        self._edit(steps, self.index)

    def move(self, delta: int) -> None:
        """This step ``delta`` places earlier (-1) or later (+1)."""
        assert self.lesson is not None
        steps, i = list(self.lesson.steps), self.index
        j = i + delta
        if 0 <= j < len(steps):
            steps[i], steps[j] = steps[j], steps[i]
            self._edit(steps, j)

    def delete(self) -> None:
        assert self.lesson is not None
        steps = list(self.lesson.steps)
        del steps[self.index]
        if not steps:
            self.leave()
            return
        self._edit(steps, min(self.index, len(steps) - 1))

    def _edit(self, steps: list[Step], index: int) -> None:
        assert self.lesson is not None
        try:
            self.lesson = edited(self.lesson, steps)
        except (ConfigError, ValueError) as exc:  # (DataFileError is a ValueError)
            self.failed.emit(str(exc))
            return
        self.go(index)
