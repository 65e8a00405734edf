"""The main window, driven as a user would, against the headless trainer and the oracle.

Offscreen (conftest sets QT_QPA_PLATFORM); every wait is waitUntil/waitSignal; a
Qt warning or an exception in a slot fails the test (pyproject: qt_log_level_fail).
"""

import gc
import subprocess
import time
import sys
import textwrap

import numpy as np
import pytest
from oracle import reference_run

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QObject, Qt, Slot  # noqa: E402
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QPushButton  # noqa: E402

from quadreg_gui.core.config import TrainConfig  # noqa: E402
from quadreg_gui.core.logformat import final_lines, initial_line, log_lines  # noqa: E402
from quadreg_gui.core.training.trainer import train  # noqa: E402
from quadreg_gui.gui.main_window import MainWindow  # noqa: E402
from quadreg_gui.gui.run_controls import SPEEDS  # noqa: E402

OBJECT_NAMES = ["nPointsSpin", "noiseSpin", "seedSpin", "lrSpin", "epochsSpin",
                "optimizerCombo", "momentumSpin", "l2Spin", "batchSizeSpin", "speedControl",
                "startButton", "stepButton", "resetButton", "logView", "messageBanner",
                "dataPlot", "lossPlot"]


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)  # closed at teardown: the worker thread must stop cleanly
    win.show()
    qtbot.waitUntil(lambda: win.run.loaded is not None)
    yield win
    win.close()
    assert not win.thread.isRunning()


def find(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def set_speed(window, speed):
    window.run_controls.speed.setValue(SPEEDS.index(speed))


def click(qtbot, window, name):
    qtbot.mouseClick(find(window, QPushButton, name), Qt.MouseButton.LeftButton)


def run_history(window):
    """The run's one history, in the worker: read once the worker is idle."""
    return window.worker.trainer.history


def log_text(window):
    return window.log.lines()


def test_object_names_tooltips_and_accessible_names(window):
    from PySide6.QtWidgets import QWidget
    for name in OBJECT_NAMES:
        w = window.findChild(QWidget, name)
        assert w is not None, name
        if name not in ("logView", "messageBanner", "dataPlot", "lossPlot"):
            assert w.toolTip(), name
        assert w.accessibleName(), name
    assert window.windowTitle() == "QuadReg"
    assert not window.windowIcon().pixmap(32, 32).isNull()


def test_default_run_equals_the_headless_trainer(qtbot, window):
    set_speed(window, float("inf"))
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    headless = train(TrainConfig())
    np.testing.assert_array_equal(run_history(window).params, headless.history.params)
    np.testing.assert_array_equal(run_history(window).loss, headless.history.loss)
    names = headless.model.params
    obj = headless.objective
    expected = [initial_line(names, headless.initial),
                *log_lines(headless.history, names, 100),
                *final_lines(names, headless.theta, headless.loss, obj.optimum, obj.min_loss)]
    assert log_text(window) == expected
    assert log_text(window)[1] == "Epoch 0: w=0.8692, b=0.9866, Loss=237.1448"
    qtbot.waitUntil(lambda: window.run.curve.epochs[-1] == 799)  # the plot has the last epoch
    curve = window.run.curve
    np.testing.assert_array_equal(curve.loss, headless.history.loss[curve.epochs])
    qtbot.waitUntil(lambda: window.status_labels["epoch"].text() == "800 of 800 epochs")


def test_space_on_the_focused_start_button_toggles_once(qtbot, window):
    focused = window.focusWidget()
    assert focused is find(window, QPushButton, "startButton")
    set_speed(window, 20)
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.run.epoch >= 3)
    assert window.run.state == "running"  # toggled once, not started and paused at once
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.run.state == "paused")


def test_start_pause_resume_and_another_round(qtbot, window):
    set_speed(window, 100)
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.epoch >= 5)
    click(qtbot, window, "startButton")  # pause
    qtbot.waitUntil(lambda: window.run.state == "paused")
    paused_at = window.run.epoch
    assert find(window, QPushButton, "startButton").text() == "Resume"
    set_speed(window, float("inf"))
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    assert paused_at < 800 and window.run.epoch == 800
    np.testing.assert_array_equal(run_history(window).params, train(TrainConfig()).history.params)
    click(qtbot, window, "startButton")  # another round of 800
    qtbot.waitUntil(lambda: window.run.state == "finished" and window.run.epoch == 1600,
                    timeout=20_000)
    np.testing.assert_array_equal(run_history(window).epochs, np.arange(1600))


