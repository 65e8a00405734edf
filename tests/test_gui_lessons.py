"""Lessons in the window: the built-in ones walked forward and back with every setting
restored exactly, in both languages; the keys a presenter's clicker sends; a lesson
made in the window, saved and reopened."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from quadreg_gui.core.files.lesson import (  # noqa: E402
    BUILT_IN,
    PANES,
    built_in_path,
    read_lesson,
)
from quadreg_gui.gui import step_dialog  # noqa: E402
from oracle import article_run  # noqa: E402
from quadreg_gui.gui.run_controls import SPEEDS  # noqa: E402


@pytest.fixture
def window(window):
    window.run_controls.speed.setValue(len(SPEEDS) - 1)
    return window


def open_lesson(qtbot, window, path: str) -> None:
    window.files.open_lesson(path, remember=False)
    qtbot.waitUntil(lambda: window.lessons.active and window.lesson_bar.isVisible())


def settled(window, index: int) -> bool:
    """Step ``index`` entered, its data loaded and what it does begun."""
    lessons = window.lessons
    state = lessons.lesson.states[index]
    step = lessons.lesson.steps[index]
    if lessons.index != index or window.run.loading or window.run.loaded is None \
            or window.run.config != state.config or window.run.loaded.config != state.config:
        return False
    if step.then == "race":
        return window.race.active
    if step.until:  # it pauses at its epoch
        return window.run.state == "paused" and window.run.epoch == step.until
    if step.pin:  # it is pinned once it stops
        return window.run.state in ("finished", "diverged") and any(
            i == index for i, _ in lessons._pinned)
    if step.then == "start":
        return window.run.state in ("running", "finished", "diverged")
    return window.run.state == "ready" and window.run.epoch == 0


def shown(window) -> tuple[str, ...]:
    return tuple(k for k in PANES if window.focus.shown[k].isChecked())


def check_step(window, index: int) -> None:
    lessons = window.lessons
    step, state = lessons.lesson.steps[index], lessons.lesson.states[index]
    assert window.panel.config == state.config  # the settings shown, exactly
    assert shown(window) == step.panes and window.focus.lesson_key == step.focus
    if step.focus == "step":
        assert window.grid.tabs.currentWidget() is window.step_view
    code = window.language.code
    assert window.lesson_bar.title.text() == step.title(code)
    assert window.lesson_bar.where.text() == f"{index + 1} / {len(lessons.lesson.steps)}"
    table = window.run.table
    assert (table.sha256 if table else None) == (state.table.sha256 if state.table else None)
    # The pins: those of the steps up to this one, on the same data.
    states = lessons.lesson.states
    pinned = [j for j in range(index + 1) if lessons.lesson.steps[j].pin and not any(
        states[k].config.differs_in_data(states[j].config) for k in range(j + 1, index + 1))]
    assert [pin.config for pin in window.pins.board.pins] == [states[j].config
                                                               for j in pinned]


@pytest.mark.heavy  # (QUADREG_HEAVY=once: CI runs it on one Python)
@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("name", BUILT_IN)
def test_each_built_in_lesson_walks_to_the_end_and_back_exactly(qtbot, window, name,
                                                                language):
    window.language.set_language(language)
    open_lesson(qtbot, window, built_in_path(name))
    count = len(window.lessons.lesson.steps)
    order = [*range(count), *range(count - 2, -1, -1)]
    for index in order:
        if index != window.lessons.index:
            (window.lessons.next if index > window.lessons.index else window.lessons.back)()
        qtbot.waitUntil(lambda: settled(window, index), timeout=20_000)
        check_step(window, index)
    assert window.lesson_bar.back.isEnabled() is False


def test_a_step_runs_to_its_epoch_and_pauses_there_exactly(qtbot, window):
    """The article's third step runs one epoch: the Step explained speaks of it."""
    open_lesson(qtbot, window, built_in_path("article"))
    window.lessons.go(2)
    qtbot.waitUntil(lambda: settled(window, 2), timeout=10_000)
    _, losses, theta = article_run(epochs=1)
    assert window.run.latest.theta.tolist() == pytest.approx(theta.tolist(), rel=1e-12)
    record = window.run.latest.step  # the Step explained shows that first step
    assert record.theta_before.tolist() == window.run.loaded.initial.tolist()
    assert record.loss_before == pytest.approx(losses[0], rel=1e-12)
    qtbot.waitUntil(lambda: window.step_view.toPlainText().startswith(
        f"Epoch {record.epoch}\n"))
    window.toggle_run()  # Start goes on to the end
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=10_000)
    assert window.run.epoch == 800


def test_start_until_pauses_at_that_epoch_at_full_speed(qtbot, window):
    window.panel.editors["epochs"].setValue(200_000)
    qtbot.waitUntil(lambda: window.run.config.epochs == 200_000)
    window.requestStartUntil.emit(54_321)
    qtbot.waitUntil(lambda: window.run.state == "paused", timeout=20_000)
    # (the curve numbers epochs from 0, as the article's log does)
    assert window.run.epoch == 54_321 and window.run.curve.epochs[-1] == 54_320
    assert window.run_controls.start_button.text() == "Resume"


