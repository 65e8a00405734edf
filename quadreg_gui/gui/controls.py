"""The parameter panel: one widget per config field, grouped, validated as typed."""

from __future__ import annotations

import math
from dataclasses import fields
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSlider, QSpinBox, QVBoxLayout, QWidget,
)

from ..core.config import (
    FIELD_BY_NAME, FIELD_GROUPS, OPTIMIZER_SETTINGS, ConfigError, FieldSpec, TrainConfig,
)

LABELS = {
    "n_points": "Points", "x_min": "x from", "x_max": "x to", "true_w": "True w",
    "true_b": "True b", "noise": "Noise", "noise_kind": "Noise kind", "seed": "Seed",
    "model": "Model", "optimizer": "Optimizer", "lr": "Learning rate", "epochs": "Epochs",
    "momentum": "Momentum β", "beta1": "β1", "beta2": "β2", "eps": "ε",
    "batch_size": "Batch size", "l2": "L2 λ", "schedule": "Schedule",
    "lr_decay_every": "Decay every", "lr_decay_factor": "Decay factor",
    "log_every": "Log every",
}
CHOICE_TEXT = {
    "gd": "Gradient descent", "momentum": "Momentum", "nesterov": "Nesterov",
    "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam",
    "article": "w·x² + b (article)", "quadratic": "a·x² + b·x + c",
    "uniform": "Uniform (article)", "gaussian": "Gaussian",
    "constant": "Constant", "step": "Step decay", "exponential": "Exponential",
    "inverse": "Inverse time (1/t)",
}
#: Fields shown with a %g-formatted spin box (their useful values span decades).
SCIENTIFIC = {"lr", "eps", "l2"}
LR_SLIDER_DECADES = (-5.0, 0.0)  # the log-scale lr control spans 1e-5 .. 1
LR_SLIDER_STEPS = 500
#: Speed control positions, in epochs per second; the last is "maximum".
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, math.inf)
DEFAULT_SPEED = 200


def object_name(field: str, widget: QWidget) -> str:
    """'n_points' + QSpinBox -> 'nPointsSpin' (the stable automation contract)."""
    head, *rest = field.split("_")
    suffix = "Combo" if isinstance(widget, QComboBox) else "Spin"
    return head + "".join(part.capitalize() for part in rest) + suffix


class SciSpinBox(QDoubleSpinBox):
    """A spin box showing values like 0.001 or 1e-05, stepping by a factor of about 1.26."""

    def __init__(self) -> None:
        super().__init__()
        self.setDecimals(12)

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate
        ok = self.minimum() <= value <= self.maximum()
        return QValidator.State.Acceptable if ok else QValidator.State.Intermediate

    def stepBy(self, steps: int) -> None:
        value = self.value() or 1e-5
        self.setValue(value * 10 ** (0.1 * steps))


def make_editor(spec: FieldSpec) -> QWidget:
    """A widget for one field, bounded by the field's closed range.

    An open bound (lr > 0, momentum < 1) is still reachable in the widget, so the
    user sees the config's own message instead of a silently clamped value.
    """
    if spec.choices:
        combo = QComboBox()
        for choice in spec.choices:
            combo.addItem(CHOICE_TEXT.get(choice, choice), choice)
        return combo
    if spec.kind is int:
        box: QAbstractSpinBox = QSpinBox()
        box.setRange(int(spec.low), int(min(spec.high, 2**31 - 1)))
        box.setGroupSeparatorShown(True)
    else:
        box = SciSpinBox() if spec.name in SCIENTIFIC else QDoubleSpinBox()
        if not isinstance(box, SciSpinBox):
            fraction = spec.high <= 1  # momentum and decay rates: 0.9999 must be possible
            box.setDecimals(4 if fraction else 3)
            box.setSingleStep(0.01 if fraction else 0.1)
        box.setRange(float(spec.low), float(spec.high))
    box.setKeyboardTracking(False)  # apply on Enter, focus change or arrow steps
    box.setAccelerated(True)
    return box


