"""Files under resources/, read through importlib.resources so they work from a wheel."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(name: str) -> Traversable:
    """The shipped file ``name`` (e.g. 'quadreg.svg')."""
    return files("quadreg_gui.resources") / name
