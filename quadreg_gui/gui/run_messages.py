"""Which message the banner shows for the run: a bad value, a file's message,
divergence, an unstable rate or the stable limit; and the notes of a long run."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from ..core.analysis import suggested_lr
from ..core.i18n import tr
from ..core.logformat import divergence_message

if TYPE_CHECKING:
    from .main_window import MainWindow

#: How long the note that a run is summarised stays in the status bar.
RESOLUTION_NOTE_MS = 8_000
#: How long the note that the training process was restarted stays.
RESTART_NOTE_MS = 15_000


class RunMessages(QObject):
    """The banner's message for ``win``'s run; ``validation`` is the panel's error."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.validation = ""

    @Slot(str)
    def set_validation(self, text: str) -> None:
        self.validation = text
        self.refresh()

    def refresh(self) -> None:
        win = self.win
        if win.comparisons.racing:
            win.comparisons.show_banner()
            return
        text, level = win.files.message
        if text and not self.validation:
            win.banner.show_message(text, level, tr("Dismiss"), win.files.dismiss_message)
            return
        diverged = self.divergence_text(brief=True) if win.run.state == "diverged" else ""
        win.banner.show_run_state(win.run.config, win.theory.limit, self.validation, diverged,
                                  self.use_stable_lr)

    def divergence_text(self, brief: bool = False) -> str:
        p = self.win.run.latest
        if p is None or p.diverged_at is None:
            return tr("Diverged.")
        return divergence_message(p.diverged_at, p.last_lr or 0.0, self.win.theory.limit,
                                  self.win.run.config.optimizer, brief)

    def use_stable_lr(self) -> None:
        """The banner's action: half the stable limit; a diverged run starts over."""
        win = self.win
        limit = win.theory.limit
        if limit is None or not math.isfinite(limit):
            return
        win.panel.editors["lr"].setValue(suggested_lr(limit))
        if win.run.state == "diverged":
            win.reset()

    @Slot()
    def say_engine_restarted(self) -> None:
        """The training process ended under the run (the system ran out of memory, or
        it was killed): a new one started the run over."""
        self.win.statusBar().showMessage(tr(
            "The training process stopped unexpectedly and was restarted: the run starts "
            "over from its beginning."), RESTART_NOTE_MS)

    def say_resolution_limit(self) -> None:
        """Once per run: from here on the middle of the run is kept as a summary."""
        self.win.statusBar().showMessage(tr(
            "Long run: the loss curve now keeps every logged epoch, the first and the latest "
            "epochs, and the extremes of each stretch in between (memory stays bounded)."),
            RESOLUTION_NOTE_MS)
