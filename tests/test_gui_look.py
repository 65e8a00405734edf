"""The window's look: scale, presentation mode, themes and the colour-blind palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from quadreg_gui.gui.look import PRESENTATION_SCALE


def fonts(window) -> dict[int, float]:
    """Every widget's point size, by the widget's identity."""
    return {id(widget): widget.font().pointSizeF() for widget in window.findChildren(QWidget)}


def plot_sizes(window) -> dict[str, float]:
    """Pen widths, marker sizes and text sizes of the plots' items."""
    d, loss, land = window.data_plot, window.loss_plot, window.landscape.plot
    return {
        "fit": d.fit_curve.opts["pen"].widthF(), "true": d.true_curve.opts["pen"].widthF(),
        "scatter": d.scatter.opts["size"], "loss": loss.curve.opts["pen"].widthF(),
        "current": loss.current.opts["size"], "path": land.path.opts["pen"].widthF(),
        "star": land.optimum.opts["size"], "arrow": land.grad.head.opts["headLen"],
        "tick": d.getAxis("bottom").style["tickFont"].pointSizeF(),
        "title": float(d.getPlotItem().titleLabel.opts["size"].rstrip("pt")),
        "axis_label": float(d.getAxis("left").labelStyle["font-size"].rstrip("pt")),
        "legend": float(d.legend.opts["labelTextSize"].rstrip("pt")),
        "axis_pen": d.getAxis("left").pen().widthF(),
    }


def settle(qtbot, window, scale: float) -> None:
    """Until the fonts have reached the widgets (and the column refitted to them)."""
    editor = window.panel.editors["lr"]
    qtbot.waitUntil(lambda: editor.font().pointSizeF() ==
                    pytest.approx(QApplication.font().pointSizeF()))
    assert window.appearance.look.scale == scale


def test_scale_200_then_100_restores_every_font_and_pen(qtbot, window):
    before_fonts, before_plots = fonts(window), plot_sizes(window)
    window.appearance.set_scale(2.0)
    settle(qtbot, window, 2.0)
    doubled = plot_sizes(window)
    for key, value in before_plots.items():
        assert doubled[key] == pytest.approx(2 * value, rel=0.02), key
    bigger = fonts(window)
    kept = [k for k in before_fonts if k in bigger]
    assert all(bigger[k] == pytest.approx(2 * before_fonts[k]) for k in kept)
    window.appearance.zoom_reset()
    settle(qtbot, window, 1.0)
    after = fonts(window)
    assert {k: after[k] for k in kept} == {k: before_fonts[k] for k in kept}
    assert plot_sizes(window) == before_plots


def test_windows_scale_from_the_size_create_app_chose_whatever_was_asked_before(qtbot):
    """A window made before create_app (under pytest-qt's application, at Qt's own font)
    asked for the base size; create_app then chose another: every later window scales
    from create_app's (it scaled from the first, 9 pt: 18 pt at 200 % against 20)."""
    from quadreg_gui.gui.app import create_app
    from quadreg_gui.gui.main_window import MainWindow

    app = QApplication.instance()
    font = app.font()
    font.setPointSizeF(9)
    app.setFont(font)
    early = MainWindow()
    qtbot.addWidget(early)
    create_app([])
    chosen = QApplication.font().pointSizeF()
    assert chosen >= 10
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.appearance.set_scale(2.0)
    settle(qtbot, window, 2.0)
    assert window.panel.editors["lr"].font().pointSizeF() == pytest.approx(2 * chosen)
    for win in (early, window):
        win.close()


def test_200_percent_on_a_projector_overlaps_and_cuts_nothing(qtbot, window):
    """The issue's case: 1280 x 720, the parameters and every panel shown.  The panes
    keep room to plot and scroll; legends, titles, readouts and the banner are whole."""
    from quadreg_gui.gui.panels.base import MIN_VIEW

    window.appearance.set_scale(2.0)
    settle(qtbot, window, 2.0)
    assert window.left.isVisible() and window.landscape.isVisible() and window.tabs.isVisible()
    plots = (window.data_plot, window.loss_plot, window.landscape.plot)

    def laid_out() -> bool:
        return all(p.getViewBox().height() >= 2 * MIN_VIEW - 1 for p in plots)

    qtbot.waitUntil(laid_out)
    assert window.minimumSizeHint().height() <= 720  # the panes scroll, not the window
    for plot in plots:
        view = plot.getViewBox().sceneBoundingRect()
        assert plot.getPlotItem().sceneBoundingRect().width() <= plot.width() + 0.5
        title = plot.getPlotItem().titleLabel
        assert title.item.boundingRect().height() <= title.size().height() + 0.5
        assert not title.sceneBoundingRect().intersects(view)
    for plot in (window.data_plot, window.loss_plot):
        assert not plot.legend.sceneBoundingRect().intersects(plot.getViewBox().sceneBoundingRect())
        assert plot.legend.sceneBoundingRect().right() <= plot.width()
    for label in (window.fit_readout.label, window.theory_readout.label,
                  window.panel.stability):  # (the last once overlapped its neighbours)
        assert label.lines_needed() * label.fontMetrics().lineSpacing() <= label.height()
    banner = window.banner
    assert banner.label.text().endswith("converge.")  # the hint, whole, on two lines
    assert banner.label.toolTip() == ""  # (an elided text has the whole in its tooltip)
    # The quadratic model's slice title is longer than the landscape is wide: it wraps,
    # and the panes together are never wider than the room they scroll in.
    window.panel.editors["model"].setCurrentIndex(
        window.panel.editors["model"].findData("quadratic"))
    land = window.landscape.plot
    qtbot.waitUntil(lambda: land._title.startswith("Loss over a, c at b ="))
    qtbot.waitUntil(lambda: land.getPlotItem().titleLabel.item.boundingRect().height()
                    <= land.getPlotItem().titleLabel.size().height() + 0.5)
    assert land.getPlotItem().titleLabel.item.boundingRect().width() <= land.width()
    scroll = window.findChild(QWidget, "plotScroll")
    qtbot.waitUntil(lambda: window.grid.width() <= scroll.viewport().width())
    window.appearance.zoom_reset()
    settle(qtbot, window, 1.0)
    qtbot.waitUntil(lambda: not window.findChild(QWidget, "plotScroll")
                    .verticalScrollBar().isVisible())
    hint = window.landscape.hint  # at 100 % the row has room for the whole hint
    assert hint.width() >= hint.fontMetrics().horizontalAdvance(hint.text())


