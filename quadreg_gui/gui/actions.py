"""The menus, their actions and the keyboard shortcuts, in one place."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QToolBar

from ..core.datafile import EXAMPLES
from ..core.i18n import QT_TR_NOOP, tr
from . import store
from .dialogs import AboutDialog, ShortcutsDialog
from .language import LANGUAGES
from .look import Look

if TYPE_CHECKING:
    from .main_window import MainWindow


def shortcut_table() -> list[tuple[str, str]]:
    return [
        (tr("Space"), tr("Start, pause or resume")),
        (tr("→ or S"), tr("Step one epoch")),
        (tr("R"), tr("Reset to epoch 0")),
        (tr("Ctrl+O"), tr("Open data (or drop a file on the window)")),
        (tr("Ctrl+S / Ctrl+Shift+S"), tr("Save the experiment / save it as…")),
        (tr("Ctrl+Shift+O"), tr("Open an experiment")),
        (tr("Ctrl+P"), tr("Pin the run and start a new one from the same start")),
        (tr("Ctrl+Shift+R"), tr("Race optimizers…")),
        (tr("Esc"), tr("Leave presentation mode; else end the race")),
        (tr("Enter (in a field)"), tr("Apply the value and leave the field, so Space starts")),
        (tr("Home or double-click a plot"), tr("Reset the plots' view")),
        (tr("F5"), tr("Presentation mode (Esc leaves it)")),
        (tr("Ctrl+= / Ctrl+- / Ctrl+0"), tr("Larger, smaller, actual size (75 % to 300 %)")),
        (tr("Ctrl+H"), tr("Show or hide the parameters")),
        (tr("F11"), tr("Full screen")),
        (tr("Ctrl+Q"), tr("Quit")),
    ]


#: File > Export's submenus.
EXPORT_MENUS = {"data": QT_TR_NOOP("Data plot"), "loss": QT_TR_NOOP("Loss plot"),
                "landscape": QT_TR_NOOP("Loss landscape")}
SHORTCUT_NOTE = QT_TR_NOOP("While the cursor is in a field, keys type into it: Space, R and S "
                           "are text there, and → moves the cursor (on a slider, → moves the "
                           "slider).")


def _action(win: MainWindow, text: str, name: str, slot: Callable[[], object],
            keys: QKeySequence | str | None = None, tip: str = "") -> QAction:
    action = QAction(text, win)
    action.setObjectName(name)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_file_actions(win: MainWindow, menu: QMenu) -> None:
    """Open data, examples, experiments, recent files and exports."""
    files, exports = win.files, win.exports
    menu.addAction(_action(win, tr("&Open data…"), "openDataAction", files.open_data_dialog,
                           QKeySequence.StandardKey.Open,
                           tr("A CSV, TSV or whitespace-separated file of x and y columns "
                              "(Ctrl+O; or drop a file on the window).")))
    examples = menu.addMenu(tr("E&xamples"))
    examples.setToolTipsVisible(True)
    for example in EXAMPLES.values():
        examples.addAction(_action(win, tr(example.title), f"example_{example.name}",
                                   partial(files.open_example, example.name),
                                   tip=tr(example.notice)))
    menu.addSeparator()
    for text, name, slot, keys in (
            (tr("Open &experiment…"), "openExperimentAction", files.open_experiment_dialog,
             "Ctrl+Shift+O"),
            (tr("&Save experiment"), "saveExperimentAction", files.save_experiment,
             QKeySequence.StandardKey.Save),
            (tr("Save experiment &as…"), "saveExperimentAsAction", files.save_experiment_as,
             "Ctrl+Shift+S")):
        menu.addAction(_action(win, text, name, slot, keys))
    win.recent_menu = menu.addMenu(tr("Open &recent"))
    fill_recent_menu(win)
    menu.addSeparator()
    export = menu.addMenu(tr("Ex&port"))
    for key in exports.plots():
        sub = export.addMenu(tr(EXPORT_MENUS[key]))
        for text, fmt, scale in ((tr("PNG…"), "png", 1.0), (tr("PNG at 2×…"), "png", 2.0),
                                 (tr("PNG at 4×…"), "png", 4.0), (tr("SVG…"), "svg", 1.0)):
            sub.addAction(_action(win, text, f"export_{key}_{fmt}_{scale:g}",
                                  partial(exports.export_plot_dialog, key, fmt, scale)))
        sub.addAction(_action(win, tr("Copy to clipboard"), f"copy_{key}",
                              partial(exports.copy_plot, key)))
    export.addSeparator()
    for text, name, slot in (
            (tr("Window as PNG…"), "exportWindowAction", exports.export_window_dialog),
            (tr("History as CSV…"), "exportHistoryAction", exports.export_history_dialog),
            (tr("NumPy script…"), "exportScriptAction", exports.export_script_dialog)):
        export.addAction(_action(win, text, name, slot))


def fill_recent_menu(win: MainWindow) -> None:
    """The files opened or saved last, newest first."""
    menu = win.recent_menu
    menu.clear()
    recent = store.recent_files()
    for path in recent:
        menu.addAction(_action(win, Path(path).name, "recentFileAction",
                               partial(win.files.open_recent, path), tip=path))
    menu.setToolTipsVisible(True)
    menu.setEnabled(bool(recent))


def build_look_actions(win: MainWindow, view: QMenu) -> None:
    """Presentation mode, the scale, the theme and the palette."""
    looks = win.appearance
    win.presentation_action = QAction(tr("&Presentation mode"), win, checkable=True,
                                      shortcut=QKeySequence(Qt.Key.Key_F5))
    win.presentation_action.setObjectName("presentationAction")
    win.presentation_action.setToolTip(tr(
        "Full screen, parameters hidden, everything at 175 %, and the run in a corner "
        "(F5; Esc leaves)."))
    win.presentation_action.toggled.connect(win.presentation.set_active)
    view.addAction(win.presentation_action)
    for text, name, slot, keys in (
            (tr("Zoom &in"), "zoomInAction", looks.zoom_in,
             [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")]),
            (tr("Zoom &out"), "zoomOutAction", looks.zoom_out, [QKeySequence("Ctrl+-")]),
            (tr("&Actual size"), "zoomResetAction", looks.zoom_reset, [QKeySequence("Ctrl+0")])):
        action = _action(win, text, name, slot)
        action.setShortcuts(keys)
        view.addAction(action)
    theme_menu = view.addMenu(tr("&Theme"))
    group = QActionGroup(win)
    win.theme_actions = {}
    for theme, text in (("light", tr("&Light")), ("dark", tr("&Dark"))):
        action = _action(win, text, f"theme_{theme}", partial(looks.set_theme, theme))
        action.setCheckable(True)
        group.addAction(action)
        theme_menu.addAction(action)
        win.theme_actions[theme] = action
    win.colorblind_action = QAction(tr("&Colour-blind safe palette"), win, checkable=True)
    win.colorblind_action.setObjectName("colorblindAction")
    win.colorblind_action.setToolTip(tr("Okabe–Ito colours, and a line style for each "
                                        "series as well as a colour."))
    win.colorblind_action.toggled.connect(looks.set_colorblind)
    view.addAction(win.colorblind_action)
    build_language_menu(win, view)
    view.addAction(_action(win, tr("Restore &defaults"), "restoreDefaultsAction",
                           win.restore_defaults,
                           tip=tr("The article's settings and data, and the window's own "
                                  "layout, theme and size.")))
    show_look(win, looks.look)


def build_language_menu(win: MainWindow, view: QMenu) -> None:
    """View > Language: each language named in itself, so that anyone finds their own."""
    menu = view.addMenu(tr("&Language"))
    group = QActionGroup(win)
    win.language_actions = {}
    for code, name in LANGUAGES.items():
        action = _action(win, name, f"language_{code}", partial(win.language.choose, code))
        action.setCheckable(True)
        action.setChecked(code == win.language.code)
        group.addAction(action)
        menu.addAction(action)
        win.language_actions[code] = action
    win.language.changed.connect(lambda code: win.language_actions[code].setChecked(True))


def show_look(win: MainWindow, look: Look) -> None:
    """The menu's checks follow the look (changed from settings or presentation mode)."""
    win.theme_actions[look.theme].setChecked(True)
    if win.colorblind_action.isChecked() != (look.palette == "colorblind"):
        win.colorblind_action.setChecked(look.palette == "colorblind")


def build_actions(win: MainWindow) -> None:
    """Menus File, View and Help, and the single-key run shortcuts, on ``win``."""
    file_menu = win.menuBar().addMenu(tr("&File"))
    file_menu.setToolTipsVisible(True)
    build_file_actions(win, file_menu)
    file_menu.addSeparator()
    # Not StandardKey.Quit: some platforms (offscreen, a bare X session) bind it to nothing.
    quit_action = QAction(tr("&Quit"), win, shortcut=QKeySequence("Ctrl+Q"))
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
    build_look_actions(win, view)
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
        win.panel_actions[name] = action
    win.parameters_action = win.panel_actions["parametersAction"]
    win.parameters_action.setShortcut(QKeySequence("Ctrl+H"))
    win.parameters_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

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
