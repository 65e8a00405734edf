"""The menus, their actions and the keyboard shortcuts, in one place."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from ..core.files.datafile import EXAMPLES, display_name
from ..core.files.lesson import BUILT_IN, Words, built_in_path, built_in_title
from ..core.i18n import QT_TR_NOOP, tr
from . import store
from .action_button import ActionButton
from .animation_export import AnimationExport
from .appearance import Appearance
from .data_editing import DataEditing
from .dialogs import AboutDialog, ShortcutsDialog, run_modal
from .explanations import ExplanationDialog
from .exports import Exports
from .files import Files
from .language import LANGUAGES, Language
from .lessons import Lessons
from .look import Look
from .pinning import Pins
from .racing import Race
from .step_dialog import StepDialog


def shortcut_table() -> list[tuple[str, str]]:
    return [
        (tr("Space"), tr("Start, pause or resume")),
        (tr("→ or S"), tr("Step one epoch")),
        (tr("Shift+→ or Shift+S"), tr("Step one mini-batch")),
        (tr("R"), tr("Reset to epoch 0")),
        (tr("Ctrl+O"), tr("Open data (or drop a file on the window)")),
        (tr("Ctrl+S / Ctrl+Shift+S"), tr("Save the experiment / save it as…")),
        (tr("Ctrl+Shift+O"), tr("Open an experiment")),
        (tr("Ctrl+P"), tr("Pin the run and start a new one from the same start")),
        (tr("Ctrl+Shift+R"), tr("Race optimizers…")),
        (tr("Esc"), tr("Leave presentation mode; else end the race")),
        (tr("Enter (in a field)"), tr("Apply the value and leave the field, so Space starts")),
        (tr("Home or double-click a plot"), tr("Reset the plots' view")),
        (tr("1, 2, 3, 4 or double-click a title"),
         tr("Focus: the data, loss, landscape or log fills the plot area (again: all)")),
        (tr("0"), tr("All panes again")),
        (tr("Page Down / Page Up, Alt+→ / Alt+←"), tr("Next / previous step of a lesson")),
        (tr("Ctrl+L"), tr("Open a lesson")),
        (tr("F5"), tr("Presentation mode (Esc leaves it)")),
        (tr("Ctrl+= / Ctrl+- / Ctrl+0"), tr("Larger, smaller, actual size (75 % to 300 %)")),
        (tr("Ctrl+H"), tr("Show or hide the parameters")),
        (tr("F11"), tr("Full screen")),
        (tr("F1"), tr("What am I looking at? (each panel and term explained)")),
        (tr("Ctrl+Q"), tr("Quit")),
    ]


#: File > Export's submenus.
EXPORT_MENUS = {"data": QT_TR_NOOP("Data plot"), "loss": QT_TR_NOOP("Loss plot"),
                "landscape": QT_TR_NOOP("Loss landscape")}
SHORTCUT_NOTE = QT_TR_NOOP("While the cursor is in a field, keys type into it: Space, R, S "
                           "and digits are text there, and → moves the cursor (on a slider, → "
                           "moves the slider).")
#: View > Focus: the panes by the plot grid's keys, each with its key.
FOCUS_PANES = (("", QT_TR_NOOP("&All panes"), "0"), ("data", QT_TR_NOOP("&Data plot"), "1"),
               ("loss", QT_TR_NOOP("&Loss plot"), "2"),
               ("landscape", QT_TR_NOOP("Loss l&andscape"), "3"),
               ("log", QT_TR_NOOP("L&og and step explained"), "4"))


def _action(parent: QObject, text: str, name: str, slot: Callable[[], object],
            keys: QKeySequence | str | None = None, tip: str = "") -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _checkable(parent: QObject, text: str, name: str, keys: QKeySequence | str | None = None,
               tip: str = "", checked: bool = False) -> QAction:
    action = QAction(text, parent, checkable=True, checked=checked)
    action.setObjectName(name)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setToolTip(tip)
    return action


class Actions(QObject):
    """The ``window``'s menus File, View, Run and Help, its toolbar and the single-key run
    shortcuts.  Actions of a helper (``files``, ``exports``, ``appearance``,
    ``language``, ``pins``, ``race``) call it; the window's own commands are signals,
    and ``panels`` (by action name) are shown and hidden from the View menu."""

    startPauseRequested = Signal()
    stepRequested = Signal()
    stepBatchRequested = Signal()
    resetRequested = Signal()
    randomStartRequested = Signal()
    resetViewsRequested = Signal()
    restoreDefaultsRequested = Signal()
    focusRequested = Signal(str)  # a pane's key: focus it, or leave it; "": all panes

    def __init__(self, window: QMainWindow, files: Files, exports: Exports,
                 appearance: Appearance, language: Language, pins: Pins, race: Race,
                 editing: DataEditing, panels: dict[str, QWidget]) -> None:
        super().__init__(window)
        self.window, self.files, self.exports = window, files, exports
        self.appearance, self.language, self.pins, self.race = appearance, language, pins, race
        bar = window.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.setToolTipsVisible(True)
        self._build_file_menu(file_menu)
        self._build_edit_menu(bar.addMenu(tr("&Edit")), editing)
        view = bar.addMenu(tr("&View"))
        view.setToolTipsVisible(True)
        self._build_view_menu(view, panels)
        self._build_run_menu(bar.addMenu(tr("&Run")))
        self.lesson_menu = bar.addMenu(tr("&Lesson"))
        self._build_help_menu(bar.addMenu(tr("&Help")))
        # Window-wide; a focused field that uses the key keeps it (input_guards).
        for keys, signal in (("Space", self.startPauseRequested), ("Right", self.stepRequested),
                             ("S", self.stepRequested), ("R", self.resetRequested),
                             ("Shift+Right", self.stepBatchRequested),
                             ("Shift+S", self.stepBatchRequested)):
            QShortcut(QKeySequence(keys), window, signal.emit)
        files.recentChanged.connect(self.fill_recent_menu)
        appearance.changed.connect(self.show_look)
        language.changed.connect(self._show_language)

    # --- Edit -----------------------------------------------------------------------------
    def _build_edit_menu(self, menu: QMenu, editing: DataEditing) -> None:
        """Undo and redo of the data's edits, deleting the selected point, an outlier."""
        menu.setToolTipsVisible(True)
        self.undo_action = _action(self, tr("&Undo edit of the data"), "undoAction",
                                   editing.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = _action(self, tr("&Redo edit of the data"), "redoAction",
                                   editing.redo, "Ctrl+Shift+Z")
        self.delete_point_action = _action(
            self, tr("&Delete the selected point"), "deletePointAction",
            editing.delete_selected, QKeySequence.StandardKey.Delete,
            tr("Click a point in the data plot to select it."))
        outlier = _action(self, tr("Add an &outlier"), "addOutlierAction", editing.add_outlier,
                          tip=tr("A point far above the others: squared loss pulls the whole "
                                 "fit towards it."))
        for action in (self.undo_action, self.redo_action, None, self.delete_point_action,
                       outlier):
            menu.addSeparator() if action is None else menu.addAction(action)
        note = menu.addAction(tr("Drag a point of the data plot to move it; click empty "
                                 "space to add one."))
        note.setEnabled(False)
        self.editing = editing
        editing.changed.connect(self._show_edit_state)
        editing.plot.selectionChanged.connect(self._show_edit_state)
        self._show_edit_state()

    @Slot()
    def _show_edit_state(self) -> None:
        self.undo_action.setEnabled(self.editing.can_undo)
        self.redo_action.setEnabled(self.editing.can_redo)
        self.delete_point_action.setEnabled(self.editing.plot.selected >= 0)

    # --- File -----------------------------------------------------------------------------
    def _build_file_menu(self, menu: QMenu) -> None:
        """Open data, examples, experiments, recent files, exports and Quit."""
        files, exports = self.files, self.exports
        menu.addAction(_action(self, tr("&Open data…"), "openDataAction",
                               files.open_data_dialog, QKeySequence.StandardKey.Open,
                               tr("A CSV, TSV or whitespace-separated file of x and y columns "
                                  "(Ctrl+O; or drop a file on the window).")))
        examples = menu.addMenu(tr("E&xamples"))
        examples.setToolTipsVisible(True)
        for example in EXAMPLES.values():
            examples.addAction(_action(self, tr(example.title), f"example_{example.name}",
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
            menu.addAction(_action(self, text, name, slot, keys))
        self.recent_menu = menu.addMenu(tr("Open &recent"))
        self.fill_recent_menu()
        menu.addSeparator()
        export = self.export_menu = menu.addMenu(tr("Ex&port"))
        for key in exports.plots():
            sub = export.addMenu(tr(EXPORT_MENUS[key]))
            for text, fmt, scale in ((tr("PNG…"), "png", 1.0), (tr("PNG at 2×…"), "png", 2.0),
                                     (tr("PNG at 4×…"), "png", 4.0), (tr("SVG…"), "svg", 1.0)):
                sub.addAction(_action(self, text, f"export_{key}_{fmt}_{scale:g}",
                                      partial(exports.export_plot_dialog, key, fmt, scale)))
            sub.addAction(_action(self, tr("Copy to clipboard"), f"copy_{key}",
                                  partial(exports.copy_plot, key)))
        export.addSeparator()
        for text, name, slot in (
                (tr("Window as PNG…"), "exportWindowAction", exports.export_window_dialog),
                (tr("History as CSV…"), "exportHistoryAction", exports.export_history_dialog),
                (tr("NumPy script…"), "exportScriptAction", exports.export_script_dialog),
                (tr("Jupyter notebook…"), "exportNotebookAction",
                 lambda: exports.export_notebook_dialog(self.language.code))):
            export.addAction(_action(self, text, name, slot))
        menu.addSeparator()
        # Not StandardKey.Quit: some platforms (offscreen, a bare X session) bind it to nothing.
        quit_action = _action(self, tr("&Quit"), "quitAction", self.window.close, "Ctrl+Q")
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        menu.addAction(quit_action)

    @Slot()
    def fill_recent_menu(self) -> None:
        """The files opened or saved last, newest first."""
        menu = self.recent_menu
        menu.clear()
        recent = store.recent_files()
        for path in recent:  # the menu's own: its clear() deletes them
            menu.addAction(_action(menu, display_name(path), "recentFileAction",
                                   partial(self.files.open_recent, path), tip=path))
        menu.setToolTipsVisible(True)
        menu.setEnabled(bool(recent))

    # --- View -----------------------------------------------------------------------------
    def _build_view_menu(self, view: QMenu, panels: dict[str, QWidget]) -> None:
        self.fullscreen_action = _checkable(self, tr("&Full screen"), "fullScreenAction",
                                            QKeySequence(Qt.Key.Key_F11))
        view.addAction(self.fullscreen_action)
        view.addAction(_action(
            self, tr("&Reset view"), "resetViewAction", self.resetViewsRequested.emit,
            QKeySequence(Qt.Key.Key_Home),
            tr("Back to each plot's own view after zooming (or double-click it).")))
        self.log_scale_action = _checkable(self, tr("Loss on a &log scale"), "logScaleAction",
                                           checked=True)
        view.addAction(self.log_scale_action)
        view.addSeparator()
        self._build_look_actions(view)
        view.addSeparator()
        self.panel_actions: dict[str, QAction] = {}
        for title, name in ((tr("&Parameters"), "parametersAction"),
                            (tr("&Data plot"), "dataPlotAction"),
                            (tr("&Loss plot"), "lossPlotAction"),
                            (tr("Loss l&andscape"), "landscapeAction"),
                            (tr("L&og and step explained"), "logAction")):
            action = _checkable(self, title, name, checked=True)
            action.toggled.connect(panels[name].setVisible)
            view.addAction(action)
            self.panel_actions[name] = action
        self.parameters_action = self.panel_actions["parametersAction"]
        self._build_focus_menu(view.addMenu(tr("&Focus")))
        self.parameters_action.setShortcut(QKeySequence("Ctrl+H"))
        self.parameters_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _build_focus_menu(self, menu: QMenu) -> None:
        """One pane fills the plot area (keys 1-4, again or 0: all panes)."""
        menu.setToolTipsVisible(True)
        self.focus_actions: dict[str, QAction] = {}
        for key, text, shortcut in FOCUS_PANES:
            action = _checkable(self, tr(text), f"focus_{key or 'all'}", shortcut)
            action.triggered.connect(lambda _checked=False, k=key: self.focusRequested.emit(k))
            menu.addAction(action)
            self.focus_actions[key] = action
        self.show_focus("")

    @Slot(str)
    def show_focus(self, key: str) -> None:
        """Check the focused pane's entry (or All panes)."""
        for name, action in self.focus_actions.items():
            action.setChecked(name == key)

    def _build_look_actions(self, view: QMenu) -> None:
        """Presentation mode, the scale, the theme, the palette and the language."""
        looks = self.appearance
        self.presentation_action = _checkable(
            self, tr("&Presentation mode"), "presentationAction", QKeySequence(Qt.Key.Key_F5),
            tr("Full screen, parameters hidden, everything at 175 %, and the run in a corner "
               "(F5; Esc leaves)."))
        view.addAction(self.presentation_action)
        for text, name, slot, keys in (
                (tr("Zoom &in"), "zoomInAction", looks.zoom_in,
                 [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")]),
                (tr("Zoom &out"), "zoomOutAction", looks.zoom_out, [QKeySequence("Ctrl+-")]),
                (tr("&Actual size"), "zoomResetAction", looks.zoom_reset,
                 [QKeySequence("Ctrl+0")])):
            action = _action(self, text, name, slot)
            action.setShortcuts(keys)
            view.addAction(action)
        theme_menu = view.addMenu(tr("&Theme"))
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for theme, text in (("light", tr("&Light")), ("dark", tr("&Dark"))):
            action = _action(self, text, f"theme_{theme}", partial(looks.set_theme, theme))
            action.setCheckable(True)
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[theme] = action
        self.colorblind_action = _checkable(
            self, tr("&Colour-blind safe palette"), "colorblindAction",
            tip=tr("Okabe–Ito colours, and a line style for each series as well as a colour."))
        self.colorblind_action.toggled.connect(looks.set_colorblind)
        view.addAction(self.colorblind_action)
        self._build_language_menu(view)
        view.addAction(_action(self, tr("Restore &defaults"), "restoreDefaultsAction",
                               self.restoreDefaultsRequested.emit,
                               tip=tr("The article's settings and data, and the window's own "
                                      "layout, theme and size.")))
        self.show_look(looks.look)

    def _build_language_menu(self, view: QMenu) -> None:
        """View > Language: each language named in itself, so that anyone finds their own."""
        menu = view.addMenu(tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = _action(self, name, f"language_{code}",
                             partial(self.language.choose, code))
            action.setCheckable(True)
            action.setChecked(code == self.language.code)
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action

    @Slot(str)
    def _show_language(self, code: str) -> None:
        self.language_actions[code].setChecked(True)
        for action, title in self._lesson_titles:
            action.setText(title(code))
        QTimer.singleShot(0, self, self.fit_menus)

    @Slot()
    def fit_menus(self) -> None:
        """Every menu an em wider than Qt sizes it: Qt measures a line of Chinese a few
        pixels short of what it draws, and elided the longest ("损失使用对…标")."""
        for menu in self.window.menuBar().findChildren(QMenu):
            menu.setMinimumWidth(0)
            menu.setMinimumWidth(menu.sizeHint().width() + menu.fontMetrics().height())

    @Slot(object)
    def show_look(self, look: Look) -> None:
        """The menu's checks follow the look (changed from settings or presentation mode)."""
        QTimer.singleShot(0, self, self.fit_menus)  # (once the menus have the new font)
        self.theme_actions[look.theme].setChecked(True)
        if self.colorblind_action.isChecked() != (look.palette == "colorblind"):
            self.colorblind_action.setChecked(look.palette == "colorblind")

    def add_animation_export(self, animation: AnimationExport) -> None:
        """File > Export > Animation…: the run as a GIF or MP4."""
        self.export_menu.addAction(_action(
            self, tr("&Animation (MP4 or GIF)…"), "exportAnimationAction",
            animation.open_dialog, tip=tr("The run replayed from its start, frame by frame, "
                                          "as a video for slides or the web.")))

    # --- Lesson ---------------------------------------------------------------------------
    def build_lesson_menu(self, lessons: Lessons) -> None:
        """The built-in lessons, opening and saving one, moving through it and making it."""
        menu, files = self.lesson_menu, self.files
        menu.setToolTipsVisible(True)
        self.lessons = lessons
        self._lesson_titles: list[tuple[QAction, Words]] = []
        for name in BUILT_IN:
            title = built_in_title(name)
            action = _action(self, title(self.language.code), f"lesson_{name}",
                             partial(files.open_lesson, built_in_path(name), False))
            menu.addAction(action)
            self._lesson_titles.append((action, title))
        menu.addSeparator()
        menu.addAction(_action(self, tr("&Open lesson…"), "openLessonAction",
                               files.open_lesson_dialog, "Ctrl+L"))
        self.save_lesson_action = _action(
            self, tr("&Save lesson as…"), "saveLessonAction",
            lambda: files.save_lesson_dialog(lessons.lesson))
        menu.addAction(self.save_lesson_action)
        menu.addSeparator()
        self.next_step_action = _action(self, tr("&Next step"), "nextStepAction", lessons.next)
        self.next_step_action.setShortcuts([QKeySequence(Qt.Key.Key_PageDown),
                                            QKeySequence("Alt+Right")])
        self.back_step_action = _action(self, tr("&Previous step"), "backStepAction",
                                        lessons.back)
        self.back_step_action.setShortcuts([QKeySequence(Qt.Key.Key_PageUp),
                                            QKeySequence("Alt+Left")])
        for action in (self.next_step_action, self.back_step_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            menu.addAction(action)
        menu.addSeparator()
        self.add_step_action = _action(
            self, tr("&Add this state as a step…"), "addStepAction", self._add_step,
            tip=tr("The settings, data, panes and focus shown now, as a step after this one "
                   "(a new lesson if none is open)."))
        self.edit_step_action = _action(self, tr("&Edit this step…"), "editStepAction",
                                        self._edit_step)
        self.earlier_action = _action(self, tr("Move step &earlier"), "earlierStepAction",
                                      lambda: lessons.move(-1))
        self.later_action = _action(self, tr("Move step &later"), "laterStepAction",
                                    lambda: lessons.move(+1))
        self.delete_step_action = _action(self, tr("&Delete this step"), "deleteStepAction",
                                          lessons.delete)
        self.leave_lesson_action = _action(self, tr("Lea&ve the lesson"), "leaveLessonAction",
                                           lessons.leave)
        for action in (self.add_step_action, self.edit_step_action, self.earlier_action,
                       self.later_action, self.delete_step_action, self.leave_lesson_action):
            menu.addAction(action)
        lessons.changed.connect(self.show_lesson)
        files.lessonOpened.connect(lessons.open)
        self.show_lesson()

    @Slot()
    def show_lesson(self) -> None:
        """What the Lesson menu can do with the lesson (and step) open now."""
        lesson, index = self.lessons.lesson, self.lessons.index
        count = len(lesson.steps) if lesson else 0
        for action, on in ((self.save_lesson_action, count > 0),
                           (self.next_step_action, index + 1 < count),
                           (self.back_step_action, count > 0 and index > 0),
                           (self.edit_step_action, count > 0),
                           (self.earlier_action, count > 0 and index > 0),
                           (self.later_action, index + 1 < count),
                           (self.delete_step_action, count > 0),
                           (self.leave_lesson_action, count > 0)):
            action.setEnabled(on)

    def _add_step(self) -> None:
        step = self.lessons.current_as_step("")
        dialog = StepDialog(self.window, step, tr("Add this state as a step"))
        if run_modal(dialog):
            self.lessons.add_step(dialog.step())

    def _edit_step(self) -> None:
        lesson = self.lessons.lesson
        if lesson is None:
            return
        dialog = StepDialog(self.window, lesson.steps[self.lessons.index], tr("Edit this step"))
        if run_modal(dialog):
            self.lessons.replace_step(dialog.step())

    @Slot(str)
    def explain(self, pane: str = "") -> None:
        """A pane's explanation ("": all of them, and the terms)."""
        run_modal(ExplanationDialog(self.window, pane))

    # --- Run and Help ---------------------------------------------------------------------
    def _build_run_menu(self, menu: QMenu) -> None:
        pins, race = self.pins, self.race
        menu.addAction(_action(
            self, tr("Random &start"), "randomStartAction", self.randomStartRequested.emit,
            tip=tr("Start from the article's seeded random draw (after a click on the "
                   "landscape chose a start).")))
        menu.addSeparator()
        self.pin_action = _action(
            self, tr("&Pin run"), "pinAction", pins.pin_run, "Ctrl+P",
            tr("Keep this run on the loss plot and the landscape, faded, and start a new one "
               "from the same start (Ctrl+P)."))
        clear_pins = _action(self, tr("&Clear pins"), "clearPinsAction", pins.clear_pins)
        self.race_action = _action(
            self, tr("&Race optimizers…"), "raceAction", race.open_dialog, "Ctrl+Shift+R",
            tr("GD, momentum, Nesterov, AdaGrad, RMSProp and Adam from the same start on the "
               "same data, side by side (Ctrl+Shift+R)."))
        self.end_race_action = _action(self, tr("&End race"), "endRaceAction", race.end, "Esc")
        self.end_race_action.setEnabled(False)
        for action in (self.pin_action, clear_pins, self.race_action, self.end_race_action):
            menu.addAction(action)
        menu.setToolTipsVisible(True)
        race.activeChanged.connect(self._show_racing)
        # A toolbar in the menu bar's corner: the buttons cost no height at 720 px.
        bar = QToolBar(self.window)  # a parent: PySide6 would otherwise delete it on return
        bar.setObjectName("compareToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.pin_action, self.race_action, self.end_race_action):
            bar.addWidget(ActionButton(action, bar))  # (not addAction: see ActionButton)
        self.window.menuBar().setCornerWidget(bar, Qt.Corner.TopRightCorner)

    @Slot(bool)
    def _show_racing(self, on: bool) -> None:
        self.pin_action.setEnabled(not on)
        self.race_action.setEnabled(not on)
        self.end_race_action.setEnabled(on)

    def _build_help_menu(self, menu: QMenu) -> None:
        window = self.window
        menu.addAction(_action(self, tr("&What am I looking at?"), "explainAction",
                               self.explain, QKeySequence(Qt.Key.Key_F1),
                               tr("What each panel shows, and every term its readouts use")))
        menu.addAction(_action(self, tr("&Keyboard shortcuts"), "shortcutsAction", lambda:
                               run_modal(ShortcutsDialog(window, shortcut_table(),
                                                         tr(SHORTCUT_NOTE)))))
        menu.addAction(_action(self, tr("&About QuadReg"), "aboutAction",
                               lambda: run_modal(AboutDialog(window))))
