"""The teaching instruments in the window (pytest-qt, offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from oracle import loss_at, ridge  # noqa: E402

from quadreg_gui.core.analysis.explain import num  # noqa: E402
from quadreg_gui.core.i18n import tr  # noqa: E402
from quadreg_gui.gui.run_controls import SPEEDS  # noqa: E402


def test_the_instruments_are_there_with_their_names(window):
    for name in ("landscapePlot", "explainView", "stabilityReadout", "fitReadout",
                 "theoryReadout", "residualsCheck", "randomStartButton", "lrZones"):
        assert window.findChild(QWidget, name) is not None, name


def test_a_click_on_the_landscape_starts_a_run_from_there(qtbot, window):
    plot = window.landscape.plot
    vb = plot.getViewBox()
    vb.setRange(xRange=(0.5, 3.5), yRange=(0.5, 3.5), padding=0)  # (1, 3) in view
    qtbot.waitUntil(lambda: vb.viewRange()[0][0] == pytest.approx(0.5))
    pixel = plot.mapFromScene(vb.mapViewToScene(QPointF(1.0, 3.0)))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pixel)
    qtbot.waitUntil(lambda: np.allclose(window.run.loaded.initial, [1.0, 3.0], atol=1e-6))
    assert window.log.lines()[0] == "Initial parameters: w=1.0000, b=3.0000 (chosen start)"
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    history = window.worker.trainer.history
    expected = np.array([1.0, 3.0]) - 0.001 * history.grad[0]
    np.testing.assert_allclose(history.params[0], expected, rtol=1e-12)
    window.random_start()
    qtbot.waitUntil(lambda: window.log.lines()[0] == "Initial parameters: w=0.7783, b=0.7796")


def test_stability_readout_for_the_default_data(window):
    text = window.panel.stability.text()
    assert "0.01776" in text
    assert "Condition number" in text


def test_predicted_curve_for_gd_and_its_reason_for_adam(qtbot, window):
    loss = window.loss_plot
    assert loss.predicted.isVisible()
    epochs, values = loss.predicted.getData()
    assert epochs[0] == 0 and epochs[-1] == 800
    assert 10 ** values[0] == pytest.approx(window.run.loaded.initial_loss, rel=1e-9)  # log axis
    window.panel.editors["optimizer"].setCurrentIndex(
        window.panel.editors["optimizer"].findData("adam"))
    qtbot.waitUntil(lambda: not loss.predicted.isVisible())
    assert "Adam" in loss.prediction_note
    qtbot.waitUntil(lambda: "Adam" in window.theory_readout.label.toolTip())


def test_step_panel_numbers_equal_the_history_after_three_steps(qtbot, window):
    for _ in range(3):
        window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 3)
    qtbot.waitUntil(lambda: window.step_view.toPlainText().startswith("Epoch 2"))
    text = window.step_view.toPlainText()
    h = window.worker.trainer.history
    for value in (*h.params[1], *h.params[2], *h.grad[2], h.loss[2]):
        assert num(value) in text, value


def test_measured_epochs_to_near_optimum_agree_with_the_prediction(qtbot, window):
    window.panel.editors["epochs"].setValue(3000)
    window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    measured, predicted = window.run.latest.near_optimum_at, window.theory.predicted
    assert measured is not None and abs(measured - predicted) <= 1
    qtbot.waitUntil(lambda: f"measured {measured:,}," in window.theory_readout.label.text())


def test_fit_readout_and_residual_sticks(qtbot, window):
    assert window.fit_readout.label.text().startswith("R²\u00a0")
    window.fit_readout.residuals.setChecked(True)
    x, y = window.data_plot.residuals.getData()
    assert len(x) == 2 * window.run.loaded.data.n
    np.testing.assert_array_equal(y[0::2], window.run.loaded.data.y)


def test_three_parameters_show_a_slice_named_in_the_title(qtbot, window):
    window.panel.editors["model"].setCurrentIndex(
        window.panel.editors["model"].findData("quadratic"))
    qtbot.waitUntil(lambda: window.run.loaded.model.name == "quadratic")
    title = window.landscape.plot.getPlotItem().titleLabel.text
    assert "a, c at b =" in title
    assert window.landscape.slice_combo.isVisible()


def test_the_line_and_the_cubic_train_to_polyfit_in_the_window(qtbot, window):
    """Each model's fit, as the log ends and the fit quality reads, is polyfit's; the
    cubic's landscape offers its six pairs and names the two held fixed."""
    model = window.panel.editors["model"]
    for name, degree, lr in (("line", 1, 0.01), ("cubic", 3, 0.004)):
        model.setCurrentIndex(model.findData(name))
        qtbot.waitUntil(lambda name=name: window.run.loaded is not None
                        and window.run.loaded.model.name == name and not window.run.loading)
        window.panel.editors["lr"].setValue(lr)
        window.panel.editors["epochs"].setValue(20_000)
        window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
        window.toggle_run()
        qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
        data = window.run.loaded.data
        fit = np.polyfit(data.x, data.y, degree)
        np.testing.assert_allclose(window.run.latest.theta, fit, rtol=1e-9, atol=1e-12)
        r2 = 1 - np.sum((np.polyval(fit, data.x) - data.y) ** 2) \
            / np.sum((data.y - data.y.mean()) ** 2)
        qtbot.waitUntil(lambda r2=r2: f"R²\u00a0{r2:.4f}" in window.fit_readout.label.text())
        window.reset()
    combo = window.landscape.slice_combo
    assert [combo.itemText(k) for k in range(combo.count())] == \
        ["b, d", "a, b", "a, c", "a, d", "b, c", "c, d"]
    combo.setCurrentIndex(5)
    assert "c, d at a, b = " in window.landscape.plot.getPlotItem().titleLabel.text


