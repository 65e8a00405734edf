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
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QSplitter

from ..core.config import ConfigError, TrainConfig
from ..core.files.jsonfile import parse_json_object
from . import store
from .actions import Actions
from .appearance import Appearance
from .language import LANGUAGES, Language, system_language
from .layout_passes import lay_out_pending
from .look import PALETTES, SCALES, THEMES, Look
from .presentation import Presentation
from .run_state import RunState
from .window_size import WindowSize

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


def _whole(settings: QSettings, key: str) -> int | None:
    raw = _text(settings, key)
    if raw is None:
        return None
    if raw.isdigit():
        return int(raw)
    warn(key, raw, "a width in pixels")
    return None


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    if value is None:
        return None
    if isinstance(value, QByteArray):
        return value
    warn(key, value, "not a saved layout")
    return None


class Session:
    """Saves the ``window``'s state on close and brings it back on the next start: the
    ``run``'s settings, the ``splitters`` (by name), the ``actions``' panels shown, the
    landscape's ``options`` (by key: its action and its default), the ``appearance``
    and the ``language``; ``presentation`` mode is left first; ``sizing`` fits the
    panes anew in a window that came back at another width."""

    def __init__(self, window: QMainWindow, run: RunState, splitters: dict[str, QSplitter],
                 actions: Actions, options: dict[str, tuple[QAction, bool]],
                 appearance: Appearance, language: Language,
                 presentation: Presentation, sizing: WindowSize) -> None:
        self.window, self.run, self.splitters = window, run, splitters
        self.sizing = sizing
        self.actions, self.options = actions, options
        self.appearance, self.language = appearance, language
        self.presentation = presentation
        self._defaults = self._splitter_states()

    def _splitter_states(self) -> dict[str, QByteArray]:
        return {name: s.saveState() for name, s in self.splitters.items()}

    def restore(self) -> None:
        """Geometry, splitters, panels and look from the settings (config: read_config)."""
        settings = store.settings()
        settings.beginGroup(GROUP)
        try:
            self.appearance.set_look(read_look(settings))
            self._restore_language(settings)
            # The panes shown first: the window's least size is theirs, and a geometry
            # restored before they are hidden would be made to fit all of them.
            self._restore_panels(settings)
            self._restore_options(settings)
            geometry = _bytes(settings, "geometry")
            if geometry is not None and not self.window.restoreGeometry(geometry):
                warn("geometry", f"<{geometry.size()} bytes>",
                     "not a window geometry Qt can restore here (corrupt, or saved on "
                     "another screen or platform)")
            states = {name: _bytes(settings, f"splitter/{name}") for name in self.splitters}
            width = _whole(settings, "splitter/width")
            # After the look's own fitting of the parameters' width (queued the same way).
            QTimer.singleShot(0, self.window, lambda: self._restore_splitters(states, width))
        finally:
            settings.endGroup()

    def _restore_language(self, settings: QSettings) -> None:
        """The language chosen in the menu last time; else the system's."""
        raw = _text(settings, "language")
        code = system_language()
        if raw is not None:
            if raw in LANGUAGES:
                code = raw
                self.language.chosen = True
            else:
                warn("language", raw, "allowed: " + ", ".join(LANGUAGES))
        self.language.set_language(code)

    def _restore_splitters(self, states: dict[str, QByteArray | None],
                           width: int | None) -> None:
        """The panes as they were, unless the window came back narrower than it was
        saved (``width``: the main splitter's; another screen, a projector), where the
        saved proportions could cut the settings or the plots: the panes are then
        fitted anew, as for a new window."""
        lay_out_pending()  # the window's restored width laid out
        if width is not None and sum(self.splitters["main"].sizes()) < width:
            self.sizing.refit()
            return
        for name, splitter in self.splitters.items():
            state = states[name]
            if state is not None and not splitter.restoreState(state):
                warn(f"splitter/{name}", state, "not a saved splitter layout")

    def _restore_panels(self, settings: QSettings) -> None:
        raw = _text(settings, "hidden")
        if raw is None:
            return
        names = [n for n in raw.split(",") if n.strip()]
        known = self.actions.panel_actions
        for name in names:
            name = name.strip()
            if name in known:
                known[name].setChecked(False)
            else:
                warn("hidden panel", name, "allowed: " + ", ".join(known))

    def _restore_options(self, settings: QSettings) -> None:
        raw = _text(settings, "landscape")
        if raw is None:
            return
        keys = {key.strip() for key in raw.split(",") if key.strip()}
        for key in sorted(keys - set(self.options)):
            warn("landscape option", key, "allowed: " + ", ".join(self.options))
        for key, (action, _) in self.options.items():
            action.setChecked(key in keys)

    def save(self) -> None:
        self.presentation.set_active(False)  # remembered as it was before presenting
        lay_out_pending()  # the splitters as they will be shown
        settings = store.settings()
        settings.beginGroup(GROUP)
        look = self.appearance.look
        settings.setValue("config", json.dumps(
            {k: v for k, v in self.run.config.to_dict().items()
             if k not in ("data", "x_column", "y_column")}))
        settings.setValue("scale", f"{look.scale:g}")
        settings.setValue("theme", look.theme)
        settings.setValue("palette", look.palette)
        if self.language.chosen:
            settings.setValue("language", self.language.code)
        settings.setValue("geometry", self.window.saveGeometry())
        for name, state in self._splitter_states().items():
            settings.setValue(f"splitter/{name}", state)
        settings.setValue("splitter/width", sum(self.splitters["main"].sizes()))
        hidden = [name for name, action in self.actions.panel_actions.items()
                  if not action.isChecked()]
        settings.setValue("hidden", ",".join(hidden))
        settings.setValue("landscape", ",".join(
            key for key, (action, _) in self.options.items() if action.isChecked()))
        settings.endGroup()
        settings.sync()

    def restore_defaults(self) -> None:
        """The default layout, look and language; the remembered session is forgotten
        (recent files stay).  The window then sizes itself and takes the article's data."""
        settings = store.settings()
        settings.remove(GROUP)
        self.presentation.set_active(False)
        for action in self.actions.panel_actions.values():
            action.setChecked(True)
        for action, default in self.options.values():
            action.setChecked(default)
        self.actions.fullscreen_action.setChecked(False)
        self.appearance.set_look(Look())
        self.language.chosen = False
        self.language.set_language(system_language())
        for name, splitter in self.splitters.items():
            splitter.restoreState(self._defaults[name])
