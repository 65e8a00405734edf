"""The remembered session: a round trip, corrupt values, and Restore defaults."""

from __future__ import annotations

import pytest
from cuts import cut_fields, cut_labels, cut_plots, settle
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.gui.look import Look
from quadreg_gui.gui.main_window import MainWindow


def open_window(qtbot) -> MainWindow:
    win = MainWindow(remember=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.run.loaded is not None)
    return win


def close(win: MainWindow) -> None:
    win.close()
    assert not win.thread.isRunning()


def test_settings_layout_and_look_come_back(qtbot, settings):
    win = open_window(qtbot)
    win.panel.editors["lr"].setValue(0.005)
    win.panel.editors["optimizer"].setCurrentIndex(
        win.panel.editors["optimizer"].findData("momentum"))
    win.appearance.set_look(Look(1.0, "dark", "colorblind"))
    win.actions.panel_actions["landscapeAction"].setChecked(False)
    win.landscape.equal_axes.setChecked(True)
    win.landscape.layer_actions["axes"].setChecked(False)
    win.landscape.layer_actions["grad"].setChecked(True)
    win.resize(win.minimumWidth(), 590)
    qtbot.waitUntil(lambda: win.height() == 590)
    for _ in range(3):  # the layouts done, as saving does them (the panes' least widths)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    sizes = win.centralWidget().sizes()
    config = win.run.config
    close(win)

    again = open_window(qtbot)
    assert again.run.config == config
    assert again.run.config.lr == 0.005 and again.run.config.optimizer == "momentum"
    assert again.appearance.look == Look(1.0, "dark", "colorblind")
    assert again.actions.colorblind_action.isChecked()
    assert again.actions.theme_actions["dark"].isChecked()
    assert not again.landscape.isVisible() and not again.actions.panel_actions["landscapeAction"] \
        .isChecked()
    assert again.landscape.equal_axes.isChecked()
    assert {key for key, (action, _) in again.landscape.options.items()
            if action.isChecked()} == {"path", "current", "start", "optimum", "grad",
                                       "batches", "equal_axes"}
    assert again.height() == 590  # (the offscreen screen is narrower than the window)
    assert again.centralWidget().sizes() == sizes
    assert again.run.epoch == 0  # the run itself starts fresh
    close(again)


def test_the_least_width_is_the_same_before_and_after_the_data_loads(qtbot, settings):
    """A window restored at its least width keeps it: a minimum that shrank at the first
    load (the landscape's slice choice shown until then) left it wider, its panes' sizes
    not the ones saved."""
    win = MainWindow(remember=True)
    qtbot.addWidget(win)
    win.show()
    assert win.run.loaded is None
    before = win.minimumSizeHint()
    qtbot.waitUntil(lambda: win.run.loaded is not None)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert win.minimumSizeHint().width() == before.width()
    close(win)


@pytest.mark.parametrize("size, scale", [((1280, 720), 2.0), ((1024, 768), 1.25),
                                         ((1366, 768), 3.0)],
                         ids=["1280x720-200%", "1024x768-125%", "1366x768-300%"])
def test_a_remembered_language_and_scale_cut_nothing(qtbot, settings, size, scale):
    """Chosen and then restored together, before the window has settled (a label column
    fitted to the old fonts once left every field of the Chinese settings cut)."""
    def nothing_cut(win: MainWindow) -> None:
        assert (cut_labels(win), cut_fields(win), cut_plots(win)) == ([], [], [])

    win = open_window(qtbot)
    win.resize(*size)
    win.findChild(QAction, "language_zh_CN").trigger()
    win.appearance.set_scale(scale)
    settle(qtbot, win, scale)
    qtbot.waitUntil(lambda: nothing_cut(win))
    close(win)
    again = open_window(qtbot)
    assert again.language.code == "zh_CN" and again.appearance.look.scale == scale
    settle(qtbot, again, scale)
    qtbot.waitUntil(lambda: nothing_cut(again))
    close(again)


