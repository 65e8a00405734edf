"""What every plot panel shares: its axes, its look, and a way back to its view."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QGraphicsItem

from ...core.numformat import log_ticks, tick_labels

TEXT_COLOR = "#222"
AXIS_COLOR = "#666"
TITLE_SIZE = "13pt"
LABEL_SIZE = TITLE_SIZE  # axis labels as legible as the titles
TICK_POINT_SIZE = 11
#: Vertical pixels per labelled tick of a log axis (text height plus a gap).
LOG_LABEL_SPACING = 36
#: Pixels a tick label may reach past the end of its axis (the end ticks).
END_LABEL_MARGIN = 24
#: The spacing handed to tickStrings for the unlabelled minor ticks of a log axis.
_MINOR = -1.0


def cache(item: pg.GraphicsObject) -> None:
    """Draw ``item`` into a cached pixmap, repainted only when it changes: a
    PlotDataItem draws nothing itself, so its curve and scatter children are cached."""
    mode = QGraphicsItem.CacheMode.DeviceCoordinateCache
    if isinstance(item, pg.PlotDataItem):
        item.curve.setCacheMode(mode)
        item.scatter.setCacheMode(mode)
    else:
        item.setCacheMode(mode)


class NumberAxis(pg.AxisItem):
    """An axis with one number style for all its labels, no SI prefix, and a
    log mode that labels at least two values in any range without crowding."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        if orientation in ("top", "bottom"):  # the end ticks' labels may overhang
            self.setStyle(hideOverlappingLabels=END_LABEL_MARGIN)
        self.enableAutoSIPrefix(False)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N803
        if not self.logMode:
            return super().tickValues(minVal, maxVal, size)
        lo, hi = sorted((minVal, maxVal))
        labelled, minor = log_ticks(lo, hi, max(2, int(size // LOG_LABEL_SPACING)))
        return [(1.0, labelled), (_MINOR, minor)]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list:
        if self.logMode:
            if spacing == _MINOR:
                return [None] * len(values)
            return tick_labels([10.0**v * scale for v in values], log=True)
        return tick_labels([v * scale for v in values])


class PlotPanel(pg.PlotWidget):
    """A pyqtgraph plot with the shared look.  Double-click or ``reset_view``
    returns to the panel's own view (subclasses say what that is)."""

    def __init__(self, name: str, description: str, title: str, x_label: str,
                 y_label: str) -> None:
        super().__init__(axisItems={side: NumberAxis(side) for side in ("bottom", "left")})
        self.setObjectName(name)
        self.setAccessibleName(description)
        self.setBackground("w")
        self.set_title(title)
        tick_font = QFont()
        tick_font.setPointSize(TICK_POINT_SIZE)  # readable on a projector
        for side, label in (("bottom", x_label), ("left", y_label)):
            axis = self.getAxis(side)
            axis.setPen(AXIS_COLOR)  # before the text pen and label: it recolours them
            axis.setTextPen(TEXT_COLOR)
            axis.setLabel(label, color=TEXT_COLOR, **{"font-size": LABEL_SIZE})
            axis.setStyle(tickFont=tick_font)
        self.showGrid(x=False, y=False)  # translucent grids cost most of a repaint
        self.setMenuEnabled(False)
        # Room at the right for the last tick label of the bottom axis.
        self.getPlotItem().layout.setContentsMargins(4, 4, END_LABEL_MARGIN, 4)
        self.getPlotItem().autoBtn.clicked.connect(self.reset_view)

    def set_axis_labels(self, x_label: str, y_label: str) -> None:
        for side, label in (("bottom", x_label), ("left", y_label)):
            self.getAxis(side).setLabel(label, color=TEXT_COLOR, **{"font-size": LABEL_SIZE})

    def set_title(self, text: str) -> None:
        self.setTitle(text, color=TEXT_COLOR, size=TITLE_SIZE)

    def reset_view(self) -> None:
        """Back to the panel's own view: autorange unless a subclass knows better."""
        self.enableAutoRange()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.reset_view()
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)
