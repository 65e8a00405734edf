"""Which column is x and which is y, for a file with more than two numeric columns."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from ..core.i18n import tr


class ColumnDialog(QDialog):
    """Two combos over the numeric columns; x the first, y the second by default."""

    def __init__(self, parent: QWidget, file_name: str, names: tuple[str, ...]) -> None:
        super().__init__(parent)
        self.setObjectName("columnDialog")
        self.setWindowTitle(tr("Choose x and y"))
        layout = QFormLayout(self)
        intro = QLabel(tr("{file} has {n} numeric columns. Which is x and which is y?").format(
            file=file_name, n=len(names)))
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.x_combo, self.y_combo = QComboBox(), QComboBox()
        for combo, name, index in ((self.x_combo, "xColumnCombo", 0),
                                   (self.y_combo, "yColumnCombo", 1)):
            combo.addItems(list(names))
            combo.setCurrentIndex(index)
            combo.setObjectName(name)
            combo.currentIndexChanged.connect(self._check)
        layout.addRow(tr("&x (horizontal)"), self.x_combo)
        layout.addRow(tr("&y (fitted)"), self.y_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)

    def _check(self) -> None:
        ok = self.x_combo.currentIndex() != self.y_combo.currentIndex()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def columns(self) -> tuple[str, str]:
        """(x, y) as 1-based column numbers among the numeric ones' names."""
        return self.x_combo.currentText(), self.y_combo.currentText()
