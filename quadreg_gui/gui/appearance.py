"""The window's Look, changed by the View menu, applied to the widgets and plots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from . import look as looks
from .actions import show_look
from .look import Look

if TYPE_CHECKING:
    from .main_window import MainWindow


class Appearance(QObject):
    """Holds the Look; ``changed`` carries a new one to every panel."""

    changed = Signal(object)

    def __init__(self, base_point_size: float) -> None:
        super().__init__()
        self.base_point_size = base_point_size
        self.look = Look()

    def attach(self, win: MainWindow) -> None:
        """Restyle ``win``'s panels at every change, starting with the default look."""
        self.win = win
        self.changed.connect(self._restyle)
        self.set_look(Look())

    @Slot(object)
    def _restyle(self, look: Look) -> None:
        win = self.win
        for panel in (win.data_plot, win.loss_plot, win.landscape, win.step_view,
                      win.pins_panel, win.race_panel):
            panel.apply_look(look)
        show_look(win, look)
        QTimer.singleShot(0, self.fit_left_column)  # once the fonts have changed
        win.panel.show_error_colors()
        win.messages.refresh()
        win.schedule_redraw()

    @Slot()
    def fit_left_column(self) -> None:
        """The parameters as wide as they need at this scale (and in this language), up to
        45 % of the window; above 125 % up to 36 %, where they scroll, so that the plots
        keep room to plot on a 1280-pixel projector."""
        splitter = self.win.centralWidget()
        total = sum(splitter.sizes())
        left = self.win.left
        share = 0.45 if self.look.scale <= 1.25 else 0.36
        width = min(max(left.preferred_width(), left.minimumWidth()), int(share * total))
        splitter.setSizes([width, total - width])

    def set_look(self, look: Look) -> None:
        if look == self.look and look == looks.current():
            return
        self.look = look
        looks.apply_to_app(look, self.base_point_size)
        self.changed.emit(look)

    def zoom_in(self) -> None:
        self.set_look(self.look.larger())

    def zoom_out(self) -> None:
        self.set_look(self.look.smaller())

    def zoom_reset(self) -> None:
        self.set_look(self.look.with_scale(1.0))

    def set_scale(self, scale: float) -> None:
        self.set_look(self.look.with_scale(scale))

    def set_theme(self, theme: str) -> None:
        self.set_look(Look(self.look.scale, theme, self.look.palette))

    def set_colorblind(self, on: bool) -> None:
        self.set_look(Look(self.look.scale, self.look.theme, "colorblind" if on else "standard"))
