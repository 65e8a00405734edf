"""Whether this process steps its float loops with numba's compiled kernels
(``kernels.py``), which numba installs (``pip install "quadreg-gui[fast]"``; not by
default: numba and LLVM take about 210 MB of disk, and a process that imports them
about 106 MiB more memory).

Only where asked: quadreg-train asks before a run that has float loops; the
application's engine process as it starts, another engine process when it is first
given one or when the window's race dialog opens (``warm_in_background``: until the
kernels are ready the loops run on Python floats, so no command waits for numba);
and the window's own process never (importing numba would stall its GUI thread).
``QUADREG_COMPILED=0`` in the environment refuses them (benchmarks compare both).

The kernels' numbers equal the float loops' (and optimizers.py's) to within 1e-12;
they are compiled at their first use on a machine (about two seconds) and cached on
disk by numba, from where later processes load them in about 0.3 s.
"""

from __future__ import annotations

import os
import sys
import threading
from types import ModuleType

_kernels: ModuleType | None = None
_warming: threading.Thread | None = None


def allowed() -> bool:
    return os.environ.get("QUADREG_COMPILED", "1") != "0"


def use_compiled(wanted: bool = True) -> bool:
    """Use the compiled kernels in this process from now on (or no longer), compiled
    or loaded now; whether they are used."""
    global _kernels
    if not (wanted and allowed()):
        _kernels = None
        return False
    if _kernels is None:
        try:
            from . import kernels  # (numba's decorators may fail here already)

            kernels.warm()
        except ImportError:  # numba is not installed (or not for this Python)
            return False
        except Exception as exc:  # noqa: BLE001 - numba's own failures: the float loops
            print(f"quadreg: the compiled loops cannot be used ({type(exc).__name__}: "
                  f"{exc}); the epochs run on Python floats", file=sys.stderr)
            return False
        _kernels = kernels
    return True


def warm_in_background() -> None:
    """``use_compiled()`` in a thread of its own, once per process."""
    global _warming
    if _warming is None and allowed():
        _warming = threading.Thread(target=use_compiled, name="quadreg-kernels", daemon=True)
        _warming.start()


def kernels() -> ModuleType | None:
    """The compiled kernels' module, if this process uses them (and they are ready)."""
    return _kernels
