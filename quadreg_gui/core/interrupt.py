"""Stopping a long computation from outside, as when the window closes.

A front end that runs the core in a thread of its own installs there a function
saying whether that thread should stop.  The core's long loops (a pass over 10^7
points, a mini-batch epoch of 10^7 steps) call ``check()`` between chunks, which
raises ``Interrupted`` once it says so.  The function is thread-local: the same
code run by any other thread (the GUI's, quadreg-train's) is never interrupted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_local = threading.local()


class Interrupted(Exception):
    """A long computation stopped because its thread was asked to stop."""


def install(requested: Callable[[], bool] | None) -> None:
    """Make ``check()`` in this thread raise once ``requested()`` is true."""
    _local.requested = requested


def check() -> None:
    requested = getattr(_local, "requested", None)
    if requested is not None and requested():
        raise Interrupted
