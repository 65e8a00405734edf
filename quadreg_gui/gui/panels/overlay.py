"""Presentation mode's compact overlay: learning rate, optimizer and epoch, over the plots."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...core.config import OPTIMIZER_TITLES, TrainConfig
from ...core.i18n import tr
from ..look import Look


class RunOverlay(QLabel):
    """A rounded label over the top right corner of the plot ``below`` (within
    ``parent``), where a falling loss curve leaves room, kept there as it resizes; it
    lets clicks through to the plot.  Two short lines, so that it covers little of a
    narrow plot at the presentation's scale."""

    MARGIN = 8

    def __init__(self, parent: QWidget, below: QWidget) -> None:
        super().__init__(parent)
        self.below = below
        self.setObjectName("runOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        below.installEventFilter(self)
        self.apply_look(Look())
        self.hide()

    def apply_look(self, look: Look) -> None:
        colors = look.colors
        self.setStyleSheet(f"#runOverlay {{ background: {colors.plot}; color: {colors.text};"
                           f" border: 1px solid {colors.axis}; border-radius: 6px;"
                           f" padding: 2px 10px; font-weight: 600; }}")
        self._place()

    def show_run(self, config: TrainConfig, epoch: int, target: int) -> None:
        text = tr("lr {lr} · {optimizer}\nepoch {epoch} of {target}").format(
            lr=f"{config.lr:.4g}", optimizer=tr(OPTIMIZER_TITLES[config.optimizer]),
            epoch=f"{epoch:,}", target=f"{target:,}")
        if text != self.text():
            self.setText(text)
            self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False

    def _place(self) -> None:
        self.adjustSize()
        below = self.below
        corner = below.mapTo(self.parentWidget(), below.rect().topRight())
        top = below.getViewBox().sceneBoundingRect().top()  # under the plot's title
        self.move(corner.x() - self.width() - 3 * self.MARGIN, corner.y() + int(top) + self.MARGIN)
        self.raise_()
