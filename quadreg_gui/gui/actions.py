"""The menus, their actions and the keyboard shortcuts, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QToolBar

from .dialogs import AboutDialog, ShortcutsDialog

if TYPE_CHECKING:
    from .main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def shortcut_table() -> list[tuple[str, str]]:
    return [
        (tr("Space"), tr("Start, pause or resume")),
        (tr("→ or S"), tr("Step one epoch")),
        (tr("R"), tr("Reset to epoch 0")),
        (tr("Ctrl+P"), tr("Pin the run and start a new one from the same start")),
        (tr("Ctrl+Shift+R"), tr("Race optimizers…")),
        (tr("Esc"), tr("End the race")),
        (tr("Enter (in a field)"), tr("Apply the value and leave the field, so Space starts")),
        (tr("Home or double-click a plot"), tr("Reset the plots' view")),
        (tr("F11"), tr("Full screen")),
        (tr("Ctrl+Q"), tr("Quit")),
    ]


SHORTCUT_NOTE = ("While the cursor is in a field, keys type into it: Space, R and S are "
                 "text there, and → moves the cursor (on a slider, → moves the slider).")


def build_actions(win: MainWindow) -> None:
    """Menus File, View and Help, and the single-key run shortcuts, on ``win``."""
    file_menu = win.menuBar().addMenu(tr("&File"))
    quit_action = QAction(tr("&Quit"), win, shortcut=QKeySequence.StandardKey.Quit)
    quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    quit_action.triggered.connect(win.close)
    file_menu.addAction(quit_action)

    view = win.menuBar().addMenu(tr("&View"))
    view.setToolTipsVisible(True)
    win.fullscreen_action = QAction(tr("&Full screen"), win, checkable=True,
                                    shortcut=QKeySequence(Qt.Key.Key_F11))
    win.fullscreen_action.toggled.connect(win.set_full_screen)
    view.addAction(win.fullscreen_action)
    reset_view = QAction(tr("&Reset view"), win, shortcut=QKeySequence(Qt.Key.Key_Home))
    reset_view.setObjectName("resetViewAction")
    reset_view.setToolTip(tr("Back to each plot's own view after zooming (or double-click it)."))
    reset_view.triggered.connect(win.reset_views)
    view.addAction(reset_view)
    log_action = QAction(tr("Loss on a &log scale"), win, checkable=True, checked=True)
    log_action.setObjectName("logScaleAction")
    log_action.toggled.connect(win.loss_plot.set_log_scale)
    view.addAction(log_action)
    view.addSeparator()
    for title, widget, name in (
            (tr("&Parameters"), win.left, "parametersAction"),
            (tr("&Data plot"), win.data_box, "dataPlotAction"),
            (tr("&Loss plot"), win.loss_box, "lossPlotAction"),
            (tr("Loss l&andscape"), win.landscape, "landscapeAction"),
            (tr("L&og and step explained"), win.tabs, "logAction")):
        action = QAction(title, win, checkable=True, checked=True)
        action.setObjectName(name)
        action.toggled.connect(widget.setVisible)
        view.addAction(action)

    run_menu = win.menuBar().addMenu(tr("&Run"))
    random_start = QAction(tr("Random &start"), win)
    random_start.setObjectName("randomStartAction")
    random_start.setToolTip(tr("Start from the article's seeded random draw (after a click "
                               "on the landscape chose a start)."))
    random_start.triggered.connect(win.random_start)
    run_menu.addAction(random_start)
    run_menu.addSeparator()
    win.pin_action = QAction(tr("&Pin run"), win, shortcut=QKeySequence("Ctrl+P"))
    win.pin_action.setObjectName("pinAction")
    win.pin_action.setToolTip(tr("Keep this run on the loss plot and the landscape, faded, "
                                 "and start a new one from the same start (Ctrl+P)."))
    win.pin_action.triggered.connect(win.comparisons.pin_run)
    clear_pins = QAction(tr("&Clear pins"), win)
    clear_pins.setObjectName("clearPinsAction")
    clear_pins.triggered.connect(win.comparisons.clear_pins)
    win.race_action = QAction(tr("&Race optimizers…"), win, shortcut=QKeySequence("Ctrl+Shift+R"))
    win.race_action.setObjectName("raceAction")
    win.race_action.setToolTip(tr("GD, momentum, Nesterov, AdaGrad, RMSProp and Adam from the "
                                  "same start on the same data, side by side (Ctrl+Shift+R)."))
    win.race_action.triggered.connect(win.comparisons.race_optimizers)
    win.end_race_action = QAction(tr("&End race"), win, shortcut=QKeySequence("Esc"),
                                  enabled=False)
    win.end_race_action.setObjectName("endRaceAction")
    win.end_race_action.triggered.connect(win.comparisons.end_race)
    for action in (win.pin_action, clear_pins, win.race_action, win.end_race_action):
        run_menu.addAction(action)
    run_menu.setToolTipsVisible(True)
    # A toolbar in the menu bar's corner: the buttons cost no height at 720 px.
    bar = QToolBar(win)  # a parent: PySide6 would otherwise delete it on return
    bar.setObjectName("compareToolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action in (win.pin_action, win.race_action, win.end_race_action):
        bar.addAction(action)
    win.menuBar().setCornerWidget(bar, Qt.Corner.TopRightCorner)

    help_menu = win.menuBar().addMenu(tr("&Help"))
    help_menu.addAction(tr("&Keyboard shortcuts"),
                        lambda: ShortcutsDialog(win, shortcut_table(), tr(SHORTCUT_NOTE)).exec())
    help_menu.addAction(tr("&About QuadReg"), lambda: AboutDialog(win).exec())

    # Window-wide; a focused field that uses the key keeps it (input_guards).
    for keys, slot in (("Space", win.toggle_run), ("Right", win.step), ("S", win.step),
                       ("R", win.reset)):
        QShortcut(QKeySequence(keys), win, slot)
