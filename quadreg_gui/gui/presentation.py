"""Presentation mode: full screen, the parameters hidden, everything at 175 %, and a
line of the run above the plots; Esc (or F5 again) returns to the window as it was."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from .actions import Actions
from .appearance import Appearance
from .look import PRESENTATION_SCALE
from .panels.run_line import RunLine


class Presentation(QObject):
    """Presentation mode of ``window``, switched by the ``actions``' checks (presentation,
    parameters, full screen) and the ``appearance``'s scale; it shows the ``run_line``.
    ``toggled``: the mode began or ended."""

    toggled = Signal(bool)

    def __init__(self, window: QWidget, actions: Actions, appearance: Appearance,
                 run_line: RunLine) -> None:
        super().__init__(window)
        self.actions, self.appearance = actions, appearance
        self.run_line = run_line
        actions.presentation_action.toggled.connect(self.set_active)
        self.active = False
        self.escape = QShortcut(QKeySequence("Esc"), window, self.leave)
        self.escape.setEnabled(False)
        self._saved: tuple[float, bool, bool] = (1.0, True, False)

    @Slot(bool)
    def set_active(self, on: bool) -> None:
        actions, looks = self.actions, self.appearance
        if on == self.active:
            return
        self.active = on
        self.escape.setEnabled(on)
        if actions.presentation_action.isChecked() != on:
            actions.presentation_action.setChecked(on)
        if on:
            self._saved = (looks.look.scale, actions.parameters_action.isChecked(),
                           actions.fullscreen_action.isChecked())
            looks.set_scale(PRESENTATION_SCALE)
            actions.parameters_action.setChecked(False)
            actions.fullscreen_action.setChecked(True)
            # Esc leaves presentation first; the race's Esc comes back with the window.
            actions.end_race_action.setShortcut(QKeySequence())
            self.run_line.show()
        else:
            scale, parameters, full_screen = self._saved
            self.run_line.hide()
            actions.end_race_action.setShortcut(QKeySequence("Esc"))
            actions.fullscreen_action.setChecked(full_screen)
            actions.parameters_action.setChecked(parameters)
            looks.set_scale(scale)
        self.toggled.emit(on)

    @Slot()
    def leave(self) -> None:
        self.set_active(False)
