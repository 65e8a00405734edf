"""JSON settings and experiment files, read defensively.

A settings file may be hand-edited, truncated, hostile or not a file at all.
Python's ``json`` alone would read ``/dev/zero`` forever, raise ``RecursionError``
on deep nesting and ``ValueError`` on a 5,000-digit number, and silently keep the
last of two equal keys.  Here each of those is a ``ConfigError`` naming the file
(and the line and column where there is one) before any of it is parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ConfigError

#: A settings file is a few hundred bytes, an experiment with 10,000 inline points
#: about 500 KB.
MAX_BYTES = 1 << 20
#: An experiment nests 4 deep.
MAX_DEPTH = 20
#: Digits of one number (a double has 17 significant ones).
MAX_DIGITS = 40

# Strings (skipped whole), brackets, numbers, and the constants JSON does not have.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|-?[0-9][0-9.eE+-]*|NaN|-?Infinity')


def read_json_object(source: str, what: str = "config file") -> dict[str, Any]:
    """The JSON object in file ``source``; ConfigError if it is not a regular file of
    at most MAX_BYTES of UTF-8 JSON within the limits above."""
    path = Path(source)
    try:
        if not path.is_file():
            raise ConfigError(f"cannot read {what} {source}: " + (
                "no such file" if not path.exists() else
                "not a regular file (a folder, device or pipe)"))
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the size a file reports may not be its size
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {source}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        kind = "settings or experiment file" if what == "config file" else what
        raise ConfigError(f"{source}: larger than {MAX_BYTES >> 20} MiB; not a {kind}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _place(data, exc.start)
        raise ConfigError(f"{source}:{line}:{column}: not UTF-8 text "
                          f"(byte 0x{data[exc.start]:02x})") from None
    return parse_json_object(text, source)


def parse_json_object(text: str, source: str) -> dict[str, Any]:
    """The JSON object in ``text``; ConfigError naming ``source``, line and column."""
    if not text.strip():
        raise ConfigError(f"{source}: empty; expected a JSON object of settings, {{...}}")
    _check_limits(text, source)
    try:
        doc = json.loads(text, object_pairs_hook=_no_repeated_keys(source))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{source}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{source}: expected a JSON object of settings, {{...}}")
    return doc


def _check_limits(text: str, source: str) -> None:
    depth = 0
    for token in _TOKEN.finditer(text):
        kind = token.group()
        if kind in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                _fail(text, source, token.start(), f"nested deeper than {MAX_DEPTH} levels")
        elif kind in ("]", "}"):
            depth -= 1
        elif kind.lstrip("-") in ("NaN", "Infinity"):
            _fail(text, source, token.start(), f"{kind} is not a JSON number")
        elif kind[0] != '"' and sum(c.isdigit() for c in kind) > MAX_DIGITS:
            _fail(text, source, token.start(),
                  f"a number of more than {MAX_DIGITS} digits")


def _fail(text: str, source: str, offset: int, reason: str) -> None:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise ConfigError(f"{source}:{line}:{column}: {reason}")


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in bytes) of byte ``offset``."""
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _no_repeated_keys(source: str) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """A JSON object's hook: a key given twice is an error (json keeps the last)."""
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        doc: dict[str, Any] = {}
        for key, value in items:
            if key in doc:
                raise ConfigError(f"{source}: \"{key}\" is given twice")
            doc[key] = value
        return doc
    return pairs
