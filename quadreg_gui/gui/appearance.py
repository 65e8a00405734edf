"""The window's Look (scale, theme, palette), changed by the View menu and the session;
the window restyles its panels on ``changed``."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from . import look as looks
from .look import Look


class Appearance(QObject):
    """Holds the Look; ``changed`` carries a new one to every panel."""

    changed = Signal(object)

    def __init__(self, base_point_size: float) -> None:
        super().__init__()
        self.base_point_size = base_point_size
        self.look = Look()

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
