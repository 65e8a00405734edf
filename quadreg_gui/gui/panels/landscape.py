"""The loss landscape: the loss over two parameters, the run's path across it, and
a click that starts a run from where the student points."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QAction, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.analysis import landscape as ls
from ...core.analysis.theory import excess_share
from ...core.i18n import QT_TR_NOOP, tr
from ...core.training.model import Model
from ...core.training.objective import QuadraticLoss
from ..look import Look, marker_brush, marker_pen
from ..traces import Trace, trace_brush
from .base import NOTE_POINTS, PlotPanel, PointDrag, cache, fit_bar_label

#: Grid points per side of the heat map.
GRID = 90
#: Contour lines drawn (spaced LEVELS_PER_DECADE a decade).
CONTOURS = 12
#: The arrows' length: this fraction of the view's width (they show directions).
ARROW_FRACTION = 0.22


@dataclass(frozen=True)
class Layer:
    key: str
    title: str
    on: bool


def layers() -> list[Layer]:
    return [Layer("path", tr("Trajectory"), True), Layer("current", tr("Current point"), True),
            Layer("start", tr("Starting point"), True), Layer("optimum", tr("Optimum"), True),
            Layer("axes", tr("Principal axes"), True),
            Layer("batches", tr("Steps within the last epoch (mini-batches)"), True),
            Layer("grad", tr("Negative gradient arrow"), False),
            Layer("velocity", tr("Velocity arrow (momentum)"), False)]


COLOR_BAR_LABEL = QT_TR_NOOP("log₁₀(loss − lowest)")
HINT = QT_TR_NOOP("Click to start there, or drag the point")
#: A press this close to the current point (pixels at 100 %) takes it.
PICK_PIXELS = 12


class WholeOrNothingLabel(QLabel):
    """A hint shown whole where its row has room for it, else not at all: it never
    widens the row (at a large scale the buttons beside it come first)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.fontMetrics().horizontalAdvance(self.text()) <= self.contentsRect().width():
            super().paintEvent(event)


