"""Start the QuadReg desktop application."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .. import __version__
from .main_window import MainWindow

#: Base font size: readable from the back of a classroom.
MIN_POINT_SIZE = 10


def create_app(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("QuadReg")
    app.setApplicationDisplayName("QuadReg")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("quadreg")
    font = app.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    app = create_app(sys.argv if argv is None else argv)
    window = MainWindow()
    window.show()
    # Ctrl+C in the terminal closes the window like the desktop's quit does; the
    # timer lets Python's signal handler run while Qt's event loop waits.
    signal.signal(signal.SIGINT, lambda *_: window.close())
    heartbeat = QTimer()
    heartbeat.start(200)
    heartbeat.timeout.connect(lambda: None)
    app.aboutToQuit.connect(window.shutdown)
    return app.exec()
