"""Which message the banner shows for the run: a bad value, a file's message,
divergence, an unstable rate or the stable limit; and the notes of a long run."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStatusBar

from ..core.analysis.analysis import suggested_lr
from ..core.i18n import tr
from ..core.logformat import divergence_message

if TYPE_CHECKING:
    from .controls import ParameterPanel
    from .files import Files
    from .message_banner import MessageBanner
    from .racing import Race
    from .run_state import RunState
    from .theory_view import TheoryView

#: How long the note that a run is summarised stays in the status bar.
RESOLUTION_NOTE_MS = 8_000
#: How long the note that the training process was restarted stays.
RESTART_NOTE_MS = 15_000


class RunMessages(QObject):
    """The ``banner``'s message for the ``run``: a race's (``race``), a file's
    (``files``), the ``panel``'s validation error, divergence, an unstable rate, else the
    ``theory``'s limit; and the run's notes in the ``status_bar``.  ``reset`` starts a
    diverged run over when the banner's fix is taken."""

    def __init__(self, run: RunState, banner: MessageBanner, theory: TheoryView,
                 race: Race, files: Files, panel: ParameterPanel,
                 status_bar: QStatusBar, reset: Callable[[], None]) -> None:
        super().__init__(run)
        self.run, self.banner, self.theory = run, banner, theory
        self.race, self.files, self.panel = race, files, panel
        self.status_bar, self._reset = status_bar, reset
        self.validation = ""
        self.note = ""  # a typed value not taken, until the next edit, change or Dismiss
        run.configChanged.connect(self.clear_note)

    @Slot(str)
    def set_validation(self, text: str) -> None:
        self.validation = text
        self.refresh()

    @Slot(str)
    def set_note(self, text: str) -> None:
        self.note = text
        self.refresh()

    @Slot()
    def clear_note(self) -> None:
        if self.note:
            self.set_note("")

    def refresh(self) -> None:
        if self.race.active:
            self.race.show_banner()
            return
        if self.note and not self.validation:
            self.banner.show_message(self.note, "warning", tr("Dismiss"), self.clear_note)
            return
        text, level = self.files.message
        if text and not self.validation:
            self.banner.show_message(text, level, tr("Dismiss"), self.files.dismiss_message)
            return
        diverged = ("", "")
        if self.run.state == "diverged":
            diverged = (self.divergence_text(brief=True),
                        self.divergence_text(brief=True, named=False))
        self.banner.show_run_state(self.run.config, self.theory.limit, self.validation,
                                   diverged, self.use_stable_lr)

    def divergence_text(self, brief: bool = False, named: bool = True) -> str:
        p = self.run.latest
        if p is None or p.diverged_at is None:
            return tr("Diverged.")
        return divergence_message(p.diverged_at, p.last_lr or 0.0, self.theory.limit,
                                  self.run.config.optimizer, brief, named)

    def use_stable_lr(self) -> None:
        """The banner's action: half the stable limit; a diverged run starts over."""
        limit = self.theory.limit
        if limit is None or not math.isfinite(limit):
            return
        self.panel.editors["lr"].setValue(suggested_lr(limit))
        if self.run.state == "diverged":
            self._reset()

    @Slot()
    def say_engine_restarted(self) -> None:
        """The training process ended under the run (the system ran out of memory, or
        it was killed): a new one started the run over."""
        self.status_bar.showMessage(tr(
            "The training process stopped unexpectedly and was restarted: the run starts "
            "over from its beginning."), RESTART_NOTE_MS)

    def say_engine_not_answering(self) -> None:
        self.status_bar.showMessage(tr(
            "The training process stopped answering and is being restarted: the run starts "
            "over from its beginning."), RESTART_NOTE_MS)

    def say_resolution_limit(self) -> None:
        """Once per run: from here on the middle of the run is kept as a summary."""
        self.status_bar.showMessage(tr(
            "Long run: the loss curve now keeps every logged epoch, the first and the latest "
            "epochs, and the extremes of each stretch in between (memory stays bounded)."),
            RESOLUTION_NOTE_MS)
