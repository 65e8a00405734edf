"""File > Export > Animation in the window: made beside it by a QuadReg of its own,
the window free meanwhile; Cancel and closing leave no file behind."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from quadreg_gui.core.files.animation import AnimationSpec, iter_frames  # noqa: E402
from quadreg_gui.core.analysis.race import racer  # noqa: E402
from quadreg_gui.gui import animation_export  # noqa: E402

import pytest  # noqa: E402

pytestmark = pytest.mark.heavy  # (QUADREG_HEAVY=once: CI runs it on one Python)


def test_the_dialog_exports_the_run_and_the_window_goes_on(qtbot, window, tmp_path,
                                                           monkeypatch):
    out = tmp_path / "run.gif"

    def choose(dialog):
        dialog.file.setText(str(out))
        dialog.size.setCurrentIndex(0)  # 640 x 360
        dialog.fps.setValue(5)
        dialog.seconds.setValue(1.0)
        dialog.area.setCurrentIndex(2)  # the loss plot
        return animation_export.AnimationDialog.DialogCode.Accepted

    monkeypatch.setattr(animation_export.AnimationDialog, "exec", choose)
    window.actions.findChild(type(window.actions.pin_action), "exportAnimationAction").trigger()
    assert window.animation.busy
    window.step()  # the window answers while the animation is made
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    qtbot.waitUntil(lambda: not window.animation.busy, timeout=60_000)
    assert window.statusBar().currentMessage() == "Saved run.gif"
    frames = list(iter_frames(str(out)))
    assert len(frames) == 5 and frames[0].shape == (360, 640, 3)


def test_a_race_shown_is_what_is_exported(qtbot, window, tmp_path):
    """The race's own QuadReg gets racers that are the window's, exactly (the replay of
    a race is checked against a live one in test_animation)."""
    run = window.run
    racers = [racer(spec, run.config, run.quad, run.loaded.initial)
              for spec in ("gd:lr=0.005", "adam", "nesterov")]
    window.race.begin(racers)
    qtbot.waitUntil(lambda: run.state == "finished", timeout=20_000)
    window.animation.start(str(tmp_path / "race.gif"), AnimationSpec(320, 240, 2, 1.0))
    arguments = window.animation.process.arguments()
    specs = arguments[arguments.index("--race") + 1].split(",")
    assert [racer(s, run.config, run.quad, run.loaded.initial).config for s in specs] == \
        [r.config for r in racers]
    qtbot.waitUntil(lambda: not window.animation.busy, timeout=60_000)
    assert len(list(iter_frames(str(tmp_path / "race.gif")))) == 2


def test_cancel_and_closing_leave_no_file(qtbot, window, tmp_path):
    out = tmp_path / "long.gif"
    window.animation.start(str(out), AnimationSpec(320, 240, 30, 60.0))
    qtbot.waitUntil(lambda: window.animation._progress.value() >= 2, timeout=60_000)
    window.animation.cancel()
    assert not window.animation.busy and list(tmp_path.iterdir()) == []
    window.animation.start(str(out), AnimationSpec(320, 240, 30, 60.0))
    process = window.animation.process
    qtbot.waitUntil(lambda: window.animation._progress.value() >= 2, timeout=60_000)
    window.close()
    assert process.state() == process.ProcessState.NotRunning
    assert list(tmp_path.iterdir()) == []


def test_a_bad_request_is_said_at_once(qtbot, window, tmp_path):
    window.animation.start(str(tmp_path / "run.avi"), AnimationSpec())
    assert not window.animation.busy
    assert window.banner.text() == (f"Not exported: {tmp_path / 'run.avi'}: an animation is a "
                                    ".gif or an .mp4 file")
