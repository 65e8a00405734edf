"""Start/Pause, Step, Reset and the speed: the controls above the settings."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from ..core.i18n import count, tr
from .aligned_label import AlignedLabel, set_least_width

#: Speed control positions, in epochs per second; the last is "maximum".
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, math.inf)
DEFAULT_SPEED = 200


def speed_text(speed: float) -> str:
    if math.isinf(speed):
        return tr("maximum")
    return count(int(speed), tr("{n} epoch/s"), tr("{n} epochs/s"))


class RunControls(QGroupBox):
    """Start/Pause, Step, Reset and the speed in epochs per second."""

    startPauseClicked = Signal()
    stepClicked = Signal()
    stepBatchClicked = Signal()  # Step with Shift held
    resetClicked = Signal()
    speedChanged = Signal(float)

    def __init__(self) -> None:
        super().__init__(tr("Run"))
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # At a large scale in a narrow column the speed goes below its label.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        buttons = QHBoxLayout()
        self.start_button = self._button("startButton", tr("Start"),
                                         tr("Start or pause training (Space)."),
                                         self.startPauseClicked)
        self.step_button = self._button(
            "stepButton", tr("Step"), tr("Run exactly one epoch (→ or S); with Shift, one "
                                         "mini-batch (Shift+→)."), self._step_clicked)
        self.reset_button = self._button("resetButton", tr("Reset"),
                                         tr("Back to epoch 0 with the same initial parameters "
                                            "(R)."), self.resetClicked)
        for b in (self.start_button, self.step_button, self.reset_button):
            buttons.addWidget(b)
        form.addRow(buttons)
        self.speed_label = AlignedLabel(tr("Speed"))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setObjectName("speedControl")
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setPageStep(1)
        self.speed.setToolTip(tr("Epochs per second; the right end runs as fast as possible."))
        self.speed.setAccessibleName(tr("Speed in epochs per second"))
        self.speed_label.setBuddy(self.speed)
        self.speed_text = QLabel()
        self._stacked = False
        self.fit_font()
        self.speed.valueChanged.connect(self._speed_moved)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.speed, 1)
        row_layout.addWidget(self.speed_text)
        form.addRow(self.speed_label, row)
        self.speed.setValue(SPEEDS.index(DEFAULT_SPEED))
        self._speed_moved(self.speed.value())

    def set_stacked(self, on: bool) -> None:
        """In a column too narrow for the widest speed's room beside the slider, the
        slider may be narrower (the text keeps its room)."""
        if on != self._stacked:
            self._stacked = on
            self.fit_font()

    @Slot()
    def fit_font(self) -> None:
        """The speed's text and slider keep their room at any scale (for the font now:
        the column's fit measures after it)."""
        metrics = self.speed_text.fontMetrics()
        set_least_width(self.speed_text, metrics.horizontalAdvance(speed_text(10_000) + " "))
        # Narrow, the slider gives way, never the text (at 10 pt and 250 % in Chinese on
        # 1280 x 720 the text took only the room of the speed shown, and was cut by 3 px).
        self.speed.setMinimumWidth(metrics.horizontalAdvance("0" * (3 if self._stacked else 5)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange and hasattr(self, "speed_text"):
            QTimer.singleShot(0, self, self.fit_font)  # after the label's own font change
        super().changeEvent(event)

    def _button(self, name: str, text: str, tip: str, signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.clicked.connect(signal)
        return button

    @Slot()
    def _step_clicked(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        (self.stepBatchClicked if shift else self.stepClicked).emit()

    @property
    def epochs_per_second(self) -> float:
        return SPEEDS[self.speed.value()]

    @Slot(int)
    def _speed_moved(self, pos: int) -> None:
        speed = SPEEDS[pos]
        self.speed_text.setText(speed_text(speed))
        self.speedChanged.emit(float(speed))

    def set_state(self, state: str, epochs: int) -> None:
        """Button texts and availability for 'ready', 'running', 'paused', 'finished',
        'diverged'.  A finished run's Start runs ``epochs`` more, and says so."""
        if state == "finished":
            text = tr("Run {n} more").format(n=f"{epochs:,}")
            tip = tr("Run another {n} (the Epochs setting) from here (Space).").format(
                n=count(epochs, tr("{n} epoch"), tr("{n} epochs")))
        else:
            text = {"running": tr("Pause"), "paused": tr("Resume")}.get(state, tr("Start"))
            tip = tr("Start or pause training (Space).")
        self.start_button.setText(text)
        self.start_button.setToolTip(tip)
        self.start_button.setAccessibleName(text)
        self.start_button.setEnabled(state != "diverged")
        self.speed_text.setText(speed_text(self.epochs_per_second))  # after a language change
        self.step_button.setEnabled(state != "diverged")
