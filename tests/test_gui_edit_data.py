"""Editing the data by hand in the window (pytest-qt, offscreen, a real mouse path):
the optimum follows to lstsq's on the edited points, undo restores them exactly."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from oracle import features  # noqa: E402
from mouse import drag  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402


def pixel(plot, x: float, y: float) -> QPoint:
    return plot.mapFromScene(plot.getViewBox().mapViewToScene(QPointF(x, y)))


def lstsq(x, y):
    return np.linalg.lstsq(np.stack(features(x, "article"), axis=1), y, rcond=None)[0]


@pytest.fixture
def ready(qtbot, window):
    qtbot.waitUntil(lambda: window.run.view is not None and window.run.quad is not None)
    return window


def test_a_dragged_point_moves_the_optimum_and_undo_puts_it_back(qtbot, ready):
    window, plot = ready, ready.data_plot
    x0, y0 = window.run.loaded.data.x.copy(), window.run.loaded.data.y.copy()
    optimum = window.run.quad.optimum.copy()
    start = pixel(plot, x0[10], y0[10])
    drag(plot, start, pixel(plot, 0.3, 5.5))
    qtbot.waitUntil(lambda: bool(window.run.run_config.edits)
                    and window.run.view.x[10] != x0[10], timeout=5_000)
    (kind, number, x, y), = window.run.config.edits
    assert (kind, number) == ("move", 10) and abs(x - 0.3) < 0.02 and abs(y - 5.5) < 0.05
    xs, ys = x0.copy(), y0.copy()
    xs[10], ys[10] = x, y
    qtbot.waitUntil(lambda: np.allclose(window.run.quad.optimum, lstsq(xs, ys), rtol=1e-9))
    assert "1 point edited" in plot._note
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.run.run_config.edits and window.run.view.x[10] == x0[10])
    np.testing.assert_array_equal(window.run.view.x, x0)
    np.testing.assert_array_equal(window.run.view.y, y0)
    np.testing.assert_allclose(window.run.quad.optimum, optimum, rtol=1e-12)
    assert plot._note == ""
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: len(window.run.config.edits) == 1)


def test_click_adds_a_point_and_delete_removes_the_selected(qtbot, ready):
    window, plot = ready, ready.data_plot
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pixel(plot, -0.5, 5.5))
    qtbot.waitUntil(lambda: window.run.view is not None and window.run.view.n == 101)
    (kind, x, y), = window.run.config.edits
    assert kind == "add" and abs(x + 0.5) < 0.02 and abs(y - 5.5) < 0.05
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pixel(plot, x, y))
    assert plot.selected == 100
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.run.view.n == 100)
    assert window.run.config.edits[-1] == ("delete", 100)
    data = window.run.loaded.data
    qtbot.waitUntil(lambda: np.allclose(window.run.quad.optimum, lstsq(data.x, data.y),
                                        rtol=1e-9))


def test_the_running_training_follows_an_outlier(qtbot, ready):
    from quadreg_gui.gui.run_controls import SPEEDS
    window = ready
    window.run_controls.speed.setValue(SPEEDS.index(200))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.epoch > 20)
    window.findChild(type(window.actions.undo_action), "addOutlierAction").trigger()
    qtbot.waitUntil(lambda: window.run.latest is not None and window.run.latest.segment_epoch > 0
                    and bool(window.run.run_config.edits), timeout=5_000)
    window.toggle_run()
    assert window.run.state in ("paused", "running", "finished")
    x, y = window.run.view.x, window.run.view.y
    assert x.size == 101 and y.max() > 10
    (x0, x1), (y0, y1) = window.data_plot.getViewBox().viewRange()
    assert y0 < y.min() and y.max() < y1  # the data plot's view grew to show it
    np.testing.assert_allclose(window.run.quad.optimum, lstsq(x, y), rtol=1e-9)


def test_be_the_optimizer_drag_the_point_then_hand_over(qtbot, ready):
    """A drag of the landscape's current point makes each place the run's start: the
    loss readout is the loss there, the view stays still, the student's trail stays
    drawn, and Start continues with gradient descent from the last place."""
    from oracle import loss_at

    from quadreg_gui.gui.run_controls import SPEEDS
    window = ready
    plot = window.landscape.plot
    view = plot.getViewBox().viewRange()
    x, y = plot.current.getData()
    start = pixel(plot, float(x[0]), float(y[0]))
    drag(plot, start, pixel(plot, 2.5, 1.8), steps=8)
    qtbot.waitUntil(lambda: window.run.loaded is not None and window.run.loaded.same_data
                    and abs(window.run.loaded.initial[0] - 2.5) < 0.02
                    and abs(window.run.loaded.initial[1] - 1.8) < 0.02, timeout=5_000)
    theta = window.run.loaded.initial
    data = window.run.loaded.data
    qtbot.waitUntil(lambda: f"loss\u00a0{loss_at(data.x, data.y, theta):.6g}"
                    in window.fit_readout.label.text())
    np.testing.assert_allclose(plot.getViewBox().viewRange(), view)
    trail_x, _ = plot.trail.getData()
    assert trail_x is not None and len(trail_x) >= 3
    assert "% of the excess where you took the point" in window.landscape.hint.text()
    window.run_controls.speed.setValue(SPEEDS.index(200))
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.epoch > 10)
    window.toggle_run()
    assert len(plot.trail.getData()[0]) == len(trail_x)
    assert window.log.lines()[0].endswith("(chosen start)")


def test_a_click_near_the_optimum_keeps_the_view_still(qtbot, ready):
    window = ready
    plot = window.landscape.plot
    view = plot.getViewBox().viewRange()
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pixel(plot, 2.95, 2.1))
    qtbot.waitUntil(lambda: window.run.loaded.same_data
                    and abs(window.run.loaded.initial[0] - 2.95) < 0.02)
    np.testing.assert_allclose(plot.getViewBox().viewRange(), view)


def test_the_fitted_curve_dragged_by_its_opening_and_its_vertex(qtbot, ready):
    """Grabbed at x = 0.8 and moved to y = 5.5 the parabola opens to pass there (b held);
    grabbed at its vertex it moves up as a whole (w held)."""
    window, plot = ready, ready.data_plot
    w0, b0 = window.run.loaded.initial
    drag(plot, pixel(plot, 0.8, w0 * 0.64 + b0), pixel(plot, 0.8, 5.5))
    qtbot.waitUntil(lambda: window.run.loaded.same_data
                    and window.run.loaded.initial[1] == b0, timeout=5_000)
    qtbot.waitUntil(lambda: abs(window.run.loaded.initial[0] * 0.64 + b0 - 5.5) < 0.05)
    w1 = window.run.loaded.initial[0]
    qtbot.waitUntil(lambda: plot._theta is not None and plot._theta[0] == w1)
    drag(plot, pixel(plot, 0.0, b0), pixel(plot, 0.0, b0 + 1.0), steps=3)
    qtbot.waitUntil(lambda: window.run.loaded.initial[0] == w1
                    and abs(window.run.loaded.initial[1] - (b0 + 1.0)) < 0.05, timeout=5_000)
    trail, _ = window.landscape.plot.trail.getData()
    assert trail is not None and len(trail) >= 3
