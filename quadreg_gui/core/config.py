"""One validated, immutable configuration shared by the CLI and the GUI.

Every setting is described once, in ``FIELDS``: its type, default (the
article's), allowed values and a one-sentence help text.  The CLI builds its
flags from that table, the GUI its tooltips, and both show the same
validation messages.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
from dataclasses import dataclass
from typing import Any

from .edits import check_edits
from .errors import ConfigError
from .i18n import QT_TR_NOOP, tr
from .files.jsonfile import parse_json_object
from .training.model import MODELS as MODEL_BY_NAME
from .numformat import format_number

Number = int | float

MODELS = tuple(MODEL_BY_NAME)
OPTIMIZERS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
# The optimizers whose full-batch update is linear in the parameters: theory bounds them.
LINEAR_OPTIMIZERS = OPTIMIZERS[:3]
SCHEDULES = ("constant", "step", "exponential", "inverse")
NOISE_KINDS = ("uniform", "gaussian")
LOSSES = ("sum", "mean")

#: How messages name each optimizer.
OPTIMIZER_TITLES = {
    "gd": QT_TR_NOOP("gradient descent"), "momentum": QT_TR_NOOP("momentum"),
    "nesterov": QT_TR_NOOP("Nesterov momentum"), "adagrad": "AdaGrad", "rmsprop": "RMSProp",
    "adam": "Adam",
}

#: Which optimizer settings each optimizer reads (the GUI shows only these).
OPTIMIZER_SETTINGS: dict[str, tuple[str, ...]] = {
    "gd": (),
    "momentum": ("momentum",),
    "nesterov": ("momentum",),
    "adagrad": ("eps",),
    "rmsprop": ("beta2", "eps"),
    "adam": ("beta1", "beta2", "eps"),
}

#: Where the data comes from (beside the FIELDS: free text, checked when the file is read).
SOURCE_FIELDS = ("data", "x_column", "y_column", "standardize")
STANDARDIZE = ("auto", "on", "off")
SOURCE_HELP = {
    "data": "Data file: CSV, TSV or whitespace-separated columns, a header row optional, "
            "'#' comments; or example:NAME (article, cars, galileo). Default: the article's "
            "data, made from the Data settings.",
    "x_column": "The file's column of x, by name or number (from 1), when it has more than "
                "two numeric columns.",
    "y_column": "The file's column of y, by name or number (from 1).",
    "standardize": "Train on x standardized (centred and scaled; scaled only for w*x^2 + b): "
                   "on, off, or auto (on for a data file). Coefficients are reported in the "
                   "file's units too.",
}
#: The longest path or column name accepted.
MAX_TEXT = 4096

#: Settings that define the data, the model and the loss: changing one means a new
#: problem (the data made anew), not a live change of the run.
DATA_FIELDS = (
    "n_points", "x_min", "x_max", "true_w", "true_b", "noise", "noise_kind", "seed", "model",
    "loss", *SOURCE_FIELDS,
)

#: How the settings are grouped in the CLI's help and the GUI's panel.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    QT_TR_NOOP("Data"): ("n_points", "x_min", "x_max", "true_w", "true_b", "noise",
                         "noise_kind", "seed"),
    QT_TR_NOOP("Model and optimizer"): ("model", "loss", "optimizer", "lr", "momentum", "beta1",
                                        "beta2", "eps", "epochs", "batch_size", "l2"),
    QT_TR_NOOP("Schedule"): ("schedule", "lr_decay_every", "lr_decay_factor"),
    QT_TR_NOOP("Log"): ("log_every",),
}

#: Settings that do not change the path of training, only how long and how it is logged.
BOOKKEEPING_FIELDS = ("epochs", "log_every")

#: Each model's parameter names.
MODEL_PARAMS = {name: model.params for name, model in MODEL_BY_NAME.items()}

MAX_POINTS = 10_000_000
MAX_EPOCHS = 100_000_000
BIG = 1e6


@dataclass(frozen=True)
class FieldSpec:
    """How one setting is typed, bounded and explained."""

    name: str
    kind: type
    help: str
    low: Number | None = None
    high: Number | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] = ()

    def allowed(self) -> str:
        """The allowed values in words, e.g. 'a number in [0, 1)'."""
        if self.choices:
            return tr("one of {choices}").format(choices=", ".join(self.choices))
        if self.kind is int:
            return tr("a whole number from {low} to {high}").format(low=self.low, high=self.high)
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return tr("a number in {range}").format(
            range=f"{left}{format_number(self.low)}, {format_number(self.high)}{right}")

    def check(self, value: Any) -> Any:
        """Return ``value`` converted to this field's type, or raise ConfigError."""
        if self.choices:
            if not isinstance(value, str) or value not in self.choices:
                raise self._error(value)
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._error(value)
        if self.kind is int:
            if isinstance(value, float) and not value.is_integer():
                raise self._error(value)
            value = int(value)
        else:
            value = float(value)
            if not math.isfinite(value):
                raise self._error(value)
        too_low = value <= self.low if self.low_open else value < self.low
        too_high = value >= self.high if self.high_open else value > self.high
        if too_low or too_high:
            raise self._error(value)
        return value

    def _error(self, value: Any) -> ConfigError:
        return ConfigError.bad_value(self.name, tr("must be {allowed}; got {value}").format(
            allowed=self.allowed(), value=repr(value)))


