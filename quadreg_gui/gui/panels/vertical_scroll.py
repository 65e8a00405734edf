"""A widget at its pane's full width, scrolled up and down where the pane is lower than
the widget needs: the plot grid, and a lesson's texts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class VerticalScroll(QScrollArea):
    """A widget at the full width, scrolled up and down only when the window is lower
    than the panes' least heights (a large scale on a small screen).  Unlike a plain
    scroll area it asks for the widget's least width, so nothing is cut at the right."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setObjectName("plotScroll")
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The widget's least width changed: so has this one's (the layout holding it
        keeps the old one until told, and a scale made smaller would keep a larger
        scale's least width).  QScrollArea filters its widget's events already."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(self.widget().minimumSizeHint().width() + bar,
                     super().minimumSizeHint().height())