def test_a_pinning_step_pins_its_run_and_going_back_takes_the_pin_away(qtbot, window):
    open_lesson(qtbot, window, built_in_path("momentum"))
    lesson = window.lessons.lesson
    qtbot.waitUntil(lambda: settled(window, 0), timeout=10_000)
    (pin,) = window.pins.board.pins
    assert pin.config == lesson.states[0].config and pin.epoch == 100
    assert window.run.epoch == 100  # pinned as it is: the run stays at its end
    window.lessons.next()
    qtbot.waitUntil(lambda: settled(window, 1), timeout=10_000)
    assert window.pins.board.pins == [pin]  # step 2 runs beside step 1's path
    assert len(window.pins.traces) == 1 and window.pins.traces[0].faded
    window.lessons.back()
    qtbot.waitUntil(lambda: settled(window, 0) and window.lessons._pinned[0][1] is not pin,
                    timeout=10_000)
    assert len(window.pins.board.pins) == 1  # pinned anew, not twice
    window.lessons.leave()
    assert len(window.pins.board.pins) == 1  # leaving keeps the run and its pins


def test_the_keys_of_a_presenters_clicker_move_through_the_lesson(qtbot, window):
    open_lesson(qtbot, window, built_in_path("article"))
    qtbot.waitUntil(lambda: settled(window, 0))
    for key, modifier, index in ((Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier, 1),
                                 (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier, 2),
                                 (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier, 1),
                                 (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier, 0)):
        qtbot.keyClick(window, key, modifier)
        qtbot.waitUntil(lambda: settled(window, index))
    window.actions.presentation_action.trigger()  # the same keys in presentation mode
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: settled(window, 1))
    assert window.lesson_bar.isVisible()
    window.actions.presentation_action.trigger()


def test_leaving_gives_the_panes_back_and_keeps_the_run(qtbot, window):
    window.actions.panel_actions["logAction"].setChecked(False)
    open_lesson(qtbot, window, built_in_path("learning-rate"))
    qtbot.waitUntil(lambda: settled(window, 0))
    window.lessons.next()
    qtbot.waitUntil(lambda: settled(window, 1))
    config = window.run.config
    window.actions.leave_lesson_action.trigger()
    assert not window.lesson_bar.isVisible() and not window.lessons.active
    assert shown(window) == ("data", "loss", "landscape") and window.focus.key == ""
    assert window.run.config == config
    assert not window.actions.next_step_action.isEnabled()


def test_a_lesson_made_in_the_window_saves_and_reopens_identical(qtbot, window, tmp_path,
                                                                 monkeypatch):
    titles = iter(["Start here", "Faster", "Fastest"])

    def fill(dialog):
        dialog.fields[("title", "en")].setText(next(titles))
        dialog.fields[("title", "zh_CN")].setText("中文标题")
        dialog.fields[("text", "en")].setPlainText("Watch the loss.")
        dialog.then.setCurrentIndex(1)  # start
        dialog.accept()
        return step_dialog.StepDialog.DialogCode.Accepted

    monkeypatch.setattr(step_dialog.StepDialog, "exec", fill)
    window.actions.add_step_action.trigger()
    qtbot.waitUntil(lambda: window.lessons.active and settled(window, 0))
    for lr in (0.005, 0.015):
        window.panel.editors["lr"].setValue(lr)
        qtbot.waitUntil(lambda lr=lr: window.run.config.lr == lr)
        window.focus.set("landscape")
        window.actions.add_step_action.trigger()
        index = window.lessons.index
        qtbot.waitUntil(lambda index=index: settled(window, index))
    lesson = window.lessons.lesson
    assert [s.title("en") for s in lesson.steps] == ["Start here", "Faster", "Fastest"]
    assert [s.config.lr for s in lesson.states] == [0.001, 0.005, 0.015]
    assert [s.focus for s in lesson.steps] == ["", "landscape", "landscape"]
    path = tmp_path / "mine.quadreg-lesson.json"
    assert window.files.save_lesson_to(str(path), lesson)
    again = read_lesson(path)
    assert again.steps == lesson.steps and again.states == lesson.states
    assert again.title == lesson.title
    window.lessons.move(-1)  # "Fastest" before "Faster"
    qtbot.waitUntil(lambda: settled(window, 1))
    assert [s.title("en") for s in window.lessons.lesson.steps] == [
        "Start here", "Fastest", "Faster"]
    window.lessons.delete()
    qtbot.waitUntil(lambda: settled(window, 1))
    assert [s.config.lr for s in window.lessons.lesson.states] == [0.001, 0.005]
    assert json.loads(path.read_text())["format"] == "quadreg-lesson"
