"""The loss panel: loss against epoch, the optimum's loss, and marks of live changes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

from ...core.config import TrainConfig
from ...core.describe import setting_values, settings_text
from ...core.i18n import tr
from ...core.labels import stack_labels
from ..look import Look, marker_brush, marker_pen
from ..retranslate import Retranslator
from ..traces import Trace, trace_brush
from .base import NOTE_POINTS, PlotPanel, cache

#: Loss values are clipped to this range for a log axis (0 and inf have no logarithm).
LOSS_FLOOR, LOSS_CEIL = 1e-300, 1e300
#: Changes closer together than this (a slider drag) make one mark.
MARK_MERGE_SECONDS = 1.0
#: Rows of mark labels at the top of the plot; a label with no room is left out
#: (its line stays, with the text as a tooltip).
MARK_ROWS = 3


@dataclass
class Mark:
    """Settings changed around one epoch: a dashed line and a short label, made from
    the settings whenever shown (so that a change of language reaches it)."""

    epoch: int
    names: list[str]  # the settings changed, in the order they were
    config: TrainConfig  # the settings after the last of the changes
    time: float
    line: pg.InfiniteLine
    label: pg.TextItem

    @property
    def text(self) -> str:
        return settings_text(setting_values(self.config, self.names))


class LossPlot(PlotPanel):
    """Loss against epoch on a log axis, the minimum loss, and marks of live changes.

    The point at epoch k is the loss after k epochs (the loss each epoch's step
    started from): the curve starts at the initial loss, shown from launch.
    """

    def __init__(self) -> None:
        super().__init__("lossPlot", tr("Loss against epoch"), tr("Loss"), tr("epoch"),
                         tr("loss"))
        self.setLogMode(y=True)
        self.curve = pg.PlotDataItem()
        self.current = pg.ScatterPlotItem()
        self.minimum = pg.InfiniteLine(
            angle=0, label=tr("optimum"),
            labelOpts={"position": 0.03, "anchors": [(0, 1), (0, 1)]})
        self.predicted = pg.PlotDataItem()
        for item in (self.predicted, self.curve, self.current, self.minimum):
            self.addItem(item)
        self.legend = pg.LegendItem(colCount=2)
        self.place_legend(self.legend)
        self.prediction_note = ""
        self._has_prediction = False
        self._main_visible = True
        self._traces: dict[int, tuple[pg.PlotDataItem, Trace | None]] = {}
        self.trace_points = pg.ScatterPlotItem()
        self.trace_points.setZValue(5)
        self.addItem(self.trace_points)
        self._trace_labels: tuple[tuple[int, str], ...] = ()
        self._trace_end = 0  # the last epoch of any trace, for the x range
        self._marks: list[Mark] = []
        self._min_loss = 1.0
        self._initial_loss = 1.0
        self._now = (0, 1.0)  # (epoch, loss) of the current point
        self._span = (0.0, 1.0)  # the loss range seen so far, for the y range
        self._target = 1
        self._user_view = False
        self._view: tuple[float, ...] = ()
        vb = self.getViewBox()
        vb.sigRangeChangedManually.connect(self._user_moved_view)
        vb.sigRangeChanged.connect(self._layout_marks)
        vb.sigResized.connect(self._layout_marks)
        self.style_items(self.look)

    def style_items(self, look: Look) -> None:
        self.curve.setPen(look.pen("loss", 2))
        self.current.setSize(look.px(9))
        self.current.setPen(marker_pen(look.colors.plot, look.px(1.5)))
        self.current.setBrush(marker_brush(look.color("loss")))
        self.minimum.setPen(look.pen("optimum", 1))
        self.minimum.label.setColor(look.colors.text)
        self.minimum.label.setFont(look.font(NOTE_POINTS))
        self.predicted.setPen(look.pen("predicted", 2))
        self.trace_points.setSize(look.px(8))
        self.trace_points.setPen(marker_pen(look.colors.plot, look.px(1)))
        self._invalidate_traces()  # redrawn, in this look's pens, at the next frame
        for mark in self._marks:
            self._style_mark(mark.line, mark.label)
        self.restyle_legend(self.legend)
        self._rebuild_legend()
        self._layout_marks()

    def _style_mark(self, line: pg.InfiniteLine, label: pg.TextItem) -> None:
        line.setPen(self.look.pen("mark", 1))
        label.setColor(self.look.series("mark").color)
        label.setFont(self.look.font(NOTE_POINTS))

    @property
    def log_scale(self) -> bool:
        return self.getPlotItem().ctrl.logYCheck.isChecked()

    def set_log_scale(self, on: bool) -> None:
        self.setLogMode(y=on)
        self._invalidate_traces()
        self._place_points()
        self.reset_view()

    def show_loading(self) -> None:
        """New data is being made: the old run's curve is not shown as the new one's."""
        for item in (self.curve, self.current, self.minimum, self.predicted):
            item.hide()
        for mark in self._marks:
            mark.line.hide()
            mark.label.hide()
        self.set_title(tr("Loss"))

    def end_loading(self) -> None:
        """The load failed: the run shown before is shown again, its marks too."""
        for item in (self.curve, self.current):
            item.setVisible(self._main_visible)
        self.minimum.show()
        self.predicted.setVisible(self._main_visible and self._has_prediction)
        for mark in self._marks:
            mark.line.show()
        self._layout_marks()

    def clear_marks(self) -> None:
        for mark in self._marks:
            self.removeItem(mark.line)
            self.removeItem(mark.label)
        self._marks.clear()

    def start_over(self, initial_loss: float, min_loss: float, target: int) -> None:
        """A new run: no marks, the initial loss as the only point, a view that holds
        the run from the initial loss down to the optimum's."""
        self.clear_marks()
        for item in (self.curve, self.current):
            item.setVisible(self._main_visible)
        self.minimum.show()
        self.set_title(tr("Loss"))
        self._initial_loss = _clip(initial_loss)
        self._min_loss = _clip(min_loss)
        self._span = (self._initial_loss, self._initial_loss)
        self._invalidate_traces()
        self._target = target
        self.curve.setData([], [])
        self._now = (0, self._initial_loss)
        self._place_points()
        self._user_view = False
        self._apply_view()

    def set_losses(self, initial_loss: float, min_loss: float) -> None:
        """A new loss surface (L2) mid-run: its optimal loss is the line to reach."""
        self._initial_loss = _clip(initial_loss)
        self._min_loss = _clip(min_loss)
        self._place_points()
        self._apply_view()

    def show_prediction(self, epochs: np.ndarray | None, loss: np.ndarray | None,
                        reason: str | None) -> None:
        """The closed-form loss curve (dashed), or none and why (the legend says)."""
        if epochs is None or loss is None:
            self.predicted.setData([], [])
            self.prediction_note = reason or ""
            self.legend.setToolTip(tr("No predicted curve: {reason}.").format(reason=reason))
        else:
            y = np.clip(np.nan_to_num(loss, nan=LOSS_CEIL), LOSS_FLOOR, LOSS_CEIL)
            self.predicted.setData(epochs, y, skipFiniteCheck=True)
            self.prediction_note = ""
            self.legend.setToolTip(tr("Predicted for full-batch gradient descent or momentum "
                                      "at a constant learning rate, from the eigenvalues of "
                                      "the Hessian."))
        self._has_prediction = epochs is not None and loss is not None
        self.predicted.setVisible(self._has_prediction and self._main_visible)
        self._rebuild_legend()

    def set_main_visible(self, on: bool) -> None:
        """The current run's curve (off while a race shows its racers instead)."""
        self._main_visible = on
        for item in (self.curve, self.current):
            item.setVisible(on)
        self.predicted.setVisible(on and self._has_prediction)
        self._rebuild_legend()

    def show_traces(self, traces: list[Trace]) -> None:
        """Other runs (pins, racers): a curve each, made once per run and redrawn only
        when it is a new one, and their current points in one item; the legend names
        each."""
        if not traces and not self._traces:
            return  # nothing pinned or racing: no work per frame
        keys = {t.key for t in traces}
        for key in [k for k in self._traces if k not in keys]:
            self.removeItem(self._traces.pop(key)[0])
        for trace in traces:
            if trace.key not in self._traces:
                self._traces[trace.key] = (self._trace_curve(trace), None)
            curve, drawn = self._traces[trace.key]
            if drawn is None or drawn.loss is not trace.loss:
                self._draw_trace(curve, trace)
                self._traces[trace.key] = (curve, trace)
        now = [(t.now[0], _clip(t.now[1])) for t in traces]
        for _, loss in now:
            self._span = (min(self._span[0], loss), max(self._span[1], loss))
        self._trace_end = max([self._trace_end, *(epoch for epoch, _ in now)])
        self.trace_points.setData([e for e, _ in now], [self._y(v) for _, v in now],
                                  brush=[trace_brush(self.look, t.index, t.faded)
                                         for t in traces])
        labels = tuple((t.key, t.label) for t in traces)
        if labels != self._trace_labels:
            self._trace_labels = labels
            self._rebuild_legend()
        self._apply_view()

    def _trace_curve(self, trace: Trace) -> pg.PlotDataItem:
        """A trace's curve, in its colour (a key keeps its colour)."""
        curve = pg.PlotDataItem(pen=self.look.trace_pen(trace.index, trace.faded))
        cache(curve)  # the points move every frame, the curves a few times a second
        self.addItem(curve)
        return curve

    def _draw_trace(self, curve: pg.PlotDataItem, trace: Trace) -> None:
        y = np.clip(np.nan_to_num(trace.loss, nan=LOSS_CEIL), LOSS_FLOOR, LOSS_CEIL)
        curve.setPen(self.look.trace_pen(trace.index, trace.faded))
        curve.setData(trace.epochs, y, skipFiniteCheck=True)
        if y.size:
            self._span = (min(self._span[0], float(y.min())), max(self._span[1], float(y.max())))

    def _invalidate_traces(self) -> None:
        """Redraw every trace at the next show_traces (a new y scale or span)."""
        self._traces = {key: (curve, None) for key, (curve, _) in self._traces.items()}
        self._trace_end = 0

    def _rebuild_legend(self) -> None:
        entries: list[tuple[object, str]] = []
        if self._main_visible:
            entries.append((self.curve, tr("measured")))
            if self._has_prediction:
                entries.append((self.predicted, tr("predicted")))
        entries += [(self._traces[key][0], label) for key, label in self._trace_labels]
        self.legend_columns = 3 if len(entries) > 4 else 2  # at most 3 rows under the plot
        self.fill_legend(self.legend, entries)

    def retranslate(self, texts: Retranslator) -> None:
        super().retranslate(texts)
        self._place_points()
        for mark in self._marks:
            self._label(mark)
        self._layout_marks()

    def _place_points(self) -> None:
        """The optimum's line and the current point, in the axis's units."""
        self.minimum.setValue(self._y(self._min_loss))
        self.minimum.label.setFormat(tr("optimum {loss}").format(loss=f"{self._min_loss:.4g}"))
        self.current.setData([self._now[0]], [self._y(self._now[1])])

    def _y(self, loss: float) -> float:
        """Where a loss goes on the y axis (a log axis is placed in log10 units)."""
        return math.log10(loss) if self.log_scale else loss

    def show_loss(self, epochs: np.ndarray, loss: np.ndarray, current: float | None,
                  epoch: int, target: int) -> None:
        """The loss so far (already reduced to what a plot draws), on an epoch axis
        spanning the whole run (0 to ``target``): the horizon stays put while the
        curve grows, and so do the axes."""
        y = np.clip(np.nan_to_num(loss, nan=LOSS_CEIL), LOSS_FLOOR, LOSS_CEIL)
        self.curve.setData(epochs, y, skipFiniteCheck=True)  # clipped: all finite
        if y.size:
            self._span = (min(self._span[0], float(y.min())), max(self._span[1], float(y.max())))
        if current is not None:
            now = _clip(current)
            self._span = (min(self._span[0], now), max(self._span[1], now))
            self._now = (epoch, now)
            self.current.setData([epoch], [self._y(now)])
        self._target = max(target, epoch, 1)
        self._apply_view()

    def _apply_view(self) -> None:
        """x from 0 to the run's target; y from the optimum's loss to the largest seen."""
        if self._user_view:
            return
        lo = min(self._min_loss, self._span[0])
        hi = max(self._initial_loss, self._span[1])
        if lo <= LOSS_FLOOR * 10:  # an exact fit: the optimum's loss is 0
            lo = max(self._span[0], hi * 1e-12)
        if self.log_scale:
            y0, y1 = math.log10(lo), math.log10(hi)
            pad = max(0.05 * (y1 - y0), 0.05)
        else:
            y0, y1 = min(lo, 0.0), hi
            pad = 0.05 * max(y1 - y0, 1e-12)
        end = max(self._target, self._trace_end)
        x_pad = 0.02 * end  # room for the point at epoch 0 and the end ticks
        view = (-x_pad, end + x_pad, y0 - pad, y1 + pad)
        if view != self._view:  # setRange relayouts the axes: only on a change
            self._view = view
            self.setRange(xRange=view[:2], yRange=view[2:], padding=0)

    def _user_moved_view(self) -> None:
        self._user_view = True

    def reset_view(self) -> None:
        self._user_view = False
        self._view = ()
        self._apply_view()

    # --- marks of live changes ------------------------------------------------
    def add_mark(self, epoch: int, config: TrainConfig, names: tuple[str, ...],
                 now: float) -> None:
        """Settings ``names`` changed to ``config``'s at ``epoch``; within
        MARK_MERGE_SECONDS of the last change it joins that mark, which then shows the
        latest values (one mark per drag)."""
        last = self._marks[-1] if self._marks else None
        if last is not None and now - last.time < MARK_MERGE_SECONDS:
            last.names += [name for name in names if name not in last.names]
            last.config = config
            last.time = now
        else:
            line = pg.InfiniteLine(pos=epoch, angle=90)
            label = pg.TextItem(anchor=(0, 0))
            self._style_mark(line, label)
            self.addItem(line)
            self.addItem(label, ignoreBounds=True)
            last = Mark(epoch, list(names), config, now, line, label)
            self._marks.append(last)
        self._label(last)
        self._layout_marks()

    @staticmethod
    def _label(mark: Mark) -> None:
        mark.label.setText(mark.text)
        mark.line.setToolTip(tr("Changed at epoch {epoch}: {what}").format(
            epoch=f"{mark.epoch:,}", what=mark.text))

    def _layout_marks(self) -> None:
        """Stack the labels in rows at the top, none over another; labels with no
        room are hidden (the line's tooltip still tells)."""
        if not self._marks:
            return
        vb = self.getViewBox()
        (_, _), (_, y_top) = vb.viewRange()
        (x_lo, x_hi), _ = vb.viewRange()
        left_edge = vb.mapViewToDevice(QPointF(x_lo, y_top)).x()
        right = vb.mapViewToDevice(QPointF(x_hi, y_top)).x()
        lefts, widths = [], []
        for mark in self._marks:
            x = vb.mapViewToDevice(QPointF(mark.epoch, y_top)).x()
            width = mark.label.boundingRect().width()
            # Right of the line, or left of it where the plot ends.
            lefts.append(x + 3 if x + 3 + width <= right else x - 3 - width)
            widths.append(width)
        rows = stack_labels(lefts, widths, MARK_ROWS)
        top = vb.mapViewToDevice(QPointF(0, y_top)).y()
        row_height = max(m.label.boundingRect().height() for m in self._marks) + 2
        for mark, left, width, row in zip(self._marks, lefts, widths, rows):
            fits = row is not None and left >= left_edge and left + width <= right
            mark.label.setVisible(fits)
            if fits:
                pixel = QPointF(left, top + 4 + row * row_height)
                mark.label.setPos(vb.mapDeviceToView(pixel))

    @property
    def marks(self) -> list[Mark]:
        return list(self._marks)


def _clip(loss: float) -> float:
    return float(np.clip(np.nan_to_num(loss, nan=LOSS_CEIL), LOSS_FLOOR, LOSS_CEIL))
