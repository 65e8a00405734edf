"""The data panel: the points, the fitted curve (bold) and the true curve (dashed)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QTextOption

from ...core.data import Dataset, Scaling
from ...core.decimate import DataView
from ...core.i18n import tr
from ...core.training.model import Model
from ...core.numformat import format_number
from ..look import Look, marker_brush, marker_pen
from ..retranslate import Retranslator
from ..traces import Trace
from .base import NOTE_POINTS, PlotPanel, PointDrag, UniformScatter, cache, move_spot

CURVE_POINTS = 300
#: The article's view: x from -1 to 1, y from 2 to 6 (widened to hold all the data).
ARTICLE_VIEW = (-1.0, 1.0, 2.0, 6.0)
#: Alpha of the data points: dense data shows as darker.
DATA_ALPHA = 150
#: A press this close to a point (pixels at 100 %) takes the point.
PICK_PIXELS = 10
#: The fitted curve grabbed this near x = 0 (a share of the view's half-width) moves
#: as a whole (its vertex); further out, its opening changes.
VERTEX_SHARE = 0.15
#: Points moved in place, at most, when the points shown change (a drag's reports).
MOST_MOVED = 16


def fit_note(note: pg.TextItem, width: float) -> None:
    """``note`` on one line where it fits ``width`` pixels, else wrapped to it (a
    diverging fit's note was cut at both sides in a narrow pane)."""
    text = note.textItem
    text.setTextWidth(-1)
    room = max(40.0, width - 8)
    if text.boundingRect().width() > room:
        text.setTextWidth(room)
    note.updateTextPos()


class DataPlot(PlotPanel):
    """The data set, the curve being fitted and, for synthetic data, the true curve.

    The points can be edited by hand: drag one (``pointDragged`` at each move, with
    ``finished`` on release), click empty space to add one (``emptyClicked``), click one
    to select it (``selected``: its number, or -1).  A drag away from the points pans.
    """

    pointDragged = Signal(int, float, float, bool)  # number, x, y, finished
    curveDragged = Signal(object, bool)  # the parameters it was moved to, finished
    emptyClicked = Signal(float, float)
    selectionChanged = Signal()

    def __init__(self) -> None:
        self._fits: dict[int, pg.PlotDataItem] = {}
        self._fit_index: dict[int, int] = {}  # per key: the trace's colour index
        self._fit_at: dict[int, np.ndarray] = {}  # the parameters each fit was drawn for
        super().__init__("dataPlot", tr("Data and fitted curve"), tr("Data and fit"), "x", "y")
        self.scatter = UniformScatter(pen=None)
        self.true_curve = pg.PlotDataItem()
        self.fit_curve = pg.PlotDataItem()
        # Residual sticks: pairs of points, from each shown point to the fitted curve.
        self.residuals = pg.PlotDataItem(connect="pairs")
        self.residuals.hide()
        for item in (self.residuals, self.scatter, self.true_curve, self.fit_curve):
            self.addItem(item)
        # Data and true curve change only with new data: drawn once into a cached
        # pixmap, so a frame repaints the fitted curve over a blit.
        for item in (self.scatter, self.true_curve):
            cache(item)
        # The legend sits below the plot area, in a row of its own: it hides no data.
        self.legend = pg.LegendItem(colCount=3)
        self.place_legend(self.legend)
        self.subsample_note = ""
        self._title_of: tuple[str, int, int] | None = None  # data's name, points shown, all
        self.off_scale = pg.TextItem(anchor=(0.5, 0))
        self.loading_note = pg.TextItem(anchor=(0.5, 0.5))
        for note in (self.off_scale, self.loading_note):
            note.setZValue(10)
            note.hide()
            # (a note wider than the plot wraps: its lines centred)
            note.textItem.document().setDefaultTextOption(
                QTextOption(Qt.AlignmentFlag.AlignHCenter))
            self.addItem(note, ignoreBounds=True)
        self._model: Model | None = None
        self._scaling: Scaling | None = None
        self._grid = np.linspace(-1, 1, CURVE_POINTS)
        self._view = ARTICLE_VIEW
        self._fit = np.empty(0)
        self._shown = (np.empty(0), np.empty(0))
        self._numbers = np.empty(0, dtype=np.int64)  # each shown point's number
        self.selected = -1
        self._dragging = -1
        self._curve_grab: tuple[np.ndarray, float, bool] | None = None
        self.selection = pg.ScatterPlotItem(symbol="o")
        self.selection.setZValue(5)
        self.addItem(self.selection)
        self.edit_note = ""
        self._theta: np.ndarray | None = None
        self._residuals_on = False
        vb = self.getViewBox()
        vb.sigRangeChanged.connect(self._place_notes)
        self._drag = PointDrag(self, self._grab, self._dragged)
        vb.mouseClickEvent = self._click
        self.scatter.mouseClickEvent = self._click  # (a click on a point reaches it first)
        self._has_truth = True
        self._main_visible = True
        self.style_items(self.look)

    def style_items(self, look: Look) -> None:
        self.scatter.setSize(look.px(7))
        self.scatter.setBrush(marker_brush(look.color("data", DATA_ALPHA)))
        self.true_curve.setPen(look.pen("true", 2))
        self.fit_curve.setPen(look.pen("fit", 4))
        self.residuals.setPen(look.pen("residual", 1))
        self.selection.setSize(look.px(16))
        self.selection.setPen(marker_pen(look.colors.text, look.px(2)))
        self.selection.setBrush(marker_brush((0, 0, 0, 0)))
        colors = look.colors
        for note, color in ((self.off_scale, colors.error), (self.loading_note, colors.text)):
            note.setColor(color)
            note.fill = pg.mkBrush(colors.note_fill)
            note.update()
            note.setFont(look.font(NOTE_POINTS + 1))
        for key, item in self._fits.items():
            item.setPen(look.trace_pen(self._fit_index[key], faded=False))
        self.restyle_legend(self.legend)
        self._fill_legend(self._has_truth)

    def _fill_legend(self, has_truth: bool) -> None:
        """Entries made anew, so the legend shrinks to a shorter label too."""
        self._has_truth = has_truth
        truth = [(self.true_curve, tr("true curve"))] if has_truth else []
        fit = [(self.fit_curve, tr("fitted curve"))] if self._main_visible else []
        self.fill_legend(self.legend, [(self.scatter, tr("data")), *truth, *fit])

    def show_loading(self, n_points: int) -> None:
        """New data is being made: nothing old is shown as if it were new."""
        for item in (self.scatter, self.true_curve, self.fit_curve, self.off_scale,
                     self.residuals):
            item.hide()
        self.loading_note.setText(tr("Generating {n} points…").format(n=f"{n_points:,}"))
        self.loading_note.show()
        self._place_notes()

    def _show_title(self) -> None:
        name, shown, total = self._title_of
        self.subsample_note = "" if shown == total else tr(
            "showing a random {k} of {n} points").format(k=f"{shown:,}", n=f"{total:,}")
        title = tr("{name}: data and fit").format(name=name) if name else tr("Data and fit")
        notes = [note for note in (self.edit_note, self.subsample_note) if note]
        self.set_title(title, "; ".join(notes))

    def retranslate(self, texts: Retranslator) -> None:
        super().retranslate(texts)
        if self._title_of is not None:
            self._show_title()

    def show_data(self, data: Dataset, view: DataView, model: Model, start: np.ndarray,
                  article_view: bool) -> None:
        """New data: the scatter (``view``: subsampled when large), the true curve, the
        view.

        x is shown in the data's own units (standardized x is the model's business).
        The view holds the data and the curve training starts from, within the
        article's view (``article_view``) or fitted to the data.
        """
        self._model, self._scaling = model, data.scaling
        truth = data.truth
        x_label = data.x_label if data.scaling is None else \
            f"{data.x_label}  ({data.scaling.formula('x')})"
        self.set_axis_labels(x_label, data.y_label)
        self.loading_note.hide()
        self.show_points(view, data.name)
        lo, hi = view.x_range
        self._grid = np.linspace(lo, hi, CURVE_POINTS)
        if truth is not None:
            w, b = truth
            self.true_curve.setData(self._grid, w * self._grid**2 + b)
        self.true_curve.setVisible(truth is not None)
        self.scatter.show()
        self.fit_curve.show()
        self.residuals.setVisible(self._residuals_on)
        # Made anew now that the items show: samples drawn while they were hidden (a
        # language chosen before the first data) kept the crossed-out eye.
        self._fill_legend(truth is not None)
        start_curve = self._predict(start, self._grid)
        y_lo = min(view.y_range[0], float(start_curve.min()))
        y_hi = max(view.y_range[1], float(start_curve.max()))
        if not article_view:  # a file's data: the data fills the view
            y_lo, y_hi = view.y_range
        pad = 0.05 * max(y_hi - y_lo, 1e-9)
        self._view = (lo, hi, y_lo - pad, y_hi + pad)
        if article_view:
            a_lo, a_hi, b_lo, b_hi = ARTICLE_VIEW
            self._view = (min(a_lo, lo), max(a_hi, hi), min(b_lo, y_lo - pad),
                          max(b_hi, y_hi + pad))
        self.reset_view()

    def show_points(self, view: DataView, name: str | None = None) -> None:
        """The points (edited: the view stays where it is)."""
        numbers = view.numbers if view.numbers is not None else np.arange(view.x.size)
        if not self._move_spots(view, numbers):
            self._shown = (view.x.copy(), view.y.copy())  # (a drag moves its own copy)
            self._numbers = numbers
            self.scatter.setData(*self._shown)
        if self.selected not in self._numbers:
            self.select(-1)
        else:
            self.select(self.selected)
        if name is None:  # edited points: the view grows to hold one moved or added out
            x_lo, x_hi, y_lo, y_hi = self._view
            (a, b), (c, d) = view.x_range, view.y_range
            pad = 0.05 * max(d - c, 1e-9)
            grown = (min(x_lo, a), max(x_hi, b), min(y_lo, c - pad), max(y_hi, d + pad))
            if grown != self._view:
                self._view = grown
                self.reset_view()
            if self._title_of is not None:
                name = self._title_of[0]
        self._title_of = (name or "", view.x.size, view.n)
        self._show_title()
        if self.residuals.isVisible():
            self._draw_residuals()

    @property
    def shown_count(self) -> int:
        """How many points the data has (of which the plot may show a sample)."""
        return self._title_of[2] if self._title_of is not None else 0

    def show_edits(self, note: str) -> None:
        """What the title says of edited points ("3 points edited"), or ""."""
        self.edit_note = note
        if self._title_of is not None:
            self._show_title()

    def select(self, number: int) -> None:
        """Ring the point ``number`` (-1: none)."""
        before, self.selected = self.selected, number
        where = np.flatnonzero(self._numbers == number) if number >= 0 else []
        if len(where):
            k = where[0]
            self.selection.setData([self._shown[0][k]], [self._shown[1][k]])
        else:
            self.selected = -1
            self.selection.setData([], [])
        if self.selected != before:
            self.selectionChanged.emit()

    # --- editing the points by hand -------------------------------------------------
    def point_at(self, scene_pos: QPointF) -> int:
        """The number of the shown point nearest ``scene_pos`` within PICK_PIXELS (at
        this scale), else -1."""
        x, y = self._shown
        if not x.size:
            return -1
        vb = self.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        rect = vb.sceneBoundingRect()
        px = rect.left() + (x - x0) / (x1 - x0) * rect.width()
        py = rect.top() + (y1 - y) / (y1 - y0) * rect.height()
        distance = np.hypot(px - scene_pos.x(), py - scene_pos.y())
        k = int(np.argmin(distance))
        return int(self._numbers[k]) if distance[k] <= PICK_PIXELS * self.look.scale else -1

    def _grab(self, scene_pos: QPointF) -> bool:
        """A press on a point takes the point; else one on the fitted curve takes the
        curve (near x = 0 its vertex, elsewhere its opening)."""
        self._dragging = self.point_at(scene_pos)
        self._curve_grab = None if self._dragging >= 0 else self._curve_at(scene_pos)
        return self._dragging >= 0 or self._curve_grab is not None

    def _curve_at(self, scene_pos: QPointF) -> tuple[np.ndarray, float, bool] | None:
        """(the parameters, z and whether at the vertex) where the press is on the fit."""
        if self._model is None or self._theta is None or not self.fit_curve.isVisible():
            return None
        vb = self.getViewBox()
        at = vb.mapSceneToView(scene_pos)
        with np.errstate(all="ignore"):
            y = float(self._predict(self._theta, np.array([at.x()]))[0])
        if not np.isfinite(y):
            return None
        on = vb.mapViewToScene(QPointF(at.x(), y))
        if abs(on.y() - scene_pos.y()) > PICK_PIXELS * self.look.scale:
            return None
        z = at.x() if self._scaling is None else float(self._scaling.apply(at.x()))
        x_lo, x_hi = self._view[:2]
        near_zero = abs(at.x()) <= VERTEX_SHARE * max(abs(x_lo), abs(x_hi))
        return self._theta.copy(), z, bool(near_zero)

    def _dragged(self, x: float, y: float, finished: bool) -> None:
        if self._curve_grab is not None:
            theta, z, vertex = self._curve_grab
            assert self._model is not None
            self.curveDragged.emit(self._model.through(theta, z, y, vertex), finished)
            if finished:
                self._curve_grab = None
            return
        number = self._dragging
        self._move_shown(number, x, y)
        if finished:
            self._dragging = -1
        self.pointDragged.emit(number, x, y, finished)

    def _move_shown(self, number: int, x: float, y: float) -> None:
        """The dragged point follows the mouse at once (the engine's view comes after)."""
        where = np.flatnonzero(self._numbers == number)
        if len(where):
            k = where[0]
            xs, ys = self._shown
            if len(self.scatter.data) != xs.size:
                return  # (not drawn yet)
            xs[k], ys[k] = x, y  # (the plot's own copies: _show_points)
            move_spot(self.scatter, int(k), x, y)
            self.select(number)

    def _move_spots(self, view: DataView, numbers: np.ndarray) -> bool:
        """The same points as shown, a few of them moved (a drag's reports): moved in
        place.  False if more changed."""
        xs, ys = self._shown
        if xs.size != view.x.size or len(self.scatter.data) != xs.size \
                or not np.array_equal(numbers, self._numbers):
            return False
        moved = np.flatnonzero((xs != view.x) | (ys != view.y))
        if moved.size > MOST_MOVED:
            return False
        for k in moved:
            xs[k], ys[k] = view.x[k], view.y[k]
            move_spot(self.scatter, int(k), float(xs[k]), float(ys[k]))
        return True

    def _click(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        event.accept()  # type: ignore[attr-defined]
        number = self.point_at(event.scenePos())  # type: ignore[attr-defined]
        if number >= 0:
            self.select(number)
        elif not event.double():  # type: ignore[attr-defined] (a double click: the view)
            point = self.getViewBox().mapSceneToView(event.scenePos())  # type: ignore
            self.emptyClicked.emit(point.x(), point.y())

    def _predict(self, theta: np.ndarray, x: np.ndarray) -> np.ndarray:
        """The model's curve at x in the data's units (the model sees z if standardized)."""
        assert self._model is not None
        return self._model.predict(theta, x if self._scaling is None else self._scaling.apply(x))

    def reset_view(self) -> None:
        """The article's view (x -1..1, y 2..6), widened to hold all the data.

        Fixed from the data, not the fit, so a diverging fit cannot zoom it out.
        """
        x_lo, x_hi, y_lo, y_hi = self._view
        self.disableAutoRange()
        self.setXRange(x_lo, x_hi, padding=0.02)
        self.setYRange(y_lo, y_hi, padding=0)

    def show_fit(self, theta: np.ndarray) -> None:
        if self._model is None:
            return
        with np.errstate(all="ignore"):
            y = self._predict(theta, self._grid)
        finite = np.isfinite(y)
        self.fit_curve.setData(self._grid[finite], np.clip(y[finite], -1e12, 1e12))
        self._fit = np.where(finite, y, np.nan)
        self._theta = theta
        if self.residuals.isVisible():
            self._draw_residuals()
        self._place_notes()

    def set_main_visible(self, on: bool) -> None:
        """The current run's fitted curve (off while a race shows its racers' fits; so
        is its legend entry, which would show a crossed-out eye)."""
        self._main_visible = on
        self.fit_curve.setVisible(on)
        self._fill_legend(self._has_truth)

    def show_fits(self, traces: list[Trace]) -> None:
        """The fitted curve of each trace (a racer) at its current parameters."""
        keys = {t.key for t in traces}
        for key in [k for k in self._fits if k not in keys]:
            self.removeItem(self._fits.pop(key))
            del self._fit_at[key], self._fit_index[key]
        if self._model is None:
            return
        for trace in traces:
            if trace.key not in self._fits:
                self._fits[trace.key] = self.plot(pen=self.look.trace_pen(trace.index, False))
                self._fit_index[trace.key] = trace.index
                self._fit_at[trace.key] = np.full_like(trace.theta, np.nan)
            at = self._fit_at[trace.key]
            if at.shape == trace.theta.shape and np.allclose(trace.theta, at, rtol=1e-9, atol=0):
                continue  # settled: the same curve to the pixel
            self._fit_at[trace.key] = trace.theta
            with np.errstate(all="ignore"):
                y = self._predict(trace.theta, self._grid)
            finite = np.isfinite(y)
            self._fits[trace.key].setData(self._grid[finite], np.clip(y[finite], -1e12, 1e12))

    def show_residuals(self, on: bool) -> None:
        """Sticks from each shown point (the subsample on large data) to the fit."""
        self._residuals_on = on
        self.residuals.setVisible(on)
        if on:
            self._draw_residuals()

    def _draw_residuals(self) -> None:
        x, y = self._shown
        if self._model is None or self._theta is None or not x.size:
            self.residuals.setData([], [])
            return
        with np.errstate(all="ignore"):
            fit = np.clip(np.nan_to_num(self._predict(self._theta, x)), -1e12, 1e12)
        self.residuals.setData(np.repeat(x, 2), np.stack([y, fit], axis=1).ravel())

    def _place_notes(self) -> None:
        """Say so when the fitted curve leaves the view; centre the loading note."""
        (x0, x1), (y0, y1) = self.getViewBox().viewRange()
        if self.loading_note.isVisible():
            fit_note(self.loading_note, self.getViewBox().width())
            self.loading_note.setPos((x0 + x1) / 2, (y0 + y1) / 2)
        fit = self._fit[np.isfinite(self._fit)] if self._fit.size else self._fit
        above, below = bool(fit.size and fit.max() > y1), bool(fit.size and fit.min() < y0)
        broken = self._fit.size and not np.isfinite(self._fit).all()
        if not self.fit_curve.isVisible() or not (above or below or broken):
            self.off_scale.hide()
            return
        if broken:
            text = tr("▲ fitted curve off scale (not a finite number)")
        elif above and not below:
            text = tr("▲ fitted curve above the view (up to {y})").format(
                y=format_number(float(f"{fit.max():.3g}")))
        elif below and not above:
            text = tr("▼ fitted curve below the view (down to {y})").format(
                y=format_number(float(f"{fit.min():.3g}")))
        else:
            text = tr("▲▼ fitted curve leaves the view")
        self.off_scale.setText(text)
        fit_note(self.off_scale, self.getViewBox().width())
        self.off_scale.setPos((x0 + x1) / 2, y1)
        self.off_scale.show()