def test_step_runs_exactly_one_epoch(qtbot, window):
    for k in range(1, 4):
        click(qtbot, window, "stepButton")
        qtbot.waitUntil(lambda k=k: window.run.epoch == k)
    headless = train(TrainConfig(epochs=3))
    np.testing.assert_array_equal(run_history(window).params, headless.history.params)
    assert window.run.state == "paused"
    qtbot.keyClick(window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: window.run.epoch == 4)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.run.epoch == 5)


def test_many_epochs_as_one_step_are_the_run_s_epochs_and_leave_it_paused(qtbot, window):
    """What an animation's replay asks between two frames: one command, not one per
    epoch (a 4-frame export of the article's run took 2.8 s with 800 Steps, 1.1 s now)."""
    window.requestSteps.emit(250)
    qtbot.waitUntil(lambda: window.run.epoch == 250)
    window.requestSteps.emit(300)
    qtbot.waitUntil(lambda: window.run.epoch == 550)
    assert window.run.state == "paused"
    window.requestSteps.emit(1000)  # on past the run's 800, as Step goes on
    qtbot.waitUntil(lambda: window.run.epoch == 1550)
    assert window.run.state == "finished"
    headless = train(TrainConfig(epochs=1550))
    np.testing.assert_array_equal(run_history(window).params, headless.history.params)


def test_reset_returns_to_epoch_zero(qtbot, window):
    set_speed(window, float("inf"))
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    click(qtbot, window, "resetButton")
    qtbot.waitUntil(lambda: window.run.state == "ready" and window.run.epoch == 0)
    assert log_text(window) == ["Initial parameters: w=0.7783, b=0.7796"]
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    np.testing.assert_array_equal(run_history(window).params, train(TrainConfig()).history.params)
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: window.run.state == "ready" and window.run.epoch == 0)


def test_live_lr_change_changes_only_later_epochs(qtbot, window):
    set_speed(window, 50)
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.epoch >= 10)
    find(window, QDoubleSpinBox, "lrSpin").setValue(0.005)
    set_speed(window, float("inf"))
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    lr = run_history(window).lr
    k = int(np.argmax(lr == 0.005))
    assert k >= 10 and (lr[:k] == 0.001).all() and (lr[k:] == 0.005).all()
    x, y = window.run.loaded.data.x, window.run.loaded.data.y
    params, _ = reference_run(x, y, window.run.loaded.initial, epochs=800,
                              lr_at_epoch=lambda e: 0.001 if e < k else 0.005)
    np.testing.assert_allclose(run_history(window).params, params, rtol=1e-9)
    assert [m.epoch for m in window.loss_plot.marks] == [k]


def test_lowering_epochs_below_the_current_one_finishes_the_run(qtbot, window):
    set_speed(window, 50)
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.epoch >= 20)
    window.findChild(object, "epochsSpin").setValue(5)
    qtbot.waitUntil(lambda: window.run.state == "finished")
    assert find(window, QPushButton, "startButton").text() == "Run 5 more"
    done = window.run.epoch
    qtbot.waitUntil(lambda: window.status_labels["epoch"].text() == f"{done} of {done} epochs")
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "finished" and window.run.epoch == done + 5)
    qtbot.waitUntil(lambda: window.status_labels["epoch"].text()
                    == f"{done + 5} of {done + 5} epochs")


def test_divergence_shows_a_message_and_reset_recovers(qtbot, window):
    banner = window.banner
    find(window, QDoubleSpinBox, "lrSpin").setValue(0.05)
    assert banner.level == "warning" and "will diverge" in banner.text()
    set_speed(window, float("inf"))
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "diverged", timeout=20_000)
    assert banner.level == "error"
    assert "Diverged at epoch" in banner.text() and "stable limit 0.01776" in banner.text()
    assert "for gradient descent" in banner.text()
    assert not find(window, QPushButton, "startButton").isEnabled()
    view = window.data_plot.getViewBox().viewRange()
    assert view[1][1] < 100  # the data view did not zoom out to the exploding fit
    find(window, QDoubleSpinBox, "lrSpin").setValue(0.001)
    click(qtbot, window, "resetButton")
    qtbot.waitUntil(lambda: window.run.state == "ready")
    assert banner.text() == "" and banner.level == "hint"
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)


