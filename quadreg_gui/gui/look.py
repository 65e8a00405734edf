"""How the window looks: its scale, its theme (light or dark) and the palette of the
plotted series (standard, or colour-blind safe with a line style per series).

A Look is a value; ``apply_to_app`` gives the widgets its font size and colours,
and each plot panel's ``apply_look`` restyles the items it made once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QPen
from PySide6.QtWidgets import QApplication

#: The scale steps of Ctrl+= and Ctrl+-, from 75 % to 300 %.
SCALES = (0.75, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
PRESENTATION_SCALE = 1.75
THEMES = ("light", "dark")
PALETTES = ("standard", "colorblind")

SOLID, DASH, DOT, DASH_DOT = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine,
                              Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
#: Pinned runs and racers in the colour-blind palette: a line style each, in turn.
TRACE_STYLES = (SOLID, DASH, DOT, DASH_DOT, Qt.PenStyle.DashDotDotLine)
#: Okabe & Ito (2008), in the order that keeps neighbours far apart (black last).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442",
             "#000000")


@dataclass(frozen=True)
class Colors:
    """A theme's colours for the plots and the coloured widgets."""

    plot: str  # plot background
    text: str
    axis: str
    hint: str  # secondary text
    error: str
    note_fill: tuple[int, int, int, int]
    banner: dict  # level -> (background, border, text)
    zones: tuple[str, str, str]  # the learning-rate slider's stable, slow, unstable
    bad_field: str  # an editor holding a bad value
    foreground: str  # the opposite of the plot background (marker outlines)


LIGHT = Colors(
    plot="#ffffff", text="#222222", axis="#666666", hint="#555555", error="#8a1c13",
    note_fill=(255, 244, 214, 235),
    banner={"hint": ("transparent", "transparent", "#444444"),
            "warning": ("#fff4d6", "#e6c46a", "#6b4500"),
            "error": ("#fde2e1", "#e8a09a", "#8a1c13")},
    zones=("#cfe8cf", "#f7e3b0", "#f4c2c2"), bad_field="#ffe3e3", foreground="#000000")
DARK = Colors(
    plot="#15171c", text="#e6e6e6", axis="#a0a4ab", hint="#a9aeb6", error="#ff9b8f",
    note_fill=(66, 54, 24, 235),
    banner={"hint": ("transparent", "transparent", "#c8c8c8"),
            "warning": ("#3d3211", "#8a7128", "#ffd98a"),
            "error": ("#45201d", "#9c4a42", "#ffb4aa")},
    zones=("#27452a", "#4a3f1c", "#4d2525"), bad_field="#5a2626", foreground="#ffffff")


@dataclass(frozen=True)
class Series:
    color: str
    style: Qt.PenStyle = SOLID


#: Per palette, per role: colour and line style; (light, dark) where they differ.
_STANDARD = {
    "fit": Series("#d62728"), "true": Series("#2ca02c", DASH), "data": Series("#1f77b4"),
    "residual": Series("#888888"), "loss": (Series("#1f77b4"), Series("#5aa9e6")),
    "predicted": Series("#ff7f0e", DASH), "mark": (Series("#7b3f9e", DASH),
                                                   Series("#c79be6", DASH)),
    "optimum": (Series("#555555", DOT), Series("#b8b8b8", DOT)),
    "path": Series("#ffffff"), "start": Series("#ff7f0e"), "current": Series("#d62728"),
    "star": Series("#ffdd00"), "grad": Series("#ff4fa0"), "velocity": Series("#00e5ff"),
}
_COLORBLIND = {
    "fit": Series("#D55E00"), "true": Series("#009E73", DASH),
    "data": (Series("#0072B2"), Series("#56B4E9")), "residual": Series("#999999", DOT),
    "loss": (Series("#0072B2"), Series("#56B4E9")), "predicted": Series("#E69F00", DASH_DOT),
    "mark": Series("#CC79A7", DASH), "optimum": (Series("#555555", DOT), Series("#b8b8b8", DOT)),
    "path": Series("#ffffff"), "start": Series("#E69F00"), "current": Series("#D55E00"),
    "star": Series("#F0E442"), "grad": Series("#CC79A7"), "velocity": Series("#56B4E9", DASH),
}


