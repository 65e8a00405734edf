"""Legible on any projector: English and Chinese, at 1280 x 720, 1366 x 768 and
1024 x 768, every scale from 75 % to 300 %, in the window and in presentation mode
with a lesson's caption: no label cut, no menu entry elided, nothing over a plot."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from cuts import cut_fields, cut_labels, cut_plots, settle  # noqa: E402
from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QMenu  # noqa: E402
from pytestqt.exceptions import TimeoutError  # noqa: E402

from quadreg_gui.core.files.lesson import built_in_path  # noqa: E402
from quadreg_gui.gui.look import SCALES, base_point_size  # noqa: E402

pytestmark = pytest.mark.heavy  # (QUADREG_HEAVY=once: CI runs it on one Python)

SIZES = ((1280, 720), (1366, 768), (1024, 768))


def over_a_plot(window) -> list[str]:
    """Captions and lines of the run drawn over a plot's data rectangle."""
    plots = [p for p in (window.data_plot, window.loss_plot, window.landscape.plot)
             if p.isVisible()]
    found = []
    for widget in (window.lesson_bar, window.run_line, window.banner):
        if not widget.isVisible():
            continue
        box = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        for plot in plots:
            view = plot.mapFromScene(plot.getViewBox().sceneBoundingRect()).boundingRect()
            view.moveTopLeft(plot.mapTo(window, view.topLeft()))
            if box.intersects(view):
                found.append(f"{widget.objectName()} over {plot.objectName()}")
    return found


def walk(qtbot, window) -> None:
    for size in SIZES:
        window.resize(*size)
        for scale in SCALES:
            window.appearance.set_scale(scale)
            settle(qtbot, window, scale)
            where = f"{window.language.code} {size} {scale:.0%}"
            try:
                qtbot.waitUntil(lambda: not cut_labels(window) and not cut_fields(window)
                                and not over_a_plot(window) and not cut_plots(window),
                                timeout=2000)
            except TimeoutError:
                pytest.fail(f"{where}: {cut_labels(window)} {cut_fields(window)} "
                            f"{over_a_plot(window)} {cut_plots(window)}")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_nothing_is_cut_at_any_size_and_scale(qtbot, window, language):
    window.language.set_language(language)
    walk(qtbot, window)
    window.files.open_lesson(built_in_path("article"), remember=False)
    qtbot.waitUntil(lambda: window.lessons.active)
    window.lessons.go(2)  # a step with a question
    window.actions.presentation_action.trigger()
    walk(qtbot, window)
    window.actions.presentation_action.trigger()
    window.language.set_language("en")


def text_spans(menu: QMenu) -> dict[str, tuple[int, int] | None]:
    """Where each entry's text is drawn: its first and last inked column."""
    window = menu.parentWidget().window()
    menu.popup(window.mapToGlobal(window.rect().topLeft()))  # as drawn when shown
    image = menu.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    menu.hide()
    if image.isNull():  # an empty menu (no recent files yet)
        return {}
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width()].astype(int)
    spans = {}
    for action in menu.actions():
        if action.isSeparator() or not action.text() or action.menu() \
                or action.shortcut().toString():  # (a shortcut moves with the width)
            continue
        row = menu.actionGeometry(action)
        if row.right() >= image.width() or row.bottom() >= image.height():
            continue  # (a column Qt adds beyond the grab: the menu is taller than the screen)
        cells = pixels[row.top() + 2:row.bottom() - 1, row.left():row.right()]
        background = np.bincount(cells.ravel()).argmax()
        inked = np.nonzero((np.abs(cells - background) > 40).any(axis=0))[0]
        spans[action.text()] = (inked[0], inked[-1]) if len(inked) else None
    return spans


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_menu_entry_is_elided(qtbot, window, language):
    """Each menu drawn as it is and 3 em wider: an elided entry ("损失使用对…标") is
    drawn longer in the wider one."""
    window.language.set_language(language)
    for scale in (1.0, 1.75, 3.0):
        window.appearance.set_scale(scale)
        size = base_point_size() * scale
        qtbot.waitUntil(lambda: all(menu.font().pointSizeF() == pytest.approx(size) for menu
                                    in window.menuBar().findChildren(QMenu)))
        window.actions.fit_menus()
        for menu in window.menuBar().findChildren(QMenu):
            shown = text_spans(menu)
            menu.setMinimumWidth(menu.width() + 3 * menu.fontMetrics().height())
            wider = text_spans(menu)
            elided = [text for text in shown if shown[text] != wider[text]]
            assert elided == [], f"{language} {scale:.0%} {menu.title()}: {elided}"
            window.actions.fit_menus()
    window.language.set_language("en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_diverged_fit_s_note_stays_inside_a_narrow_data_plot(qtbot, window, language):
    """At 1024×768 the data pane is about 340 px wide: "▲ fitted curve above the view
    (up to 1.13e6)" was cut at both sides; it wraps inside the plot instead."""
    window.language.set_language(language)
    window.resize(1024, 768)
    window.panel.editors["lr"].setValue(0.03)
    qtbot.waitUntil(lambda: window.run.run_config.lr == 0.03)
    window.toggle_run()
    plot = window.data_plot
    qtbot.waitUntil(lambda: window.run.state == "diverged" and plot.off_scale.isVisible())
    qtbot.waitUntil(lambda: plot.width() < 420)
    def inside() -> bool:
        """The note within the view's sides, as drawn (a TextItem takes the view's
        transform when it paints: until then its rect is in the view's units)."""
        note = plot.off_scale.mapRectToScene(plot.off_scale.boundingRect())
        view = plot.getViewBox().sceneBoundingRect()
        return view.left() - 1 <= note.left() and note.right() <= view.right() + 1

    try:
        qtbot.waitUntil(inside, timeout=2000)
        assert plot.off_scale.textItem.toPlainText().startswith(("▲", "▼"))  # (as it diverges)
    finally:
        window.language.set_language("en")