def test_a_diverging_run_does_not_zoom_the_landscape_out(qtbot, window):
    window.panel.editors["lr"].setValue(0.03)
    window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "diverged", timeout=20_000)
    qtbot.waitUntil(lambda: window.landscape.plot.note.isVisible())
    (x0, x1), _ = window.landscape.plot.getViewBox().viewRange()
    assert x1 - x0 < 100


def test_a_mini_batch_run_is_never_told_it_will_diverge_when_it_converges(qtbot, window):
    """Batch 10 at lr 0.05 (nearly three times the full-batch limit) converges: the
    banner, the slider's zones and the readout claim no limit for it."""
    window.panel.editors["lr"].setValue(0.05)
    assert "will diverge" in window.banner.text()
    window.panel.editors["batch_size"].setValue(10)
    qtbot.waitUntil(lambda: "will diverge" not in window.banner.text())
    assert window.banner.level == "hint" and "Mini-batches of 10" in window.banner.label.text()
    assert window.panel.lr_slider.zones.bounds == (None, None)
    assert "Mini-batches" in window.panel.stability.text()
    assert window.theory.limit is None
    window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    assert window.run.latest.loss_now < 1.02 * window.run.loaded.min_loss
    window.panel.editors["batch_size"].setValue(0)  # the full batch: theory holds again
    qtbot.waitUntil(lambda: "will diverge" in window.banner.text())


# --- truth after live changes ------------------------------------------------------------
def _run_to_end(qtbot, window):
    window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)


def test_after_a_live_l2_change_every_optimum_shown_is_the_current_one(qtbot, window):
    """L2 = 20, R, Space: the log's last line, the loss plot's optimum line and the
    measured epoch near the optimum are the ridge solution's, as quadreg-train's."""
    from quadreg_gui.core.logformat import final_lines

    window.panel.editors["l2"].setValue(20.0)
    qtbot.keyClick(window, Qt.Key.Key_R)
    _run_to_end(qtbot, window)
    ld = window.run.loaded
    optimum, min_loss = ridge(ld.data.x, ld.data.y, l2=20.0)
    assert window.log.lines()[-1] == final_lines(
        ld.model.params, window.run.latest.theta, window.run.latest.loss_now, optimum,
        min_loss)[-1]
    assert window.log.lines()[-1] == "Closed-form optimum: w=0.9459, b=2.7930, Loss=28.4621"
    qtbot.waitUntil(lambda: window.loss_plot.minimum.value() == pytest.approx(
        np.log10(min_loss), rel=1e-9))
    # And live, on a finished run: the last line follows L2 back to 0.
    window.panel.editors["l2"].setValue(0.0)
    qtbot.waitUntil(lambda: window.log.lines()[-1].startswith("Closed-form optimum: w=2.9913"))


