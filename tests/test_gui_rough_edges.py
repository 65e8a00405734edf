"""The newcomer's rough edges (issue 6), each tried as a user would, offscreen.

Numbers in the comments are the item numbers of the issue.
"""

import gc
import math
import os
import random
import subprocess
import sys
import time

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QPoint, QPointF, QRect, Qt  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QScrollArea  # noqa: E402

from quadreg_gui.core.config import TrainConfig  # noqa: E402
from quadreg_gui.core.logformat import divergence_message  # noqa: E402
from quadreg_gui.core.training.trainer import train  # noqa: E402
from quadreg_gui.gui.dialogs import AboutDialog, ShortcutsDialog, version_report  # noqa: E402
from quadreg_gui.gui.fonts import choose_ui_font, is_cjk_family  # noqa: E402
from quadreg_gui.gui.main_window import MainWindow  # noqa: E402
from quadreg_gui.gui.message_banner import MessageBanner  # noqa: E402
from quadreg_gui.gui.run_controls import SPEEDS, speed_text  # noqa: E402


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.run.loaded is not None)
    yield win
    win.close()
    assert not win.thread.isRunning()


def set_speed(window, speed):
    window.run_controls.speed.setValue(SPEEDS.index(speed))


def lr_spin(window) -> QDoubleSpinBox:
    return window.panel.editors["lr"]


def wheel(widget, steps=-1):
    """A mouse-wheel turn over the middle of ``widget``, through the window system as a
    user's would come (only such events go on to the parent when a widget ignores them)."""
    window = widget.window()
    pos = widget.mapTo(window, QPoint(widget.width() // 2, widget.height() // 2))
    QTest.wheelEvent(window.windowHandle(), QPointF(pos), QPoint(0, 120 * steps))
    QApplication.processEvents()


# --- 1. keys in fields ------------------------------------------------------------
def test_enter_applies_a_typed_value_and_space_then_starts(qtbot, window):
    spin = lr_spin(window)
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() in (spin, spin.lineEdit())
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "0.01")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.config.lr == 0.01)
    qtbot.waitUntil(lambda: window.focusWidget() is window.run_controls.start_button)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.run.state == "running")
    assert spin.text() == "0.01" and window.banner.text() == ""


def test_run_keys_type_into_a_focused_field_instead_of_acting(qtbot, window):
    states = []  # every state the worker enters, in its own thread, in order
    window.worker.stateChanged.connect(states.append)
    spin = window.panel.editors["noise"]
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_R, Qt.Key.Key_S, Qt.Key.Key_Right):
        qtbot.keyClick(spin, key)
    assert window.run.state == "ready" and window.run.epoch == 0
    window.run_controls.start_button.setFocus()
    qtbot.keyClick(window.run_controls.start_button, Qt.Key.Key_S)
    # The worker takes commands in order: a start, step or reset sent by the keys in
    # the field would have come before this step, and left its state behind.
    qtbot.waitUntil(lambda: window.run.epoch == 1 and window.run.state == "paused")
    assert states == ["paused"] and window.run.epoch == 1


def test_right_arrow_on_the_lr_slider_moves_it_by_a_fixed_ratio(qtbot, window):
    slider = window.panel.lr_slider.slider
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus)
    qtbot.keyClick(slider, Qt.Key.Key_Right)  # 4: one step, 10^(1/20)
    qtbot.waitUntil(lambda: window.panel.config.lr != 0.001)
    assert window.panel.config.lr == pytest.approx(0.001 * 10 ** (1 / 20), rel=5e-3)
    assert window.run.epoch == 0  # → went to the slider, not to Step
    qtbot.keyClick(slider, Qt.Key.Key_PageUp)  # a decade
    qtbot.waitUntil(lambda: window.panel.config.lr == pytest.approx(0.0112, rel=5e-3))


# --- 2. the wheel ---------------------------------------------------------------
def test_wheel_over_unfocused_fields_scrolls_the_panel(qtbot, window):
    window.resize(1000, 500)  # the settings do not fit: the panel scrolls
    scroll = window.panel.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    combo = window.findChild(QComboBox, "noiseKindCombo")
    points = window.panel.editors["n_points"]
    before = scroll.verticalScrollBar().value()
    wheel(combo)
    wheel(points)
    assert combo.currentData() == "uniform" and points.value() == 100
    assert scroll.verticalScrollBar().value() > before
    points.setFocus()
    qtbot.waitUntil(points.hasFocus)
    scroll.ensureWidgetVisible(points)
    wheel(points, steps=1)  # focused: the wheel changes it
    assert points.value() == 101


