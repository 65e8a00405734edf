"""Files under resources/, read through importlib.resources so they work from a wheel."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importlib.resources.abc exists from Python 3.11 on
    from importlib.resources.abc import Traversable


def resource(name: str) -> Traversable:
    """The shipped file ``name`` (e.g. 'quadreg.svg').

    Installed, resources/ is the package ``quadreg_gui.resources``.  Run from a
    source checkout (``python -m quadreg_gui`` in a clone) that package does not
    exist, and the files are read from the checkout's resources/ folder.
    """
    try:
        return files("quadreg_gui.resources") / name
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources" / name
