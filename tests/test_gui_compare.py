"""Pinned runs and races in the window (pytest-qt, offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
import threading  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

from quadreg_gui.cli import main as cli_main  # noqa: E402
from quadreg_gui.core.analysis.race import DEFAULT_RACE, default_race, results_table  # noqa: E402
from quadreg_gui.core.training.engine_process import RemoteEngine  # noqa: E402
from quadreg_gui.gui.race_dialog import RaceDialog  # noqa: E402
from quadreg_gui.gui.run_controls import SPEEDS  # noqa: E402


@pytest.fixture
def window(window):
    """The shared window (conftest), at maximum speed."""
    window.run_controls.speed.setValue(len(SPEEDS) - 1)
    return window


def run_to_end(qtbot, win, epochs=800):
    win.toggle_run()
    qtbot.waitUntil(lambda: win.run.state == "finished" and win.run.epoch == epochs,
                    timeout=10_000)


def curve_items(win):
    """The loss panel's other-run curves and the landscape's other-run lines, by key."""
    return ({k: v[0] for k, v in win.loss_plot._traces.items()},
            dict(win.landscape._trace_items))


def test_pin_then_change_lr_shows_both_runs(qtbot, window):
    run_to_end(qtbot, window)
    pinned_curve = window.run.curve.loss.copy()
    pinned_path = window.run.path.params.copy()
    window.actions.pin_action.trigger()
    qtbot.waitUntil(lambda: window.run.epoch == 0 and window.run.state == "ready")
    assert window.pins_panel.list.count() == 1
    window.panel.editors["lr"].setValue(0.005)
    qtbot.waitUntil(lambda: window.pins_panel.list.item(0).text() == "Pin 1: lr 0.001")
    run_to_end(qtbot, window)
    qtbot.waitUntil(lambda: window.loss_plot.curve.getData()[0] is not None
                    and len(window.loss_plot.curve.getData()[0]) == len(window.run.curve.loss))
    curves, lines = curve_items(window)
    assert list(curves) == [1] and list(lines) == [1]
    # The pinned curve is the first run's, unchanged; the live one is the new run's.
    x, y = curves[1].getData()
    np.testing.assert_allclose(10 ** y, pinned_curve, rtol=1e-12)  # a log axis: log10 units
    _, live = window.loss_plot.curve.getData()
    assert not np.allclose(10 ** live[1:100], pinned_curve[1:100], rtol=1e-3, atol=0)
    u, v = lines[1].getData()
    np.testing.assert_allclose(np.column_stack([u, v])[1:], pinned_path, rtol=1e-12)
    u2, v2 = window.landscape.plot.path.getData()
    assert len(u2) == len(window.run.path.params) + 1
    legend = [label.text for _, label in window.loss_plot.legend.items]
    assert "Pin 1: lr 0.001" in legend and "measured" in legend


def test_pins_survive_reset_and_settings_and_go_with_new_data(qtbot, window):
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    window.pins.pin_run()
    qtbot.waitUntil(lambda: window.run.epoch == 0)
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    window.pins.pin_run()
    assert window.pins_panel.list.count() == 2
    window.reset()
    window.panel.editors["lr"].setValue(0.002)
    qtbot.waitUntil(lambda: len(window.loss_plot._traces) == 2)
    colors = {pin.color for pin in window.pins.board.pins}
    assert colors == {0, 1}
    window.pins_panel.list.setCurrentRow(0)
    window.pins_panel.remove_button.click()
    qtbot.waitUntil(lambda: list(window.loss_plot._traces) == [2])
    window.panel.editors["seed"].setValue(7)  # new data
    qtbot.waitUntil(lambda: not window.pins.board.pins and not window.loss_plot._traces)
    assert "Pins cleared" in window.statusBar().currentMessage()
    assert window.pins_panel.list.count() == 0


def test_a_pin_of_another_model_is_gone_before_the_new_model_is_drawn(qtbot, window):
    """A pin of w, b, then the model a, b, c: the landscape drew the new slice (a, c)
    while it still held the pin's two-parameter path (an IndexError in a slot)."""
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    window.pins.pin_run()
    qtbot.waitUntil(lambda: window.run.epoch == 0)
    window.view.redraw()  # the pin's path is on the landscape
    assert window.landscape._traces
    model = window.panel.editors["model"]
    model.setCurrentIndex(model.findData("quadratic"))
    qtbot.waitUntil(lambda: window.run.loaded.model.params == ("a", "b", "c"))
    assert not window.pins.board.pins
    assert not window.landscape._traces and not window.loss_plot._traces


