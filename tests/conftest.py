"""Shared test setup: offscreen Qt, the oracle on sys.path."""

import os
import sys
from pathlib import Path

import pytest

# GUI tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True, scope="session")
def private_settings(tmp_path_factory):
    """QSettings (recent files) in a temporary folder, never the user's own."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))


@pytest.fixture
def settings():
    """The (temporary) settings, empty before and after the test.  Synced at once: a
    QSettings with a pending clear() would otherwise apply it later, over what a
    window saved meanwhile."""
    from quadreg_gui.gui import store

    s = store.settings()
    s.clear()
    s.sync()
    yield s
    s.clear()
    s.sync()


@pytest.fixture
def window(qtbot):
    """The main window at 1280 x 720 with its first data loaded; closed after the test,
    its training thread stopped."""
    from quadreg_gui.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: win.run.loaded is not None)
    yield win
    win.close()
    assert not win.thread.isRunning()