def test_a_prediction_after_a_live_lr_change_starts_at_the_change(qtbot, window):
    """GD at lr 0.001, then 0.005 from epoch k: the closed form from epoch k and the
    parameters then predicts the run's own first epoch within 1 % exactly."""
    window.run_controls.speed.setValue(SPEEDS.index(50))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.epoch >= 20, timeout=10_000)
    window.panel.editors["lr"].setValue(0.005)
    qtbot.waitUntil(lambda: window.run.latest.segment_epoch > 0, timeout=5_000)
    k = window.run.latest.segment_epoch
    qtbot.waitUntil(lambda: window.loss_plot.predicted.getData()[0][0] == k)
    window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    measured = window.run.latest.near_optimum_at
    assert measured is not None and window.theory.predicted == measured
    qtbot.waitUntil(lambda: f"measured {measured}, predicted {measured}"
                    in window.theory_readout.label.text())
    history = window.worker.trainer.history
    assert history.lr[k - 1] == 0.001 and history.lr[k] == 0.005


def test_a_finished_adam_run_switched_to_gd_is_predicted_from_where_it_stands(qtbot, window):
    optimizer = window.panel.editors["optimizer"]
    optimizer.setCurrentIndex(optimizer.findData("adam"))
    window.panel.editors["lr"].setValue(0.05)
    _run_to_end(qtbot, window)
    assert not window.loss_plot.predicted.isVisible()
    optimizer.setCurrentIndex(optimizer.findData("gd"))
    window.panel.editors["lr"].setValue(0.01)
    qtbot.waitUntil(lambda: window.loss_plot.predicted.isVisible()
                    and window.run.latest.config.lr == 0.01)
    qtbot.waitUntil(lambda: window.loss_plot.predicted.getData()[0][0] == 800)
    epochs, values = window.loss_plot.predicted.getData()
    assert epochs[-1] == 1600  # what "Run 800 more" will do
    assert 10 ** values[0] == pytest.approx(window.run.latest.loss_now, rel=1e-9)


def test_a_report_in_flight_across_an_optimizer_switch_is_explained_as_it_ran(qtbot, window):
    """A momentum step arriving after the panel switched to AdaGrad was explained with
    AdaGrad's formulas (KeyError 'g2' in a slot): it is explained with the settings
    the engine ran it with."""
    from dataclasses import replace

    from quadreg_gui.core.training.engine import Engine

    engine = Engine()
    engine.load(window.run.config.replace(optimizer="momentum"))
    engine.run(3)
    report = replace(engine.report(True, True), generation=window.run.generation)
    optimizer = window.panel.editors["optimizer"]
    optimizer.setCurrentIndex(optimizer.findData("adagrad"))
    window.reports.on_progress(report)
    from quadreg_gui.core.analysis.explain import explain, render

    ld = window.run.loaded
    assert window.step_view.toPlainText() == render(
        explain(report.step, ld.model, report.config, ld.data.n), report.step.epoch)


def test_after_a_live_l2_change_the_banner_names_the_new_surfaces_limit(qtbot, window):
    """The limit moves with L2 (0.01776 -> 0.01732 at L2 = 20): the banner's hint, the
    readout and the status bar all say the new one."""
    window.panel.editors["l2"].setValue(20.0)
    qtbot.waitUntil(lambda: window.run.latest is not None and window.run.latest.config.l2 == 20)
    qtbot.waitUntil(lambda: "0.01732" in window.banner.label.text())
    assert "0.01732" in window.panel.stability.text()


def test_equal_axes_show_the_valleys_true_shape_and_keep_the_run_in_sight(qtbot, window):
    """One unit as long on both axes: the contours' ellipses keep the ratio of the
    loss's curvatures (their axes' lengths go as 1/sqrt(eigenvalue))."""
    landscape = window.landscape
    window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    vb = landscape.plot.getViewBox()
    fitted = np.array(vb.viewRange())  # each axis fitted to the run's frame
    landscape.equal_axes.setChecked(True)
    qtbot.waitUntil(lambda: abs(np.divide(*landscape.plot.pixel_size()) - 1) < 0.01)
    (x0, x1), (y0, y1) = equal = np.array(vb.viewRange())
    # The lock widens one range around the fitted frame: all of it stays in sight.
    assert x0 <= fitted[0, 0] + 1e-9 and x1 >= fitted[0, 1] - 1e-9
    assert y0 <= fitted[1, 0] + 1e-9 and y1 >= fitted[1, 1] - 1e-9
    start, end = window.run.loaded.initial, window.run.latest.theta
    for point in (start, end):
        assert x0 <= point[0] <= x1 and y0 <= point[1] <= y1
    landscape.equal_axes.setChecked(False)  # each axis fitted to the frame again
    qtbot.waitUntil(lambda: np.allclose(vb.viewRange(), fitted))
    assert not np.allclose(equal, fitted) or abs(np.divide(*landscape.plot.pixel_size()) - 1) \
        < 0.01  # (the lock changed the view, unless it happened to be square already)