def test_nothing_to_pin_before_the_first_epoch(window):
    window.pins.pin_run()
    assert not window.pins.board.pins
    assert "Nothing to pin" in window.statusBar().currentMessage()


def test_six_racers_at_maximum_speed_match_the_command_line(qtbot, window, capsys):
    ld = window.run.loaded
    racers = default_race(window.run.config, ld.quad, ld.initial)
    window.race.begin(racers)
    qtbot.waitUntil(lambda: window.run.state == "finished"
                    and window.race.progress is not None
                    and window.race.progress.epoch == 800, timeout=20_000)
    assert not window.panel.isEnabled() and window.tabs.currentWidget() is window.race_panel
    assert cli_main(["--race", ",".join(DEFAULT_RACE), "--json"]) == 0
    headless = json.loads(capsys.readouterr().out)["racers"]
    results = window.race.progress.results
    assert [r.name for r in results] == [h["name"] for h in headless]
    for got, want in zip(results, headless):
        assert got.final_loss == want["final_loss"]
        assert got.near_optimum_at == want["near_optimum_at"]
        assert got.diverged_at == want["diverged_at"]
    qtbot.waitUntil(lambda: window.race_panel.table.rowCount() == 6)
    assert window.race_panel.table.item(3, 2).text() == f"{headless[3]['near_optimum_at']}"
    window.race_panel.copy_button.click()
    assert QApplication.clipboard().text() == results_table(list(results))
    qtbot.waitUntil(lambda: [len(items) for items in curve_items(window)] == [6, 6])
    assert not window.loss_plot.curve.isVisible()
    drawn = window.landscape.plot.path.getData()[0]
    assert drawn is None or len(drawn) == 0  # the run's own path waits
    window.race.end()
    qtbot.waitUntil(lambda: not window.loss_plot._traces and window.panel.isEnabled())
    assert window.loss_plot.curve.isVisible()
    assert window.log.lines()[0] == "Initial parameters: w=0.7783, b=0.7796"


def test_a_race_pauses_steps_and_resets_like_a_run(qtbot, window):
    window.run_controls.speed.setValue(0)  # 1 epoch a second
    ld = window.run.loaded
    window.race.begin(default_race(window.run.config, ld.quad, ld.initial)[:2])
    qtbot.waitUntil(lambda: window.run.state == "running")
    window.toggle_run()  # pause
    qtbot.waitUntil(lambda: window.run.state == "paused")
    window.step()
    qtbot.waitUntil(lambda: window.run.state == "paused"
                    and window.race.progress is not None
                    and window.race.progress.epoch >= 1)
    done = window.race.progress.epoch
    window.step()
    qtbot.waitUntil(lambda: window.race.progress.epoch == done + 1)
    window.reset()
    qtbot.waitUntil(lambda: window.run.state == "ready" and window.race.progress.epoch == 0)
    assert all(t.epoch == 0 for t in window.worker.race_run.trainers)


def test_race_dialog_defaults_and_validation(qtbot, window):
    ld = window.run.loaded
    dialog = RaceDialog(window, window.run.config, ld.quad, ld.initial)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and [r.config.optimizer for r in dialog.racers] == list(DEFAULT_RACE)
    assert "best constant rate" in dialog.rows[0].lr.toolTip()
    dialog.rows[1].lr.setText("fast")
    assert not ok.isEnabled() and "Racer 2: lr must be a number" in dialog.message.text()
    dialog.rows[1].lr.setText("0.01")
    assert ok.isEnabled() and dialog.racers[1].config.lr == 0.01
    for row in dialog.rows[1:]:
        row.check.setChecked(False)
    assert not ok.isEnabled() and "Choose 2 to 6" in dialog.message.text()
    dialog.rows[2].check.setChecked(True)
    dialog.rows[2].combo.setCurrentIndex(0)  # a second GD
    assert ok.isEnabled() and [r.config.optimizer for r in dialog.racers] == ["gd", "gd"]


def test_opening_the_race_dialog_has_the_engine_ready_its_compiled_loops(qtbot, window,
                                                                          monkeypatch):
    """The default race has three adaptive racers: the engine is asked to make the
    compiled loops ready (where the `fast` extra is installed) as the dialog opens, not
    when they race, and a run going on at the time goes on."""
    asked = threading.Event()
    monkeypatch.setattr(RemoteEngine, "warm_kernels", lambda engine: asked.set())
    monkeypatch.setattr(RaceDialog, "exec", lambda dialog: RaceDialog.DialogCode.Rejected)
    window.panel.editors["epochs"].setValue(10_000_000)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "running")
    window.race.open_dialog()
    qtbot.waitUntil(asked.is_set)
    epoch = window.run.epoch
    qtbot.waitUntil(lambda: window.run.epoch > epoch)
    assert window.run.state == "running" and not window.race.active