def test_zoom_steps_stay_between_75_and_300_percent_and_are_said(qtbot, window):
    """The same steps up and down; Ctrl+= four times was 175 % (a 110 % step)."""
    action = type(window.actions.presentation_action)
    up, down = [], []
    for _ in range(8):
        window.findChild(action, "zoomInAction").trigger()
        up.append(round(window.appearance.look.scale * 100))
        assert window.scale_note.isVisible() and window.scale_note.text() == f"Scale {up[-1]} %"
    assert up == [125, 150, 175, 200, 250, 300, 300, 300]
    for _ in range(10):
        window.findChild(action, "zoomOutAction").trigger()
        down.append(round(window.appearance.look.scale * 100))
    assert down == [250, 200, 175, 150, 125, 100, 90, 75, 75, 75]
    qtbot.waitUntil(lambda: not window.scale_note.isVisible(), timeout=3000)  # for a moment
    window.findChild(type(window.actions.presentation_action), "zoomResetAction").trigger()
    assert window.appearance.look.scale == 1.0


def test_presentation_mode_and_back(qtbot, window):
    window.actions.panel_actions["parametersAction"].setChecked(True)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active
    assert window.appearance.look.scale == PRESENTATION_SCALE
    assert not window.left.isVisible()
    assert window.actions.fullscreen_action.isChecked()
    qtbot.waitUntil(lambda: "epoch 0 of 800" in window.presentation.run_line.plain)
    line = window.presentation.run_line
    assert line.isVisible() and line.plain == "lr 0.001 · gradient descent · epoch 0 of 800"
    grid = window.grid.mapTo(window, window.grid.rect().topLeft()).y()
    assert line.mapTo(window, line.rect().bottomLeft()).y() < grid  # above the plots
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert window.appearance.look.scale == 1.0
    assert window.left.isVisible() and not window.actions.fullscreen_action.isChecked()
    assert not line.isVisible()


def test_ctrl_h_toggles_the_parameters(qtbot, window):
    assert window.left.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert not window.left.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.left.isVisible()


def test_dark_theme_colours_widgets_and_plots(qtbot, window):
    light_window = QApplication.palette().color(QPalette.ColorRole.Window)
    window.actions.theme_actions["dark"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    plot = window.data_plot
    assert plot.backgroundBrush().color().lightness() < 40
    assert QColor(plot.getAxis("left").textPen().color()).lightness() > 180
    banner = window.banner
    text = window.appearance.look.colors.banner[banner.level][2]
    assert f"color: {text};" in banner.styleSheet()  # (the same hint, restyled)
    window.actions.theme_actions["light"].trigger()
    assert text not in banner.styleSheet()
    assert QApplication.palette().color(QPalette.ColorRole.Window) == light_window
    assert plot.backgroundBrush().color() == QColor("#ffffff")


def test_colour_blind_palette_differs_by_style_as_well_as_colour(qtbot, window):
    window.actions.colorblind_action.setChecked(True)
    d, loss = window.data_plot, window.loss_plot
    fit, true = d.fit_curve.opts["pen"], d.true_curve.opts["pen"]
    assert fit.color() == QColor("#D55E00") and true.color() == QColor("#009E73")
    assert fit.style() != true.style()
    assert loss.curve.opts["pen"].style() != loss.predicted.opts["pen"].style()
    look = window.appearance.look
    styles = {look.trace_pen(k, False).style() for k in range(4)}
    assert len(styles) == 4
    window.actions.colorblind_action.setChecked(False)
    assert d.fit_curve.opts["pen"].color() == QColor("#d62728")


def test_pinned_runs_follow_the_scale(qtbot, window):
    for _ in range(3):
        window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 3)
    window.pins.pin_run()
    window.step()
    qtbot.waitUntil(lambda: len(window.loss_plot._traces) == 1)
    curve = next(iter(window.loss_plot._traces.values()))[0]
    line = next(iter(window.landscape._trace_items.values()))
    assert curve.opts["pen"].widthF() == line.opts["pen"].widthF() == 2
    window.appearance.set_scale(2.0)
    window.schedule_redraw()
    qtbot.waitUntil(lambda: curve.opts["pen"].widthF() == 4)
    assert line.opts["pen"].widthF() == 4
    window.appearance.zoom_reset()


