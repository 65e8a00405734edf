"""Lessons (.quadreg-lesson.json): a demonstration scripted step by step.

A step has a title, a text and optionally a question for the class, each in
English and Chinese; the settings it changes from the step before (the first
step's from the article's); its data, as an experiment gives it (or the step
before's); the panes shown, the one in focus; and what happens when it is
entered: nothing (the run waits at epoch 0), ``start`` (runs its epochs, then
waits) or ``race`` (its racers, from the step's settings); with ``until`` the run
or race pauses at that epoch, and with ``pin`` the run is pinned once it stops, so
the steps after it are compared with it.  Entering a step makes its state from
these alone, so going back to a step restores it exactly (the pins of the steps
from it on are taken away).

Read as defensively as experiments: the JSON limits of ``jsonfile``, then every
key, type and bound checked with a message naming the file, the step and the key.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...assets import resource
from ..config import ConfigError, TrainConfig
from ..i18n import LANGUAGES
from .datafile import Table
from .experiment import data_section, read_data
from .export import atomic_file
from .jsonfile import read_json_object

FORMAT = "quadreg-lesson"
VERSION = 1
SUFFIX = ".quadreg-lesson.json"
#: The panes a step may show or focus (the window's plot grid).
PANES = ("data", "loss", "landscape", "log")
#: What a step may bring to the front: a pane, or the log's pane with its Step
#: explained tab in front ("step").
FOCUS = ("", *PANES, "step")
#: What a step may do when it is entered.
THEN = ("", "start", "race")
MAX_STEPS = 200
#: Characters of one text (a step's text is read from the back row: it is short).
MAX_CHARS = 2000
MAX_RACERS = 6
#: The lessons shipped in resources/lessons/, in the menu's order.
BUILT_IN = ("article", "learning-rate", "momentum")


@dataclass(frozen=True)
class Words:
    """A text in each language (English always; another where given)."""

    texts: tuple[tuple[str, str], ...] = ()

    def __call__(self, language: str) -> str:
        """The text in ``language``, else in English."""
        found = dict(self.texts)
        return found.get(language) or found.get("en", "")

    @classmethod
    def of(cls, **texts: str) -> Words:
        return cls(tuple((code, text) for code, text in texts.items() if text))

    def to_json(self) -> dict[str, str]:
        return dict(self.texts)


@dataclass(frozen=True)
class Step:
    title: Words
    text: Words = Words()
    question: Words = Words()
    settings: dict[str, Any] = field(default_factory=dict)  # changes from the step before
    data: dict[str, Any] | None = None  # an experiment's data section; None: as before
    panes: tuple[str, ...] = PANES
    focus: str = ""  # one of FOCUS
    then: str = ""
    racers: tuple[str, ...] = ()  # for "race": racer specs; none: the default race
    until: int = 0  # with "start" or "race": pause at this epoch (0: run them all)
    pin: bool = False  # with "start": pin the run once it stops


@dataclass(frozen=True)
class StepState:
    """What entering a step sets: the settings and the data (None: the article's)."""

    config: TrainConfig
    table: Table | None


@dataclass(frozen=True)
class Lesson:
    title: Words
    steps: tuple[Step, ...]
    states: tuple[StepState, ...]  # one a step
    source: str = ""  # the file it was read from ("" for one made in the window)


def built_in_path(name: str) -> str:
    """The shipped file of the built-in lesson ``name``."""
    return str(resource(f"lessons/{name}{SUFFIX}"))


def lesson_states(source: str, steps: tuple[Step, ...], folder: Path) -> tuple[StepState, ...]:
    """Each step's settings and data, made from the steps up to it."""
    states = []
    config, table = TrainConfig(), None
    for number, step in enumerate(steps, 1):
        where = f"{source}, step {number}"
        try:
            config = TrainConfig.from_dict({**config.to_dict(), **step.settings})
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}", exc.field, exc.reason) from None
        if step.until > config.epochs:
            raise ConfigError(f"{where}: \"until\" must be at most the step's epochs "
                              f"({config.epochs}); got {step.until}")
        if step.data is not None:
            experiment = read_data(where, config, step.data, folder)
            config, table = experiment.config, experiment.table
        states.append(StepState(config, table if config.data else None))
    return tuple(states)


def edited(lesson: Lesson, steps: Sequence[Step]) -> Lesson:
    """``lesson`` with ``steps`` (added, changed, moved or deleted): each step's state is
    made again from the steps up to it.  A lesson not read from a file has its data
    paths relative to the working folder."""
    folder = Path(lesson.source).parent if lesson.source else Path.cwd()
    steps = tuple(steps)
    return Lesson(lesson.title, steps, lesson_states(lesson.source or "lesson", steps, folder),
                  lesson.source)


@functools.cache
def built_in_title(name: str) -> Words:
    """A built-in lesson's title (read once: the files ship with the program; only the
    title, not its steps' data and states, which the lesson menu does not need)."""
    source = built_in_path(name)
    return words(source, read_json_object(source, "lesson file"), "title", required=True)


