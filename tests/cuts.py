"""What a user sees cut: labels shorter than their text, fields cut at a side, plots
wider than their pane (for the legibility walk and the session's restore)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLabel

from quadreg_gui.gui.look import base_point_size
from quadreg_gui.gui.panels.landscape import WholeOrNothingLabel


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


def cut_plots(window) -> list[tuple[str, str, str]]:
    """Plots wider than their pane (drawn past its edge), or drawn in less than their
    own size (a view left at an old size): (name, what it has, what it needs)."""
    cut = []
    for plot in (window.data_plot, window.loss_plot, window.landscape.plot):
        if not plot.isVisible():
            continue
        pane, drawn = plot.parentWidget(), plot.viewport().size()
        if plot.width() > pane.width() + 1:
            cut.append((plot.objectName(), f"pane {pane.width()}", f"plot {plot.width()}"))
        if drawn != plot.size():
            cut.append((plot.objectName(), f"drawn {drawn.width()}x{drawn.height()}",
                        f"plot {plot.width()}x{plot.height()}"))
    return cut


def settle(qtbot, window, scale: float) -> None:
    """Until every widget has the scale's font, and what that posted has run."""
    size = base_point_size() * scale
    followers = (window.run_controls.speed_label, window.banner.label, window.lesson_bar.text,
                 *window.status_labels.values())
    qtbot.waitUntil(lambda: all(w.font().pointSizeF() == pytest.approx(size)
                                for w in followers))
    for _ in range(3):  # the layouts' requests, and the timers they start at 0 ms
        QApplication.processEvents()