FIELDS: tuple[FieldSpec, ...] = (
    # Data
    FieldSpec("n_points", int,
              QT_TR_NOOP("Number of data points, evenly spaced from x_min to x_max."),
              2, MAX_POINTS),
    FieldSpec("x_min", float,
              QT_TR_NOOP("Smallest x of the data."),
              -BIG, BIG),
    FieldSpec("x_max", float,
              QT_TR_NOOP("Largest x of the data (must be greater than x_min)."),
              -BIG, BIG),
    FieldSpec("true_w", float,
              QT_TR_NOOP("True w of the curve y = w*x^2 + b that makes the data."),
              -BIG, BIG),
    FieldSpec("true_b", float,
              QT_TR_NOOP("True b of the curve y = w*x^2 + b that makes the data."),
              -BIG, BIG),
    FieldSpec("noise", float,
              QT_TR_NOOP("Noise amount: uniform noise is amount*U[0,1); gaussian noise has mean "
                         "0 and standard deviation amount."),
              0.0, BIG),
    FieldSpec("noise_kind", str,
              QT_TR_NOOP("Noise distribution (the article's code draws uniform noise)."),
              choices=NOISE_KINDS),
    FieldSpec("seed", int,
              QT_TR_NOOP("Random seed for the noise and the initial parameters."),
              0, 2**32 - 1),
    # Model and optimizer
    FieldSpec("model", str,
              QT_TR_NOOP("Model: 'article' fits w*x^2 + b; 'line' fits a*x + b; 'quadratic' fits "
                         "a*x^2 + b*x + c; 'cubic' fits a*x^3 + b*x^2 + c*x + d."),
              choices=MODELS),
    FieldSpec("loss", str,
              QT_TR_NOOP("The loss: 'sum' is the article's ½·Σ(ŷ − y)² + ½·λ·w²; 'mean' is "
                         "that divided by the number of points, so its gradient does not "
                         "grow with the data."),
              choices=LOSSES),
    FieldSpec("optimizer", str,
              QT_TR_NOOP("Optimizer: plain gradient descent (the article), momentum, Nesterov, "
                         "AdaGrad, RMSProp or Adam."),
              choices=OPTIMIZERS),
    FieldSpec("lr", float,
              QT_TR_NOOP("Learning rate: how far each step moves against the gradient."),
              0.0, BIG, low_open=True),
    FieldSpec("epochs", int,
              QT_TR_NOOP("Number of passes over the data."),
              1, MAX_EPOCHS),
    FieldSpec("momentum", float,
              QT_TR_NOOP("Momentum beta for momentum and Nesterov: v = beta*v + "
                         "(1-beta)*gradient."),
              0.0, 1.0, high_open=True),
    FieldSpec("beta1", float,
              QT_TR_NOOP("Adam's decay rate of the gradient average."),
              0.0, 1.0, high_open=True),
    FieldSpec("beta2", float,
              QT_TR_NOOP("Decay rate of the squared-gradient average (Adam and RMSProp)."),
              0.0, 1.0, high_open=True),
    FieldSpec("eps", float,
              QT_TR_NOOP("Small number added to the denominator of adaptive optimizers to avoid "
                         "division by zero."),
              0.0, 1.0, low_open=True),
    FieldSpec("batch_size", int,
              QT_TR_NOOP("Points per gradient step; 0 uses all points at once (full batch, as in"
                         " the article)."),
              0, MAX_POINTS),
    FieldSpec("l2", float,
              QT_TR_NOOP("L2 regularization strength lambda; adds 0.5*lambda*w^2 to the loss "
                         "(the intercept is not penalized)."),
              0.0, BIG),
    FieldSpec("schedule", str,
              QT_TR_NOOP("Learning-rate schedule: constant, step (multiply by the decay factor "
                         "every k epochs), exponential or inverse (1/t); all reach lr*factor "
                         "after k epochs."),
              choices=SCHEDULES),
    FieldSpec("lr_decay_every", int,
              QT_TR_NOOP("Decay period k of the learning-rate schedule, in epochs."),
              1, MAX_EPOCHS),
    FieldSpec("lr_decay_factor", float,
              QT_TR_NOOP("Factor the learning rate reaches after k epochs."),
              0.0, 1.0, low_open=True),
    FieldSpec("log_every", int,
              QT_TR_NOOP("Print a log line every this many epochs."),
              1, MAX_EPOCHS),
)

FIELD_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}


