"""Editing the data by hand: drag a point, click empty space to add one, delete the
one selected, add an outlier; undo and redo.  Each edit is a live change of the
settings (core.edits): the fit, the optimum, the landscape, the limits and the
running training follow."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..core.edits import EditedPoints, Edit
from ..core.errors import ConfigError
from ..core.i18n import count, tr
from .controls import ParameterPanel
from .panels.data_plot import DataPlot
from .run_state import RunState

#: A dragged point's places reach the run at most this often (ms).
DRAG_MS = 40
#: How far above the data an outlier goes, in heights of the data.
OUTLIER_HEIGHTS = 2.0


class DataEditing(QObject):
    """Edits of the run's points, with a stack to redo what was undone (a new edit
    clears it).  A drag is one edit, updated as the point moves."""

    changed = Signal()  # what can be undone, redone or deleted changed

    def __init__(self, run: RunState, plot: DataPlot, parameters: ParameterPanel,
                 say: Callable[[str], None]) -> None:
        super().__init__(run)
        self.run, self.plot, self.parameters, self.say = run, plot, parameters, say
        self._redo: list[Edit] = []
        self._dragging = False
        self._pending: Edit | None = None  # a drag's place not yet given to the run
        self._throttle = QTimer(self, singleShot=True, interval=DRAG_MS)
        self._throttle.timeout.connect(self._apply_pending)
        plot.pointDragged.connect(self.drag)
        plot.emptyClicked.connect(self.add)
        run.configChanged.connect(self._show_count)
        run.loadedChanged.connect(self._new_data)
        run.pointsChanged.connect(self._show_points)

    @property
    def edits(self) -> tuple[Edit, ...]:
        return self.run.config.edits

    @property
    def can_undo(self) -> bool:
        return bool(self.edits)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _base_count(self) -> int:
        data = self.run.loaded.data if self.run.loaded is not None else None
        return 0 if data is None else (data.base or data).n

    def _set(self, edits: tuple[Edit, ...]) -> bool:
        """The run on these edits, live; False (and why, said) if they cannot be."""
        try:
            EditedPoints.of(self._base_count(), edits)
            self.parameters.set_values({"edits": edits})
        except ConfigError as exc:
            self.say(str(exc))
            return False
        self.changed.emit()
        return True

    def _push(self, edit: Edit) -> None:
        if self.run.loaded is not None and self._set((*self.edits, edit)):
            self._redo.clear()
            self.changed.emit()

    @Slot(int, float, float, bool)
    def drag(self, number: int, x: float, y: float, finished: bool) -> None:
        """The point follows the mouse at once in the plot; the run takes its place at
        most every DRAG_MS (each place changes the loss surface and every instrument
        on it), and its last place on release."""
        move = ("move", number, float(x), float(y))
        if not self._dragging:
            self._dragging = True
            self._push(move)
            self._pending = None
        else:
            self._pending = move
            if not self._throttle.isActive():
                self._throttle.start()
        if finished:
            self._throttle.stop()
            self._dragging = False
            self._apply_pending()

    @Slot()
    def _apply_pending(self) -> None:
        if self._pending is not None and self.edits:
            self._set((*self.edits[:-1], self._pending))
        self._pending = None

    @Slot(float, float)
    def add(self, x: float, y: float) -> None:
        self._push(("add", float(x), float(y)))

    @Slot()
    def delete_selected(self) -> None:
        if self.plot.selected >= 0:
            self._push(("delete", self.plot.selected))

    @Slot()
    def add_outlier(self) -> None:
        """A point far above the others, mid-way along x: squared loss pulls the whole
        fit towards it."""
        view = self.run.view
        if view is None:
            return
        (x0, x1), (y0, y1) = view.x_range, view.y_range
        self.add((x0 + x1) / 2, y1 + OUTLIER_HEIGHTS * max(y1 - y0, 1.0))

    @Slot()
    def undo(self) -> None:
        edits = self.edits
        if edits and self._set(edits[:-1]):
            self._redo.append(edits[-1])
            self.changed.emit()

    @Slot()
    def redo(self) -> None:
        if self._redo and self._set((*self.edits, self._redo[-1])):
            self._redo.pop()
            self.changed.emit()

    @Slot()
    def _new_data(self) -> None:
        """New points (a load, other data settings): what was undone is of the old."""
        if not self.edits:
            self._redo.clear()
        self._show_points()
        self.changed.emit()

    @Slot()
    def _show_points(self) -> None:
        """The engine's view of the points; not during a drag, whose point the plot
        moves itself (thousands of points drawn anew dozens of times a second)."""
        if self.run.view is not None and self.run.loaded is not None and (
                not self._dragging or self.run.view.n != self.plot.shown_count):
            self.plot.show_points(self.run.view)
        self._show_count()

    @Slot()
    def _show_count(self) -> None:
        n = self._base_count()
        try:
            touched = EditedPoints.of(n, self.edits).touched if self.edits and n else 0
        except ConfigError:  # (edits of the data being replaced)
            touched = 0
        self.plot.show_edits(count(touched, tr("{n} point edited"), tr("{n} points edited"))
                             if touched else "")
