"""The last epoch's update with its numbers, in the article's notation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit

from ...core.config import TrainConfig
from ...core.explain import StepRecord, explain, render
from ...core.model import Model


def tr(text: str) -> str:
    return QCoreApplication.translate("StepView", text)


class StepView(QPlainTextEdit):
    """Read-only, monospace, aligned: one equation a line."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("explainView")
        self.setAccessibleName(tr("The last update, explained with its numbers"))
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self.clear_step()

    def clear_step(self) -> None:
        self.setPlainText(tr("Step (→ or S) to see the next update written out with its "
                             "numbers."))

    def show_step(self, record: StepRecord | None, model: Model, config: TrainConfig,
                  n_points: int) -> None:
        if record is None:
            self.clear_step()
            return
        text = render(explain(record, model, config, n_points), record.epoch)
        if text != self.toPlainText():
            self.setPlainText(text)
