"""The left column: the run controls above the settings, which scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ...core.config import TrainConfig
from ..controls import ParameterPanel
from ..run_controls import RunControls


class SettingsColumn(QWidget):
    """Start/Pause, Step, Reset and the speed, and below them every setting, with one
    label column for all and the same keyboard and wheel rules (input_guards)."""

    def __init__(self, config: TrainConfig) -> None:
        super().__init__()
        self.run_controls = RunControls()
        self.panel = ParameterPanel(config)
        self.panel.align_labels([self.run_controls.speed_label])
        self.panel.input_guard.guard(self.run_controls.speed)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Wider than the column only at a large scale on a small screen: then it scrolls.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 0, 0)
        layout.addWidget(self.run_controls)
        layout.addWidget(scroll, 1)
        self.setMinimumWidth(300)

    def preferred_width(self) -> int:
        """What the run controls and the settings need side by side, scroll bar included."""
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        margins = self.layout().contentsMargins()
        return max(self.run_controls.sizeHint().width(),
                   self.panel.sizeHint().width() + bar) + margins.left() + margins.right()

    def fit_in(self, splitter: QSplitter, scale: float) -> None:
        """As wide in ``splitter`` as the settings need at this ``scale`` (and in this
        language), up to 45 % of the window; above 125 % up to 36 %, where they scroll,
        so that the plots keep room to plot on a 1280-pixel projector."""
        total = sum(splitter.sizes())
        share = 0.45 if scale <= 1.25 else 0.36
        width = min(max(self.preferred_width(), self.minimumWidth()), int(share * total))
        splitter.setSizes([width, total - width])
