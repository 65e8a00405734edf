"""The left column: the run controls above the settings, which scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ...core.config import TrainConfig
from ..controls import ParameterPanel
from ..layout_passes import lay_out_pending
from ..run_controls import RunControls


class SettingsColumn(QWidget):
    """Start/Pause, Step, Reset and the speed, and below them every setting, with one
    label column for all and the same keyboard and wheel rules (input_guards).
    ``fitted``: the room it leaves beside it in its splitter for the panes, once fitted."""

    fitted = Signal(int)

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
        # Wider than the column only where even stacked rows are (it scrolls then).
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 0, 0)
        layout.addWidget(self.run_controls)
        layout.addWidget(scroll, 1)
        self.setMinimumWidth(300)
        self._again: tuple[QSplitter, float, list[int]] | None = None

    def preferred_width(self, least: bool = False) -> int:
        """What the run controls (``least``: at the least) and the settings need side by
        side, scroll bar included (measured once the layouts' pending requests are done:
        a size hint cached in a layout would be the old font's or row arrangement's;
        the label column and the speed's room also follow a font change only later)."""
        self.panel.align_labels_now()
        self.run_controls.fit_font()
        lay_out_pending()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        margins = self.layout().contentsMargins()
        controls = self.run_controls.minimumSizeHint() if least else \
            self.run_controls.sizeHint()
        return max(controls.width(), self.panel.sizeHint().width() + bar) \
            + margins.left() + margins.right()

    def fit_in(self, splitter: QSplitter, scale: float) -> None:
        """As wide in ``splitter`` as the settings need at this ``scale`` (and in this
        language), up to 45 % of the window; above 125 % up to 36 %, so that the plots
        keep room to plot on a 1280-pixel projector: there each label goes above its
        field where both do not fit side by side (no field is cut at the side)."""
        self._fit(splitter, scale)
        self._again = (splitter, scale, splitter.sizes()[0])
        QTimer.singleShot(0, self, self._fit_again)

    @Slot()
    def _fit_again(self) -> None:
        """Once more after what the first fit posted has run (labels fit their own widths
        to the new fonts then; a size hint measured before would be the old scale's),
        unless the column's width was set meanwhile (a remembered layout).  (Its width
        only: the window keeping its width across a look change resizes the panes, and
        a language and a scale changed at once, as a session restores them, left the
        column at the width fitted before the labels had their fonts: fields cut.)"""
        if self._again is not None:
            splitter, scale, width = self._again
            self._again = None
            if splitter.sizes()[0] == width:
                self._fit(splitter, scale)

    def _fit(self, splitter: QSplitter, scale: float) -> None:
        total = sum(splitter.sizes())
        share = 0.45 if scale <= 1.25 else 0.36
        self.panel.set_stacked(False)
        self.run_controls.set_stacked(False)
        preferred, room = self.preferred_width(), int(share * total)
        width = max(min(preferred, room), self.minimumWidth())
        if preferred > room:
            self.panel.set_stacked(True)
            self.run_controls.set_stacked(True)
            # Stacked, never cut at the side (the run's buttons may be narrower than
            # they like).
            width = max(width, self.preferred_width(least=True))
        # Up to 125 % the panes stay two to a row (a narrow window squeezes them);
        # above, they go one above the other where two do not fit beside the settings.
        self.fitted.emit(total - width - splitter.handleWidth() if scale > 1.25 else total)
        splitter.setSizes([width, total - width])
