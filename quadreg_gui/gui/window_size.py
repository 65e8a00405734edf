"""The window's size and the settings column's width, as the look and the language
change them."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QMainWindow, QSplitter

from .appearance import Appearance
from .panels.settings_column import SettingsColumn

DEFAULT_SIZE = (1260, 700)  # fits 1366x768 and a 1280x720 projector


class WindowSize(QObject):
    """The default size within the screen; after a new look or language, the settings
    column fitted to its labels' new widths in ``splitter``, and the window at the width
    it had (a larger scale grows its least width until the panes go one above the
    other, and a window on a small screen with it)."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, column: SettingsColumn,
                 appearance: Appearance) -> None:
        super().__init__(window)
        self.window, self.splitter, self.column = window, splitter, column
        self.appearance = appearance
        self._width_before: int | None = None  # before a look change

    def fit_to_screen(self) -> None:
        """The default size, shrunk to the screen's free area (taskbars, projectors)."""
        free = self.window.screen().availableGeometry()
        self.window.resize(min(DEFAULT_SIZE[0], free.width()),
                           min(DEFAULT_SIZE[1], free.height()))

    def look_changed(self) -> None:
        if self._width_before is None and self.window.isVisible():  # (not a session's)
            self._width_before = self.window.width()
        self.refit()

    def refit(self) -> None:
        """Once the fonts or texts have changed (their events are queued)."""
        QTimer.singleShot(0, self, self._fit_column)

    @Slot()
    def _fit_column(self) -> None:
        self.column.fit_in(self.splitter, self.appearance.look.scale)
        QTimer.singleShot(0, self, self._keep_width)  # once the panes are arranged anew

    @Slot()
    def _keep_width(self) -> None:
        before, self._width_before = self._width_before, None
        window = self.window
        if before is not None and window.width() > before \
                and not (window.isMaximized() or window.isFullScreen()):
            window.resize(before, window.height())
