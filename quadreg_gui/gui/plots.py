"""The pyqtgraph panels.  Items are created once and updated with setData."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from ..core.decimate import MinMaxDecimator, subsample_indices
from ..core.model import Model

#: Largest scatter drawn as is; larger data shows a random subsample.
MAX_SCATTER = 5_000
#: Loss-curve buckets: at most twice this many points are drawn.
LOSS_BUCKETS = 2_000
#: Loss values are clipped to this range for a log axis (0 and inf have no logarithm).
LOSS_FLOOR, LOSS_CEIL = 1e-300, 1e300
CURVE_POINTS = 300

FIT_COLOR = "#d62728"
TRUE_COLOR = "#2ca02c"
DATA_COLOR = (31, 119, 180, 150)
LOSS_COLOR = "#1f77b4"
MARK_COLOR = "#9467bd"


def _setup(plot: pg.PlotWidget, name: str, description: str, title: str, x_label: str,
           y_label: str) -> None:
    """Object name, accessible name and the shared look of a panel."""
    plot.setObjectName(name)
    plot.setAccessibleName(description)
    plot.setBackground("w")
    plot.setTitle(title, color="#222", size="13pt")
    tick_font = QFont()
    tick_font.setPointSize(11)  # readable on a projector
    for side, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(side)
        axis.setLabel(label, color="#222", **{"font-size": "12pt"})
        axis.setTextPen("#222")
        axis.setPen("#666")
        axis.setStyle(tickFont=tick_font)
    plot.showGrid(x=False, y=False)
    plot.setMenuEnabled(False)


class DataPlot(pg.PlotWidget):
    """The data, the fitted curve (bold) and the true curve (dashed)."""

    def __init__(self) -> None:
        super().__init__()
        _setup(self, "dataPlot", "Data and fitted curve", "Data and fit", "x", "y")
        self.legend = self.addLegend(labelTextSize="11pt", labelTextColor="#222",
                                     brush=(255, 255, 255, 200))
        # Top centre: between the arms of the parabola, where there is no data.
        self.legend.anchor(itemPos=(0.5, 0), parentPos=(0.5, 0), offset=(0, 8))
        self.scatter = pg.ScatterPlotItem(size=7, pen=None, brush=pg.mkBrush(DATA_COLOR),
                                          name="data")
        self.true_curve = pg.PlotDataItem(
            pen=pg.mkPen(TRUE_COLOR, width=2, style=Qt.PenStyle.DashLine), name="true curve")
        self.fit_curve = pg.PlotDataItem(pen=pg.mkPen(FIT_COLOR, width=4), name="fitted curve")
        for item in (self.scatter, self.true_curve, self.fit_curve):
            self.addItem(item)
        # Data and true curve change only with new data: drawn once into a cached
        # pixmap, so a frame repaints the fitted curve over a blit.
        for item in (self.scatter, self.true_curve):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._model: Model | None = None
        self._grid = np.linspace(-1, 1, CURVE_POINTS)

    def show_data(self, x: np.ndarray, y: np.ndarray, model: Model,
                  truth: tuple[float, float] | None, seed: int, start: np.ndarray) -> None:
        """New data: the scatter (subsampled when large), the true curve, the view.

        The view holds the data and the curve training starts from.
        """
        self._model = model
        shown = subsample_indices(x.size, MAX_SCATTER, seed)
        self.scatter.setData(x[shown], y[shown])
        label = "data" if shown.size == x.size else \
            f"data (random {shown.size:,} of {x.size:,} points)"
        self.legend.getLabel(self.scatter).setText(label)
        lo, hi = float(x.min()), float(x.max())
        self._grid = np.linspace(lo, hi, CURVE_POINTS)
        if truth is None:
            self.true_curve.setData([], [])
        else:
            w, b = truth
            self.true_curve.setData(self._grid, w * self._grid**2 + b)
        self.true_curve.setVisible(truth is not None)
        start_curve = model.predict(start, self._grid)
        self._set_view(lo, hi, min(float(y.min()), float(start_curve.min())),
                       max(float(y.max()), float(start_curve.max())))

    def _set_view(self, x_lo: float, x_hi: float, y_lo: float, y_hi: float) -> None:
        """The article's view (x -1..1, y 2..6), widened to hold all the data.

        Fixed from the data, not the fit, so a diverging fit cannot zoom it out.
        """
        self.disableAutoRange()
        pad_y = 0.05 * max(y_hi - y_lo, 1e-9)
        self.setXRange(min(-1.0, x_lo), max(1.0, x_hi), padding=0.02)
        self.setYRange(min(2.0, y_lo - pad_y), max(6.0, y_hi + pad_y), padding=0)

    def show_fit(self, theta: np.ndarray) -> None:
        if self._model is None:
            return
        with np.errstate(all="ignore"):
            y = self._model.predict(theta, self._grid)
        finite = np.isfinite(y)
        self.fit_curve.setData(self._grid[finite], np.clip(y[finite], -1e12, 1e12))


class LossPlot(pg.PlotWidget):
    """Loss against epoch on a log axis, the minimum loss, and marks of live changes."""

    def __init__(self) -> None:
        super().__init__()
        _setup(self, "lossPlot", "Loss against epoch", "Loss", "epoch", "loss")
        self.setLogMode(y=True)
        self.getAxis("left").enableAutoSIPrefix(False)
        self.addLegend(offset=(-10, 10), labelTextSize="11pt", labelTextColor="#222",
                       brush=(255, 255, 255, 200))
        self.curve = pg.PlotDataItem(pen=pg.mkPen(LOSS_COLOR, width=2), name="loss")
        self.minimum = pg.InfiniteLine(
            angle=0, pen=pg.mkPen("#555", width=1, style=Qt.PenStyle.DotLine),
            label="optimum", labelOpts={"position": 0.03, "color": "#555",
                                        "anchors": [(0, 1), (0, 1)]})
        self.addItem(self.curve)
        self.addItem(self.minimum)
        self._marks: list[pg.InfiniteLine] = []
        self._min_loss = 1.0
        self._decimator = MinMaxDecimator(LOSS_BUCKETS)

    def set_log_scale(self, on: bool) -> None:
        self.setLogMode(y=on)
        self._place_minimum()

    def set_minimum(self, min_loss: float) -> None:
        """The loss of the closed-form optimum, drawn as a dotted line."""
        self._min_loss = float(np.clip(min_loss, LOSS_FLOOR, LOSS_CEIL))
        self._place_minimum()

    def _place_minimum(self) -> None:
        # An InfiniteLine on a log axis is placed in log10 units.
        log = self.getPlotItem().ctrl.logYCheck.isChecked()
        self.minimum.setValue(np.log10(self._min_loss) if log else self._min_loss)

    def show_loss(self, epochs: np.ndarray, loss: np.ndarray, current: float | None,
                  target: int) -> None:
        """The loss so far, on an epoch axis spanning the whole run (0 to ``target``):
        the horizon stays put while the curve grows, and so do the axes."""
        shown = self._decimator.indices(loss)
        y = np.nan_to_num(loss[shown], nan=LOSS_CEIL)
        self.curve.setData(epochs[shown], np.clip(y, LOSS_FLOOR, LOSS_CEIL))
        self.setTitle("Loss" if current is None else f"Loss: {current:.6g}",
                      color="#222", size="13pt")
        last = int(epochs[-1]) + 1 if epochs.size else 0
        right = max(target, last, 1)
        if self.viewRange()[0] != [0, right]:
            self.setXRange(0, right, padding=0.02)
        self.enableAutoRange(axis="y")

    def add_mark(self, epoch: int, label: str) -> None:
        line = pg.InfiniteLine(pos=epoch, angle=90, label=label,
                               pen=pg.mkPen(MARK_COLOR, width=1, style=Qt.PenStyle.DashLine),
                               labelOpts={"position": 0.92, "color": MARK_COLOR,
                                          "anchors": [(0, 1), (0, 1)]})
        self.addItem(line)
        self._marks.append(line)

    def start_over(self) -> None:
        """A new run: no marks, and a decimator that forgets the old curve."""
        for line in self._marks:
            self.removeItem(line)
        self._marks.clear()
        self._decimator.reset()
