"""Animations: the file has the frames, size and length asked for, its first and last
frames are the window's plot at the run's start and end, bad requests are named,
and nothing half-written is ever left."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib.util  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from quadreg_gui.core.config import ConfigError, TrainConfig  # noqa: E402
from quadreg_gui.core.files.animation import (  # noqa: E402
    MP4_MISSING,
    AnimationSpec,
    AnimationWriter,
    duration_seconds,
    frame_epochs,
    iter_frames,
)
from quadreg_gui.core.files.experiment import write_experiment  # noqa: E402

pytestmark = pytest.mark.heavy  # (QUADREG_HEAVY=once: CI runs it on one Python)

SIZE = (320, 240)


def export(tmp_path, out: str, *options: str) -> subprocess.CompletedProcess:
    experiment = tmp_path / "run.quadreg.json"
    if not experiment.exists():
        write_experiment(experiment, TrainConfig(), {}, None)
    return subprocess.run([sys.executable, "-m", "quadreg_gui", "--export-animation",
                           str(experiment), str(tmp_path / out), *options],
                          capture_output=True, text=True, timeout=120)


def test_frame_epochs_run_from_start_to_end_evenly():
    assert frame_epochs(800, 5) == [0, 200, 400, 600, 800]
    epochs = frame_epochs(800, 300)
    assert epochs[0] == 0 and epochs[-1] == 800 and np.all(np.diff(epochs) >= 2)


#: The window as the application makes it (its fonts are not the test process's), run
#: live at full speed on the article's settings (or racing the racers given), its loss
#: pane framed at SIZE: the pane at epoch 0 and at the end, saved as first.npy and
#: last.npy in the folder given.
LIVE = """
import sys, numpy as np
from PySide6.QtCore import QTimer
from quadreg_gui.core.analysis.race import parse_race
from quadreg_gui.gui.app import create_app
from quadreg_gui.gui.frame_loop import frame_of, stage
from quadreg_gui.gui.main_window import MainWindow
from quadreg_gui.gui.run_controls import SPEEDS
if __name__ == "__main__":
    folder, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    racing = sys.argv[4] if len(sys.argv) > 4 else ""
    app = create_app(["live"])
    window = MainWindow()
    window.run_controls.speed.setValue(len(SPEEDS) - 1)
    window.focus.set("loss")
    window.show()
    area = stage([window.grid], width, height)
    state = {"step": 0, "drawn": 0}
    def poll():
        run, step = window.run, state["step"]
        if run.loaded is None or run.loading or (step == 2 and run.state != "finished"):
            return
        if racing and not window.race.active:
            window.race.prepare(parse_race(racing, run.config, run.quad, run.loaded.initial))
        if racing and window.race.epoch is None:
            return
        if step in (0, 2):  # at the start, or finished: drawn as it is now
            state["drawn"] = window.redraws
            window.schedule_redraw()
            state["step"] += 1
        elif window.redraws > state["drawn"]:
            np.save(f"{folder}/{'first' if step == 1 else 'last'}.npy",
                    frame_of(area, width, height))
            state["step"] += 1
            window.toggle_run() if step == 1 else app.quit()
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(5)
    app.exec()
    window.shutdown()
