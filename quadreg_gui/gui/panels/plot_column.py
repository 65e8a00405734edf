"""The window's right-hand column: a lesson's bar, the message banner, the run line
of presentation mode, and under them the plots, scrolled where they do not fit."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..message_banner import MessageBanner
from .lesson_bar import LessonBar
from .plot_grid import PlotGrid
from .run_line import RunLine
from .vertical_scroll import VerticalScroll


class PlotColumn(QWidget):
    """The lesson bar, banner and run line above the plot grid."""

    def __init__(self) -> None:
        super().__init__()
        self.lesson_bar = LessonBar()
        self.banner = MessageBanner()
        self.run_line = RunLine()
        self.grid = PlotGrid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 4, 0)
        for widget in (self.lesson_bar, self.banner, self.run_line):
            layout.addWidget(widget)
        layout.addWidget(VerticalScroll(self.grid), 1)