# --- 3. marks -------------------------------------------------------------------------
def test_a_slider_drag_makes_one_mark(qtbot, window):
    set_speed(window, 500)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.epoch >= 10)
    slider = window.panel.lr_slider.slider
    for pos in range(slider.value() + 1, slider.value() + 15):  # 14 values, as dragged
        before = window.run.epoch
        slider.setValue(pos)
        qtbot.waitUntil(lambda before=before: window.run.epoch > before)  # epochs go by
    qtbot.waitUntil(lambda: len(window.loss_plot.marks) == 1 and
                    window.loss_plot.marks[0].text == f"lr {window.panel.config.lr:.4g}")


def test_mark_labels_never_overlap(qtbot, window):
    plot = window.loss_plot
    window.resize(1260, 700)
    for k, epoch in enumerate((100, 110, 120, 130, 400, 790)):  # apart in time, close in epochs
        config = TrainConfig(optimizer="momentum", lr=0.001 * (k + 1), momentum=0.9)
        plot.add_mark(epoch, config, ("lr", "momentum"), now=10.0 * k)
    shown = [m for m in plot.marks if m.label.isVisible()]
    assert len(shown) >= 4
    rects = [m.label.sceneBoundingRect() for m in shown]
    view = plot.getViewBox().sceneBoundingRect()
    for i, a in enumerate(rects):
        assert view.contains(a), "a label leaves the plot"
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    hidden = [m for m in plot.marks if not m.label.isVisible()]
    assert all(m.line.toolTip() for m in plot.marks)
    assert len(shown) + len(hidden) == 6


# --- 4 and 6. the learning-rate controls --------------------------------------------
def test_lr_slider_is_long_with_decade_ticks(window):
    lr = window.panel.lr_slider
    assert lr.slider.width() >= 230
    assert lr.decades == (-6, 0)  # the default data's stable limit 0.01776 lies inside
    assert lr.slider.tickInterval() == 20 and lr.slider.maximum() == 120
    assert lr.tick_x(120) - lr.tick_x(0) >= 0.8 * lr.slider.width()


@pytest.mark.parametrize("value", [0.00033, 0.00589, 1.23457e-05, 0.000123457, 123457.0])
def test_lr_entry_shows_every_value_in_full(window, value):
    spin = lr_spin(window)
    spin.setValue(value)
    text = spin.lineEdit().text()
    assert float(text) == pytest.approx(value, rel=1e-6)
    room = spin.lineEdit().contentsRect().width()
    assert spin.lineEdit().fontMetrics().horizontalAdvance(text) < room


# --- 5. axes and views ---------------------------------------------------------------
def test_no_si_prefix_when_zoomed_and_home_resets_the_view(qtbot, window):
    plot = window.data_plot
    plot.setXRange(-0.001, 0.002)
    for p in (window.data_plot, window.loss_plot):
        for side in ("bottom", "left"):
            axis = p.getAxis(side)
            assert axis.autoSIPrefix is False
            assert "(x" not in axis.labelString()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Home)
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    assert x0 < -1 and x1 > 1 and y0 <= 2 and y1 >= 6
    plot.setXRange(0, 0.1)
    qtbot.mouseDClick(plot.viewport(), Qt.MouseButton.LeftButton)
    assert plot.getViewBox().viewRange()[0][0] < -1


# --- 7. stability from launch ---------------------------------------------------------
def test_stable_limit_shown_from_launch_and_unstable_data_offers_a_fix(qtbot, window):
    qtbot.waitUntil(lambda: "stable below 0.01776" in window.status_labels["lr"].text())
    assert window.banner.level == "hint" and "0.01776" in window.banner.label.text()
    window.panel.editors["n_points"].setValue(1_000_000)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 1_000_000, timeout=20_000)
    qtbot.waitUntil(lambda: window.banner.level == "warning")
    assert "exceeds the stable limit 1.785e-06" in window.banner.text()
    assert window.banner.button.isVisible() and window.banner.button.text() == "Use lr 8.92e-07"
    qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.panel.config.lr == 8.92e-07)
    assert window.banner.level == "hint"
    set_speed(window, math.inf)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=30_000)


