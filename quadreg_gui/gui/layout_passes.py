"""Layouts still to be done, done now.

A layout's pass can ask for another (a legend placed after it was filled, a column
whose labels fitted their new fonts): three passes settle every case the window has.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

#: Layout passes done: a plot's layout, then its parent's, then the window's.
LAYOUT_PASSES = 3


def lay_out_pending() -> None:
    """Do the layout requests posted so far, and those they post in turn."""
    for _ in range(LAYOUT_PASSES):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
