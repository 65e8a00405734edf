"""Presentation mode's line of the run: learning rate, optimizer and epoch, above the
plots, in the layout: it never covers a curve (an overlay over the loss plot's
corner hid the start of the curve, and a diverging curve's end)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ...core.config import OPTIMIZER_TITLES, TrainConfig
from ...core.i18n import tr


class RunLine(QLabel):
    """One bold line, right-aligned, under the message banner; hidden outside
    presentation mode.  (Bold by its
    text, not its font: a font set on a widget no longer follows the window's scale.)"""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("runLine")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setWordWrap(True)  # a narrow window: two lines rather than cut
        self.plain = ""
        self.hide()

    def show_run(self, config: TrainConfig, epoch: int, target: int) -> None:
        text = tr("lr {lr} · {optimizer} · epoch {epoch} of {target}").format(
            lr=f"{config.lr:.4g}", optimizer=tr(OPTIMIZER_TITLES[config.optimizer]),
            epoch=f"{epoch:,}", target=f"{target:,}")
        if text != self.plain:
            self.plain = text
            self.setText(f"<b>{html.escape(text)}</b>")