def test_loss_scale_can_be_switched_to_linear(qtbot, window):
    from PySide6.QtGui import QAction
    action = next(a for a in window.findChildren(QAction) if "log scale" in a.text())
    assert action.isChecked() and window.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    min_loss = window.run.loaded.min_loss
    assert window.loss_plot.minimum.value() == pytest.approx(np.log10(min_loss))
    action.setChecked(False)
    assert not window.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    assert window.loss_plot.minimum.value() == pytest.approx(min_loss)


def test_validation_message_names_the_field(qtbot, window):
    momentum = find(window, QComboBox, "optimizerCombo")
    momentum.setCurrentIndex(momentum.findData("momentum"))
    spin = find(window, QDoubleSpinBox, "momentumSpin")
    assert spin.isVisibleTo(window)
    spin.setValue(1.0)
    banner = window.banner
    qtbot.waitUntil(lambda: banner.text() != "")
    assert banner.text() == "momentum must be a number in [0, 1); got 1.0"
    assert window.panel.config.momentum == 0.9  # the invalid value was not applied
    spin.setValue(0.5)
    qtbot.waitUntil(lambda: banner.text() == "")
    assert window.panel.config.momentum == 0.5
    momentum.setCurrentIndex(momentum.findData("gd"))
    assert not spin.isVisibleTo(window)


def test_typed_learning_rate_is_validated_as_typed_and_applied_on_enter(qtbot, window):
    spin = find(window, QDoubleSpinBox, "lrSpin")
    banner = window.banner
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "0")
    qtbot.waitUntil(lambda: banner.text() != "")
    assert banner.text() == "lr must be a number in (0, 1e6]; got 0.0"
    qtbot.keyClicks(spin.lineEdit(), ".05")
    qtbot.waitUntil(lambda: banner.text() == "")
    assert window.panel.config.lr == 0.001  # not applied before Enter
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.config.lr == 0.05)
    slider = window.panel.lr_slider
    lo, _ = slider.decades
    assert slider.slider.value() == round((np.log10(0.05) - lo) * 20)


def test_typed_x_range_is_checked_across_fields(qtbot, window):
    x_from = window.panel.editors["x_min"]
    banner = window.banner
    x_from.lineEdit().selectAll()
    qtbot.keyClicks(x_from.lineEdit(), x_from.locale().toString(1.5, "f", 1))
    qtbot.waitUntil(lambda: banner.text() != "")
    assert banner.text() == "x_max must be greater than x_min (1.5); got 1"


@pytest.mark.parametrize("name, typed, message", [
    # Each once became another value without a word (1308, 1, 1844674407) or went back.
    ("noise", "1e308", "noise must be a number in [0, 1e6]; got 1e+308; Noise stays 0.200"),
    ("seed", "-1", "seed must be a whole number from 0 to 4294967295; got -1; Seed stays 100"),
    ("seed", "18446744073709551616", "seed must be a whole number from 0 to 4294967295; got "
     "18446744073709551616; Seed stays 100"),
    ("n_points", "1", "n_points must be a whole number from 2 to 10000000; got 1; Points "
     "stays 100"),
    ("lr", "1e300", "lr must be a number in (0, 1e6]; got 1e+300; Learning rate stays 0.001"),
    ("noise", "0.12345", "Noise takes 0.000 to 1000000.000 here, at most 3 decimals, not "
     "0.12345; it stays 0.200"),
    # Found by the fuzzing machine once keystrokes landed: int(inf) raised in a slot.
    ("n_points", "inf", "n_points must be a whole number from 2 to 10000000; got 'inf'; "
     "Points stays 100"),
    ("n_points", "1.5", "n_points must be a whole number from 2 to 10000000; got '1.5'; "
     "Points stays 100"),
])
def test_a_typed_value_not_taken_is_named_with_what_is_allowed(qtbot, window, name, typed,
                                                              message):
    editor = window.panel.editors[name]
    before = window.run.config
    editor.setFocus()
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor.lineEdit(), typed)
    assert editor.lineEdit().text() == typed  # every keystroke landed
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.banner.text() == message
    editor.editingFinished.emit()  # as leaving the field does (Enter hands the keys back)
    assert window.banner.text() == message
    assert window.run.config == before


