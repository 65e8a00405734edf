"""The scale, said for a moment in the middle of the window when it changes (as a
browser says its zoom): the status bar's own labels stay where they are."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ..core.i18n import tr

#: How long the note stays.
SHOWN_MS = 1200


class ScaleNote(QLabel):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("scaleNote")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # A palette, not a style sheet: a widget with a style sheet stops following the
        # application's font, and so the scale it is there to say.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(0, 0, 0, 190))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("white"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setMargin(12)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_scale(self, scale: float) -> None:
        self.setText(tr("Scale {percent} %").format(percent=round(scale * 100)))
        self._place()
        self.raise_()
        self.show()
        self._timer.start(SHOWN_MS)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the new scale's font came after
            self._place()

    def _place(self) -> None:
        self.adjustSize()
        window = self.parentWidget()
        self.move((window.width() - self.width()) // 2, (window.height() - self.height()) // 3)
