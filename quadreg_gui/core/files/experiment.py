"""Experiment files (.quadreg.json): every setting, the start and the data, to rerun a
run exactly, epoch for epoch, in the window or with ``quadreg-train --config``.

The data is the article's (made again from the settings), an example, a data file
named by its path and SHA-256 (a warning when it changed), or, when small enough,
the points themselves inline.  A plain JSON object of settings (the older
``--config`` format) is read too.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..config import ConfigError, TrainConfig
from .datafile import MAX_MAGNITUDE, DataFileError, Table, is_example, read_table
from .export import atomic_file
from .jsonfile import read_json_object

FORMAT = "quadreg-experiment"
VERSION = 1
SUFFIX = ".quadreg.json"
#: Files with at most this many rows are kept inline (about 40 bytes a row).
INLINE_ROWS = 10_000
POINTS = "@points@"  # where the inline points go in the JSON text


@dataclass(frozen=True)
class Experiment:
    """What a file holds: the settings, the data when it is not the article's, and
    the warnings to show (a data file changed since it was saved)."""

    config: TrainConfig
    table: Table | None = None
    warnings: tuple[str, ...] = ()


def experiment_dict(config: TrainConfig, start: dict[str, float], table: Table | None,
                    folder: Path) -> dict[str, Any]:
    """The JSON object saved for ``config`` run from ``start`` on ``table`` (None: the
    article's data); a data file's path is relative to ``folder`` when inside it."""
    data = data_section(config, table, folder)
    settings = config.to_dict()
    if "path" in data:  # the settings name the data file as the data section does
        settings["data"] = data["path"]
    return {"format": FORMAT, "version": VERSION, "settings": settings, "start": start,
            "data": data}


def data_section(config: TrainConfig, table: Table | None, folder: Path) -> dict[str, Any]:
    if not config.data or table is None:
        return {"kind": "article"}
    if is_example(config.data):
        return {"kind": "example", "name": config.data.partition(":")[2]}
    section: dict[str, Any] = {"path": relative_path(Path(config.data), folder),
                               "sha256": table.sha256}
    if len(table.x) <= INLINE_ROWS:
        section.update(kind="inline", name=table.name, x_label=table.x_label,
                       y_label=table.y_label, x_y=[table.x.tolist(), table.y.tolist()])
    else:
        section.update(kind="file")
    return section


def relative_path(path: Path, folder: Path) -> str:
    path = path.resolve()
    try:
        return path.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(path)


def write_experiment(path: str | os.PathLike[str], config: TrainConfig,
                     start: dict[str, float], table: Table | None) -> None:
    """Save atomically: the old file stays whole until the new one is complete."""
    target = Path(path)
    doc = experiment_dict(config, start, table, target.parent)
    points = doc["data"].pop("x_y", None)
    if points is not None:
        doc["data"]["x_y"] = POINTS
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    if points is not None:  # each column on one line, not one number per line
        text = text.replace(json.dumps(POINTS), "[\n      " + ",\n      ".join(
            json.dumps(column) for column in points) + "\n    ]")
    with atomic_file(target) as out:
        out.write(text + "\n")


def read_experiment(path: str | os.PathLike[str]) -> Experiment:
    """An experiment (or a plain settings object) from ``path``; ConfigError or
    DataFileError with a message naming the file and what is wrong."""
    source = str(path)
    doc = read_json_object(source)
    if doc.get("format") != FORMAT:
        return Experiment(settings_from(source, doc))
    version = doc.get("version")
    if type(version) is not int or not 1 <= version <= VERSION:  # (True is an int)
        known = "version 1" if VERSION == 1 else f"versions 1 to {VERSION}"
        raise ConfigError(f"{source}: experiment format version {json.dumps(version)}; "
                          f"this QuadReg reads {known}")
    settings = doc.get("settings")
    if not isinstance(settings, dict):
        raise ConfigError(f"{source}: expected \"settings\", a JSON object of settings")
    config = settings_from(source, settings)
    data = doc.get("data", {"kind": "article"})
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected \"data\", a JSON object")
    return read_data(source, config, data, Path(source).parent)


def settings_from(source: str, values: dict[str, Any]) -> TrainConfig:
    try:
        return TrainConfig.from_dict(values)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}", exc.field, exc.reason) from None
    except (TypeError, RecursionError) as exc:
        raise ConfigError(f"{source}: bad settings ({str(exc)[:80]})") from None


def read_data(source: str, config: TrainConfig, data: dict[str, Any],
              folder: Path) -> Experiment:
    kind = data.get("kind")
    if kind == "article":
        return Experiment(config.replace(data=""))
    if kind == "example":
        name = f"example:{data.get('name')}"
        return Experiment(config.replace(data=name),
                          read_table(name, config.x_column, config.y_column))
    if kind not in ("inline", "file"):
        raise ConfigError(f"{source}: data kind {kind!r}; expected article, example, "
                          f"inline or file")
    path = data.get("path")
    if not isinstance(path, str):
        raise ConfigError(f"{source}: the data needs \"path\", the data file's path")
    where = str(folder / path) if not Path(path).is_absolute() else path
    if kind == "inline":
        return Experiment(config.replace(data=where), inline_table(source, data, where))
    try:
        table = read_table(where, config.x_column, config.y_column)
    except DataFileError as exc:
        raise DataFileError(exc.source, f"{exc.problem} (the data of {Path(source).name})",
                            exc.line, exc.column) from None
    warnings = () if table.sha256 == data.get("sha256") else (
        f"{Path(where).name} changed since {Path(source).name} was saved (its SHA-256 "
        f"differs): this run may not be the one saved.",)
    return Experiment(config.replace(data=where), table, warnings)


def inline_table(source: str, data: dict[str, Any], where: str) -> Table:
    pairs = data.get("x_y")
    if not (isinstance(pairs, list) and len(pairs) == 2):
        raise ConfigError(f"{source}: inline data needs \"x_y\": [[x...], [y...]]")
    if not all(isinstance(column, list) and all(
            type(v) in (int, float) for v in column) for column in pairs):
        raise ConfigError(f"{source}: inline data must be two lists of numbers (not text "
                          f"or true/false)")
    x, y = (np.array(column, dtype=float) for column in pairs)
    if x.ndim != 1 or x.shape != y.shape or x.size < 2 or not (
            np.isfinite(x).all() and np.isfinite(y).all()):
        raise ConfigError(f"{source}: inline data must be two lists of at least 2 finite "
                          f"numbers each, of equal length")
    if max(np.abs(x).max(), np.abs(y).max()) > MAX_MAGNITUDE:
        raise ConfigError(f"{source}: inline data must be numbers within ±{MAX_MAGNITUDE:g}")

    def text(key: str, default: str) -> str:
        """A label as given, with what cannot be written (a lone surrogate such as
        \\ud800, which JSON allows) escaped."""
        value = data.get(key)
        if not isinstance(value, str):
            return default
        return value.encode("utf-8", "backslashreplace").decode("utf-8")

    return Table(x, y, text("x_label", "x"), text("y_label", "y"),
                 text("name", Path(where).name), where, text("sha256", ""))