def test_numbers_are_read_in_the_users_locale(qtbot):
    from PySide6.QtCore import QLocale
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.run.loaded is not None)
        x_from = win.panel.editors["x_min"]
        x_from.lineEdit().selectAll()
        qtbot.keyClicks(x_from.lineEdit(), "1,5")  # German decimal comma
        qtbot.waitUntil(lambda: win.banner.text() != "")
        assert win.banner.text() == "x_max must be greater than x_min (1.5); got 1"
        win.close()
    finally:
        QLocale.setDefault(previous)


def test_data_change_while_idle_regenerates_the_data(qtbot, window):
    old_y = window.run.loaded.data.y
    find(window, QDoubleSpinBox, "noiseSpin").setValue(0.5)
    qtbot.waitUntil(lambda: window.run.loaded.config.noise == 0.5)
    assert not np.array_equal(window.run.loaded.data.y, old_y)
    shown = window.data_plot.scatter.getData()[1]
    np.testing.assert_array_equal(np.sort(shown), np.sort(window.run.loaded.data.y))
    click(qtbot, window, "newDataButton")
    qtbot.waitUntil(lambda: window.run.loaded.config.seed == 101)


def test_data_change_while_running_keeps_running_on_the_new_data(qtbot, window):
    set_speed(window, 50)
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.epoch >= 5)
    window.findChild(object, "nPointsSpin").setValue(40)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 40)
    assert window.data_plot.scatter.getData()[0].size == 40
    qtbot.waitUntil(lambda: window.run.epoch >= 5)  # the new run, from epoch 0
    assert window.run.state == "running"
    history = run_history(window).params  # (the run goes on: its epochs as read here)
    headless = train(TrainConfig(n_points=40, epochs=len(history)))
    np.testing.assert_array_equal(history, headless.history.params[:len(history)])


def test_large_data_shows_a_labelled_subsample(qtbot, window):
    window.findChild(object, "nPointsSpin").setValue(200_000)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 200_000, timeout=20_000)
    assert window.data_plot.scatter.getData()[0].size == 5_000
    assert window.data_plot.subsample_note == "showing a random 5,000 of 200,000 points"
    assert window.data_plot.legend.getLabel(window.data_plot.scatter).text == "data"


def test_closing_mid_run_stops_the_worker(qtbot, window):
    set_speed(window, float("inf"))
    find(window, QDoubleSpinBox, "lrSpin").setValue(0.0001)
    window.findChild(object, "epochsSpin").setValue(10_000_000)
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.epoch > 1000, timeout=20_000)
    window.close()
    assert not window.thread.isRunning()