class LandscapePlot(PlotPanel):
    """Heat map, contour ellipses, principal axes, path and points of one slice."""

    clicked = Signal(float, float)  # parameters i and j of the slice, in view units
    pointDragged = Signal(float, float, bool)  # the current point dragged to (u, v); released
    resetRequested = Signal()  # double-click or the "A" button: back to the panel's frame
    end_label_room = False  # the colour bar, right of the view, gives it

    def __init__(self) -> None:
        super().__init__("landscapePlot", tr("Loss over two parameters, with the run's path"),
                         tr("Loss landscape"), "w", "b")
        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.contours = pg.PlotDataItem(connect="finite")
        self.axes_lines = pg.PlotDataItem(connect="finite")
        self.path = pg.PlotDataItem()
        self.optimum = pg.ScatterPlotItem(symbol="star")
        self.start = pg.ScatterPlotItem(symbol="s")
        self.current = pg.ScatterPlotItem()
        self.trace_points = pg.ScatterPlotItem()
        self.trace_points.setZValue(2)
        self.grad = Arrow("grad")
        self.velocity = Arrow("velocity")
        for item in (self.image, self.contours, self.axes_lines, self.path, self.optimum,
                     self.start, self.current, self.trace_points):
            self.addItem(item)
        for arrow in (self.grad, self.velocity):
            arrow.add_to(self)
        # The surface changes only with the loss, slice or view: each frame blits it
        # from a cached pixmap and repaints only the path and the points.
        for item in (self.image, self.contours, self.axes_lines):
            cache(item)
        self.bar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), interactive=False,
                                   width=14)
        self.bar.setImageItem(self.image, insert_in=self.getPlotItem())
        self.note = pg.TextItem(anchor=(0, 0))
        self.note.setZValue(10)
        self.note.hide()
        self.addItem(self.note, ignoreBounds=True)
        self.batches = pg.PlotDataItem()  # each batch's step within the last epoch
        self.batches.setZValue(2)
        self.addItem(self.batches)
        self.trail = pg.PlotDataItem()  # the student's own moves of the point
        self.trail.setZValue(3)
        self.addItem(self.trail)
        self.scene().sigMouseClicked.connect(self._on_click)
        # A drag that starts on the current point moves it (the student is the
        # optimizer); any other drag pans the view, as before.
        self._drag = PointDrag(self, self._near_current, self.pointDragged.emit)
        self.getViewBox().sigResized.connect(self._fit_bar_label)
        self.style_items(self.look)

    def style_items(self, look: Look) -> None:
        """White lines and black outlines on the heat map, whatever the theme."""
        self.contours.setPen(pg.mkPen((255, 255, 255, 150), width=look.px(1)))
        self.axes_lines.setPen(pg.mkPen("#ffffff", width=look.px(1), style=Qt.PenStyle.DashLine))
        self.path.setPen(look.pen("path", 2))
        self.batches.setPen(pg.mkPen(look.color("velocity"), width=look.px(1)))
        self.batches.setSymbol("o")
        self.batches.setSymbolSize(look.px(4))
        self.batches.setSymbolPen(None)
        self.batches.setSymbolBrush(marker_brush(look.color("velocity")))
        self.trail.setPen(pg.mkPen(look.color("start"), width=look.px(2),
                                   style=Qt.PenStyle.DotLine))
        self.trail.setSymbol("o")
        self.trail.setSymbolSize(look.px(5))
        self.trail.setSymbolPen(None)
        self.trail.setSymbolBrush(marker_brush(look.color("start")))
        for item, role, size, outline in ((self.optimum, "star", 16, "k"),
                                          (self.start, "start", 11, "k"),
                                          (self.current, "current", 12, "w"),
                                          (self.trace_points, "", 11, "k")):
            item.setSize(look.px(size))
            item.setPen(marker_pen(outline, look.px(1.5 if outline == "w" else 1)))
            if role:
                item.setBrush(marker_brush(look.color(role)))
        for arrow in (self.grad, self.velocity):
            arrow.style(look)
        self.bar.axis.setPen(pg.mkPen(look.colors.axis, width=look.px(1)))
        self.bar.axis.setTextPen(look.colors.text)
        self.bar.axis.setStyle(tickFont=look.font(NOTE_POINTS))
        self._bar_label = ""
        self._fit_bar_label()
        self.bar.layout.setColumnFixedWidth(1, look.px(14))  # the bar; its axis sizes itself
        self.note.setText(tr("the path left the view"))
        self.note.setColor(look.colors.error)
        self.note.fill = pg.mkBrush(look.colors.note_fill)
        self.note.setFont(look.font(NOTE_POINTS + 1))

    def _fit_bar_label(self) -> None:
        self._bar_label = fit_bar_label(self, self.bar, tr(COLOR_BAR_LABEL), self._bar_label)

    def reset_view(self) -> None:
        self.resetRequested.emit()

    def _on_click(self, event: object) -> None:
        vb = self.getViewBox()
        if event.button() != Qt.MouseButton.LeftButton or event.double():  # type: ignore
            return
        pos = event.scenePos()  # type: ignore[attr-defined]
        if not vb.sceneBoundingRect().contains(pos):
            return
        point = vb.mapSceneToView(pos)
        self.clicked.emit(point.x(), point.y())

    def _near_current(self, scene_pos: QPointF) -> bool:
        x, y = self.current.getData()
        if x is None or not len(x):
            return False
        at = self.getViewBox().mapViewToScene(QPointF(float(x[0]), float(y[0])))
        return math.hypot(at.x() - scene_pos.x(), at.y() - scene_pos.y()) \
            <= PICK_PIXELS * self.look.scale

    def pixel_size(self) -> tuple[float, float]:
        """Parameter units per screen pixel along each axis."""
        vb = self.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        rect = vb.sceneBoundingRect()
        return (x1 - x0) / max(rect.width(), 1.0), (y1 - y0) / max(rect.height(), 1.0)