"""


def test_a_gif_has_the_frames_size_and_length_asked_and_shows_the_live_run(tmp_path):
    done = export(tmp_path, "loss.gif", "--fps", "10", "--seconds", "1.5", "--size",
                  "320x240", "--area", "loss")
    assert done.returncode == 0, done.stderr
    assert "frame 15 of 15" in done.stderr and done.stderr.rstrip().endswith(
        f"wrote {tmp_path / 'loss.gif'}")
    frames = list(iter_frames(str(tmp_path / "loss.gif")))
    assert len(frames) == 15 and frames[0].shape == (240, 320, 3)
    assert duration_seconds(str(tmp_path / "loss.gif")) == pytest.approx(1.5)
    live = subprocess.run([sys.executable, "-c", LIVE, str(tmp_path), *map(str, SIZE)],
                          capture_output=True, text=True, timeout=120)
    assert live.returncode == 0, live.stderr
    first, last = (np.load(tmp_path / f"{name}.npy") for name in ("first", "last"))
    for ours, theirs in ((first, frames[0]), (last, frames[-1])):
        differ = np.abs(ours.astype(int) - theirs.astype(int)).max(axis=2) > 48
        assert differ.mean() < 0.005  # (a GIF has 256 colours)
    # The run moved between them: the first and the last frame are not the same picture
    # by the measure above.
    moved = np.abs(first.astype(int) - last.astype(int)).max(axis=2) > 48
    assert moved.mean() > 0.005


def test_a_race_replayed_ends_as_the_race_run_live(tmp_path):
    racers = "gd,momentum:lr=0.01,adam"
    done = export(tmp_path, "race.gif", "--fps", "4", "--seconds", "1", "--size", "320x240",
                  "--area", "loss", "--race", racers)
    assert done.returncode == 0, done.stderr
    frames = list(iter_frames(str(tmp_path / "race.gif")))
    assert len(frames) == 4
    live = subprocess.run([sys.executable, "-c", LIVE, str(tmp_path), *map(str, SIZE), racers],
                          capture_output=True, text=True, timeout=120)
    assert live.returncode == 0, live.stderr
    first, last = (np.load(tmp_path / f"{name}.npy") for name in ("first", "last"))
    for ours, theirs in ((first, frames[0]), (last, frames[-1])):
        differ = np.abs(ours.astype(int) - theirs.astype(int)).max(axis=2) > 48
        assert differ.mean() < 0.005  # (the legend too: placed before a frame is taken)
    solo = export(tmp_path, "solo.gif", "--fps", "4", "--seconds", "1", "--size", "320x240",
                  "--area", "loss")
    assert solo.returncode == 0, solo.stderr
    alone = list(iter_frames(str(tmp_path / "solo.gif")))[-1]
    assert (np.abs(alone.astype(int) - frames[-1].astype(int)).max(axis=2) > 48).mean() > 0.01
    bad = export(tmp_path, "bad.gif", "--race", "gd,sgd")
    assert bad.returncode == 2 and bad.stderr.strip().endswith(
        "race needs optimizers from gd, momentum, nesterov, adagrad, rmsprop, adam; got 'sgd'")
    assert not (tmp_path / "bad.gif").exists()


@pytest.mark.parametrize("options, message", [
    (("--size", "5000x10"), "size must be from 64x64 to 1920x1080; got 5000x10"),
    (("--size", "big"), "--size must be WIDTHxHEIGHT, e.g. 1280x720; got 'big'"),
    (("--fps", "0"), "fps must be a whole number from 1 to 60; got 0"),
    (("--seconds", "1e9"), "seconds must be a number in [0.1, 600]; got 1e+09"),
])
def test_bad_requests_are_named_and_write_nothing(tmp_path, options, message):
    done = export(tmp_path, "out.gif", *options)
    assert (done.returncode, done.stderr) == (2, f"quadreg-gui: error: {message}\n")
    assert not (tmp_path / "out.gif").exists()


def test_an_unknown_format_and_a_missing_experiment_are_named(tmp_path):
    done = export(tmp_path, "out.avi")
    assert done.returncode == 2 and done.stderr.endswith(
        "out.avi: an animation is a .gif or an .mp4 file\n")
    missing = subprocess.run([sys.executable, "-m", "quadreg_gui", "--export-animation",
                              str(tmp_path / "none.json"), str(tmp_path / "x.gif")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "none.json: no such file" in missing.stderr


def test_an_error_while_writing_leaves_no_file(tmp_path):
    spec = AnimationSpec(64, 64, 5, 1.0)
    for name in ("a.gif", "a.mp4") if has_ffmpeg() else ("a.gif",):
        with pytest.raises(ValueError, match="a frame of 64x64"):
            with AnimationWriter(str(tmp_path / name), spec) as writer:
                writer.write(np.zeros((64, 64, 3), np.uint8))
                writer.write(np.zeros((10, 10, 3), np.uint8))
    assert list(tmp_path.iterdir()) == []


def has_ffmpeg() -> bool:
    return importlib.util.find_spec("imageio_ffmpeg") is not None


def test_mp4_without_the_video_extra_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    with pytest.raises(ConfigError, match="MP4 needs the video extra"):
        with AnimationWriter(str(tmp_path / "a.mp4"), AnimationSpec(64, 64, 5, 1.0)):
            pass
    assert MP4_MISSING.startswith("MP4 needs") and list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not has_ffmpeg(), reason="MP4 needs the video extra")
def test_an_mp4_has_the_frames_size_and_length_asked(tmp_path):
    done = export(tmp_path, "run.mp4", "--fps", "12", "--seconds", "1", "--size", "320x240")
    assert done.returncode == 0, done.stderr
    frames = list(iter_frames(str(tmp_path / "run.mp4")))
    assert len(frames) == 12 and frames[0].shape == (240, 320, 3)
    assert duration_seconds(str(tmp_path / "run.mp4")) == pytest.approx(1.0, abs=0.05)


def test_a_lessons_caption_is_in_the_frames_and_a_bad_lesson_is_named(tmp_path):
    plain = export(tmp_path, "plain.gif", "--fps", "2", "--seconds", "1", "--size", "480x360",
                   "--area", "loss")
    caption = export(tmp_path, "caption.gif", "--fps", "2", "--seconds", "1", "--size",
                     "480x360", "--area", "loss", "--lesson", "article", "--step", "4")
    assert plain.returncode == caption.returncode == 0, caption.stderr
    top = (next(iter_frames(str(tmp_path / name)))[:60] for name in ("plain.gif",
                                                                   "caption.gif"))
    assert np.abs(np.subtract(*[t.astype(int) for t in top])).mean() > 5  # a caption on top
    bad = export(tmp_path, "bad.gif", "--lesson", str(tmp_path / "none.quadreg-lesson.json"))
    assert bad.returncode == 2 and "none.quadreg-lesson.json: no such file" in bad.stderr


@pytest.mark.skipif(has_ffmpeg(), reason="this Python has the video extra")
def test_an_mp4_without_the_video_extra_is_one_line_not_a_traceback(tmp_path):
    done = export(tmp_path, "run.mp4", "--seconds", "1", "--fps", "2")
    assert (done.returncode, done.stderr.splitlines()[-1]) == (
        2, f"quadreg-gui: error: {MP4_MISSING}")
    assert "Traceback" not in done.stderr and not (tmp_path / "run.mp4").exists()