def test_quitting_the_app_mid_run_exits_cleanly(tmp_path):
    script = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QTimer
        from quadreg_gui.gui.app import create_app
        from quadreg_gui.gui.main_window import MainWindow
        app = create_app(sys.argv)
        win = MainWindow()
        win.run_controls.speed.setValue(win.run_controls.speed.maximum())
        win.panel.editors["epochs"].setValue(10_000_000)
        win.show()
        def poll():
            if win.run.state == "ready" and win.run.loaded is not None:
                win.toggle_run()
            elif win.run.state == "running" and win.run.epoch > 1000:
                win.close()
                app.quit()
        timer = QTimer(); timer.timeout.connect(poll); timer.start(20)
        app.aboutToQuit.connect(win.shutdown)
        sys.exit(app.exec())
    """)
    # Run outside the checkout, so the installed package is the one imported.
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    offscreen_note = "This plugin does not support propagateSizeHints()"
    assert [ln for ln in proc.stderr.splitlines() if ln != offscreen_note] == []


def test_the_loss_curve_is_sent_at_most_every_curve_interval_and_at_the_end(
        qtbot, window, monkeypatch):
    """Reducing the history to a plot costs the worker time: with the clock standing
    still, only the first report and the last one carry a curve."""
    import quadreg_gui.gui.worker as worker_module
    monkeypatch.setattr(worker_module, "clock", lambda: 1000.0)
    reports = Recorder()
    window.worker.progressed.connect(reports.take)
    window.panel.editors["epochs"].setValue(5_000_000)  # about 25 batches of 20 ms
    set_speed(window, float("inf"))
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    sent = reports.curves
    assert len(sent) >= 10
    assert [i for i, curve in enumerate(sent) if curve] == [0, len(sent) - 1]


class Recorder(QObject):
    """Records, in the GUI thread, which progress reports carry a loss curve."""

    def __init__(self) -> None:
        super().__init__()
        self.curves: list[bool] = []

    @Slot(object)
    def take(self, progress) -> None:
        self.curves.append(progress.curve is not None)


def test_the_window_survives_its_training_process_ending(qtbot, window):
    """Killed while idle (out of memory, say): the window notices at once, with no
    command to find it, a new process (like the old one: loading the compiled loops at
    its start or not) starts the run over on the same data, the status bar says so,
    and the next command works at the first press."""
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: window.run.latest is not None and window.run.latest.epoch == 1)
    lost = window.worker.engine
    lost.warm = True  # (as the application's: the new one loads the compiled loops too)
    before = window.run.loaded
    lost._process.kill()
    qtbot.waitUntil(lambda: "restarted" in window.statusBar().currentMessage(), timeout=5_000)
    assert window.worker.engine.warm
    qtbot.waitUntil(lambda: window.run.loaded is not before and window.run.state == "ready")
    assert window.run.loaded.generation > before.generation  # the same data, made again
    np.testing.assert_array_equal(window.run.loaded.data.x, before.data.x)
    np.testing.assert_array_equal(window.run.loaded.data.y, before.data.y)
    assert window.worker.engine is not lost and window.run.epoch == 0
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: window.run.latest is not None and window.run.latest.epoch == 1
                    and window.run.latest.generation == window.run.loaded.generation)
    np.testing.assert_array_equal(window.run.latest.theta, train(TrainConfig(epochs=1)).theta)


def test_a_command_that_finds_the_process_gone_still_happens(qtbot, window, monkeypatch):
    """Ended before the window could notice: the Step that found it gone is not spent
    on the restart; it steps the new run."""
    from quadreg_gui.gui.worker import TrainingWorker

    monkeypatch.setattr(TrainingWorker, "_watch", lambda self: None)  # not noticed
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: window.run.latest is not None and window.run.latest.epoch == 1)
    lost = window.worker.engine
    lost._process.kill()
    lost.join(5)
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: "restarted" in window.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(lambda: window.run.latest is not None and window.run.latest.epoch == 1
                    and window.run.latest.generation == window.run.loaded.generation)
    assert window.worker.engine is not lost


def test_an_engine_that_stops_answering_is_replaced_and_the_command_happens(qtbot, window):
    """Stopped (SIGSTOP): Space presses once queued up for good, or until it was
    continued, and then ended the run paused.  Now a command that waits too long
    replaces the process, and happens there."""
    import contextlib
    import os
    import signal

    window.commands.patience_s = 1.0  # (30 s in use)
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    lost = window.worker.engine
    os.kill(lost._process.pid, signal.SIGSTOP)
    try:
        click(qtbot, window, "stepButton")
        qtbot.waitUntil(lambda: window.worker.engine is not lost, timeout=5_000)
        qtbot.waitUntil(lambda: window.run.latest is not None and window.run.latest.epoch == 1
                        and window.run.latest.generation == window.run.loaded.generation,
                        timeout=5_000)
    finally:
        if lost._process.is_alive():
            with contextlib.suppress(ProcessLookupError):  # (ended meanwhile: replaced)
                os.kill(lost._process.pid, signal.SIGCONT)
    assert not lost._process.is_alive() or lost.closed


class Reports(QObject):
    """Records, in the GUI thread, each progress report's epoch and logged epochs."""

    def __init__(self) -> None:
        super().__init__()
        self.epochs: list[int] = []
        self.logged: list[np.ndarray] = []

    @Slot(object)
    def take(self, progress) -> None:
        self.epochs.append(progress.epoch)
        self.logged.append(progress.logged.epochs)


def test_training_runs_on_while_the_window_holds_a_report(qtbot, window):
    """The engine never waits for the window: while a report is unacknowledged it
    trains on, no second report is sent, and the next one carries every logged epoch
    since (none lost, none twice) up to the end of the run."""
    worker = window.worker
    window.reports.acknowledged.disconnect(worker.acknowledge)
    reports = Reports()
    worker.progressed.connect(reports.take)
    window.panel.editors["epochs"].setValue(5_000_000)
    set_speed(window, float("inf"))
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: len(reports.epochs) == 1)
    first = reports.epochs[0]
    qtbot.waitUntil(lambda: worker.engine.status().epoch >= first + 1_000_000, timeout=20_000)
    assert len(reports.epochs) == 1
    window.reports.acknowledged.connect(worker.acknowledge)
    window.reports.acknowledged.emit()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    assert reports.epochs[1] >= first + 1_000_000 and reports.epochs[-1] == 5_000_000
    logged = np.concatenate(reports.logged)
    np.testing.assert_array_equal(logged, np.arange(0, 5_000_000, 100))  # as the article logs


