"""Presentation mode: full screen, the parameters hidden, everything at 175 %, and a
compact overlay of the run; Esc (or F5 again) returns to the window as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QKeySequence, QShortcut

from .look import PRESENTATION_SCALE
from .panels.overlay import RunOverlay

if TYPE_CHECKING:
    from .main_window import MainWindow


class Presentation(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.overlay = RunOverlay(win.right, win.loss_plot)
        win.appearance.changed.connect(self.overlay.apply_look)
        self.active = False
        self.escape = QShortcut(QKeySequence("Esc"), win, self.leave)
        self.escape.setEnabled(False)
        self._saved: tuple[float, bool, bool] = (1.0, True, False)

    @Slot(bool)
    def set_active(self, on: bool) -> None:
        win = self.win
        if on == self.active:
            return
        self.active = on
        self.escape.setEnabled(on)
        if win.presentation_action.isChecked() != on:
            win.presentation_action.setChecked(on)
        if on:
            self._saved = (win.appearance.look.scale, win.parameters_action.isChecked(),
                           win.fullscreen_action.isChecked())
            win.appearance.set_scale(PRESENTATION_SCALE)
            win.parameters_action.setChecked(False)
            win.fullscreen_action.setChecked(True)
            # Esc leaves presentation first; the race's Esc comes back with the window.
            win.end_race_action.setShortcut(QKeySequence())
            self.overlay.show()
            win.schedule_redraw()
        else:
            scale, parameters, full_screen = self._saved
            self.overlay.hide()
            win.end_race_action.setShortcut(QKeySequence("Esc"))
            win.fullscreen_action.setChecked(full_screen)
            win.parameters_action.setChecked(parameters)
            win.appearance.set_scale(scale)

    @Slot()
    def leave(self) -> None:
        self.set_active(False)
