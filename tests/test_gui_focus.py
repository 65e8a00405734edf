"""Focus: one pane fills the plot area (keys 1-4, View > Focus, a double-click on a
title) and comes back (the same key again, 0, All panes)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QDoubleSpinBox  # noqa: E402

from quadreg_gui.core.files.lesson import built_in_path  # noqa: E402

KEYS = {"data": Qt.Key.Key_1, "loss": Qt.Key.Key_2, "landscape": Qt.Key.Key_3,
        "log": Qt.Key.Key_4}


def shown(window) -> set[str]:
    return {key for key, pane in window.grid.panes.items() if pane.isVisible()}


def fills_the_grid(window, key: str) -> bool:
    pane, grid = window.grid.panes[key], window.grid
    return pane.width() >= grid.width() - 2 and pane.height() >= grid.height() - 2


@pytest.mark.parametrize("key", sorted(KEYS))
def test_each_key_focuses_its_pane_and_again_returns(qtbot, window, key):
    qtbot.keyClick(window, KEYS[key])
    qtbot.waitUntil(lambda: shown(window) == {key} and fills_the_grid(window, key))
    assert window.actions.focus_actions[key].isChecked()
    assert not window.actions.focus_actions[""].isChecked()
    qtbot.keyClick(window, KEYS[key])
    qtbot.waitUntil(lambda: shown(window) == set(KEYS) and not fills_the_grid(window, key))
    assert window.actions.focus_actions[""].isChecked()


def test_zero_and_the_menu_return_to_all_panes(qtbot, window):
    window.actions.focus_actions["landscape"].trigger()
    assert shown(window) == {"landscape"}
    window.actions.focus_actions["loss"].trigger()  # from one focus to another
    assert shown(window) == {"loss"}
    qtbot.keyClick(window, Qt.Key.Key_0)
    assert shown(window) == set(KEYS) and window.focus.key == ""
    window.actions.focus_actions["data"].trigger()
    window.actions.focus_actions[""].trigger()
    assert shown(window) == set(KEYS)


def test_a_digit_typed_into_a_field_stays_there(qtbot, window):
    spin = window.findChild(QDoubleSpinBox, "lrSpin")
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_2)
    assert spin.lineEdit().text() == "2" and shown(window) == set(KEYS)


def double_click(qtbot, plot, point: QPoint) -> None:
    qtbot.mouseDClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_double_click_on_a_title_focuses_elsewhere_resets_the_view(qtbot, window):
    plot = window.grid.data_plot
    title = plot.mapFromScene(plot.getPlotItem().titleLabel.sceneBoundingRect().center())
    double_click(qtbot, plot, title)
    qtbot.waitUntil(lambda: shown(window) == {"data"})
    double_click(qtbot, plot, title)
    qtbot.waitUntil(lambda: shown(window) == set(KEYS))
    view = plot.getViewBox()
    view.setRange(xRange=(100, 200), padding=0)
    centre = plot.mapFromScene(view.sceneBoundingRect().center())
    double_click(qtbot, plot, centre)
    assert shown(window) == set(KEYS) and view.viewRange()[0][0] < 100  # reset, no focus
    tabs = window.grid.tabs.tabBar()
    qtbot.mouseDClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    qtbot.waitUntil(lambda: shown(window) == {"log"})


def test_the_view_menus_panes_come_back_as_they_were(qtbot, window):
    panels = window.actions.panel_actions
    panels["landscapeAction"].setChecked(False)
    assert shown(window) == set(KEYS) - {"landscape"}
    window.focus.toggle("landscape")  # a hidden pane may take the focus
    assert shown(window) == {"landscape"}
    window.focus.toggle("landscape")
    assert shown(window) == set(KEYS) - {"landscape"}
    window.focus.toggle("data")
    panels["logAction"].setChecked(False)  # a pane chosen in the View menu: focus left
    assert window.focus.key == "" and shown(window) == {"data", "loss"}
    assert window.actions.focus_actions[""].isChecked()


def test_panes_go_one_above_the_other_where_two_do_not_fit_beside_the_settings(qtbot,
                                                                               window):
    """A large scale on a small screen: the settings keep their least width and the
    panes take one column (they scroll); back at 100 % they are two to a row again."""
    from PySide6.QtCore import Qt

    window.resize(1024, 768)
    window.appearance.set_scale(3.0)
    qtbot.waitUntil(lambda: window.grid.single_column)
    assert all(row.orientation() == Qt.Orientation.Vertical for row in window.grid.rows)
    qtbot.waitUntil(lambda: window.left.width() + window.grid.width()
                    <= window.centralWidget().width())
    assert not window.left.scroll.horizontalScrollBar().isVisible()
    window.appearance.set_scale(1.0)
    qtbot.waitUntil(lambda: not window.grid.single_column)
    assert all(row.orientation() == Qt.Orientation.Horizontal for row in window.grid.rows)


def test_a_pane_a_lesson_focuses_in_presentation_fills_the_plot_area(qtbot, window):
    """A readout kept the height it had for a moment at no width (14 lines, while its
    pane was hidden): the focused loss plot had 266 of 430 px and the area scrolled."""
    window.files.open_lesson(built_in_path("article"), remember=False)
    qtbot.waitUntil(lambda: window.lessons.active)
    window.actions.presentation_action.trigger()
    window.lessons.go(5)  # a learning rate too large: the loss alone
    qtbot.waitUntil(lambda: window.run.state == "diverged" and shown(window) == {"loss"})
    area = window.grid.parentWidget().parentWidget().viewport()
    label = window.theory_readout.label
    qtbot.waitUntil(lambda: window.grid.height() <= area.height()
                    and label.height() <= 3 * label.fontMetrics().lineSpacing())
    assert fills_the_grid(window, "loss")
    window.actions.presentation_action.trigger()
