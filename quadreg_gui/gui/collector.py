"""Python's cyclic garbage collector, run in the GUI thread only.

A collection runs in whichever thread happens to allocate when a threshold is
crossed.  Run in the training thread, it once destroyed a QObject of the GUI
thread there and waited for the GIL inside Qt while the GUI thread, holding the
GIL, waited for Qt's deletion lock: the window hung for good.  So automatic
collection is off, and the GUI thread collects on a timer, generation by
generation as the interpreter would (pyqtgraph's GarbageCollector does the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Collects garbage cycles on a timer in the thread it lives in (the GUI's)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)

    @Slot()
    def collect(self) -> None:
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self._thresholds[generation]:
                return
            gc.collect(generation)


def collect_in_gui_thread() -> None:
    """Once per application: from now on only the GUI thread collects garbage."""
    app = QCoreApplication.instance()
    if app is not None and app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)