# --- 8 and 9. the loss panel at launch -------------------------------------------------
def test_loss_panel_shows_the_initial_loss_and_holds_the_run(window):
    plot = window.loss_plot
    x, y = plot.current.getData()
    assert list(x) == [0] and y[0] == pytest.approx(math.log10(237.1448), abs=1e-4)
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    assert x0 < 0 and x1 > 800
    assert y0 < math.log10(window.run.loaded.min_loss) and y1 > math.log10(237.1448)
    headless = train(TrainConfig())
    assert y0 < math.log10(headless.history.loss.min())


def test_loss_axis_labels_are_legible(qtbot, window):
    from PySide6.QtGui import QImage, QPainter
    left, bottom = window.loss_plot.getAxis("left"), window.loss_plot.getAxis("bottom")
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    texts = [[spec[2] for spec in axis.generateDrawSpecs(painter)[2]] for axis in (left, bottom)]
    painter.end()
    left_texts, bottom_texts = texts
    # At least two labels, one of them within a decade of the optimum's loss (0.167).
    assert len(left_texts) >= 2 and min(float(t) for t in left_texts) <= 1
    assert len(set(left_texts)) == len(left_texts)
    assert bottom_texts[0] == "0" and bottom_texts[-1] == "800"  # the last tick is not cut
    assert left.labelStyle["color"] == "#222222"


# --- 11. the data legend ---------------------------------------------------------------
def test_data_legend_hides_no_data_and_fits_its_entries(qtbot, window):
    plot = window.data_plot
    window.resize(1280, 720)  # a projector's size (the offscreen screen is smaller)
    qtbot.waitUntil(lambda: plot.legend.isVisible())
    # Once the window has its size (at first the panes are narrow, and a legend that
    # does not fit in a row below goes inside the view), it is below, over no data.
    qtbot.waitUntil(lambda: not plot.legend.sceneBoundingRect().intersects(
        plot.getViewBox().sceneBoundingRect()))
    QApplication.processEvents()  # the first layout of the entries, after the first load
    legend_rect = plot.legend.sceneBoundingRect()
    width = legend_rect.width()
    window.panel.editors["n_points"].setValue(200_000)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 200_000, timeout=20_000)
    window.panel.editors["n_points"].setValue(100)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 100, timeout=20_000)
    qtbot.waitUntil(lambda: plot.legend.sceneBoundingRect().width() == pytest.approx(width, abs=1))


# --- 12. divergence -------------------------------------------------------------------
def test_divergence_counts_epochs_one_way_and_keeps_the_layout_still(qtbot, window):
    plots_top = window.plots.mapTo(window, QPoint(0, 0)).y()
    lr_spin(window).setValue(0.05)
    set_speed(window, math.inf)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "diverged", timeout=20_000)
    qtbot.waitUntil(lambda: window.status_labels["epoch"].text() == "9 of 800 epochs")
    text = window.banner.text()
    assert text.startswith("Diverged at epoch 8 (9 epochs run)")
    assert window.status_labels["epoch"].text() == "9 of 800 epochs"
    assert "gradient descent" in text and " gd" not in text
    assert window.plots.mapTo(window, QPoint(0, 0)).y() == plots_top
    assert window.data_plot.off_scale.isVisible()
    assert "above the view" in window.data_plot.off_scale.toPlainText()
    log = window.log_view  # the long divergence line can be scrolled to, not cut off
    log.viewport().repaint()
    widest = log.fontMetrics().horizontalAdvance(window.log.lines()[-1])
    assert log.horizontalScrollBar().maximum() >= widest - log.viewport().width()
    assert log.horizontalScrollBar().maximum() > 0


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_divergence_gives_up_the_optimizers_name_before_it_is_cut(qtbot, window, language):
    """Presenting at 1280 x 720 the banner had one line, and the message lost its end
    ("… for gradient d…"): where the whole does not fit, the shorter form without the
    optimizer's name is said (the run line names it), and only if that does not fit
    either is it cut, the whole in the tooltip."""
    window.language.set_language(language)
    whole, shorter = (divergence_message(52, 0.02, 0.01776, "gd", brief=True, named=named)
                      for named in (True, False))
    banner = MessageBanner()
    qtbot.addWidget(banner)
    banner.show()
    said = set()
    for width in range(300, 1700, 20):
        banner.resize(width, banner.height())
        banner.show_run_state(TrainConfig(lr=0.02), 0.01776, "", (whole, shorter),
                              lambda: None)
        label = banner.label
        metrics, wrap = label.fontMetrics(), Qt.TextFlag.TextWordWrap
        fits = {text: (metrics.horizontalAdvance(text) <= label.width()
                       if not label.wordWrap() else metrics.boundingRect(
                           QRect(0, 0, label.width(), 10**6), wrap, text).height()
                       <= label.height())
                for text in (whole, shorter)}
        shown = label.text()
        said.add(shown if shown in (whole, shorter) else "cut")
        assert shown == whole or not fits[whole]
        assert "…" not in shown or not fits[shorter], (width, shown)
        assert label.toolTip() == ("" if shown == whole else whole)
    assert said == {whole, shorter, "cut"}  # (each case met)
    window.language.set_language("en")


