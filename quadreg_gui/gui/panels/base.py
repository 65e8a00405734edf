"""What every plot panel shares: its axes, its look, and a way back to its view."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QMouseEvent, QResizeEvent, QShowEvent, QTextOption
from PySide6.QtWidgets import (
    QGraphicsGridLayout,
    QGraphicsItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ...core.numformat import log_ticks, tick_labels
from ..look import Look
from ..retranslate import Retranslator

#: Point sizes at 100 %: titles and axis labels alike, ticks and legends a little smaller.
TITLE_POINTS = 13
TICK_POINTS = 11
LEGEND_POINTS = 11
NOTE_POINTS = 10
#: Vertical pixels per labelled tick of a log axis (text height plus a gap).
LOG_LABEL_SPACING = 36
#: Pixels a tick label may reach past the end of its axis (the end ticks).
END_LABEL_MARGIN = 24
#: The width of a legend entry's line sample (pyqtgraph's, fixed), the gap from it
#: to its label, and the gap between two entries (at 100 %).
LEGEND_SAMPLE = 20
LEGEND_GAP = 5
LEGEND_ENTRY_GAP = 10
#: The least height of a plot's view, in pixels at 100 %.
MIN_VIEW = 70
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


class UniformScatter(pg.ScatterPlotItem):
    """Spots that all share the item's style (``setSize``, ``setBrush``... for all, never
    per spot).  pyqtgraph looks each spot's style up in its symbol atlas one by one
    in Python: 10-18 ms in the GUI thread for the 5,000 spots of each new data set,
    where one lookup serves them all."""

    STYLE = ("symbol", "size", "pen", "brush")

    def updateSpots(self, dataSet: np.ndarray | None = None) -> None:  # noqa: N802,N803
        data = self.data if dataSet is None else dataSet
        if not (self.opts["pxMode"] and self.opts["useCache"]):
            super().updateSpots(data)
            return
        fresh = data["sourceRect"]["w"] == 0  # (as pyqtgraph's own, but one lookup)
        placed = bool(fresh.any())
        if placed:
            style = tuple(self.opts[key] for key in self.STYLE)
            data["sourceRect"][fresh] = self.fragmentAtlas[[style]][0]
        self._maybeRebuildAtlas()
        self._updateMaxSpotSizes(data=data)
        if placed:
            self.invalidate()


def move_spot(scatter: pg.ScatterPlotItem, k: int, x: float, y: float) -> None:
    """Spot ``k`` of ``scatter`` at (x, y), in place: setData of 5,000 spots makes every
    spot anew (8 ms, each move of a drag), while a paint reads the positions afresh."""
    scatter.data["x"][k], scatter.data["y"][k] = x, y
    scatter.prepareGeometryChange()
    scatter.bounds = [None, None]  # (the data's extent, cached)
    scatter.invalidate()


def ask_no_width(label: pg.LabelItem) -> None:
    """A title's size hint without its width (pyqtgraph's ``updateMin`` asks for the
    text's): a long title at a large scale must not widen the plot past its pane.  The
    row beside it is empty, so the text overhangs into it."""
    height = label.itemRect().height()
    label.setMinimumSize(0, height)
    label._sizeHint = {Qt.SizeHint.MinimumSize: (0, height),
                       Qt.SizeHint.PreferredSize: (0, height),
                       Qt.SizeHint.MaximumSize: (-1, -1)}
    label.updateGeometry()


class NumberAxis(pg.AxisItem):
    """An axis with one number style for all its labels, no SI prefix, and a
    log mode that labels at least two values in any range without crowding."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        if orientation in ("top", "bottom"):  # the end ticks' labels may overhang
            self.setStyle(hideOverlappingLabels=END_LABEL_MARGIN)
        self.enableAutoSIPrefix(False)

    #: The look's scale: larger labels need fewer ticks to stay apart.
    text_scale = 1.0

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N803
        if not self.logMode:
            # pyqtgraph's tick count grows with the square root of the length.
            levels = super().tickValues(minVal, maxVal, size / self.text_scale**2)
            if self.orientation in ("top", "bottom") and maxVal > minVal and levels:
                step, values = levels[0]
                spread = self._spread(step, values, size / (maxVal - minVal))
                if spread[0] != step:  # thinned: the finer levels would label the gaps
                    return [spread]
            return levels
        lo, hi = sorted((minVal, maxVal))
        spacing = LOG_LABEL_SPACING * self.text_scale
        labelled, minor = log_ticks(lo, hi, max(2, int(size // spacing)))
        return [(1.0, labelled), (_MINOR, minor)]

    def _spread(self, step: float, values: list, px_per_unit: float) -> tuple[float, list]:
        """Every other tick, and again, until the widest label fits between two (labels of
        a wide font, e.g. a CJK one's digits, would otherwise touch)."""
        font = self.style.get("tickFont")
        metrics = QFontMetricsF(font) if font is not None else QFontMetricsF(self.font())
        gap = metrics.averageCharWidth() * 2
        while len(values) > 2:
            widest = max(metrics.horizontalAdvance(t or "") for t in
                         self.tickStrings(values, 1.0, step))
            if step * px_per_unit >= widest + gap:
                break
            step *= 2
            values = [v for v in values if round(v / step * 2) % 2 == 0]
        return step, values

    def tickStrings(self, values: list, scale: float, spacing: float) -> list:
        if self.logMode:
            if spacing == _MINOR:
                return [None] * len(values)
            return tick_labels([10.0**v * scale for v in values], log=True)
        return tick_labels([v * scale for v in values])


def css_points(look: Look, points: float) -> str:
    return f"{look.pt(points):.1f}pt"


class PointDrag:
    """Left drags on a plot's view that start on something grabbable (``grab`` of the
    press's scene position) move it: ``moved`` gets each position in view units and
    whether the button was released; any other drag pans the view, as pyqtgraph's."""

    def __init__(self, plot: pg.PlotWidget, grab: Callable[[QPointF], bool],
                 moved: Callable[[float, float, bool], None]) -> None:
        self.plot, self.grab, self.moved = plot, grab, moved
        self.active = False
        plot.getViewBox().mouseDragEvent = self._drag  # (pyqtgraph calls the item's own)

    def _drag(self, event: object, axis: int | None = None) -> None:
        vb = self.plot.getViewBox()
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            pg.ViewBox.mouseDragEvent(vb, event, axis)
            return
        if event.isStart():  # type: ignore[attr-defined]
            self.active = self.grab(event.buttonDownScenePos())  # type: ignore[attr-defined]
        if not self.active:
            pg.ViewBox.mouseDragEvent(vb, event, axis)
            return
        event.accept()  # type: ignore[attr-defined]
        point = vb.mapSceneToView(event.scenePos())  # type: ignore[attr-defined]
        finished = event.isFinish()  # type: ignore[attr-defined]
        if finished:
            self.active = False
        self.moved(point.x(), point.y(), finished)


def fit_bar_label(plot: PlotPanel, bar: pg.ColorBarItem, text: str, shown: str) -> str:
    """A colour bar's label along the bar; in two lines where the bar is shorter than
    one (a large scale, a low pane, a Chinese label), so that it reaches no axis below.
    Returns the label now shown (set only when it changed from ``shown``)."""
    length = QFontMetricsF(plot.look.font(NOTE_POINTS)).horizontalAdvance(text)
    if length > plot.getViewBox().height():
        spaces = [i for i, c in enumerate(text) if c == " "]
        middle = len(text) // 2
        # (Chinese has no spaces: any character may end a line.)
        cut = min(spaces, key=lambda i: abs(i - middle)) if spaces else middle
        text = f"{text[:cut]}<br>{text[cut + 1 if spaces else cut:]}"
    if text != shown:
        # The label is on the bar's left axis (the ticks are on the right one).
        bar.getAxis("left").setLabel(text, color=plot.look.colors.text,
                                     **{"font-size": css_points(plot.look, NOTE_POINTS)})
    return text


class PlotPanel(pg.PlotWidget):
    """A pyqtgraph plot with the shared look.  Double-click or ``reset_view``
    returns to the panel's own view (subclasses say what that is); a double-click on
    the title says ``titleDoubleClicked`` instead (the pane takes the whole plot area).
    ``apply_look`` restyles the axes and title; subclasses restyle their own items in
    ``style_items``."""

    titleDoubleClicked = Signal()
    helpClicked = Signal()  # its "?": what the plot shows

    legend_columns = 3  # the most the legend may use
    _ready = False
    end_label_room = True  # False where an item right of the view (a colour bar) gives it
    _legend: pg.LegendItem | None = None
    _legend_entries: list[tuple[object, str]] = []
    _legend_estimate = 0  # the columns estimated for the legend's width (fill_legend)
    _legend_made: tuple | None = None  # what the legend was last made for (fill_legend)

    def __init__(self, name: str, description: str, title: str, x_label: str,
                 y_label: str) -> None:
        # No context menus: the window's own menus and keys do what they would, and
        # pyqtgraph's ViewBox menu is not built (3 ms a plot at every window's start).
        super().__init__(axisItems={side: NumberAxis(side) for side in ("bottom", "left")},
                         enableMenu=False)
        self.help_button = QToolButton(self)
        self.help_button.setObjectName("helpButton")
        self.help_button.setText("?")
        self.help_button.setAutoRaise(True)
        self.help_button.setToolTip(tr("What this plot shows, and how to read it"))
        self.help_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space stays the run's
        self.help_button.clicked.connect(self.helpClicked)
        self.setObjectName(name)
        self.setAccessibleName(description)
        self.look = Look()
        self._title = title
        self._labels = {"bottom": x_label, "left": y_label}
        self._style_axes()
        self.showGrid(x=False, y=False)  # translucent grids cost most of a repaint
        self.getPlotItem().autoBtn.clicked.connect(self.reset_view)
        title = self.getPlotItem().titleLabel
        title.updateMin = lambda: ask_no_width(title)  # pyqtgraph calls it at each resize
        # The axis grows to its tick labels when they are first drawn at a new size.
        self.getAxis("bottom").geometryChanged.connect(self.keep_room_to_plot)
        self._ready = True

    def apply_look(self, look: Look) -> None:
        self.look = look
        self._style_axes()
        self.style_items(look)

    def style_items(self, look: Look) -> None:
        """Pens, sizes and fonts of the subclass's own items."""

    def _style_axes(self) -> None:
        look = self.look
        colors = look.colors
        self.setBackground(colors.plot)
        tick_font = look.font(TICK_POINTS)  # readable on a projector
        # Room at the right for the last tick label of the bottom axis.
        margin = round(END_LABEL_MARGIN * look.scale)
        # (An empty column, not a layout margin: the legend's row spans it too.)
        self.getPlotItem().layout.setContentsMargins(4, 4, 4, 4)
        self.getPlotItem().layout.setColumnMinimumWidth(2, margin * self.end_label_room)
        self.getAxis("bottom").setStyle(hideOverlappingLabels=margin)
        for side in ("bottom", "left"):
            axis = self.getAxis(side)
            # The pen before the text pen and label: it recolours them.
            axis.setPen(pg.mkPen(colors.axis, width=look.px(1)))
            axis.setTextPen(colors.text)
            axis.text_scale = look.scale
            axis.setStyle(tickFont=tick_font, tickLength=-round(look.px(5)))
        self.set_axis_labels(self._labels["bottom"], self._labels["left"])
        self.set_title(self._title)

    def set_axis_labels(self, x_label: str, y_label: str) -> None:
        self._labels = {"bottom": x_label, "left": y_label}
        for side, label in self._labels.items():
            self.getAxis(side).setLabel(label, color=self.look.colors.text,
                                        **{"font-size": css_points(self.look, TITLE_POINTS)})

    def set_title(self, text: str, note: str = "") -> None:
        """The title, and ``note`` in smaller type on a line below it."""
        self._title = text
        self._note = note
        if note:
            text = f"{text}<br><span style='font-size:{css_points(self.look, NOTE_POINTS)}'>" \
                   f"{note}</span>"
        self.setTitle(text, color=self.look.colors.text, size=css_points(self.look, TITLE_POINTS))
        label = self.getPlotItem().titleLabel
        label.item.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
        self._fit_title()

    def _fit_title(self) -> None:
        """The title wrapped to the plot's width where one line is wider (a long slice
        title, a large scale), and a row as high as its lines: pyqtgraph's is 30 px."""
        label = self.getPlotItem().titleLabel
        item = label.item
        item.setTextWidth(-1)
        # Centred over the plot's column (right of the left axis), clear of the "?".
        layout = self.getPlotItem().layout
        axis, end = self.getAxis("left").width(), layout.columnMinimumWidth(2)
        centre = 4 + axis + (self.width() - 8 - axis - end) / 2
        room = int(2 * min(self.width() - self.help_button.width() - 8 - centre, centre - 4))
        if item.boundingRect().width() > room > 0:
            item.setTextWidth(room)
        height = math.ceil(item.boundingRect().height())
        if height != self.getPlotItem().layout.rowMinimumHeight(0):
            label.setMaximumHeight(height)
            self.getPlotItem().layout.setRowFixedHeight(0, height)
            self.keep_room_to_plot()
        label.resizeEvent(None)  # centred again

    def keep_room_to_plot(self) -> None:
        """A minimum height that leaves the view ``MIN_VIEW`` pixels (at this scale)
        under the title and above the axis and legend: in a short window the pane asks
        for room (the panes then scroll) rather than squeezing the plot to a strip."""
        item = self.getPlotItem()
        legend = self._legend.boundingRect().height() if self._legend_entries else 0.0
        chrome = (item.layout.rowMinimumHeight(0) + self.getAxis("bottom").maximumHeight()
                  + legend + 8)
        self.setMinimumHeight(math.ceil(chrome + MIN_VIEW * self.look.scale))

    def retranslate(self, texts: Retranslator) -> None:
        """Title, note, axis labels and legend in the language just chosen (the texts
        ``tr`` made; a subclass remakes those with values in them)."""
        def again(part: str, text: str) -> str:
            return texts.again((id(self), part), text)

        self.set_axis_labels(again("x", self._labels["bottom"]), again("y", self._labels["left"]))
        self.set_title(again("title", self._title), again("note", self._note))
        if self._legend is not None and self._legend_entries:
            self.fill_legend(self._legend, [(item, again(f"legend{i}", text)) for i, (item, text)
                                            in enumerate(self._legend_entries)])
        self.style_items(self.look)  # the items' own texts (tr at the time)

    def restyle_legend(self, legend: pg.LegendItem) -> None:
        """A legend's text at this look (its entries must then be made anew)."""
        legend.setLabelTextSize(css_points(self.look, LEGEND_POINTS))
        legend.setLabelTextColor(self.look.colors.text)
        self._legend = legend

    def legend_columns_for(self, labels: list[str]) -> int:
        """As many columns (up to ``legend_columns``) as the plot's width holds: a legend
        wider than the plot would widen the plot past its pane and cut it off."""
        metrics = QFontMetricsF(self.look.font(LEGEND_POINTS))
        widths = [LEGEND_SAMPLE + LEGEND_GAP + metrics.horizontalAdvance(text)
                  for text in labels]
        between = self.look.px(LEGEND_ENTRY_GAP)
        room = self.width() - 8
        for columns in range(min(self.legend_columns, len(widths)), 1, -1):
            if sum(max(widths[c::columns]) for c in range(columns)) \
                    + between * (columns - 1) <= room:
                return columns
        return 1

    def place_legend(self, legend: pg.LegendItem) -> None:
        """Below the plot, across its width, in rows of their own: it hides no data."""
        layout = self.getPlotItem().layout
        legend.setParentItem(self.getPlotItem())
        layout.addItem(legend, 4, 0, 1, 3)
        layout.setAlignment(legend, Qt.AlignmentFlag.AlignHCenter)

    def fill_legend(self, legend: pg.LegendItem, entries: list[tuple[object, str]]) -> None:
        """Entries made anew (so the legend shrinks to shorter labels too), in as many
        columns as fit and as many rows as they then need.  (Not made again for the same
        entries at the same width and look, which each new data set asks for: only
        their samples drawn again, which show whether their item is visible.)"""
        made = (tuple(entries), self.width())
        if made == self._legend_made:
            for sample, _ in legend.items:
                sample.update()
            return
        columns = self._legend_estimate = self.legend_columns_for([t for _, t in entries])
        while True:  # the estimate may be short of the laid-out width: then fewer columns
            self._lay_out_legend(legend, entries, columns)
            if columns == 1 or legend.width() <= self.width() - 8:
                break
            columns -= 1
        # (pyqtgraph's legend floats: its size is set at (0, 0), over the title, until
        # the plot's layout places it again: that layout is done again now.  And the
        # plot takes the pane's size again: set while the legend was wider, it was held
        # at the legend's width, wider than the pane, and cut at the right.)
        item = self.getPlotItem()
        if self.width() > 0:
            item.setGeometry(0, 0, self.width(), self.height())
        item.layout.invalidate()
        item.layout.activate()
        self._legend_entries = entries
        self._legend_made = made
        self.keep_room_to_plot()

    def _lay_out_legend(self, legend: pg.LegendItem, entries: list[tuple[object, str]],
                        columns: int) -> None:
        legend.clear()
        # A grid layout keeps its old column count when emptied, and pyqtgraph places
        # new entries by it: a fresh layout, so fewer columns really are fewer.
        old = legend.layout
        legend.layout = QGraphicsGridLayout()
        legend.layout.setVerticalSpacing(old.verticalSpacing())
        legend.layout.setHorizontalSpacing(LEGEND_GAP)
        legend.layout.setContentsMargins(0, 0, 0, 0)
        legend.setLayout(legend.layout)
        legend.columnCount = columns
        legend.rowCount = 1
        for item, text in entries:
            legend.addItem(item, text)
        for column in range(columns - 1):  # after each entry's label
            legend.layout.setColumnSpacing(2 * column + 1, self.look.px(LEGEND_ENTRY_GAP))
        for _, label in legend.items:  # as wide as its text, never stretched by the grid
            label.item.document().setDocumentMargin(0)
            label.setText(label.text)  # its size again, without the margin
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        legend.updateSize()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._ready:  # pyqtgraph resizes before this panel is made
            return
        self._fit_title()
        self.help_button.adjustSize()
        self.help_button.move(self.width() - self.help_button.width() - 4, 2)
        legend, entries = self._legend, self._legend_entries
        if legend is not None and entries and (  # other columns may fit, or must
                self.legend_columns_for([t for _, t in entries]) != self._legend_estimate
                or legend.width() > self.width() - 8
                or legend.columnCount < self._legend_estimate):
            self.fill_legend(legend, entries)
        if self.viewport().size() != self.size():
            # It grew in this handler (its least height, for a title that wrapped), and
            # Qt sends no second resize event from inside one: its view would keep the
            # old height, and the plot be squeezed into it.  Once more, from the queue.
            QCoreApplication.postEvent(self, QResizeEvent(self.size(), event.size()))

    def reset_view(self) -> None:
        """Back to the panel's own view: autorange unless a subclass knows better."""
        self.enableAutoRange()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            title = self.getPlotItem().titleLabel.sceneBoundingRect()
            if title.contains(self.mapToScene(event.position().toPoint())):
                self.titleDoubleClicked.emit()
            else:
                self.reset_view()
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)


class LazyPlotPane(QWidget):
    """A pane whose plot is made the first time the pane is shown (a plot costs every
    window's start 10-20 ms, and some are seldom shown): until then it keeps the look
    it was given, and the plot's texts are made in the language of then.  The plot
    goes at the top of the pane's ``layout_``, above whatever the pane put there."""

    helpClicked = Signal()  # the plot's "?"

    plot: PlotPanel | None = None
    _look: Look | None = None

    def __init__(self) -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def _new_plot(self) -> PlotPanel:
        """The pane's plot, made (and connected to the pane) when first shown."""
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self.plot is None:
            plot = self.plot = self._new_plot()
            if self._look is not None:
                plot.apply_look(self._look)
            plot.helpClicked.connect(self.helpClicked)
            self.layout_.insertWidget(0, plot, 1)
            # Shown and placed now (Qt has shown the pane's children already, and a plot
            # placed at the next event would be drawn for a size it does not have).
            plot.show()
            self.layout_.activate()
        super().showEvent(event)

    def apply_look(self, look: Look) -> None:
        self._look = look
        if self.plot is not None:
            self.plot.apply_look(look)

    def retranslate(self, texts: Retranslator) -> None:
        if self.plot is not None:
            self.plot.retranslate(texts)
