"""Focus: one pane of the plot grid fills the whole plot area, and back.

Asked for by View > Focus, the keys 1-4 (0: all panes), a double-click on a plot's
title or on the log's tabs, and by lessons.  The View menu's panel checks still say
which panes show when none has the focus; changing one leaves the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction

from .panels.plot_grid import PlotGrid


class Focus(QObject):
    """The ``grid``'s focused pane ("" for none); ``shown`` are the View menu's checks
    of each pane (by the grid's pane keys).  ``changed``: the focused pane's key."""

    changed = Signal(str)

    def __init__(self, grid: PlotGrid, shown: dict[str, QAction]) -> None:
        super().__init__(grid)
        self.grid, self.shown = grid, shown
        self.key = ""
        for action in shown.values():
            action.toggled.connect(self._shown_changed)
        # (Signals of the GUI thread's own widgets: a lambda runs in this thread too.)
        for key, signal in (("data", grid.data_plot.titleDoubleClicked),
                            ("loss", grid.loss_plot.titleDoubleClicked),
                            ("landscape", grid.landscape.plot.titleDoubleClicked),
                            ("log", grid.tabs.tabBarDoubleClicked)):
            signal.connect(lambda *_, k=key: self.toggle(k))

    @Slot(str)
    def toggle(self, key: str) -> None:
        """Focus on the pane ``key``, or back to all panes if it has the focus ("": all)."""
        self.set("" if key == self.key else key)

    @Slot(str)
    def set(self, key: str) -> None:
        if key and key not in self.grid.panes:
            raise ValueError(f"no pane {key!r}")
        self.key = key
        visible = {name: name == key if key else self.shown[name].isChecked()
                   for name in self.grid.panes}
        for name, pane in self.grid.panes.items():
            pane.setVisible(visible[name])
        for row in self.grid.rows:  # a row of hidden panes gives its height to the other
            row.setVisible(any(on and row.isAncestorOf(self.grid.panes[name])
                               for name, on in visible.items()))
        self.grid.least_size_changed()
        self.changed.emit(key)

    def bring(self, key: str) -> None:
        """A lesson's focus: a pane's key, or "step", the log's pane with its Step
        explained tab in front ("log" brings the Log tab)."""
        grid = self.grid
        if key in ("log", "step"):
            grid.tabs.setCurrentWidget(grid.step_view if key == "step" else grid.log_view)
        self.set("log" if key == "step" else key)

    @property
    def lesson_key(self) -> str:
        """The focus as a lesson step says it (see ``bring``)."""
        if self.key == "log" and self.grid.tabs.currentWidget() is self.grid.step_view:
            return "step"
        return self.key

    @Slot()
    def _shown_changed(self) -> None:
        """A pane chosen in the View menu: the focus ends, the rows follow."""
        self.set("")