def test_the_mean_loss_in_the_window(qtbot, window):
    """Choosing the mean: the loss readout, the optimum on the loss plot and the stable
    limit follow (the sum's over n, n times the sum's), the fit does not change."""
    sum_limit = window.theory.limit
    sum_text = window.fit_readout.label.text()
    window.panel.editors["loss"].setCurrentIndex(window.panel.editors["loss"].findData("mean"))
    qtbot.waitUntil(lambda: window.run.config.loss == "mean" and not window.run.loading
                    and window.run.quad is not None and window.run.quad.scale < 1)
    data, theta = window.run.loaded.data, window.run.loaded.initial
    n = data.n
    loss = loss_at(data.x, data.y, theta) / n
    qtbot.waitUntil(lambda: f"loss\u00a0{loss:.6g}" in window.fit_readout.label.text())
    assert sum_text.split("loss")[0] == window.fit_readout.label.text().split("loss")[0]
    _, min_loss = ridge(data.x, data.y)
    assert window.run.quad.min_loss == pytest.approx(min_loss / n, rel=1e-12)
    qtbot.waitUntil(lambda: window.loss_plot.minimum.value() == pytest.approx(
        np.log10(min_loss / n), rel=1e-9))
    assert window.theory.limit == pytest.approx(n * sum_limit, rel=1e-12)
    assert f"below {n * sum_limit:.4g} converge" in window.banner.label.text()


def test_by_direction_shows_the_loss_split_along_the_hessians_eigenvectors(qtbot, window):
    """The switch puts the split in the loss pane's place: its measured shares add up
    to the loss above the optimum (the oracle's), the predicted ones are the closed
    form's, and switching back shows the loss again."""
    from oracle import features

    grid = window.grid
    window.panel.editors["lr"].setValue(0.01)
    _run_to_end(qtbot, window)
    grid.theory_readout.directions.setChecked(True)
    assert grid.directions_pane.plot.isVisible() and not window.loss_plot.isVisible()
    qtbot.waitUntil(lambda: grid.directions_pane.plot.total.getData()[0] is not None
                    and len(grid.directions_pane.plot.total.getData()[0]) > 1)
    plot = grid.directions_pane.plot
    epochs = plot.total.xData
    ld = window.run.loaded
    _, min_loss = ridge(ld.data.x, ld.data.y)
    curve = window.run.curve  # (the loss at epoch k, before its step)
    expected = curve.loss - min_loss
    kept = expected > 1e-9 * expected[0]
    np.testing.assert_array_equal(epochs[:-1], curve.epochs)
    np.testing.assert_allclose(plot.total.yData[:-1][kept], expected[kept], rtol=1e-6)
    phi = np.stack(features(ld.data.x, "article"), axis=1)
    values, vectors = np.linalg.eigh(phi.T @ phi)
    c = vectors.T @ (ld.initial - window.run.optimum)
    k = plot.predicted[0].xData
    shallow = 0.5 * values[0] * c[0] ** 2 * (1 - 0.01 * values[0]) ** (2 * k)
    np.testing.assert_allclose(plot.predicted[0].yData, shallow, rtol=1e-6)
    assert len(epochs) == len(plot.measured[1].xData)
    grid.theory_readout.directions.setChecked(False)
    assert window.loss_plot.isVisible() and not grid.directions_pane.isVisible()


def test_the_split_shown_again_predicts_the_rate_chosen_while_it_was_hidden(qtbot, window):
    """The prediction is drawn into the split only while it is shown: a rate chosen
    while the loss pane showed the loss is the one predicted when the split comes back,
    and one chosen while it is shown is drawn at once."""
    from oracle import features

    grid = window.grid
    switch = grid.theory_readout.directions
    ld = window.run.loaded
    phi = np.stack(features(ld.data.x, "article"), axis=1)
    values, vectors = np.linalg.eigh(phi.T @ phi)
    c = vectors.T @ (ld.initial - window.run.optimum)

    def predicts(lr: float) -> bool:
        """The shallow direction's predicted share is gradient descent's at ``lr``."""
        plot = grid.directions_pane.plot
        if plot is None or not plot.predicted:
            return False
        k = plot.predicted[0].xData
        if k is None or len(k) < 2:
            return False
        shallow = 0.5 * values[0] * c[0] ** 2 * (1 - lr * values[0]) ** (2 * k)
        return np.allclose(plot.predicted[0].yData, shallow, rtol=1e-6)

    window.panel.editors["lr"].setValue(0.01)
    switch.setChecked(True)
    qtbot.waitUntil(lambda: predicts(0.01))
    switch.setChecked(False)
    window.panel.editors["lr"].setValue(0.005)
    qtbot.waitUntil(lambda: window.run.run_config.lr == 0.005)
    switch.setChecked(True)
    assert predicts(0.005)
    window.panel.editors["lr"].setValue(0.002)
    qtbot.waitUntil(lambda: predicts(0.002))


