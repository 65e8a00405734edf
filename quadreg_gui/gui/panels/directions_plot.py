"""The loss above the optimum split along the Hessian's eigen-directions: why the
shallow direction sets the pace (the steep one is done in a few epochs).  Shown in
the loss pane's place while its "By direction" switch is on."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent

from ...core.i18n import tr
from ..look import Look
from .base import LazyPlotPane, PlotPanel

#: Shares below this fraction of the largest shown are below the view (rounding).
DEPTH = 1e-16
FLOOR, CEIL = 1e-300, 1e300


def direction_names(count: int) -> list[str]:
    """Shallowest first, as the eigenvalues come."""
    if count == 1:
        return [tr("the one direction")]
    middle = [tr("direction {k}").format(k=k + 1) for k in range(1, count - 1)]
    return [tr("shallow direction"), *middle, tr("steep direction")]


class DirectionsPlot(PlotPanel):
    """L - L* in total (measured) and along each direction, measured (solid) and
    predicted (dashed), on a log axis: each direction a straight line whose slope is
    its rate."""

    def __init__(self) -> None:
        super().__init__("directionsPlot", tr("The loss above the optimum, by direction"),
                         tr("Loss above the optimum, by direction"), tr("epoch"),
                         tr("loss − optimum"))
        self.setLogMode(y=True)
        self.total = pg.PlotDataItem()
        self.addItem(self.total)
        self.measured: list[pg.PlotDataItem] = []
        self.predicted: list[pg.PlotDataItem] = []
        self.legend = pg.LegendItem(colCount=2)
        self.place_legend(self.legend)
        self._target = 1
        self._range = (1.0, 1.0)  # the smallest share and the largest total shown
        self._prediction: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
        self.style_items(self.look)

    def _ensure(self, count: int) -> None:
        """A measured and a predicted curve per direction, made once per count."""
        if len(self.measured) == count:
            return
        for item in self.measured + self.predicted:
            self.removeItem(item)
        self.measured = [pg.PlotDataItem() for _ in range(count)]
        self.predicted = [pg.PlotDataItem() for _ in range(count)]
        for item in self.predicted + self.measured:
            self.addItem(item)
        self.style_items(self.look)

    def _color(self, k: int, count: int) -> object:
        if k == count - 1 and count > 1:
            return self.look.color("grad")
        return self.look.color("velocity") if k == 0 else self.look.colors.axis

    def style_items(self, look: Look) -> None:
        self.total.setPen(look.pen("loss", 2))
        count = len(self.measured)
        for k, (measured, predicted) in enumerate(zip(self.measured, self.predicted)):
            color = self._color(k, count)
            measured.setPen(pg.mkPen(color, width=look.px(2)))
            predicted.setPen(pg.mkPen(color, width=look.px(2), style=Qt.PenStyle.DashLine))
        self.restyle_legend(self.legend)
        self.fill_legend(self.legend, [(self.total, tr("total")), *zip(
            self.measured, direction_names(count))] if count else [])

    def show_measured(self, epochs: np.ndarray, total: np.ndarray, parts: np.ndarray,
                      target: int) -> None:
        """The run so far: its excess loss ``total`` and ``parts`` (a column per
        direction, shallowest first) at ``epochs``, on an axis to ``target``."""
        self._ensure(parts.shape[1])
        self._target = max(target, 1)
        total, parts = _clipped(total), _clipped(parts)
        self.total.setData(epochs, total, skipFiniteCheck=True)
        for k, item in enumerate(self.measured):
            item.setData(epochs, parts[:, k], skipFiniteCheck=True)
        if total.size:
            self._range = (float(parts.min()), float(total.max()))
        self._apply_view()

    def show_predicted(self, epochs: np.ndarray | None, parts: np.ndarray | None) -> None:
        """The closed form's shares (None: no prediction), drawn now if the plot is
        shown, else when it is (every load and live change brings one: drawing each
        into a hidden plot cost about 5 ms a load)."""
        self._prediction = (epochs, parts)
        if self.isVisible():
            self._draw_prediction()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._draw_prediction()

    def _draw_prediction(self) -> None:
        epochs, parts = self._prediction
        if epochs is None or parts is None:
            for item in self.predicted:
                item.setData([], [])
            return
        self._ensure(parts.shape[1])
        for k, item in enumerate(self.predicted):
            item.setData(epochs, _clipped(parts[:, k]), skipFiniteCheck=True)

    def _apply_view(self) -> None:
        """x from 0 to the run's target; y from the largest share seen down DEPTH."""
        low, hi = self._range
        lo = max(min(low, hi), hi * DEPTH)
        y0, y1 = math.log10(lo), math.log10(hi)
        pad = max(0.05 * (y1 - y0), 0.05)
        x_pad = 0.02 * self._target
        self.setRange(xRange=(-x_pad, self._target + x_pad), yRange=(y0 - pad, y1 + pad),
                      padding=0)

    def reset_view(self) -> None:
        self._apply_view()


class DirectionsPane(LazyPlotPane):
    """Where the split by direction is shown, its plot made when first shown (the
    switch is off at every start).  Until then it keeps the last prediction given."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("directionsPane")
        self._prediction: tuple[np.ndarray | None, np.ndarray | None] = (None, None)

    def _new_plot(self) -> DirectionsPlot:
        plot = DirectionsPlot()
        plot.show_predicted(*self._prediction)
        return plot

    def show_predicted(self, epochs: np.ndarray | None, parts: np.ndarray | None) -> None:
        """See DirectionsPlot.show_predicted."""
        self._prediction = (epochs, parts)
        if self.plot is not None:
            self.plot.show_predicted(epochs, parts)

    def show_measured(self, epochs: np.ndarray, total: np.ndarray, parts: np.ndarray,
                      target: int) -> None:
        """See DirectionsPlot.show_measured (asked for only while the pane is shown)."""
        if self.plot is not None:
            self.plot.show_measured(epochs, total, parts, target)


def _clipped(values: np.ndarray) -> np.ndarray:
    return np.clip(np.nan_to_num(np.asarray(values, dtype=float), nan=CEIL), FLOOR, CEIL)
