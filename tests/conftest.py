"""Shared test setup: offscreen Qt, the oracle on sys.path, settings of their own."""

import gc
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import pytest

# GUI tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

# The user's own settings file, as the app finds it, and then a folder of the tests' own
# for every QSettings of this process and of the windows it starts in subprocesses:
# QSettings(organization, application) is always the native format, which
# QSettings.setDefaultFormat does not reach.
USER_SETTINGS = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") \
    / "QuadReg" / "QuadReg.conf"
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="quadreg-tests-")


def _fingerprint(path: Path) -> tuple:
    if not path.exists():
        return ("absent",)
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True, scope="session")
def users_settings_untouched():
    """Fails the run (at its end) if anything wrote or removed the user's settings."""
    before = _fingerprint(USER_SETTINGS)
    yield
    assert _fingerprint(USER_SETTINGS) == before, f"the tests changed {USER_SETTINGS}"


@pytest.fixture(autouse=True, scope="session")
def private_settings(tmp_path_factory):
    """QSettings (recent files) in a temporary folder, never the user's own."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))


@pytest.fixture(autouse=True, scope="session")
def application_as_quadreg_makes_it(qapp):
    """The application with QuadReg's font, as ``quadreg-gui`` starts (10 pt here, where
    pytest-qt's own starts at Qt's 9): every window scales from the size users see."""
    from quadreg_gui.gui.app import create_app

    create_app([])


@pytest.fixture(autouse=True, scope="session")
def compiled_kernels_cached():
    """Where numba is installed, its kernels compiled once, here, into numba's cache: the
    engines' processes the tests start then load them (0.3 s, in a thread of their own)
    instead of compiling them (two seconds of that thread holding their GIL)."""
    from quadreg_gui.core.training import compiled

    compiled.use_compiled()


@pytest.fixture(autouse=True, scope="session")
def long_lived_objects_frozen(compiled_kernels_cached):
    """What the session has loaded by now (pytest, hypothesis, Qt, numba) left out of
    every later garbage collection: the window collects in its GUI thread, and each
    full collection went through all of it (numba alone adds 80,000 objects; frozen,
    three of the window's test files ran in 32-33 s against 34-36 s on Python 3.13)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def float_loops():
    """Every test in this process on the float loops, unless it asks for the kernels:
    quadreg-train's main, called here, turns them on for the rest of its process."""
    from quadreg_gui.core.training import compiled

    compiled.use_compiled(False)
    yield
    compiled.use_compiled(False)


@pytest.fixture(autouse=True)
def default_look_after():
    """The application's font and colours back at 100 % after each test: they are the
    process's, and a window built under another test's 300 % font lays out otherwise."""
    yield
    looks = sys.modules.get("quadreg_gui.gui.look")
    if looks is not None and looks.current() != looks.Look():
        looks.apply_to_app(looks.Look(), looks.base_point_size())


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


#: The window's tests that CI's oldest Python runs (QUADREG_GUI=smoke): it has the same
#: Qt as the first Python, which ran them all; these reach most of the window's code.
GUI_SMOKE = {"test_gui.py", "test_gui_files.py", "test_gui_fuzz.py", "test_gui_session.py"}


def pytest_collection_modifyitems(config, items):
    """QUADREG_HEAVY=once (CI's second and third Python): the heavy end-to-end tests ran
    on the first, and nothing in them depends on the Python version.  QUADREG_GUI=smoke
    (CI's oldest Python, with the first one's Qt): of the window's tests, GUI_SMOKE."""
    heavy = pytest.mark.skip(reason="heavy: run once per CI, on its first Python")
    smoke = pytest.mark.skip(reason="the same Qt as CI's first Python, which ran it")
    for item in items:
        if os.environ.get("QUADREG_HEAVY") == "once" and "heavy" in item.keywords:
            item.add_marker(heavy)
        name = item.path.name
        if (os.environ.get("QUADREG_GUI") == "smoke" and name.startswith("test_gui")
                and name not in GUI_SMOKE):
            item.add_marker(smoke)
