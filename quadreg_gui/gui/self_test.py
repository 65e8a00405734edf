"""quadreg-gui --self-test: the window itself, offscreen, runs the article's 800 epochs and
its log is compared with the article's own loop's (and a notebook of the run is made):
the check that a copy of QuadReg (a bundle moved to another machine) works, without a
test suite or a display."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from ..core.files.notebook import notebook
from ..core.training.article import article_log

#: Seconds the window may take to start, train 800 epochs and stop.
PATIENCE_S = 120.0


def self_test(qt_args: list[str], make_window: Callable[[], object], prog: str) -> int:
    """0 when the window's log equals the article's line for line; else 1, with both.
    ``make_window``: the main window's class (only app.py imports it)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from .app import create_app
    from .run_controls import SPEEDS

    create_app([prog, *qt_args])
    window: Any = make_window()  # (the article's settings; nothing remembered or read)
    window.run_controls.speed.setValue(len(SPEEDS) - 1)
    window.show()
    deadline = time.monotonic() + PATIENCE_S

    def wait(ready) -> bool:
        while not ready():
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents()
            time.sleep(0.005)
        return True

    ok = wait(lambda: window.run.loaded is not None and not window.run.loading)
    if ok:
        window.toggle_run()
        ok = wait(lambda: window.run.state == "finished")
    got = [line for line in window.log.lines() if line.startswith(("Initial", "Epoch"))]
    problem = "" if ok else f" (the run did not finish in {PATIENCE_S:.0f} s)"
    if ok:
        try:  # (a bundle must have nbformat's schemas: the notebook is validated)
            notebook(window.run.config, window.run.loaded.data, None)
        except Exception as exc:  # noqa: BLE001 - any failure is the test's result
            ok, problem = False, f" (no notebook: {type(exc).__name__}: {exc})"
    window.shutdown()
    window.hide()  # (gone: another window's Ctrl+Q would otherwise be ambiguous)
    window.deleteLater()
    expected = article_log()
    if ok and got == expected:
        print(f"{prog}: self-test passed: the window's {len(got)} log lines equal the "
              "article's, and its notebook is valid")
        return 0
    print(f"{prog}: self-test FAILED{problem}", file=sys.stderr)
    for mine, theirs in zip(got + [""] * len(expected), expected):
        print(f"  window:  {mine}\n  article: {theirs}", file=sys.stderr)
    return 1
