"""The parameter panel: one widget per config field, grouped, validated as typed."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.config import (
    FIELD_BY_NAME,
    FIELD_GROUPS,
    OPTIMIZER_SETTINGS,
    ConfigError,
    FieldSpec,
    TrainConfig,
)
from ..core.i18n import QT_TR_NOOP, tr
from . import look
from .aligned_label import AlignedLabel, align
from .input_guards import InputGuard
from .lr_slider import LrSlider
from .panels.stability_readout import StabilityReadout

LABELS = {
    "n_points": QT_TR_NOOP("Points"), "x_min": QT_TR_NOOP("x from"), "x_max": QT_TR_NOOP("x to"),
    "true_w": QT_TR_NOOP("True w"), "true_b": QT_TR_NOOP("True b"), "noise": QT_TR_NOOP("Noise"),
    "noise_kind": QT_TR_NOOP("Noise kind"), "seed": QT_TR_NOOP("Seed"),
    "model": QT_TR_NOOP("Model"), "loss": QT_TR_NOOP("Loss"),
    "optimizer": QT_TR_NOOP("Optimizer"), "lr": QT_TR_NOOP("Learning rate"),
    "epochs": QT_TR_NOOP("Epochs"),
    "momentum": QT_TR_NOOP("Momentum β"), "beta1": QT_TR_NOOP("β1"), "beta2": QT_TR_NOOP("β2"),
    "eps": QT_TR_NOOP("ε"), "batch_size": QT_TR_NOOP("Batch size"), "l2": QT_TR_NOOP("L2 λ"),
    "schedule": QT_TR_NOOP("Schedule"), "lr_decay_every": QT_TR_NOOP("Decay every"),
    "lr_decay_factor": QT_TR_NOOP("Decay factor"), "log_every": QT_TR_NOOP("Log every"),
}
CHOICE_TEXT = {
    "gd": QT_TR_NOOP("Gradient descent"), "momentum": QT_TR_NOOP("Momentum"),
    "nesterov": QT_TR_NOOP("Nesterov"), "adagrad": QT_TR_NOOP("AdaGrad"),
    "rmsprop": QT_TR_NOOP("RMSProp"), "adam": QT_TR_NOOP("Adam"),
    "article": QT_TR_NOOP("w·x² + b (article)"), "line": QT_TR_NOOP("a·x + b (line)"),
    "quadratic": QT_TR_NOOP("a·x² + b·x + c"), "cubic": QT_TR_NOOP("a·x³ + b·x² + c·x + d"),
    "sum": QT_TR_NOOP("Sum (article)"), "mean": QT_TR_NOOP("Mean (sum ÷ n)"),
    "uniform": QT_TR_NOOP("Uniform (article)"), "gaussian": QT_TR_NOOP("Gaussian"),
    "constant": QT_TR_NOOP("Constant"), "step": QT_TR_NOOP("Step decay"),
    "exponential": QT_TR_NOOP("Exponential"), "inverse": QT_TR_NOOP("Inverse time (1/t)"),
}
#: The settings that make the points (edits are of them).
POINT_FIELDS = ("n_points", "x_min", "x_max", "true_w", "true_b", "noise", "noise_kind", "seed")
#: The settings that make the article's data (hidden while the data is a file's).
SYNTHETIC_FIELDS = ("n_points", "x_min", "x_max", "true_w", "true_b", "noise", "noise_kind")
#: Fields shown with a %g-formatted spin box (their useful values span decades).
SCIENTIFIC = {"lr", "eps", "l2"}
#: The widest text a %g spin box shows (six significant digits): it must fit.
WIDEST_SCI_TEXT = "-0.000123457"


def object_name(field: str, widget: QWidget) -> str:
    """'n_points' + QSpinBox -> 'nPointsSpin' (the stable automation contract)."""
    head, *rest = field.split("_")
    suffix = "Combo" if isinstance(widget, QComboBox) else "Spin"
    return head + "".join(part.capitalize() for part in rest) + suffix


def _lenient(result: tuple) -> tuple:
    """Qt's validation, but nothing typed is dropped: a keystroke Qt would refuse (the
    e of 1e308, the minus of -1, a digit too many) lands, and the value is named in
    the banner with what is allowed instead of changing without a word."""
    state, text, pos = result
    if state == QValidator.State.Invalid:
        state = QValidator.State.Intermediate
    return state, text, pos


class IntSpinBox(QSpinBox):
    def validate(self, text: str, pos: int) -> object:
        return _lenient(super().validate(text, pos))


class DecimalSpinBox(QDoubleSpinBox):
    def validate(self, text: str, pos: int) -> object:
        return _lenient(super().validate(text, pos))


class SciSpinBox(QDoubleSpinBox):
    """A spin box showing values like 0.001 or 1e-05, stepping by a factor of about 1.26."""

    def __init__(self) -> None:
        super().__init__()
        self.setDecimals(12)
        self._fit_font()

    def _fit_font(self) -> None:
        """Every value it can hold shows in full."""
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance(WIDEST_SCI_TEXT)
                             + 2 * metrics.averageCharWidth() + 28)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._fit_font()
        super().changeEvent(event)

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
            combo.addItem(tr(CHOICE_TEXT.get(choice, choice)), choice)
        return combo
    if spec.kind is int:
        box: QAbstractSpinBox = IntSpinBox()
        box.setRange(int(spec.low), int(min(spec.high, 2**31 - 1)))
        box.setGroupSeparatorShown(True)
    else:
        box = SciSpinBox() if spec.name in SCIENTIFIC else DecimalSpinBox()
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
    valueRefused = Signal(str)  # a typed value the field went back from: what and why
    # ('' when a new edit begins)
    articleDataRequested = Signal()

    def __init__(self, config: TrainConfig) -> None:
        super().__init__()
        self.editors: dict[str, QWidget] = {}
        self._bad_field = ""  # the setting whose value the banner says is wrong
        #: Each field's text as last typed: what is wrong with it ('' if nothing), else
        #: its value.
        self._typed: dict[str, tuple[str, str, Any]] = {}
        self._rows: dict[str, QFormLayout] = {}
        self.labels: list[AlignedLabel] = []
        self._config = config
        self._source: tuple[str, int, str] | None = None  # the data's name, size, notice
        self.input_guard = InputGuard(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        for title, names in FIELD_GROUPS.items():
            layout.addWidget(self._group(title, names))
        layout.addStretch(1)
        self.set_config(config)
        for editor in self.editors.values():
            self._connect(editor)
            self.input_guard.guard(editor)
        self.input_guard.guard(self.lr_slider.slider)
        self._show_relevant_rows()

    # --- construction ---------------------------------------------------------
    def _add_row(self, form: QFormLayout, name: str) -> None:
        spec = FIELD_BY_NAME[name]
        editor = make_editor(spec)
        editor.setObjectName(object_name(name, editor))
        help_text = tr(spec.help)
        editor.setToolTip(help_text)
        editor.setAccessibleName(tr(LABELS[name]))
        editor.setAccessibleDescription(help_text)
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.editors[name] = editor
        self._rows[name] = form
        label = AlignedLabel(tr(LABELS[name]))
        label.setBuddy(editor)
        label.setToolTip(help_text)
        self.labels.append(label)
        form.addRow(label, editor)
        if name == "lr":
            self.lr_slider = LrSlider()
            self.lr_slider.lrChosen.connect(editor.setValue)
            form.addRow(self.lr_slider)  # the whole width: a usable length
            self.stability = StabilityReadout()
            form.addRow(self.stability)

    def _group(self, title: str, names: tuple[str, ...]) -> QGroupBox:
        group = QGroupBox(tr(title))
        form = QFormLayout(group)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            self._add_row(form, name)
        if title == "Data":
            self._source_rows(form)
            self.new_data_button = QPushButton(tr("New data"))
            self.new_data_button.setObjectName("newDataButton")
            self.new_data_button.setToolTip(tr("Draw new noise and a new start: the next seed."))
            self.new_data_button.setAccessibleName(tr("New data"))
            self.new_data_button.clicked.connect(self.next_seed)
            form.addRow("", self.new_data_button)
        return group

    def _source_rows(self, form: QFormLayout) -> None:
        """A data file's name and a way back to the article's data (shown for a file),
        and the switch that standardizes x."""
        self.source_label = QLabel()
        self.source_label.setObjectName("dataSourceLabel")
        self.source_label.setWordWrap(True)
        self.article_button = QPushButton(tr("Article's data"))
        self.article_button.setObjectName("articleDataButton")
        self.article_button.setToolTip(tr("Back to the article's synthetic data, made from "
                                          "the settings below."))
        self.article_button.clicked.connect(self.articleDataRequested)
        form.insertRow(0, self.source_label)
        form.insertRow(1, "", self.article_button)
        self.standardize_check = QCheckBox(tr("Standardize x"))
        self.standardize_check.setObjectName("standardizeCheck")
        self.standardize_check.setToolTip(tr(
            "Train on z = (x − mean)/spread (w·x² + b: z = x/RMS), so that data of any scale "
            "trains at a sane learning rate; the fitted curve is also shown on x itself. On "
            "by default for a data file."))
        self.standardize_check.toggled.connect(self._edited)
        form.addRow("", self.standardize_check)

    def show_source(self, name: str, n: int, notice: str) -> None:
        """What the data is, for a data file (the label is hidden for the article's)."""
        self._source = (name, n, notice)
        self.source_label.setText(tr("{name}: {n} points. {notice}").format(
            name=name, n=f"{n:,}", notice=notice).strip())

    def retranslate(self) -> None:
        """The texts with values in them, in the language just chosen."""
        if self._source is not None:
            self.show_source(*self._source)
        self.revalidate()

    def set_stacked(self, on: bool) -> None:
        """Each label above its field (a column too narrow for both side by side, at a
        large scale on a small screen), or beside it."""
        policy = QFormLayout.RowWrapPolicy.WrapAllRows if on else \
            QFormLayout.RowWrapPolicy.DontWrapRows
        for form in set(self._rows.values()):
            if form.rowWrapPolicy() != policy:
                form.setRowWrapPolicy(policy)
                form.parentWidget().updateGeometry()  # (its size hint, cached above it)
        self.layout().invalidate()

    @property
    def stacked(self) -> bool:
        return any(form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows
                   for form in self._rows.values())

    def align_labels(self, labels: list[AlignedLabel]) -> None:
        """One label column for these and the panel's own labels: inputs line up."""
        self._aligned = self.labels + labels
        self.align_labels_now()

    @Slot()
    def align_labels_now(self) -> None:
        """The label column for the labels' fonts now (the column's fit measures after
        it: a font change queues it, and a fit may come first)."""
        align(self._aligned)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_aligned"):
            QTimer.singleShot(0, self, self.align_labels_now)  # after the labels' own font change
        super().changeEvent(event)

    def _connect(self, editor: QWidget) -> None:
        if isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self._edited)
        else:
            editor.valueChanged.connect(self._edited)
            editor.lineEdit().textEdited.connect(self._typing)
            # Enter or leaving the field puts a bad typed value back to the last good
            # one, without a signal of its own: its message must go with it.
            editor.editingFinished.connect(self._edited)

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
        if FIELD_BY_NAME[name].kind is int:  # never 1.5 -> 1: the text is named instead
            return int(number) if math.isfinite(number) and number == int(number) else text
        return number

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
        self.standardize_check.blockSignals(True)
        self.standardize_check.setChecked(config.standardizes)
        self.standardize_check.blockSignals(False)
        self.lr_slider.set_lr(config.lr)
        self._show_relevant_rows()
        if self._bad_field:  # every field shows a valid value now: no message stays
            self._show_error(None)

    @property
    def config(self) -> TrainConfig:
        """The last valid config."""
        return self._config

    def _build(self, typed: str | None = None) -> TrainConfig:
        values: dict[str, Any] = {name: self.value(name) for name in self.editors}
        if typed is not None:
            values[typed] = self._typed_value(typed)
        # The starting point has no field; another model's parameters start at random.
        values["init"] = self._config.init if values["model"] == self._config.model else ()
        # Edits are of these points: other points (new data settings) drop them.
        same_points = all(values[name] == getattr(self._config, name) for name in POINT_FIELDS)
        values["edits"] = self._config.edits if same_points else ()
        values.update(data=self._config.data, x_column=self._config.x_column,
                      y_column=self._config.y_column, standardize=self._standardize())
        return TrainConfig(**values)

    def _standardize(self) -> str:
        """The switch's setting: the config's own while it agrees ('auto' stays 'auto')."""
        on = self.standardize_check.isChecked()
        return self._config.standardize if on == self._config.standardizes else (
            "on" if on else "off")

    def set_values(self, changes: dict[str, Any]) -> None:
        """Several settings at once (one change of the run), shown in their fields."""
        config = self._config.replace(**changes)
        if config != self._config:
            self.set_config(config)
            self.configChanged.emit(config)

    def set_start(self, init: dict[str, float]) -> None:
        """Start from ``init`` (parameter name -> value); empty: the seeded random draw."""
        config = self._config.replace(init=init)
        if config != self._config:
            self._config = config
            self.configChanged.emit(config)

    @Slot()
    def _edited(self) -> None:
        refused = self._refused()
        try:
            config = self._build()
        except ConfigError as exc:
            self._show_error(exc)
            return
        self._show_error(None)
        if refused:  # Qt put the field back: say what was not taken, and why
            self.valueRefused.emit(refused)
        self.lr_slider.set_lr(config.lr)
        self._show_relevant_rows(config)
        if config != self._config:
            self._config = config
            self.configChanged.emit(config)

    def _refused(self) -> str:
        """When the field just left was put back from what was typed in it: what was
        wrong with the typed text, and the value kept."""
        name = next((n for n, e in self.editors.items() if e is self.sender()), None)
        typed = self._typed.pop(name, None) if name is not None else None
        if typed is None:
            return ""
        text, problem, value = typed
        editor = self.editors[name]
        if value == editor.value():
            return ""  # taken as typed (a problem with other fields is a validation error)
        field, kept = tr(LABELS[name]), editor.cleanText()
        if problem:
            return tr("{problem}; {field} stays {value}").format(problem=problem, field=field,
                                                                 value=kept)
        if not isinstance(value, (int, float)):
            return ""
        digits = tr(", at most {n} decimals").format(n=editor.decimals()) \
            if isinstance(editor, DecimalSpinBox) else ""
        return tr("{field} takes {low} to {high} here{digits}, not {typed}; it stays "
                  "{value}").format(field=field, low=editor.textFromValue(editor.minimum()),
                                    high=editor.textFromValue(editor.maximum()),
                                    digits=digits, typed=text.strip(), value=kept)

    @Slot()
    def _typing(self) -> None:
        editor = self.sender()
        name = next((n for n, e in self.editors.items()
                     if isinstance(e, QAbstractSpinBox) and e.lineEdit() is editor), None)
        if name is None:
            return
        self.valueRefused.emit("")  # a new edit: a note on an earlier one is stale
        try:
            self._build(typed=name)
        except ConfigError as exc:
            self._typed[name] = (editor.text(), str(exc), self._typed_value(name))
            self._show_error(exc)
        else:
            self._typed[name] = (editor.text(), "", self._typed_value(name))
            self._show_error(None)

    def revalidate(self) -> None:
        """The validation message again (in the language just chosen)."""
        if not self._bad_field:
            return
        try:
            self._build(typed=self._bad_field if self._bad_field in self.editors else None)
        except ConfigError as exc:
            self._show_error(exc)

    def _show_error(self, exc: ConfigError | None) -> None:
        self._bad_field = exc.field if exc is not None else ""
        self.show_error_colors()
        self.messageChanged.emit("" if exc is None else str(exc))

    def show_error_colors(self) -> None:
        """The editor holding a bad value, in the theme's colour."""
        for name, editor in self.editors.items():
            editor.setStyleSheet(f"background: {look.current().colors.bad_field};"
                                 if name == self._bad_field else "")

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
        from_file = bool(config.data)
        for name in SYNTHETIC_FIELDS:  # they make the article's data, not a file's
            self._rows[name].setRowVisible(self.editors[name], not from_file)
        self.new_data_button.setToolTip(tr("A new random start: the next seed.") if from_file
                                        else tr("Draw new noise and a new start: the next "
                                                "seed."))
        form = self._rows["seed"]
        form.setRowVisible(self.source_label, from_file)
        form.setRowVisible(self.article_button, from_file)

    @Slot()
    def next_seed(self) -> None:
        """'New data': the next seed (wrapping at the largest allowed)."""
        seed_box = self.editors["seed"]
        seed_box.setValue((seed_box.value() + 1) % (seed_box.maximum() + 1))