@dataclass(frozen=True)
class TrainConfig:
    """Every setting of a run, validated on construction; defaults are the article's."""

    n_points: int = 100
    x_min: float = -1.0
    x_max: float = 1.0
    true_w: float = 3.0
    true_b: float = 2.0
    noise: float = 0.2
    noise_kind: str = "uniform"
    seed: int = 100
    model: str = "article"
    loss: str = "sum"
    optimizer: str = "gd"
    lr: float = 0.001
    epochs: int = 800
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    batch_size: int = 0
    l2: float = 0.0
    schedule: str = "constant"
    lr_decay_every: int = 200
    lr_decay_factor: float = 0.8
    log_every: int = 100
    #: Starting parameters by name (any of the model's); the rest, or all when
    #: empty, take the article's seeded random draw.  A mapping is accepted too.
    init: tuple[tuple[str, float], ...] = ()
    #: Points moved, added and deleted by the student, in order (core.edits).
    edits: tuple = ()
    #: The data file or example:NAME ("" or example:article: the article's synthetic data).
    data: str = ""
    x_column: str = ""
    y_column: str = ""
    standardize: str = "auto"

    def __post_init__(self) -> None:
        for spec in FIELDS:
            object.__setattr__(self, spec.name, spec.check(getattr(self, spec.name)))
        for name in SOURCE_FIELDS:
            check_text(name, getattr(self, name))
        if self.standardize not in STANDARDIZE:
            raise ConfigError.bad_value("standardize", f"must be one of {', '.join(STANDARDIZE)};"
                                                       f" got {self.standardize!r}")
        if self.data == "example:article":
            object.__setattr__(self, "data", "")
        if not self.x_min < self.x_max:
            raise ConfigError.bad_value(
                "x_max", tr("must be greater than x_min ({low}); got {value}").format(
                    low=f"{self.x_min:g}", value=f"{self.x_max:g}"))
        object.__setattr__(self, "init", check_init(self.init, MODEL_PARAMS[self.model]))
        object.__setattr__(self, "edits", check_edits(self.edits))

    def replace(self, **changes: Any) -> TrainConfig:
        """A copy with ``changes`` applied and validated."""
        _reject_unknown(changes)
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        values = dataclasses.asdict(self)
        values["init"] = dict(self.init)  # {"w": 1.5}: JSON's natural form
        values["edits"] = [list(edit) for edit in self.edits]
        return values

    @property
    def init_values(self) -> dict[str, float]:
        return dict(self.init)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2) + "\n"

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        _reject_unknown(values)
        return cls(**values)

    @classmethod
    def from_json(cls, text: str, source: str = "<json>") -> TrainConfig:
        """Parse JSON; errors name ``source`` and, for syntax errors, line and column."""
        values = parse_json_object(text, source)
        try:
            return cls.from_dict(values)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}", exc.field, exc.reason) from None

    @property
    def standardizes(self) -> bool:
        """Whether training sees x standardized ('auto': for a data file)."""
        return self.standardize == "on" or (self.standardize == "auto" and bool(self.data))

    def differs_in_data(self, other: TrainConfig) -> bool:
        """True when ``other`` needs new data (or a new model), not just new settings."""
        return any(getattr(self, f) != getattr(other, f) for f in DATA_FIELDS)


def check_text(name: str, value: Any) -> None:
    """A path or a column name: text, without NUL, of a sane length."""
    if not isinstance(value, str) or "\0" in value or len(value) > MAX_TEXT:
        raise ConfigError.bad_value(name, f"must be text of at most {MAX_TEXT} characters; "
                                          f"got {str(value)[:40]!r}")


def check_init(init: Any, names: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """Starting parameters as (name, value) pairs in the model's order, or ConfigError."""
    allowed = f"names of the model's parameters ({', '.join(names)}) with numbers in " \
              f"[{format_number(-BIG)}, {format_number(BIG)}]"
    try:
        pairs = dict(init.items() if isinstance(init, dict) else init)
    except (TypeError, ValueError):
        raise ConfigError.bad_value("init", f"must be {allowed}; got {init!r}") from None
    for name, value in pairs.items():
        if name not in names:
            raise ConfigError.bad_value("init", f"must use {allowed}; got {name!r}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or abs(value) > BIG:
            raise ConfigError.bad_value("init", f"must be {allowed}; got {name}={value!r}")
    return tuple((name, float(pairs[name])) for name in names if name in pairs)


def parse_init(text: str) -> dict[str, float]:
    """'w=1.5,b=0.2' -> {'w': 1.5, 'b': 0.2}; an empty text means no starting point."""
    values: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, number = part.partition("=")
        try:
            if not sep:
                raise ValueError
            values[name.strip()] = float(number)
        except ValueError:
            raise ConfigError.bad_value(
                "init", f"must be NAME=NUMBER pairs separated by commas, e.g. w=1.5,b=0.2; "
                        f"got {part!r}") from None
    return values


def _reject_unknown(values: dict[str, Any]) -> None:
    known = [*FIELD_BY_NAME, "init", "edits", *SOURCE_FIELDS]
    for key in values:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError.bad_value(str(key), f"is not a setting{hint}")