def read_lesson(path: str | os.PathLike[str]) -> Lesson:
    """The lesson in ``path``; ConfigError or DataFileError naming the file, and the
    step and key (or the line and column) at fault."""
    source = str(path)
    doc = read_json_object(source, "lesson file")
    if doc.get("format") != FORMAT:
        raise ConfigError(f"{source}: not a QuadReg lesson (expected \"format\": "
                          f"\"{FORMAT}\")")
    version = doc.get("version")
    if type(version) is not int or not 1 <= version <= VERSION:  # (True is an int)
        raise ConfigError(f"{source}: lesson format version {json.dumps(version)}; this "
                          f"QuadReg reads version 1")
    unknown(source, doc, {"format", "version", "title", "steps"})
    title = words(source, doc, "title", required=True)
    raw_steps = doc.get("steps")
    if not isinstance(raw_steps, list) or not 1 <= len(raw_steps) <= MAX_STEPS:
        raise ConfigError(f"{source}: expected \"steps\", a list of 1 to {MAX_STEPS} steps")
    steps = tuple(read_step(f"{source}, step {n}", raw) for n, raw in enumerate(raw_steps, 1))
    return Lesson(title, steps, lesson_states(source, steps, Path(source).parent), source)


def read_step(where: str, raw: Any) -> Step:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a JSON object")
    unknown(where, raw, {"title", "text", "question", "settings", "data", "panes", "focus",
                         "then", "racers", "until", "pin"})
    settings = raw.get("settings", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{where}: expected \"settings\", a JSON object of settings")
    if "data" in settings:
        raise ConfigError(f"{where}: the data goes in \"data\" (e.g. {{\"kind\": "
                          f"\"example\", \"name\": \"cars\"}}), not in the settings")
    data = raw.get("data")
    if data is not None and not isinstance(data, dict):
        raise ConfigError(f"{where}: expected \"data\", a JSON object")
    panes = raw.get("panes", list(PANES))
    if not (isinstance(panes, list) and all(p in PANES for p in panes)
            and len(set(panes)) == len(panes)):
        raise ConfigError(f"{where}: \"panes\" must be a list of {', '.join(PANES)}")
    focus = choice(where, raw, "focus", FOCUS)
    then = choice(where, raw, "then", THEN)
    racers = raw.get("racers", [])
    if not (isinstance(racers, list) and len(racers) <= MAX_RACERS and all(
            isinstance(r, str) and 0 < len(r) <= 200 for r in racers)):
        raise ConfigError(f"{where}: \"racers\" must be a list of at most {MAX_RACERS} racers "
                          f"such as \"momentum\" or \"gd:lr=0.1\"")
    until = raw.get("until", 0)
    if type(until) is not int or until < 0:
        raise ConfigError(f"{where}: \"until\" must be a whole number of epochs, 1 or more; "
                          f"got {json.dumps(until)}")
    if until and not then:
        raise ConfigError(f"{where}: \"until\" needs \"then\": \"start\" or \"race\"")
    pin = raw.get("pin", False)
    if type(pin) is not bool or (pin and then != "start"):
        raise ConfigError(f"{where}: \"pin\" must be true or false, and true only with "
                          f"\"then\": \"start\"; got {json.dumps(pin)}")
    return Step(words(where, raw, "title", required=True), words(where, raw, "text"),
                words(where, raw, "question"), settings, data, tuple(panes), focus, then,
                tuple(racers), until, pin)


def words(where: str, doc: dict[str, Any], key: str, required: bool = False) -> Words:
    """{"en": ..., "zh_CN": ...}: English required where the key is, others optional."""
    value = doc.get(key)
    if value is None and not required:
        return Words()
    allowed = f"\"{key}\" must be {{\"en\": text, \"zh_CN\": text}} (English required, " \
              f"at most {MAX_CHARS:,} characters each)"
    if not (isinstance(value, dict) and isinstance(value.get("en"), str) and value["en"]
            and set(value) <= set(LANGUAGES)
            and all(isinstance(t, str) and len(t) <= MAX_CHARS for t in value.values())):
        raise ConfigError(f"{where}: {allowed}")
    return Words(tuple((code, escaped(text)) for code, text in value.items()))


def escaped(text: str) -> str:
    """Text as given, with what cannot be written or shown (a lone surrogate) escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def choice(where: str, doc: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = doc.get(key, "")
    if value not in allowed or not isinstance(value, str):
        names = ", ".join(f'"{a}"' for a in allowed)
        raise ConfigError(f"{where}: \"{key}\" must be one of {names}; got {json.dumps(value)}")
    return value


def unknown(where: str, doc: dict[str, Any], known: set[str]) -> None:
    extra = sorted(set(doc) - known)
    if extra:
        raise ConfigError(f"{where}: unknown key {json.dumps(extra[0])}; the keys are "
                          f"{', '.join(sorted(known))}")


def lesson_dict(lesson: Lesson, folder: Path) -> dict[str, Any]:
    """The JSON object saved for ``lesson``; data files relative to ``folder``."""
    steps = []
    for step, state in zip(lesson.steps, lesson.states):
        doc: dict[str, Any] = {"title": step.title.to_json()}
        for key in ("text", "question"):
            if getattr(step, key).texts:
                doc[key] = getattr(step, key).to_json()
        if step.settings:
            doc["settings"] = step.settings
        if step.data is not None:
            doc["data"] = data_section(state.config, state.table, folder)
        if step.panes != PANES:
            doc["panes"] = list(step.panes)
        for key in ("focus", "then"):
            if getattr(step, key):
                doc[key] = getattr(step, key)
        if step.racers:
            doc["racers"] = list(step.racers)
        if step.until:
            doc["until"] = step.until
        if step.pin:
            doc["pin"] = True
        steps.append(doc)
    return {"format": FORMAT, "version": VERSION, "title": lesson.title.to_json(),
            "steps": steps}


def write_lesson(path: str | os.PathLike[str], lesson: Lesson) -> None:
    """Save atomically: the old file stays whole until the new one is complete."""
    target = Path(path)
    text = json.dumps(lesson_dict(lesson, target.parent), indent=2, ensure_ascii=False)
    with atomic_file(target) as out:
        out.write(text + "\n")