def test_a_status_note_keeps_the_bar_while_frames_are_drawn(qtbot, window):
    window.pins.pin_run()  # nothing to pin yet: a note in the status bar
    assert window.statusBar().currentMessage().startswith("Nothing to pin yet")
    drawn = window.redraws
    window.schedule_redraw()
    qtbot.waitUntil(lambda: window.redraws > drawn)
    assert not any(label.isVisible() for label in window.status_labels.values())


def test_at_300_percent_the_status_bar_gives_way_and_cuts_nothing(qtbot, window):
    """The parameters, then the learning rate, then the loss give way; the state and
    the epoch always show, and the labels shown fit the bar."""
    labels = window.status_labels
    window.resize(1024, 720)  # a projector of 1024 x 768
    window.appearance.set_scale(3.0)
    settle(qtbot, window, 3.0)
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)

    def fitted() -> bool:
        shown = [label for label in labels.values() if label.isVisible()]
        return labels["state"] in shown and labels["epoch"] in shown and \
            sum(label.sizeHint().width() for label in shown) <= window.statusBar().width()

    qtbot.waitUntil(fitted)
    assert not labels["params"].isVisible() and not labels["lr"].isVisible()
    window.appearance.zoom_reset()
    settle(qtbot, window, 1.0)
    window.step()
    qtbot.waitUntil(lambda: all(label.isVisible() for label in labels.values()))


def test_legends_stay_below_their_plots_when_made_anew(qtbot, window):
    """pyqtgraph sizes a legend at (0, 0), over the title: each time a legend is filled
    (a new language, a new scale) the plot's layout places it below the plot again."""
    def below(plot) -> bool:
        legend = plot.legend.sceneBoundingRect()
        return legend.top() >= plot.getViewBox().sceneBoundingRect().bottom()

    for change in (lambda: window.language.set_language("zh_CN"),
                   lambda: window.appearance.set_scale(1.5),
                   lambda: window.language.set_language("en")):
        change()
        for plot in (window.data_plot, window.loss_plot):
            assert below(plot), plot.objectName()  # at once: not after a later pass


def test_a_legend_is_made_again_only_when_what_it_shows_changes(qtbot, window):
    """New data with the same entries keeps each legend as made (remaking them cost
    the GUI thread 10 ms a load); a new language makes them anew, in its words."""
    def labels(plot) -> list:
        return [label for _, label in plot.legend.items]

    plots = (window.data_plot, window.loss_plot)
    before = [labels(plot) for plot in plots]
    english = {label.text for plot in plots for label in labels(plot)}
    loaded = window.run.loaded
    window.panel.editors["n_points"].setValue(50)
    qtbot.waitUntil(lambda: window.run.loaded is not loaded and not window.run.loading)
    for plot, old in zip(plots, before):
        assert labels(plot) and all(a is b for a, b in zip(labels(plot), old, strict=True))
    window.language.set_language("zh_CN")
    for plot, old in zip(plots, before):
        assert not any(a is b for a, b in zip(labels(plot), old))
    assert not english & {label.text for plot in plots for label in labels(plot)}


def test_a_uniform_scatter_draws_what_pyqtgraphs_own_draws(qtbot):
    """UniformScatter looks its one style up once: every spot's atlas place and the
    picture drawn are pyqtgraph's, after new data, a new size and a new brush."""
    import numpy as np
    import pyqtgraph as pg

    from quadreg_gui.gui.panels.base import UniformScatter

    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 1, 500), rng.uniform(0, 1, 500)
    views = []
    for kind in (pg.ScatterPlotItem, UniformScatter):
        view = pg.PlotWidget()
        qtbot.addWidget(view)
        view.resize(300, 200)
        scatter = kind(pen=None)
        view.addItem(scatter)
        view.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        views.append((view, scatter))
    steps = [lambda s: s.setData(x, y), lambda s: s.setSize(11),
             lambda s: s.setBrush(pg.mkBrush(200, 30, 30, 120)), lambda s: s.setData(y, x)]
    for step in steps:
        images = []
        for view, scatter in views:
            step(scatter)
            view.show()
            images.append(view.grab().toImage())
        (_, theirs), (_, ours) = views
        assert np.array_equal(ours.data["sourceRect"], theirs.data["sourceRect"])
        assert (ours._maxSpotWidth, ours._maxSpotPxWidth) == \
            (theirs._maxSpotWidth, theirs._maxSpotPxWidth)
        assert images[0] == images[1]