def test_mini_batch_steps_within_the_last_epoch_are_drawn(qtbot, window):
    """Batches of 16: the landscape draws the last epoch's seven steps, from where the
    epoch began to where it ended (the run's own numbers); none at full batch."""
    plot = window.landscape.plot

    def drawn() -> np.ndarray:
        x, y = plot.batches.getData()
        return np.empty((0, 2)) if x is None else np.column_stack([x, y])

    window.panel.editors["batch_size"].setValue(16)
    window.panel.editors["lr"].setValue(0.005)
    qtbot.waitUntil(lambda: window.run.run_config.batch_size == 16)
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 2 and len(drawn()) == 8
                    and np.allclose(drawn()[-1], window.run.theta, rtol=1e-9))
    np.testing.assert_allclose(drawn()[0], window.run.curve.params[0], rtol=1e-9)
    window.panel.editors["batch_size"].setValue(0)
    qtbot.waitUntil(lambda: window.run.run_config.batch_size == 0)
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 3 and not len(drawn()))


def test_shift_step_moves_the_run_one_mini_batch_at_a_time(qtbot, window):
    """Shift+→ (and Step with Shift held) steps one batch of 16: the parameters are the
    oracle's after each batch, the status line counts the batches, the landscape draws
    the steps so far, the step explained is the batch's; the seventh batch ends the
    epoch, whose row is the oracle's."""
    from oracle import reference_run
    window.panel.editors["batch_size"].setValue(16)
    window.panel.editors["lr"].setValue(0.005)
    qtbot.waitUntil(lambda: window.run.run_config.batch_size == 16
                    and window.run.run_config.lr == 0.005)
    ld, cfg = window.run.loaded, window.run.run_config
    order = np.random.default_rng(cfg.seed).permutation(ld.data.n)
    theta = ld.initial.copy()
    label = window.status_line.labels["epoch"]
    for k in range(7):
        params, _ = reference_run(ld.data.x, ld.data.y, theta, lr=0.005, epochs=1,
                                  batches=lambda _e, k=k: [order[16 * k:16 * k + 16]])
        theta = params[0]
        if k % 2:
            qtbot.mouseClick(window.run_controls.step_button, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: np.allclose(window.run.theta, theta, rtol=1e-12, atol=0))
        if k < 6:
            qtbot.waitUntil(lambda k=k: f"+ {k + 1} of 7 batches" in label.text())
            assert window.run.epoch == 0
            assert window.step_view.toPlainText().startswith(
                f"Epoch 0, batch {k + 1} of 7: 16 of the points")
            x, y = window.landscape.plot.batches.getData()
            assert len(x) == k + 2 and (x[-1], y[-1]) == tuple(window.run.theta)
    qtbot.waitUntil(lambda: window.run.epoch == 1 and "batches" not in label.text())
    np.testing.assert_allclose(window.run.curve.params[-1], theta, rtol=1e-12)
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 2)


def test_the_split_is_made_when_first_shown_in_the_look_and_language_of_then(qtbot, window):
    """No plot for the split until its switch is first turned on (it cost every window
    about 10 ms); made then, it has the window's look and language, and the prediction
    given while there was none."""
    grid = window.grid
    assert grid.directions_pane.plot is None
    window.language.set_language("zh_CN")
    window.appearance.zoom_in()
    window.panel.editors["lr"].setValue(0.01)
    qtbot.waitUntil(lambda: window.run.run_config.lr == 0.01)
    grid.theory_readout.directions.setChecked(True)
    plot = grid.directions_pane.plot
    assert plot is not None and plot.isVisible()
    assert plot.look == grid.loss_plot.look and plot.look.scale > 1
    title = tr("Loss above the optimum, by direction")
    assert plot._title == title != "Loss above the optimum, by direction"
    qtbot.waitUntil(lambda: plot.predicted and plot.predicted[0].xData is not None)
