"""Labels that line up in one column across forms, at any scale."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel


class AlignedLabel(QLabel):
    """A label at least ``column`` pixels wide, by its size hints rather than by a least
    width: QLabel caches a size hint that includes its least width, and a column sized
    that way would never narrow again at a smaller scale."""

    column = 0

    def set_column(self, width: int) -> None:
        if width != self.column:
            self.column = width
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.column), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.column), hint.height())


def align(labels: list[AlignedLabel]) -> None:
    """One column for ``labels``: as wide as the widest text."""
    width = max(QLabel.sizeHint(label).width() for label in labels)
    for label in labels:
        label.set_column(width)


def set_least_width(label: QLabel, width: int) -> None:
    """``label`` at least ``width`` pixels wide, its cached size hint made anew: it holds
    the least width it was measured with, and would keep an old, larger one."""
    label.setMinimumWidth(width)
    label.setIndent(label.indent())  # (what makes QLabel measure itself again)