def test_ticks_at_maximum_speed_come_a_frame_after_the_last_one_began():
    """A tick waits for the engine's piece under way (twice: a run and a report, up to
    5 ms each).  Counted from its end, ticks came every 20-26 ms and the window redrew
    35 times a second; counted from its start, every FRAME_MS (56 redraws a second)."""
    from quadreg_gui.gui.worker import FRAME_MS, TrainingWorker
    worker = TrainingWorker()
    try:
        worker._running, worker._speed = True, float("inf")
        worker._tick_began = time.perf_counter() - 0.010  # a tick that took 10 ms
        worker._rearm()
        assert 0 <= worker._timer.remainingTime() <= FRAME_MS - 9
    finally:
        worker._timer.stop()
        worker.close_engine()


def _within(qtbot, condition, seconds):
    """Wait for ``condition``; how long it took, failing past 10 s.  (The closed windows
    of earlier tests are collected first, not by the collector inside the timing.)"""
    gc.collect()
    began = time.perf_counter()
    qtbot.waitUntil(condition, timeout=10_000)
    took = time.perf_counter() - began
    assert took < seconds, f"took {took * 1000:.0f} ms"
    return took


@pytest.mark.parametrize("n_points", [100, 10**6])
def test_pause_step_and_reset_answer_within_100_ms_when_epochs_become_expensive(
        qtbot, window, n_points):
    """A batch of epochs grown for a cheap epoch must not be kept for an expensive one:
    full batch at maximum speed, then batch size 1 (an epoch 500x dearer at 100
    points, half a second at 10^6), Reset, Start, Pause, Step, Reset."""
    set_speed(window, float("inf"))
    window.findChild(object, "epochsSpin").setValue(3_000_000)
    if n_points != 100:
        window.findChild(object, "nPointsSpin").setValue(n_points)
        window.findChild(object, "lrSpin").setValue(1e-6)  # below its stable limit
        qtbot.waitUntil(lambda: window.run.loaded.data.n == n_points, timeout=20_000)
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.epoch > 20_000, timeout=20_000)
    window.findChild(object, "batchSizeSpin").setValue(1)
    qtbot.keyClick(window, Qt.Key.Key_R)
    _within(qtbot, lambda: window.run.state == "ready" and window.run.epoch == 0, 0.1)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.run.state == "running", timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    _within(qtbot, lambda: window.run.state == "paused", 0.1)
    click(qtbot, window, "startButton")
    qtbot.waitUntil(lambda: window.run.state == "running", timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_R)
    _within(qtbot, lambda: window.run.state == "ready" and window.run.epoch == 0, 0.1)


def test_a_live_change_between_two_quick_loads_is_not_sent_to_the_old_data(qtbot, window):
    """Points 200 (its load is skipped for the next), lr, points 300: the lr change
    carries the skipped data's settings and is not applied to the old data (a
    ValueError in the worker's slot); the run ends on the newest data with that lr."""
    points = window.findChild(object, "nPointsSpin")
    points.setValue(200)
    window.panel.editors["lr"].setValue(0.0005)
    points.setValue(300)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 300 and not window.run.loading,
                    timeout=10_000)
    assert window.run.loaded.config.lr == 0.0005


def test_the_self_test_passes_and_fails_when_the_log_differs(qtbot, monkeypatch, capsys):
    """quadreg-gui --self-test: the window's log against the article's loop; a log
    that differs (here: the reference made to differ) fails with both shown."""
    from quadreg_gui.gui import self_test as module
    from quadreg_gui.gui.main_window import MainWindow
    assert module.self_test([], MainWindow, "quadreg-gui") == 0
    assert "self-test passed: the window's 9 log lines equal the article's, and its " \
        "notebook is valid" in capsys.readouterr().out
    changed = module.article_log()
    changed[-1] = changed[-1].replace("Epoch 700", "Epoch 701")
    monkeypatch.setattr(module, "article_log", lambda: changed)
    assert module.self_test([], MainWindow, "quadreg-gui") == 1
    err = capsys.readouterr().err
    assert "self-test FAILED" in err and "article: Epoch 701" in err
