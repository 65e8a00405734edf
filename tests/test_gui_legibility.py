"""Legible on any projector: English and Chinese, at 1280 x 720, 1366 x 768 and
1024 x 768, every scale from 75 % to 300 %, in the window and in presentation mode
with a lesson's caption: no label cut, no menu entry elided, nothing over a plot."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QRect, Qt  # noqa: E402
from pytestqt.exceptions import TimeoutError  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QMenu,
)

from quadreg_gui.core.files.lesson import built_in_path  # noqa: E402
from quadreg_gui.gui.look import SCALES, base_point_size  # noqa: E402
from quadreg_gui.gui.panels.landscape import WholeOrNothingLabel  # noqa: E402

pytestmark = pytest.mark.heavy  # (QUADREG_HEAVY=once: CI runs it on one Python)

SIZES = ((1280, 720), (1366, 768), (1024, 768))


def cut_labels(window) -> list[tuple[str, int, int]]:
    """Labels shown narrower or lower than their text: (name or text, has, needs)."""
    cut = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text() or isinstance(label, WholeOrNothingLabel) \
                or label.objectName() == "scaleNote":  # (shown for a moment, over all)
            continue
        name = label.objectName() or label.text()[:30]
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 1:
                cut.append((name, label.height(), label.heightForWidth(label.width())))
            continue
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and "<" in label.text())
        # (A plain label's cached size hint lags a font change; its text does not.)
        need = label.sizeHint().width() if rich else \
            label.fontMetrics().horizontalAdvance(label.text()) + 2 * label.margin()
        if need > label.width() + 1:
            cut.append((name, label.width(), need))
    return cut


def cut_fields(window) -> list[tuple[str, int, int]]:
    """Number fields and lists narrower or lower than they need, or cut at a side by
    what holds them (a scroll area's edge, a widget over them): arrows cut.  (Scrolled
    out of sight above or below is no cut: the column scrolls.)"""
    cut = []
    for field in [*window.findChildren(QAbstractSpinBox), *window.findChildren(QComboBox)]:
        if not field.isVisible():
            continue
        need = field.minimumSizeHint()
        if need.width() > field.width() + 1 or need.height() > field.height() + 1:
            cut.append((field.objectName(), field.width(), need.width()))
        seen = field.visibleRegion().boundingRect()
        if not seen.isEmpty() and seen.width() < field.width():
            cut.append((field.objectName() + " (at a side)", seen.width(), field.width()))
    return cut


def cut_plots(window) -> list[tuple[str, int, int]]:
    """Plots wider than their pane (drawn past its edge): (name, pane's width, plot's)."""
    return [(plot.objectName(), plot.parentWidget().width(), plot.width())
            for plot in (window.data_plot, window.loss_plot, window.landscape.plot)
            if plot.isVisible() and plot.width() > plot.parentWidget().width() + 1]


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


def settle(qtbot, window, scale: float) -> None:
    """Until every widget has the scale's font, and what that posted has run."""
    size = base_point_size() * scale
    followers = (window.run_controls.speed_label, window.banner.label, window.lesson_bar.text,
                 *window.status_labels.values())
    qtbot.waitUntil(lambda: all(w.font().pointSizeF() == pytest.approx(size)
                                for w in followers))
    for _ in range(3):  # the layouts' requests, and the timers they start at 0 ms
        QApplication.processEvents()


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