class ParameterPanel(QWidget):
    """Edits a TrainConfig.  Emits ``configChanged`` with each new valid config and
    ``messageChanged`` with the validation message ('' when all is valid)."""

    configChanged = Signal(object)
    messageChanged = Signal(str)

    def __init__(self, config: TrainConfig) -> None:
        super().__init__()
        self.editors: dict[str, QWidget] = {}
        self._rows: dict[str, QFormLayout] = {}
        self._config = config
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for title, names in FIELD_GROUPS.items():
            layout.addWidget(self._group(title, names))
        layout.addStretch(1)
        self.set_config(config)
        for editor in self.editors.values():
            self._connect(editor)
        self._show_relevant_rows()

    # --- construction ---------------------------------------------------------
    def _add_row(self, form: QFormLayout, name: str, extra: QWidget | None = None) -> None:
        spec = FIELD_BY_NAME[name]
        editor = make_editor(spec)
        editor.setObjectName(object_name(name, editor))
        editor.setToolTip(spec.help)
        editor.setAccessibleName(LABELS[name])
        editor.setAccessibleDescription(spec.help)
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.editors[name] = editor
        self._rows[name] = form
        label = QLabel(LABELS[name])
        label.setBuddy(editor)
        label.setToolTip(spec.help)
        field: QWidget = editor
        if extra is not None:
            field = QWidget()
            box = QHBoxLayout(field)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(extra, 3)
            box.addWidget(editor, 2)
        form.addRow(label, field)

    def _group(self, title: str, names: tuple[str, ...]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        for name in names:
            self._add_row(form, name, self._lr_slider() if name == "lr" else None)
        if title == "Data":
            self.new_data_button = QPushButton("New data")
            self.new_data_button.setObjectName("newDataButton")
            self.new_data_button.setToolTip("Draw new noise and a new start: the next seed.")
            self.new_data_button.setAccessibleName("New data")
            self.new_data_button.clicked.connect(self.next_seed)
            form.addRow("", self.new_data_button)
        return group

    def _lr_slider(self) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setObjectName("lrSlider")
        slider.setRange(0, LR_SLIDER_STEPS)
        slider.setToolTip("Learning rate on a log scale, from 1e-5 to 1.")
        slider.setAccessibleName("Learning rate (log scale)")
        slider.valueChanged.connect(self._lr_slider_moved)
        self.lr_slider = slider
        return slider

    def _connect(self, editor: QWidget) -> None:
        if isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self._edited)
        else:
            editor.valueChanged.connect(self._edited)
            editor.lineEdit().textEdited.connect(self._typing)

    # --- values ---------------------------------------------------------------
    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        return editor.value()

    def _typed_value(self, name: str) -> Any:
        """The value as typed so far (before Enter), for validation while typing."""
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        text = editor.cleanText()
        if isinstance(editor, SciSpinBox):  # shows Python's number format
            try:
                number = float(text)
            except ValueError:
                return text
        else:  # the spin box's locale: its decimal and group separators
            number, ok = editor.locale().toDouble(text)
            if not ok:
                return text
        return FIELD_BY_NAME[name].kind(number)

    def set_config(self, config: TrainConfig) -> None:
        """Show ``config`` in the widgets without emitting changes."""
        self._config = config
        for name, editor in self.editors.items():
            editor.blockSignals(True)
            value = getattr(config, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(editor.findData(value))
            else:
                editor.setValue(value)
            editor.blockSignals(False)
        self._sync_lr_slider(config.lr)
        self._show_relevant_rows()

    @property
    def config(self) -> TrainConfig:
        """The last valid config."""
        return self._config

    def _build(self, typed: str | None = None) -> TrainConfig:
        values = {f.name: self.value(f.name) for f in fields(TrainConfig)}
        if typed is not None:
            values[typed] = self._typed_value(typed)
        return TrainConfig(**values)

    @Slot()
    def _edited(self) -> None:
        try:
            config = self._build()
        except ConfigError as exc:
            self._show_error(exc)
            return
        self._show_error(None)
        self._sync_lr_slider(config.lr)
        self._show_relevant_rows(config)
        if config != self._config:
            self._config = config
            self.configChanged.emit(config)

    @Slot()
    def _typing(self) -> None:
        editor = self.sender()
        name = next((n for n, e in self.editors.items()
                     if isinstance(e, QAbstractSpinBox) and e.lineEdit() is editor), None)
        if name is None:
            return
        try:
            self._build(typed=name)
        except ConfigError as exc:
            self._show_error(exc)
        else:
            self._show_error(None)

    def _show_error(self, exc: ConfigError | None) -> None:
        for name, editor in self.editors.items():
            bad = exc is not None and exc.field == name
            editor.setStyleSheet("background: #ffe3e3;" if bad else "")
        self.messageChanged.emit("" if exc is None else str(exc))

    # --- learning-rate slider ---------------------------------------------------
    def _sync_lr_slider(self, lr: float) -> None:
        lo, hi = LR_SLIDER_DECADES
        pos = (math.log10(lr) - lo) / (hi - lo) * LR_SLIDER_STEPS
        self.lr_slider.blockSignals(True)
        self.lr_slider.setValue(round(min(max(pos, 0), LR_SLIDER_STEPS)))
        self.lr_slider.blockSignals(False)

    @Slot(int)
    def _lr_slider_moved(self, pos: int) -> None:
        lo, hi = LR_SLIDER_DECADES
        lr = float(f"{10 ** (lo + (hi - lo) * pos / LR_SLIDER_STEPS):.3g}")
        self.editors["lr"].setValue(lr)

    # --- visibility -------------------------------------------------------------
    def _show_relevant_rows(self, config: TrainConfig | None = None) -> None:
        """Only the settings the chosen optimizer and schedule use."""
        config = config or self._config
        used = set(OPTIMIZER_SETTINGS[config.optimizer])
        decays = config.schedule != "constant"
        for name in ("momentum", "beta1", "beta2", "eps"):
            self._rows[name].setRowVisible(self.editors[name], name in used)
        for name in ("lr_decay_every", "lr_decay_factor"):
            self._rows[name].setRowVisible(self.editors[name], decays)

    @Slot()
    def next_seed(self) -> None:
        """'New data': the next seed (wrapping at the largest allowed)."""
        seed_box = self.editors["seed"]
        seed_box.setValue((seed_box.value() + 1) % (seed_box.maximum() + 1))


class RunControls(QGroupBox):
    """Start/Pause, Step, Reset and the speed in epochs per second."""

    startPauseClicked = Signal()
    stepClicked = Signal()
    resetClicked = Signal()
    speedChanged = Signal(float)

    def __init__(self) -> None:
        super().__init__("Run")
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.start_button = self._button("startButton", "Start", "Start or pause training (Space).",
                                         self.startPauseClicked)
        self.step_button = self._button("stepButton", "Step", "Run exactly one epoch (→ or S).",
                                        self.stepClicked)
        self.reset_button = self._button("resetButton", "Reset", "Back to epoch 0 with the same "
                                         "initial parameters (R).", self.resetClicked)
        for b in (self.start_button, self.step_button, self.reset_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        speed_row = QHBoxLayout()
        speed_label = QLabel("Speed")
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setObjectName("speedControl")
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setPageStep(1)
        self.speed.setToolTip("Epochs per second; the right end runs as fast as possible.")
        self.speed.setAccessibleName("Speed in epochs per second")
        speed_label.setBuddy(self.speed)
        self.speed_text = QLabel()
        self.speed_text.setMinimumWidth(self.speed_text.fontMetrics().horizontalAdvance(
            "10,000 epochs/s "))
        self.speed.valueChanged.connect(self._speed_moved)
        speed_row.addWidget(speed_label)
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_text)
        layout.addLayout(speed_row)
        self.speed.setValue(SPEEDS.index(DEFAULT_SPEED))
        self._speed_moved(self.speed.value())

    def _button(self, name: str, text: str, tip: str, signal: Signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.clicked.connect(signal)
        return button

    @property
    def epochs_per_second(self) -> float:
        return SPEEDS[self.speed.value()]

    @Slot(int)
    def _speed_moved(self, pos: int) -> None:
        speed = SPEEDS[pos]
        self.speed_text.setText("maximum" if math.isinf(speed) else f"{speed:,} epochs/s")
        self.speedChanged.emit(float(speed))

    def set_state(self, state: str) -> None:
        """Button texts and availability for 'ready', 'running', 'paused', 'finished',
        'diverged'."""
        text = {"running": "Pause", "finished": "Continue", "paused": "Resume"}
        self.start_button.setText(text.get(state, "Start"))
        self.start_button.setEnabled(state != "diverged")
        self.step_button.setEnabled(state != "diverged")
