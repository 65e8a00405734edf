"""Momentum's map: how fast the run converges at every learning rate and beta, with
the setting shown as a point that can be dragged (Distill's "Why Momentum Really
Works", for this app's momentum)."""

from __future__ import annotations

import functools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QShowEvent

from ...core.analysis.momentum import MomentumMap, epochs_to_shrink
from ...core.i18n import QT_TR_NOOP, tr
from ..look import Look, marker_brush, marker_pen
from .base import NOTE_POINTS, LazyPlotPane, PlotPanel, PointDrag, fit_bar_label
from .readouts import WrappedLabel

#: The colour bar's label: what the colours say.
COLOR_BAR_LABEL = QT_TR_NOOP("log₁₀ epochs to shrink the error 100×")
#: The colours' range, in log10 epochs: 1 to a million.
LEVELS = (0.0, 6.0)


class MomentumPlot(PlotPanel):
    """The map (log lr across, beta up), the lines over it and the two points."""

    picked = Signal(float, float)  # lr, beta: a click, or each move of a drag
    end_label_room = False  # the colour bar gives it

    def __init__(self) -> None:
        super().__init__("momentumPlot",
                         tr("How fast momentum converges at each learning rate and β"),
                         tr("Momentum's speed"), "lr", "β")
        self.setLogMode(x=True)  # the axis labels 10^x; the items are placed in log10(lr)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(_fast_is_bright())
        self.divergence = pg.PlotCurveItem()
        self.shallow = pg.PlotCurveItem()
        self.steep = pg.PlotCurveItem()
        self.best = pg.ScatterPlotItem(symbol="star")
        self.current = pg.ScatterPlotItem()
        self.note = pg.TextItem(anchor=(1, 1))
        for item in (self.image, self.divergence, self.shallow, self.steep, self.best,
                     self.current):
            self.addItem(item)
        self.addItem(self.note, ignoreBounds=True)
        self.bar = pg.ColorBarItem(colorMap=_fast_is_bright(), interactive=False, width=14,
                                   values=LEVELS)
        self.bar.setImageItem(self.image, insert_in=self.getPlotItem())
        vb = self.getViewBox()
        vb.sigResized.connect(self._fit_bar_label)
        vb.setMouseEnabled(x=False, y=False)
        self._drag = PointDrag(self, lambda _pos: True, self._dragged)  # (the whole map)
        vb.mouseClickEvent = self._click
        self.style_items(self.look)

    def style_items(self, look: Look) -> None:
        self.divergence.setPen(pg.mkPen(look.colors.error, width=look.px(2)))
        self.shallow.setPen(pg.mkPen("#ffffff", width=look.px(1.5), style=Qt.PenStyle.DashLine))
        self.steep.setPen(pg.mkPen("#ffffff", width=look.px(1.5), style=Qt.PenStyle.DotLine))
        self.best.setSize(look.px(16))
        self.best.setPen(marker_pen("k", look.px(1)))
        self.best.setBrush(marker_brush(look.color("star")))
        self.current.setSize(look.px(13))
        self.current.setPen(marker_pen("#ffffff", look.px(2)))
        self.current.setBrush(marker_brush(look.color("current")))
        self.note.setColor(look.colors.text)
        self.note.setFont(look.font(NOTE_POINTS + 1))
        self.note.setText(tr("diverges"))
        self.bar.axis.setPen(pg.mkPen(look.colors.axis, width=look.px(1)))
        self.bar.axis.setTextPen(look.colors.text)
        self.bar.axis.setStyle(tickFont=look.font(NOTE_POINTS))
        self._bar_label = ""
        self._fit_bar_label()
        self.bar.layout.setColumnFixedWidth(1, look.px(14))

    def _fit_bar_label(self) -> None:
        self._bar_label = fit_bar_label(self, self.bar, tr(COLOR_BAR_LABEL), self._bar_label)

    def show_map(self, m: MomentumMap) -> None:
        """The rate as colours (transparent where runs diverge) and its lines."""
        epochs = epochs_to_shrink(m.rate)
        with np.errstate(divide="ignore"):
            shown = np.where(np.isfinite(epochs), np.log10(np.maximum(epochs, 1.0)), np.nan)
        self.image.setImage(shown, levels=LEVELS)
        x0, x1 = math.log10(m.lrs[0]), math.log10(m.lrs[-1])
        self.image.setRect(x0, float(m.betas[0]), x1 - x0, float(m.betas[-1] - m.betas[0]))
        inside = (m.divergence >= m.lrs[0]) & (m.divergence <= m.lrs[-1])
        self.divergence.setData(np.log10(m.divergence[inside]), m.betas[inside])
        x = np.log10(m.lrs)
        for curve, betas in zip((self.shallow, self.steep), m.critical):
            keep = np.isfinite(betas) & (betas <= m.betas[-1])
            curve.setData(x[keep], betas[keep], connect="finite")
        if m.best is not None:
            self.best.setData([math.log10(m.best.lr)], [m.best.beta])
        else:
            self.best.setData([], [])
        self.note.setPos(x1, float(m.betas[0]))  # the lower right: where runs diverge
        self.getViewBox().setRange(xRange=(x0, x1), yRange=(0.0, float(m.betas[-1])),
                                   padding=0)

    def show_setting(self, lr: float | None, beta: float) -> None:
        """The current setting's point (none: the optimizer has no fixed rate)."""
        if lr is None or lr <= 0:
            self.current.setData([], [])
        else:
            self.current.setData([math.log10(lr)], [beta])

    def reset_view(self) -> None:
        """The map's view is fixed: the whole map."""

    # --- choosing a setting by pointing -------------------------------------------------
    def _pick(self, scene_pos: QPointF) -> None:
        point = self.getViewBox().mapSceneToView(scene_pos)
        (x0, x1), (y0, y1) = self.getViewBox().viewRange()
        x = min(max(point.x(), x0), x1)
        y = min(max(point.y(), y0), y1)
        self.picked.emit(10.0 ** x, y)

    def _click(self, event: object) -> None:
        if event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            event.accept()  # type: ignore[attr-defined]
            self._pick(event.scenePos())  # type: ignore[attr-defined]

    def _dragged(self, x: float, y: float, _finished: bool) -> None:
        self._pick(self.getViewBox().mapViewToScene(QPointF(x, y)))


@functools.cache
def _fast_is_bright() -> pg.ColorMap:
    """Viridis turned round: few epochs (fast) bright yellow, many dark."""
    viridis = pg.colormap.get("viridis")  # (shared: not to be changed)
    return pg.ColorMap(1.0 - viridis.pos[::-1],
                       np.round(viridis.color[::-1] * 255).astype(np.uint8))


class MomentumPanel(LazyPlotPane):
    """The map and a readout under it; ``shown`` when its tab comes up (the map's
    numbers are made only while it can be seen).  Its plot is made when the tab first
    comes up: it cost every window 20 ms at its start."""

    shown = Signal()
    picked = Signal(float, float)  # the plot's: lr, beta
    plot: MomentumPlot | None

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("momentumPanel")
        self.readout = WrappedLabel("momentumReadout")
        self.layout_.setSpacing(2)
        self.layout_.addWidget(self.readout)

    def _new_plot(self) -> MomentumPlot:
        plot = MomentumPlot()
        plot.picked.connect(self.picked)
        return plot

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.shown.emit()