def test_scale_comes_back_but_not_presentation_mode(qtbot, settings):
    win = open_window(qtbot)
    win.appearance.set_scale(1.25)
    win.presentation.set_active(True)
    close(win)
    again = open_window(qtbot)
    assert again.appearance.look.scale == 1.25 and not again.presentation.active
    assert not again.isFullScreen() and again.left.isVisible()
    close(again)


BAD = {
    "session/scale": ("abc", "scale"),
    "session/theme": ("purple", "theme"),
    "session/palette": ("rainbow", "palette"),
    "session/geometry": ("not bytes", "geometry"),
    "session/splitter/main": ("garbage", "splitter/main"),
    "session/splitter/width": ("wide", "splitter/width"),
}


def test_each_corrupt_value_falls_back_with_one_line(qtbot, settings, capfd):
    for key, (value, _) in BAD.items():
        settings.setValue(key, value)
    settings.setValue("session/config", '{"lr": -1, "epochs": "many", "bogus": 1, '
                                        '"momentum": 0.5}')
    settings.setValue("session/hidden", "landscapeAction,noSuchPanel")
    settings.setValue("session/landscape", "equal_axes,noSuchLayer")
    settings.sync()
    win = open_window(qtbot)
    err = capfd.readouterr().err.splitlines()
    named = [line for line in err if line.startswith("quadreg-gui: ignoring the remembered")]
    for _, label in BAD.values():
        assert sum(f" {label} = " in line for line in named) == 1, label
    for setting in ("lr", "epochs", "bogus"):
        assert sum(f"setting {setting} =" in line for line in named) == 1, setting
    assert sum("hidden panel" in line for line in named) == 1
    assert sum("landscape option = 'noSuchLayer'" in line for line in named) == 1, named
    assert len(named) == len(err) == len(BAD) + 5
    assert win.landscape.equal_axes.isChecked()  # the good one is kept
    assert win.run.config == TrainConfig(momentum=0.5)  # the good value is kept
    assert win.appearance.look == Look()
    assert not win.actions.panel_actions["landscapeAction"].isChecked()
    close(win)


@pytest.mark.parametrize("scale", ["0.5", "9", "nan", "inf", "-1"])
def test_out_of_range_scale_falls_back(qtbot, settings, capfd, scale):
    settings.setValue("session/scale", scale)
    settings.sync()
    win = open_window(qtbot)
    assert win.appearance.look.scale == 1.0
    assert capfd.readouterr().err.count("ignoring the remembered scale") == 1
    close(win)


@pytest.mark.parametrize("content", [b"\x00\xff\xfe garbage \x01", b"[session\nconfig=",
                                     b"[session]\nconfig=[1, 2]\nhidden=@Invalid()\n",
                                     b"[session]\ngeometry=@ByteArray(\\x1\\x2)\n",
                                     b"[session]\nconfig=" + b"[" * 100_000 + b"\n"])
def test_a_corrupt_settings_file_starts_cleanly(qtbot, settings, content):
    path = settings.fileName()
    settings.sync()
    with open(path, "wb") as f:
        f.write(content)
    win = open_window(qtbot)
    assert win.run.config == TrainConfig()
    close(win)


def test_restore_defaults(qtbot, settings):
    win = open_window(qtbot)
    win.panel.editors["lr"].setValue(0.02)
    win.appearance.set_look(Look(2.0, "dark", "colorblind"))
    win.actions.panel_actions["logAction"].setChecked(False)
    win.landscape.equal_axes.setChecked(True)
    win.landscape.layer_actions["path"].setChecked(False)
    restore = win.findChild(type(win.actions.presentation_action), "restoreDefaultsAction")
    restore.trigger()
    qtbot.waitUntil(lambda: win.run.loaded is not None and win.run.loaded.config == TrainConfig())
    assert win.run.config == TrainConfig()
    assert win.appearance.look == Look()
    assert all(action.isChecked() for action in win.actions.panel_actions.values())
    assert all(action.isChecked() == default
               for action, default in win.landscape.options.values())
    assert win.panel.editors["lr"].value() == TrainConfig().lr
    close(win)
    assert QSettings().value("session/scale") in (None, "1")
