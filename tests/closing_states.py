"""Drive a MainWindow into each state a user may close it in (for tests in this
process and in a subprocess, which has no qtbot: hence one step per call)."""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from quadreg_gui.core.analysis.race import default_race
from quadreg_gui.gui.run_controls import SPEEDS

BIG = 10_000_000  # points: a load and a mini-batch epoch long enough to close during
STATES = ("ready", "running", "paused", "finished", "diverged", "loading", "minibatch",
          "presenting", "racing")
#: A modal dialog holds the keyboard (Ctrl+Q included) until it closes, as Qt's do:
#: closing under one is what a signal (logout, kill) does.
DIALOG = "dialog"


def reach(win, state: str) -> bool:
    """One step towards ``state``; True once ``win`` is in it.  Call until it is."""
    editors = win.panel.editors
    if win.run.loaded is None:
        return False
    if state == "presenting":  # leaving presentation mode restyles the whole window
        if not win.presentation.active:
            win.actions.presentation_action.setChecked(True)
        state = "running"
    if state == "dialog":  # a modal dialog open over the window (its own event loop)
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QDialog) and w.isVisible()]
        if not shown and not getattr(win, "dialog_asked", False):
            win.dialog_asked = True
            QTimer.singleShot(0, win.race.open_dialog)
        return bool(shown)
    if state == "racing":
        if not win.race.active:
            editors["epochs"].setValue(BIG)
            win.race.begin(default_race(win.run.config, win.run.quad, win.run.loaded.initial))
            return False
        return win.run.state == "running" and win.race.progress is not None
    if state in ("loading", "minibatch") and editors["n_points"].value() != BIG:
        editors["batch_size"].setValue(1 if state == "minibatch" else 0)
        editors["n_points"].setValue(BIG)
        return False
    if state == "loading":
        return win.run.loading
    if win.run.loading:
        return False
    if state == "ready":
        return win.run.state == "ready"
    if win.run.state == "ready":
        setting = {"running": ("epochs", BIG), "paused": ("epochs", BIG),
                   "diverged": ("lr", 1.0)}.get(state)
        if setting and editors[setting[0]].value() != setting[1]:
            editors[setting[0]].setValue(setting[1])
        win.run_controls.speed.setValue(SPEEDS.index(math.inf))
        win.toggle_run()
        return False
    if state in ("running", "minibatch"):
        return win.run.state == "running" and (state == "minibatch" or win.run.epoch > 1000)
    if state == "paused" and win.run.state == "running" and win.run.epoch > 1000:
        win.toggle_run()
    return win.run.state == state