class Arrow:
    """A shaft and a head: a direction at the current point."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.shaft = pg.PlotDataItem()
        self.head = pg.ArrowItem(tipAngle=35)

    def style(self, look: Look) -> None:
        self.shaft.setPen(look.pen(self.role, 3))
        color = look.color(self.role)
        self.head.setStyle(headLen=look.px(14), pen=pg.mkPen(color), brush=pg.mkBrush(color))

    def add_to(self, plot: PlotPanel) -> None:
        plot.addItem(self.shaft, ignoreBounds=True)
        plot.addItem(self.head, ignoreBounds=True)

    def set_visible(self, on: bool) -> None:
        self.shaft.setVisible(on)
        self.head.setVisible(on)

    def point(self, start: np.ndarray, end: np.ndarray, view: PlotPanel) -> None:
        self.shaft.setData([start[0], end[0]], [start[1], end[1]])
        self.head.setPos(end[0], end[1])
        vb = view.getViewBox()
        a = vb.mapViewToDevice(QPointF(*start))
        b = vb.mapViewToDevice(QPointF(*end))
        if a is not None and b is not None:  # the head points along the shaft on screen
            self.head.setStyle(angle=180 + np.degrees(np.arctan2(b.y() - a.y(), b.x() - a.x())))


def _place(item: pg.PlotDataItem | pg.ScatterPlotItem, points: np.ndarray, shown: bool) -> None:
    """Points (rows of (u, v)) on ``item``, their non-finite ones left out; none if hidden."""
    points = points[np.isfinite(points).all(axis=1)] if shown and len(points) else points[:0]
    item.setData(points[:, 0], points[:, 1])


class LandscapePanel(QWidget):
    """The plot, a choice of slice (for three parameters), its layers and a way back to
    the article's random start.  ``startChosen`` carries a clicked start by name."""

    startChosen = Signal(object)  # dict: parameter name -> value
    randomStart = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.plot = LandscapePlot()
        self.plot.clicked.connect(self._clicked)
        self.plot.pointDragged.connect(self._dragged)
        self.plot.resetRequested.connect(self.reset_view)
        self.slice_combo = QComboBox()
        self.slice_combo.setObjectName("sliceCombo")
        self.slice_combo.setToolTip(tr("The two parameters the landscape is drawn over; the "
                                       "third is held at its current value."))
        self.slice_combo.currentIndexChanged.connect(self._slice_changed)
        self.slice_label = QLabel(tr("Slice:"))
        for widget in (self.slice_label, self.slice_combo):  # until a model of three
            widget.setVisible(False)  # (shown before, they widened the window's minimum)
        self.show_button = QToolButton()
        self.show_button.setText(tr("Show"))
        self.show_button.setObjectName("landscapeLayers")
        self.show_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.show_button)
        self.layer_actions: dict[str, QAction] = {}
        for layer in layers():
            action = menu.addAction(layer.title)
            action.setCheckable(True)
            action.setChecked(layer.on)
            action.toggled.connect(self._redraw)
            self.layer_actions[layer.key] = action
        menu.addSeparator()
        self.equal_axes = menu.addAction(tr("Equal axes (true shapes)"))
        self.equal_axes.setObjectName("equalAxesAction")
        self.equal_axes.setCheckable(True)
        self.equal_axes.setToolTip(tr("One unit as long on both axes: the contours show the "
                                      "valley's true shape, however narrow."))
        self.equal_axes.toggled.connect(self._equal_axes)
        self.show_button.setMenu(menu)
        #: What the Show menu offers, by key, with each one's default (remembered).
        self.options: dict[str, tuple[QAction, bool]] = {
            **{layer.key: (self.layer_actions[layer.key], layer.on) for layer in layers()},
            "equal_axes": (self.equal_axes, False)}
        self.random_button = QPushButton(tr("Random start"))
        self.random_button.setObjectName("randomStartButton")
        self.random_button.setToolTip(tr("Start from the article's seeded random draw again."))
        self.random_button.clicked.connect(self.randomStart)
        self.hint = WholeOrNothingLabel(tr(HINT))
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        header = QHBoxLayout()
        header.setContentsMargins(3, 0, 3, 0)  # (at 10 pt on 1280 x 720 the hint needs them)
        for widget in (self.slice_label, self.slice_combo, self.show_button):
            header.addWidget(widget)
        header.addWidget(self.hint, 1)  # the row's free room
        header.addWidget(self.random_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.plot, 1)
        self._model: Model | None = None
        self._quad: QuadraticLoss | None = None
        self._initial = np.zeros(2)
        self._theta = np.zeros(2)
        self._path = np.empty((0, 2))
        self._velocity: np.ndarray | None = None
        self._slice: ls.Slice | None = None
        self._grid_key: tuple = ()
        self._drawn: tuple = ()  # what the path, start and optimum were drawn for
        self._path_version = 0  # counts new paths: redrawn only when it changed
        self._slice_version = 0
        self._frame: ls.Frame | None = None
        self._user_view = False
        self._main_visible = True
        self._frame_key: tuple = ()
        self._frame_now: ls.Frame | None = None
        self._traces: list[Trace] = []
        self._trail: list[np.ndarray] = []  # the points the student dragged through
        self._batches = np.empty((0, 2))  # the last epoch's steps, batch by batch
        # Per trace key: its line and point, and what the line was drawn for.
        self._trace_items: dict[int, pg.PlotDataItem] = {}
        # Per trace key: the path drawn, for which slice and layer, and its points on it.
        self._trace_drawn: dict[int, tuple[np.ndarray, int, bool, np.ndarray]] = {}
        vb = self.plot.getViewBox()
        vb.sigRangeChangedManually.connect(self._user_moved)
        vb.sigRangeChanged.connect(self._view_changed)

    def apply_look(self, look: Look) -> None:
        self.plot.apply_look(look)
        for trace in self._traces:
            self._trace_items[trace.key].setPen(look.trace_pen(trace.index, trace.faded))
        self._drawn = ()
        self._redraw()

    # --- the problem ------------------------------------------------------------------
    def set_problem(self, model: Model, quad: QuadraticLoss, initial: np.ndarray,
                    new_start: bool = False) -> None:
        """New data, model or start: a new slice and path; a new view, unless only the
        start is new and lies in the view (a click or a drag keeps the view still)."""
        keep = new_start and model == self._model and self._slice is not None \
            and self._in_view(np.asarray(initial, dtype=float))
        if not new_start or model != self._model:
            self._trail.clear()
            self.hint.setText(tr(HINT))
        if model != self._model:
            self._model = model
            self.slice_combo.blockSignals(True)
            self.slice_combo.clear()
            names = model.params
            for i, j in ls.slice_pairs(model.powers):
                self.slice_combo.addItem(f"{names[i]}, {names[j]}", (i, j))
            self.slice_combo.blockSignals(False)
            three = len(names) > 2
            self.slice_combo.setVisible(three)
            self.slice_label.setVisible(three)
        self._quad = quad
        self._initial = np.asarray(initial, dtype=float)
        self._theta = self._initial.copy()
        self._path = np.empty((0, len(initial)))
        self._path_version += 1
        self._velocity = None
        self._batches = np.empty((0, len(initial)))
        if keep:
            self._user_view = True  # (the A button or a double-click frames again)
        else:
            self._user_view = False
            self._frame = None
        self._update_slice(force=True)
        self._redraw()

    def _in_view(self, theta: np.ndarray) -> bool:
        assert self._slice is not None
        u, v = self._slice.point(theta)
        (u0, u1), (v0, v1) = self.plot.getViewBox().viewRange()
        return bool(u0 <= u <= u1 and v0 <= v <= v1)

    def set_quadratic(self, quad: QuadraticLoss) -> None:
        """The loss changed (L2): the landscape and optimum move, the path stays."""
        self._quad = quad
        self._update_slice(force=True)
        self._redraw()

    def show_run(self, theta: np.ndarray, path: np.ndarray | None,
                 velocity: np.ndarray | None, batches: np.ndarray | None = None) -> None:
        """The current point, the path so far, (momentum) the velocity and (mini-batches)
        the steps within the last epoch (None: keep those drawn)."""
        self._theta = np.asarray(theta, dtype=float)
        if batches is not None:
            self._batches = batches
        if path is not None:
            self._path = path
            self._path_version += 1
            if len(path):  # the run has left the place the student chose
                self.hint.setText(tr(HINT))
        self._velocity = velocity
        self._update_slice()
        self._redraw()

    def set_main_visible(self, on: bool) -> None:
        """The current run's path, point and arrows (off while a race shows its racers)."""
        self._main_visible = on
        self._drawn = ()
        self._redraw()

    def show_traces(self, traces: list[Trace]) -> None:
        """Other runs (pins, racers), drawn at the next show_run: a line from the start
        and a point each, made once per run."""
        self._traces = traces
        keys = {t.key for t in traces}
        for key in [k for k in self._trace_items if k not in keys]:
            self.plot.removeItem(self._trace_items.pop(key))
            self._trace_drawn.pop(key, None)
        if not traces:
            self.plot.trace_points.setData([], [])
        for trace in traces:
            if trace.key not in self._trace_items:
                line = pg.PlotDataItem(pen=self.plot.look.trace_pen(trace.index, trace.faded))
                cache(line)  # the points move every frame, the lines a few times a second
                line.setZValue(1)
                self.plot.addItem(line)
                self._trace_items[trace.key] = line

    @property
    def pair(self) -> tuple[int, int]:
        data = self.slice_combo.currentData()
        return data if data is not None else (0, 1)

    @Slot()
    def _slice_changed(self) -> None:
        self._user_view = False
        self._frame = None
        self._update_slice(force=True)
        self._redraw()

    def _update_slice(self, force: bool = False) -> None:
        """The slice through the current point (its third parameter moves with the run);
        the caller redraws."""
        if self._quad is None or self._model is None:
            return
        i, j = self.pair
        center = self._theta if np.isfinite(self._theta).all() else self._initial
        if not force and self._slice is not None and len(center) == 2:
            return  # two parameters: the slice is the whole landscape
        if not force and self._slice is not None and np.allclose(
                center, self._slice.center, rtol=1e-3, atol=1e-9):
            return
        self._slice = ls.slice_of(self._quad, i, j, center)
        self._slice_version += 1
        self.plot.set_axis_labels(self._model.params[i], self._model.params[j])
        self.show_title()
        self._grid_key = ()

    def show_title(self) -> None:
        """'Loss landscape', or the slice and the third parameter's value."""
        names = self._model.params if self._model is not None else ()
        if len(names) > 2 and self._slice is not None:
            i, j = self.pair
            others = [k for k in range(len(names)) if k not in (i, j)]
            self.plot.set_title(tr("Loss over {a}, {b} at {c} = {value}").format(
                a=names[i], b=names[j], c=", ".join(names[k] for k in others),
                value=", ".join(f"{self._slice.center[k]:.4g}" for k in others)))
        else:
            self.plot.set_title(tr("Loss landscape"))

    # --- drawing ----------------------------------------------------------------------
    @Slot()
    def _redraw(self) -> None:
        sl = self._slice
        if sl is None:
            return
        on = {key: action.isChecked() for key, action in self.layer_actions.items()}
        path = sl.point(self._path) if len(self._path) else np.empty((0, 2))
        start, now = sl.point(self._initial), sl.point(self._theta)
        others = self._draw_traces(sl, on["path"], on["current"])
        # The frame changes with the paths (a few times a second), not with every point.
        key = (self._path_version, self._slice_version, self._main_visible,
               tuple(id(p) for p in others), tuple(start))
        if key != self._frame_key or self._frame_now is None:
            mine = [path, now[None, :]] if self._main_visible else []
            self._frame_now = ls.frame(sl, start, np.vstack([*mine, *others, start[None, :]]))
            self._frame_key = key
        frame = self._frame_now
        if not self._user_view and frame != self._frame:
            self._frame = frame
            self.plot.setRange(xRange=frame.u, yRange=frame.v, padding=0)
        self.plot.note.setVisible(frame.clipped)
        mine_on = {key: on[key] and self._main_visible for key in ("path", "current")}
        drawn = (self._path_version, self._slice_version, mine_on["path"], on["start"],
                 on["optimum"])
        if drawn != self._drawn:  # a new path comes at most 40 times a second
            self._drawn = drawn
            # The rows hold the parameters after each epoch: the path starts at the start.
            full = np.vstack([start[None, :], path]) if len(path) else path
            _place(self.plot.path, full, mine_on["path"])
            _place(self.plot.start, start[None, :], on["start"])
            _place(self.plot.optimum, sl.point(self._quad.optimum)[None, :], on["optimum"])
        trail = sl.point(np.array(self._trail)) if len(self._trail) > 1 else np.empty((0, 2))
        _place(self.plot.trail, trail, len(trail) > 1)
        steps = sl.point(self._batches) if len(self._batches) > 1 else np.empty((0, 2))
        _place(self.plot.batches, steps, on["batches"] and self._main_visible and len(steps) > 1)
        _place(self.plot.current, now[None, :], mine_on["current"])
        self.plot.axes_lines.setVisible(on["axes"])
        self._draw_arrows(sl, now, {**on, "grad": on["grad"] and self._main_visible,
                                    "velocity": on["velocity"] and self._main_visible})

    def _draw_traces(self, sl: ls.Slice, path_on: bool, point_on: bool) -> list[np.ndarray]:
        """Each trace's line (redrawn when the trace or slice changed) and point;
        returns their paths on the slice, for the frame."""
        paths: list[np.ndarray] = []
        if not self._traces:
            return paths  # nothing pinned or racing: no work per frame
        for trace in self._traces:
            drawn = self._trace_drawn.get(trace.key)
            if drawn is None or drawn[0] is not trace.path or drawn[1:3] != (
                    self._slice_version, path_on):
                full = sl.point(np.vstack([trace.start[None, :], trace.path]))
                self._trace_drawn[trace.key] = (trace.path, self._slice_version, path_on, full)
                _place(self._trace_items[trace.key], full, path_on)
            paths.append(self._trace_drawn[trace.key][3])
        points = sl.point(np.array([t.theta for t in self._traces])) if self._traces else \
            np.empty((0, 2))
        shown = point_on and len(points) > 0
        finite = np.isfinite(points).all(axis=1) if shown else np.zeros(0, bool)
        self.plot.trace_points.setData(
            points[finite, 0] if shown else [], points[finite, 1] if shown else [],
            brush=[trace_brush(self.plot.look, t.index, t.faded)
                   for t, ok in zip(self._traces, finite) if ok])
        return paths

    def _draw_arrows(self, sl: ls.Slice, now: np.ndarray, on: dict[str, bool]) -> None:
        """Directions at the current point, to one scale: the view's width sets the
        longer arrow's length, the other keeps its length relative to it."""
        assert self._quad is not None
        grad = sl.point(self._quad.grad(self._theta))
        velocity = sl.point(self._velocity) if self._velocity is not None else None
        arrows = [(self.plot.grad, -grad, on["grad"]),
                  (self.plot.velocity, -velocity if velocity is not None else None,
                   on["velocity"] and velocity is not None)]
        lengths = [float(np.hypot(*v)) for _, v, shown in arrows if shown]
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        scale = ARROW_FRACTION * (x1 - x0) / max(lengths) if lengths and max(lengths) > 0 else 0
        for arrow, vector, shown in arrows:
            shown = bool(shown and scale and np.isfinite(now).all())
            arrow.set_visible(shown)
            if shown:
                arrow.point(now, now + scale * vector, self.plot)

    @Slot()
    def _view_changed(self) -> None:
        """The heat map and contours cover the view: recomputed when it changes (and
        when the loss or slice does), never per epoch."""
        sl, quad = self._slice, self._quad
        if sl is None or quad is None:
            return
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        key = (self._slice_version, x0, x1, y0, y1)
        if key == self._grid_key:
            return
        self._grid_key = key
        u, v = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
        excess = np.maximum(ls.excess_grid(sl, u, v), 1e-300)
        heat = np.log10(excess)
        self.plot.image.setImage(heat, autoLevels=False)
        self.plot.image.setRect(x0, y0, x1 - x0, y1 - y0)
        lo, hi = float(heat.min()), float(heat.max())
        self.plot.bar.setLevels((lo, hi if hi > lo else lo + 1))
        levels = ls.levels(sl, float(excess.max()), CONTOURS)
        rings = [ls.ellipse(sl, level) for level in levels]
        nan = np.full((1, 2), np.nan)
        joined = np.vstack([np.vstack([r, nan]) for r in rings if len(r)] or [nan])
        self.plot.contours.setData(joined[:, 0], joined[:, 1])
        self._draw_axes(sl, (x1 - x0) + (y1 - y0))
        self.plot.note.setPos(x0, y1)

    def _draw_axes(self, sl: ls.Slice, length: float) -> None:
        _, vectors = sl.axes()
        ends = [sl.minimum + sign * length * vectors[:, k] for k in (0, 1) for sign in (-1, 1)]
        nan = [np.nan, np.nan]
        points = np.array([ends[0], ends[1], nan, ends[2], ends[3]])
        self.plot.axes_lines.setData(points[:, 0], points[:, 1])

    # --- the view and clicks -------------------------------------------------------------
    @Slot(bool)
    def _equal_axes(self, on: bool) -> None:
        """Lock one unit to the same length on both axes (the view widens one range to
        keep the frame in sight), or let each axis fit the frame again."""
        self.plot.getViewBox().setAspectLocked(on, ratio=1.0)
        self.reset_view()

    @Slot()
    def _user_moved(self) -> None:
        self._user_view = True

    def reset_view(self) -> None:
        self._user_view = False
        self._frame = None
        self._redraw()

    @Slot(float, float)
    def _clicked(self, u: float, v: float) -> None:
        """Start from the clicked point, rounded to the pixel's precision (a click at
        (1.0, 3.0) starts at 1.0, 3.0, not 1.0031, 2.9987)."""
        start = self._start_at(u, v)
        if start is not None:
            self._trail.clear()
            self.startChosen.emit(start)

    @Slot(float, float, bool)
    def _dragged(self, u: float, v: float, finished: bool) -> None:
        """The student moves the point by hand: each place is the run's start (its loss,
        gradient and fit shown at once), and the places so far stay drawn as a trail
        beside the path gradient descent takes from the last (Start continues)."""
        start = self._start_at(u, v)
        if start is not None:
            self.take_start(np.array(list(start.values())))

    @Slot(object, bool)
    def take_start(self, theta: np.ndarray, _finished: bool = False) -> None:
        """The student puts the parameters at ``theta`` (here, or by moving the fitted
        curve): the run's start, one more place of the trail."""
        if self._model is None:
            return
        if not self._trail:
            self._trail.append(self._theta.copy())
        theta = np.asarray(theta, dtype=float)
        start = {name: float(value) for name, value in zip(self._model.params, theta)}
        self._trail.append(theta)
        if self._quad is not None:
            share = excess_share(self._quad, theta, self._trail[0])
            self.hint.setText(tr("loss {loss}: {share} % of the excess where you took the "
                                 "point").format(loss=f"{self._quad.loss(theta):.4g}",
                                                 share=f"{100 * share:.3g}"))
        self.startChosen.emit(start)

    def _start_at(self, u: float, v: float) -> dict[str, float] | None:
        if self._model is None or self._slice is None:
            return None
        du, dv = self.plot.pixel_size()
        i, j = self.pair
        start = self._slice.center.copy()
        start[i], start[j] = ls.snap(u, du), ls.snap(v, dv)
        return {name: float(value) for name, value in zip(self._model.params, start)}