# --- 13 and 14. counts and rounds ----------------------------------------------------------
def test_plural_forms():
    assert speed_text(1) == "1 epoch/s" and speed_text(2) == "2 epochs/s"
    assert speed_text(10_000) == "10,000 epochs/s" and speed_text(math.inf) == "maximum"


def test_finished_run_says_what_start_will_do(qtbot, window):
    set_speed(window, math.inf)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.state == "finished", timeout=20_000)
    button = window.run_controls.start_button
    assert button.text() == "Run 800 more"
    window.panel.editors["epochs"].setValue(50)
    qtbot.waitUntil(lambda: button.text() == "Run 50 more")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.run.state == "finished" and window.run.epoch == 850,
                    timeout=20_000)
    qtbot.waitUntil(lambda: window.status_labels["epoch"].text() == "850 of 850 epochs")


# --- 15 and 16. layout and dialogs --------------------------------------------------------
def test_inputs_line_up_in_one_column(window):
    xs = {name: window.panel.editors[name].mapTo(window, QPoint(0, 0)).x()
          for name in ("n_points", "noise", "lr", "epochs", "l2", "schedule", "log_every")}
    xs["speed"] = window.run_controls.speed.mapTo(window, QPoint(0, 0)).x()
    assert len(set(xs.values())) == 1, xs
    run_title = window.run_controls.mapTo(window, QPoint(0, 0)).x()
    data_group = window.panel.editors["n_points"].parentWidget()
    assert data_group.mapTo(window, QPoint(0, 0)).x() == run_title


def test_dialogs_have_room_for_their_title_and_about_says_what_a_bug_report_needs(window):
    shortcuts = ShortcutsDialog(window, [("Space", "Start")], "note")
    title_width = shortcuts.fontMetrics().horizontalAdvance("Keyboard shortcuts — QuadReg")
    assert shortcuts.minimumWidth() > title_width + 100
    about = AboutDialog(window)
    text = about.findChild(object, "aboutText").text()
    for needle in ("使用纯NumPy实现回归任务", "MIT", "Python ", "Qt ", "PySide6 ", "pyqtgraph ",
                   "NumPy "):
        assert needle in text, needle
    assert version_report().splitlines()[0].startswith("QuadReg ")
    shortcuts.deleteLater()
    about.deleteLater()


# --- 17 and 18. data changes -------------------------------------------------------------
def test_slow_data_shows_work_and_never_the_old_data(qtbot, window):
    # The largest data set: 3,000,000 points sometimes load in 70 ms, before the busy
    # indicator's 100 ms, and the test raced the machine.
    window.panel.editors["n_points"].setValue(10_000_000)
    qtbot.waitUntil(window.busy.isVisible, timeout=5_000)
    assert window.data_plot.loading_note.isVisible()
    assert not window.data_plot.scatter.isVisible()
    assert not window.loss_plot.curve.isVisible()
    assert window.status_labels["loss"].text() == ""
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 10_000_000, timeout=30_000)
    assert not window.busy.isVisible() and not window.data_plot.loading_note.isVisible()
    assert window.data_plot.scatter.isVisible() and window.loss_plot.curve.isVisible()