@dataclass(frozen=True)
class Look:
    """Scale (1.0 is 100 %), theme and palette of the whole window."""

    scale: float = 1.0
    theme: str = "light"
    palette: str = "standard"

    @property
    def colors(self) -> Colors:
        return DARK if self.theme == "dark" else LIGHT

    def pt(self, size: float) -> float:
        """A point size at this scale."""
        return size * self.scale

    def px(self, size: float) -> float:
        """A width or marker size in pixels at this scale."""
        return size * self.scale

    def series(self, role: str) -> Series:
        table = _COLORBLIND if self.palette == "colorblind" else _STANDARD
        entry = table[role]
        if isinstance(entry, tuple):
            return entry[self.theme == "dark"]
        return entry

    def color(self, role: str, alpha: int = 255) -> QColor:
        color = QColor(self.series(role).color)
        color.setAlpha(alpha)
        return color

    def pen(self, role: str, width: float) -> QPen:
        series = self.series(role)
        return pg.mkPen(series.color, width=self.px(width), style=series.style)

    def trace_color(self, index: int, faded: bool = False) -> QColor:
        """The colour of the ``index``-th pinned run or racer (black is white on dark)."""
        name = OKABE_ITO[index % len(OKABE_ITO)]
        if name == "#000000" and self.theme == "dark":
            name = "#e6e6e6"
        color = QColor(name)
        if faded:
            color.setAlpha(FADED_ALPHA)
        return color

    def trace_pen(self, index: int, faded: bool, width: float = 2) -> QPen:
        style = TRACE_STYLES[index % len(TRACE_STYLES)] if self.palette == "colorblind" \
            else SOLID
        return pg.mkPen(self.trace_color(index, faded), width=self.px(width), style=style)

    def font(self, size: float, base: QFont | None = None) -> QFont:
        font = QFont(base) if base is not None else QFont()
        font.setPointSizeF(self.pt(size))
        return font

    def with_scale(self, scale: float) -> Look:
        return replace(self, scale=min(max(scale, SCALES[0]), SCALES[-1]))

    def larger(self) -> Look:
        return self.with_scale(next((s for s in SCALES if s > self.scale + 1e-9), SCALES[-1]))

    def smaller(self) -> Look:
        return self.with_scale(next((s for s in reversed(SCALES) if s < self.scale - 1e-9),
                                    SCALES[0]))


#: Alpha of a pinned (finished, not current) run's lines.
FADED_ALPHA = 190


def widget_palette(theme: str) -> QPalette:
    """The widgets' colours: the style's own for light, a dark one built here."""
    app = QApplication.instance()
    if theme != "dark":
        return app.style().standardPalette()
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, c in ((role.Window, "#23262d"), (role.WindowText, "#e6e6e6"), (role.Base, "#1a1c21"),
                 (role.AlternateBase, "#2a2d35"), (role.ToolTipBase, "#2a2d35"),
                 (role.ToolTipText, "#e6e6e6"), (role.PlaceholderText, "#8d929a"),
                 (role.Text, "#e6e6e6"), (role.Button, "#2d3038"), (role.ButtonText, "#e6e6e6"),
                 (role.BrightText, "#ff6b6b"), (role.Link, "#6cb6ff"),
                 (role.Highlight, "#3d6fb6"), (role.HighlightedText, "#ffffff"),
                 (role.Light, "#3a3e48"), (role.Midlight, "#30343c"), (role.Mid, "#24272e"),
                 (role.Dark, "#121418"), (role.Shadow, "#000000")):
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#7b8088"))
    return p


_current = Look()


def current() -> Look:
    """The look last applied: for widgets that paint their own colours."""
    return _current


def apply_to_app(look: Look, base_point_size: float) -> None:
    """The widgets' font size and colours for ``look``."""
    global _current
    _current = look
    app = QApplication.instance()
    font = app.font()
    font.setPointSizeF(base_point_size * look.scale)
    app.setFont(font)
    app.setPalette(widget_palette(look.theme))


_base_points: float | None = None


def base_point_size() -> float:
    """The widgets' point size at 100 %: the one create_app chose, else the
    application's font when first asked (an application made elsewhere: embedders)."""
    global _base_points
    if _base_points is None:
        _base_points = QApplication.instance().font().pointSizeF()
    return _base_points


def set_base_point_size(points: float) -> None:
    """The widgets' point size at 100 % from now on (create_app's choice: a size asked
    for earlier, of the font the application had before, would scale every later
    window from the wrong size)."""
    global _base_points
    _base_points = points


def marker_pen(color: object, width: float) -> QPen:
    """The outline of a scatter plot's markers, one object per colour and width.

    pyqtgraph renders each marker style once into an atlas, keyed by the pen and
    brush objects themselves: a new pen for the same look (each restyle, each switch of
    language) added a rendering every time (35 KiB a switch of language, found by a
    soak), until the atlas reached a thousand."""
    return _pen(pg.mkColor(color).rgba(), width)


def marker_brush(color: object) -> QBrush:
    """The fill of a scatter plot's markers, one object per colour (see marker_pen)."""
    return _brush(pg.mkColor(color).rgba())


@functools.lru_cache(maxsize=256)
def _pen(rgba: int, width: float) -> QPen:
    return pg.mkPen(QColor.fromRgba(rgba), width=width)


@functools.lru_cache(maxsize=256)
def _brush(rgba: int) -> QBrush:
    return pg.mkBrush(QColor.fromRgba(rgba))
