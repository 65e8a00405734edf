"""Momentum's map in the window: what it shows is the core's, and dragging its point
sets the learning rate and beta live (pytest-qt, offscreen, a real mouse path)."""

import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from mouse import drag  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402

from quadreg_gui.core.analysis.momentum import radius  # noqa: E402
from quadreg_gui.core.training.epochs import transition  # noqa: E402
from quadreg_gui.core.training.optimizers import Momentum  # noqa: E402


def pixel(plot, lr: float, beta: float) -> QPoint:
    """Where (lr, beta) is on the plot's viewport."""
    scene = plot.getViewBox().mapViewToScene(QPointF(math.log10(lr), beta))
    return plot.mapFromScene(scene)


@pytest.fixture
def shown(qtbot, window):
    window.tabs.setCurrentWidget(window.grid.momentum_panel)
    optimizer = window.panel.editors["optimizer"]
    optimizer.setCurrentIndex(optimizer.findData("momentum"))
    qtbot.waitUntil(lambda: window.run.config.optimizer == "momentum" and window.run.quad
                    is not None and window.momentum.map is not None)
    return window


def test_dragging_the_point_sets_the_rate_and_beta_live(qtbot, shown):
    window, plot = shown, shown.grid.momentum_panel.plot
    config = window.run.config
    start = pixel(plot, config.lr, config.momentum)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.epoch > 0)
    drag(plot, start, pixel(plot, 0.02, 0.5))
    qtbot.waitUntil(lambda: window.run.config.lr != config.lr)
    lr, beta = window.run.config.lr, window.run.config.momentum
    assert abs(math.log10(lr) - math.log10(0.02)) < 0.03 and abs(beta - 0.5) < 0.01
    assert window.panel.editors["lr"].value() == lr
    assert window.panel.editors["momentum"].value() == beta
    # The engine runs it from the change on (a live change, not a new run).
    qtbot.waitUntil(lambda: window.run.run_config.lr == lr
                    and window.run.run_config.momentum == beta, timeout=10_000)
    assert window.run.latest.segment_epoch > 0
    point = plot.current.data[0]
    assert (point["x"], point["y"]) == pytest.approx((math.log10(lr), beta))
    window.toggle_run()


def test_the_readout_is_the_iteration_matrices_rate(qtbot, shown):
    window = shown
    config = window.run.config
    hessian = window.run.quad.hessian
    explicit = max(abs(np.linalg.eigvals(transition(Momentum(2), hessian, config.lr,
                                                    config.momentum))))
    text = window.grid.momentum_panel.readout.text()
    assert f"shrinks by {explicit:.4g} an epoch" in text
    best = window.momentum.map.best
    assert float(radius("momentum", best.lr, best.beta, np.linalg.eigvalsh(hessian))) \
        == pytest.approx(best.rate, rel=1e-6)
    assert f"Fastest: lr {best.lr:.3g}, β {best.beta:.3g}" in text


def test_a_click_turns_gradient_descent_into_momentum(qtbot, window):
    window.tabs.setCurrentWidget(window.grid.momentum_panel)
    plot = window.grid.momentum_panel.plot
    qtbot.waitUntil(lambda: window.momentum.map is not None)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pixel(plot, 0.01, 0.8))
    qtbot.waitUntil(lambda: window.run.config.optimizer == "momentum")
    assert abs(window.run.config.momentum - 0.8) < 0.01


def test_the_map_follows_an_l2_change(qtbot, shown):
    window = shown
    before = window.momentum.map.best
    window.panel.editors["l2"].setValue(20.0)
    qtbot.waitUntil(lambda: window.momentum.map.best != before)
    values = np.linalg.eigvalsh(window.run.quad.hessian)
    k = values[-1] / values[0]
    assert window.momentum.map.best.rate == pytest.approx((np.sqrt(k) - 1) / (np.sqrt(k) + 1))


def test_momentum_is_predicted_and_the_prediction_is_the_run(qtbot, shown):
    """Momentum at lr 0.004, beta 0.8: the loss plot's predicted curve is the oracle's
    loop, and the predicted epoch near the optimum is the measured one."""
    from oracle import reference_run

    from quadreg_gui.gui.run_controls import SPEEDS

    window = shown
    window.panel.set_values({"lr": 0.004, "momentum": 0.8, "epochs": 600})
    qtbot.waitUntil(lambda: window.theory.predicted is not None
                    and window.run.run_config.lr == 0.004)
    window.run_controls.speed.setValue(SPEEDS.index(float("inf")))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    ld = window.run.loaded
    _, losses = reference_run(ld.data.x, ld.data.y, ld.initial, optimizer="momentum",
                              lr=0.004, beta=0.8, epochs=601)
    epochs, predicted = window.loss_plot.predicted.getData()
    np.testing.assert_allclose(10 ** predicted, losses[epochs.astype(int)], rtol=1e-9)
    assert window.theory.predicted == window.run.latest.near_optimum_at
    assert "no prediction" not in window.theory_readout.label.text()


def test_the_map_is_made_when_its_tab_first_comes_up_in_the_look_and_language_then(
        qtbot, window):
    """The map's plot is made only when its tab first comes up (each window's start
    was 20 ms longer), in the theme and the language chosen before."""
    panel = window.grid.momentum_panel
    assert panel.plot is None
    window.actions.theme_actions["dark"].trigger()
    window.language.set_language("zh_CN")
    try:
        window.tabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda: window.momentum.map is not None)
        plot = panel.plot
        assert plot.isVisible() and plot.width() > 100
        assert plot.backgroundBrush().color().lightness() < 40
        assert "β" in plot._title and "动量" in plot._title
    finally:
        window.language.set_language("en")
        window.actions.theme_actions["light"].trigger()
    assert "Momentum" in plot._title