def test_a_burst_of_data_changes_keeps_a_running_run_running(qtbot, window):
    set_speed(window, 100)
    window.toggle_run()
    qtbot.waitUntil(lambda: window.run.epoch >= 3)
    for n in (1_000_000, 1_000_001, 60):
        window.panel.editors["n_points"].setValue(n)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 60, timeout=30_000)
    qtbot.waitUntil(lambda: window.run.state == "running" and window.run.epoch >= 3)


def test_a_burst_of_data_changes_loads_only_the_last(qtbot, window):
    loads = []
    window.worker.loaded.connect(lambda ld: loads.append(ld.config.n_points))
    for n in (2_000_000, 2_000_001, 2_000_002, 50):
        window.panel.editors["n_points"].setValue(n)
    qtbot.waitUntil(lambda: window.run.loaded.data.n == 50, timeout=30_000)
    assert loads[-1] == 50 and len(loads) <= 2  # the one running when the burst came, the last


# --- 19. the command line ------------------------------------------------------------
def gui_command(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["QT_QPA_PLATFORM"] = "nonexistent-platform"  # a window would fail loudly
    return subprocess.run([sys.executable, "-m", "quadreg_gui", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def test_gui_command_line_answers_help_and_version_without_a_window():
    from quadreg_gui import __version__
    helped = gui_command("--help")
    assert helped.returncode == 0 and "usage: quadreg-gui" in helped.stdout
    assert "--version" in helped.stdout and "-platform" in helped.stdout
    version = gui_command("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"quadreg-gui {__version__}"
    bad = gui_command("--bogus")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "unrecognized arguments: --bogus" in bad.stderr


# --- 20. fonts ----------------------------------------------------------------------------
def test_english_ui_gets_a_latin_font_under_a_cjk_default():
    cjk = [f for f in QFontDatabase.families() if is_cjk_family(f)]
    latin = [f for f in QFontDatabase.families() if not is_cjk_family(f)]
    if not cjk or not latin:
        pytest.skip("needs a CJK and a Latin font installed (fonts-noto-cjk)")
    chosen = choose_ui_font(QFont(cjk[0]))
    assert not is_cjk_family(chosen.family())
    assert choose_ui_font(QFont(cjk[0]), language="zh_CN").family() == cjk[0]


# --- 21. closing ---------------------------------------------------------------------------
@pytest.mark.heavy  # (QUADREG_HEAVY=once: timing, the same on every Python)
def test_close_takes_effect_at_once_at_random_moments_of_a_maximum_speed_run(qtbot):
    rng = random.Random(21)
    config = TrainConfig(epochs=10_000_000, lr=0.0001)
    for _ in range(12):
        win = MainWindow(config)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda w=win: w.run.loaded is not None)
        set_speed(win, math.inf)
        win.toggle_run()
        qtbot.waitUntil(lambda w=win: w.run.state == "running")
        moment = rng.randint(1, 3_000_000)  # a random moment of the run, in epochs
        qtbot.waitUntil(lambda w=win, m=moment: w.run.epoch >= m, timeout=20_000)
        gc.collect()  # the windows closed before, not collected inside the timing
        start = time.perf_counter()
        win.close()
        took = time.perf_counter() - start
        assert not win.isVisible() and not win.thread.isRunning()
        assert took < 0.2, f"close took {took * 1000:.0f} ms"


def test_a_long_run_says_once_that_it_is_summarised(qtbot):
    win = MainWindow(TrainConfig(epochs=300_000, lr=0.0001))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.run.loaded is not None)
    messages = []
    win.statusBar().messageChanged.connect(lambda text: text and messages.append(text))
    set_speed(win, math.inf)
    win.toggle_run()
    qtbot.waitUntil(lambda: win.run.state == "finished", timeout=60_000)
    assert len(messages) == 1 and "every logged epoch" in messages[0]
    assert len(win.log.lines()) == 1 + 3_000 + 2  # the log has every logged epoch
    win.close()