def _race_defaults(qtbot, window, n=2):
    ld = window.run.loaded
    window.race.begin(default_race(window.run.config, window.run.quad,
                                               ld.initial)[:n])
    qtbot.waitUntil(lambda: window.run.state == "finished" and window.race.progress
                    is not None and window.race.progress.epoch == 800, timeout=20_000)


def _legend_hides_nothing(plot):
    return all(sample.item.isVisible() for sample, _ in plot.legend.items)


def test_race_end_race_new_model_race_again_leaves_no_stale_fit(qtbot, window):
    """Race, End race, open Galileo (three parameters), race again: no racer's fit
    stays on the data plot after its race (a ValueError on every redraw once came
    of the old two-parameter fits), and no legend shows a hidden item."""
    _race_defaults(qtbot, window)
    qtbot.waitUntil(lambda: len(window.data_plot._fits) == 2)  # at the next redraw
    assert _legend_hides_nothing(window.data_plot) and _legend_hides_nothing(window.loss_plot)
    window.race.end()
    qtbot.waitUntil(lambda: window.panel.isEnabled())
    assert not window.data_plot._fits
    assert "Last race, ended at epoch 800 of 800." in window.race_panel.title.text()
    window.files.open_example("galileo")
    qtbot.waitUntil(lambda: window.run.loaded.model.n_params == 3 and not window.run.loading,
                    timeout=10_000)
    _race_defaults(qtbot, window, 3)
    qtbot.waitUntil(lambda: len(window.data_plot._fits) == 3)
    window.files.open_example("article")
    qtbot.waitUntil(lambda: window.run.loaded.model.n_params == 2 and not window.run.loading,
                    timeout=10_000)
    assert not window.data_plot._fits and not window.race.active


def test_mid_race_a_racer_not_yet_near_the_optimum_says_not_yet(qtbot, window):
    window.run_controls.speed.setValue(0)  # 1 epoch a second
    ld = window.run.loaded
    window.race.begin(default_race(window.run.config, window.run.quad,
                                               ld.initial)[:2])
    qtbot.waitUntil(lambda: window.race_panel.table.rowCount() == 2, timeout=5_000)
    assert window.race_panel.table.item(0, 2).text() == "not yet"
    window.race.end()


def test_the_toolbar_follows_races_and_languages_without_piling_up_connections(qtbot, window):
    """The Pin / Race / End race buttons beside the menus are enabled as a race begins
    and ends and are renamed with the language; and these changes leave the actions'
    connections as they were (Qt 6.11's QToolButton.setDefaultAction added one at each
    change: a connection, and a call at every later change, leaked per race)."""
    from PySide6.QtCore import SIGNAL, Qt
    from PySide6.QtWidgets import QToolBar

    from quadreg_gui.gui.action_button import ActionButton

    bar = window.findChild(QToolBar, "compareToolbar")
    buttons = {b.action_.objectName(): b for b in bar.findChildren(ActionButton)}
    assert list(buttons) == ["pinAction", "raceAction", "endRaceAction"]
    end = buttons["endRaceAction"]
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons.values())
    connected = {name: b.action_.receivers(SIGNAL("changed()")) for name, b in buttons.items()}
    ld = window.run.loaded
    for _ in range(3):
        window.race.begin(default_race(window.run.config, ld.quad, ld.initial)[:2])
        qtbot.waitUntil(lambda: window.race.active)
        assert end.isEnabled() and not buttons["raceAction"].isEnabled()
        assert not buttons["pinAction"].isEnabled()
        window.race.end()
        qtbot.waitUntil(lambda: not window.race.active)
        assert not end.isEnabled() and buttons["raceAction"].isEnabled()
    assert end.text() == "End race" and buttons["raceAction"].text() == "Race optimizers"
    window.language.set_language("zh_CN")
    try:
        assert end.text() == end.action_.iconText() != "End race"
        assert end.toolTip() == end.action_.toolTip()
    finally:
        window.language.set_language("en")
    assert {name: b.action_.receivers(SIGNAL("changed()"))
            for name, b in buttons.items()} == connected
    with qtbot.waitSignal(buttons["pinAction"].action_.triggered, timeout=1000):
        buttons["pinAction"].click()  # the button triggers its action
