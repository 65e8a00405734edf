"""The last epoch's update with its numbers, in the article's notation."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit

from ...core.config import TrainConfig
from ...core.analysis.explain import StepRecord, explain, render
from ...core.i18n import tr
from ...core.training.model import Model
from ..look import Look

#: Its point size at 100 %: the equations' subscripts must stay legible.
POINTS = 11


class StepView(QPlainTextEdit):
    """Read-only, monospace, aligned: one equation a line."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("explainView")
        self.setAccessibleName(tr("The last update, explained with its numbers"))
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.apply_look(Look())
        self.clear_step()

    def apply_look(self, look: Look) -> None:
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(look.font(max(fixed.pointSizeF(), POINTS), QFont(fixed)))

    def retranslate(self) -> None:
        """The last step again, in the language just chosen."""
        if self._shown is not None:
            self.show_step(*self._shown)

    def clear_step(self) -> None:
        self._shown: tuple[StepRecord | None, Model, TrainConfig, int] | None = None
        self.setPlainText(tr("Step (→ or S) to see the next update written out with its "
                             "numbers."))

    def show_step(self, record: StepRecord | None, model: Model, config: TrainConfig,
                  n_points: int) -> None:
        self._shown = (record, model, config, n_points)
        if record is None:
            self.clear_step()
            return
        text = render(explain(record, model, config, n_points), record.epoch, record.batch)
        if text != self.toPlainText():
            self.setPlainText(text)
