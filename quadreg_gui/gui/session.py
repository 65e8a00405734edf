"""What the window remembers between sessions: its settings, geometry, splitters,
visible panels, theme, palette, scale and the language chosen in the menu (QSettings),
and "Restore defaults".

Stored values are read as text and checked here: a hand-edited file or an older
version's keys never stop the window from opening; each bad value falls back to its
default with one line on stderr.
"""

from __future__ import annotations

import json
import math
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtWidgets import QSplitter

from ..core.config import ConfigError, TrainConfig
from ..core.jsonfile import parse_json_object
from . import store
from .language import LANGUAGES, system_language
from .look import PALETTES, SCALES, THEMES, Look

if TYPE_CHECKING:
    from .main_window import MainWindow

GROUP = "session"
PROG = "quadreg-gui"


def warn(key: str, value: Any, why: str) -> None:
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    print(f"{PROG}: ignoring the remembered {key} = {text}: {why}; using the default",
          file=sys.stderr)


def _text(settings: QSettings, key: str) -> str | None:
    value = settings.value(key)
    if value is None:
        return None
    if isinstance(value, (list, tuple)):  # QSettings splits "a, b" into a list
        value = ", ".join(str(v) for v in value)
    return str(value)


def read_config(settings: QSettings) -> TrainConfig:
    """The remembered settings, one by one: a bad one is left at its default.  The
    data stays the article's (a data file is one click away in Open recent)."""
    raw = _text(settings, "config")
    config = TrainConfig()
    if raw is None:
        return config
    try:
        values = parse_json_object(raw, "config")
    except ConfigError as exc:  # a hand-edited file: not JSON, nested without end...
        warn("config", raw, str(exc))
        return config
    for name, value in values.items():
        if name in ("data", "x_column", "y_column"):
            continue
        try:
            config = config.replace(**{name: value})
        except (ConfigError, TypeError) as exc:
            warn(f"setting {name}", value, str(exc))
    return config


def read_look(settings: QSettings) -> Look:
    look = Look()
    scale = _text(settings, "scale")
    if scale is not None:
        try:
            value = float(scale)
        except ValueError:
            value = math.nan
        if SCALES[0] <= value <= SCALES[-1]:
            look = look.with_scale(value)
        else:
            warn("scale", scale, f"allowed: {SCALES[0]:g} to {SCALES[-1]:g}")
    for key, allowed in (("theme", THEMES), ("palette", PALETTES)):
        value = _text(settings, key)
        if value is None:
            continue
        if value in allowed:
            look = Look(look.scale, value if key == "theme" else look.theme,
                        value if key == "palette" else look.palette)
        else:
            warn(key, value, "allowed: " + ", ".join(allowed))
    return look


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    if value is None:
        return None
    if isinstance(value, QByteArray):
        return value
    warn(key, value, "not a saved layout")
    return None


class Session:
    """Saves the window's state on close and brings it back on the next start."""

    def __init__(self, win: MainWindow) -> None:
        self.win = win
        self._defaults = self._splitter_states()

    def _splitters(self) -> dict[str, QSplitter]:
        win = self.win
        grid = win.grid
        return {"main": win.centralWidget(), "grid": grid, "plots": win.plots,
                "lower": grid.widget(1)}

    def _splitter_states(self) -> dict[str, QByteArray]:
        return {name: s.saveState() for name, s in self._splitters().items()}

    def restore(self) -> None:
        """Geometry, splitters, panels and look from the settings (config: read_config)."""
        settings = store.settings()
        settings.beginGroup(GROUP)
        try:
            win = self.win
            win.appearance.set_look(read_look(settings))
            self._restore_language(settings)
            geometry = _bytes(settings, "geometry")
            if geometry is not None and not win.restoreGeometry(geometry):
                warn("geometry", f"<{geometry.size()} bytes>",
                     "not a window geometry Qt can restore here (corrupt, or saved on "
                     "another screen or platform)")
            states = {name: _bytes(settings, f"splitter/{name}") for name in self._splitters()}
            # After the look's own fitting of the parameters' width (queued the same way).
            QTimer.singleShot(0, lambda: self._restore_splitters(states))
            self._restore_panels(settings)
        finally:
            settings.endGroup()

    def _restore_language(self, settings: QSettings) -> None:
        """The language chosen in the menu last time; else the system's."""
        raw = _text(settings, "language")
        code = system_language()
        if raw is not None:
            if raw in LANGUAGES:
                code = raw
                self.win.language.chosen = True
            else:
                warn("language", raw, "allowed: " + ", ".join(LANGUAGES))
        self.win.language.set_language(code)

    def _restore_splitters(self, states: dict[str, QByteArray | None]) -> None:
        for name, splitter in self._splitters().items():
            state = states[name]
            if state is not None and not splitter.restoreState(state):
                warn(f"splitter/{name}", state, "not a saved splitter layout")

    def _restore_panels(self, settings: QSettings) -> None:
        raw = _text(settings, "hidden")
        if raw is None:
            return
        names = [n for n in raw.split(",") if n.strip()]
        known = self.win.panel_actions
        for name in names:
            name = name.strip()
            if name in known:
                known[name].setChecked(False)
            else:
                warn("hidden panel", name, "allowed: " + ", ".join(known))

    def save(self) -> None:
        win = self.win
        win.presentation.set_active(False)  # remembered as it was before presenting
        settings = store.settings()
        settings.beginGroup(GROUP)
        look = win.appearance.look
        settings.setValue("config", json.dumps(
            {k: v for k, v in win.run.config.to_dict().items()
             if k not in ("data", "x_column", "y_column")}))
        settings.setValue("scale", f"{look.scale:g}")
        settings.setValue("theme", look.theme)
        settings.setValue("palette", look.palette)
        if win.language.chosen:
            settings.setValue("language", win.language.code)
        settings.setValue("geometry", win.saveGeometry())
        for name, state in self._splitter_states().items():
            settings.setValue(f"splitter/{name}", state)
        settings.setValue("hidden", ",".join(name for name, action in win.panel_actions.items()
                                             if not action.isChecked()))
        settings.endGroup()
        settings.sync()

    def restore_defaults(self) -> None:
        """The article's settings and data, the default layout and look; the remembered
        session is forgotten (recent files stay)."""
        win = self.win
        settings = store.settings()
        settings.remove(GROUP)
        win.presentation.set_active(False)
        for action in win.panel_actions.values():
            action.setChecked(True)
        win.fullscreen_action.setChecked(False)
        win.appearance.set_look(Look())
        win.language.chosen = False
        win.language.set_language(system_language())
        for name, splitter in self._splitters().items():
            splitter.restoreState(self._defaults[name])
        win.fit_to_screen()
        win.apply_data(TrainConfig(), None)
