"""Data sets: the article's synthetic data, a data file's columns, or given arrays."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .config import TrainConfig
from .edits import EditedPoints
from .files.datafile import Table, read_table
from .interrupt import check
from .training.model import MODELS, N_INIT_DRAWS, Model

#: Points per chunk of a pass over the data: bounded memory, a chance to stop
#: between chunks, and the GIL free between them for the GUI thread.
CHUNK = 1 << 17


@dataclass(frozen=True)
class Scaling:
    """Training sees z = (x - shift) / scale: x of any scale trains at a sane rate."""

    shift: float
    scale: float

    @classmethod
    def of(cls, x: np.ndarray, model: Model) -> Scaling:
        """Centre and scale when the model has every power of x; scale only for
        w*x^2 + b, whose curve stays one of its own when z is x/scale (centring
        would need an x term it lacks)."""
        if 1 in model.powers:
            shift, scale = float(np.mean(x)), float(np.std(x))
        else:
            shift, scale = 0.0, float(np.sqrt(np.mean(np.square(x))))
        return cls(shift, scale if scale > 0 else 1.0)

    def apply(self, x: np.ndarray) -> np.ndarray:
        return (np.asarray(x, dtype=float) - self.shift) / self.scale

    def undo(self, z: np.ndarray) -> np.ndarray:
        return np.asarray(z, dtype=float) * self.scale + self.shift

    def formula(self, label: str) -> str:
        """'z = (speed − 15.4)/5.29', as an axis label shows it."""
        scale = f"{self.scale:.4g}"
        if self.shift == 0:
            return f"z = {label}/{scale}"
        sign = "−" if self.shift > 0 else "+"
        return f"z = ({label} {sign} {abs(self.shift):.4g})/{scale}"

    def original(self, model: Model, theta: np.ndarray) -> np.ndarray:
        """The model's coefficients on x itself, for parameters fitted on z."""
        from numpy.polynomial import Polynomial  # (here: its import costs start-up 4 ms)

        on_z = np.zeros(max(model.powers) + 1)
        on_z[list(model.powers)] = theta
        on_x = Polynomial(on_z)(Polynomial([-self.shift / self.scale, 1 / self.scale]))
        coef = np.zeros(max(model.powers) + 1)
        coef[:on_x.coef.size] = on_x.coef
        return coef[list(model.powers)]


@dataclass(frozen=True)
class Dataset:
    """Points to fit, plus the seeded draws that initialise the parameters.

    ``truth`` is (w, b) of y = w*x^2 + b for synthetic data, None for data given
    by the user.  ``draws`` are the uniform draws that come after the noise in
    the article's seeded stream: the article's initial w and b are the first two.
    """

    x: np.ndarray  # what the model sees: z when ``scaling`` is set
    y: np.ndarray
    draws: np.ndarray
    truth: tuple[float, float] | None = None
    scaling: Scaling | None = None
    x_label: str = "x"
    y_label: str = "y"
    name: str = ""  # a data file's name or an example's title
    notice: str = ""  # an example's: what a student should notice
    #: Edited data: the data before the edits, what they made of its points, and the
    #: number of each point now (core.edits); None for data as made or read.
    base: Dataset | None = None
    points: EditedPoints | None = None
    numbers: np.ndarray | None = None

    def __post_init__(self) -> None:
        # Shared read-only between the training thread and the display.
        for arr in (self.x, self.y, self.draws, self.numbers):
            if arr is not None:
                arr.flags.writeable = False

    @property
    def n(self) -> int:
        return int(self.x.size)

    @property
    def x_original(self) -> np.ndarray:
        """x in the data's own units (what the data plot shows)."""
        return self.x if self.scaling is None else self.scaling.undo(self.x)

    def edited(self, edits: tuple) -> Dataset:
        """These points with ``edits`` (in the data's own units) applied; x standardized
        by this data's scaling, so that an edit never moves the other points."""
        base = self.base or self
        if not edits:
            return base
        state = EditedPoints.of(base.n, edits)
        x, y, numbers = state.apply(base.x_original, base.y)
        if base.scaling is not None:
            x = base.scaling.apply(x)
        return replace(base, x=x, y=y, base=base, points=state, numbers=numbers)

    def point_numbers(self) -> np.ndarray:
        """Each point's number (core.edits): its index, unless points were deleted."""
        return self.numbers if self.numbers is not None else np.arange(self.n)

    def standardized(self, model: Model) -> Dataset:
        """The same points with x standardized for ``model``."""
        scaling = Scaling.of(self.x, model)
        return replace(self, x=scaling.apply(self.x), scaling=scaling)

    @classmethod
    def from_table(cls, table: Table, seed: int) -> Dataset:
        """A file's columns; the starting point is drawn from ``seed``."""
        data = cls.from_arrays(table.x, table.y, seed)
        return replace(data, x_label=table.x_label, y_label=table.y_label, name=table.name,
                       notice=table.notice)

    @classmethod
    def from_arrays(cls, x: np.ndarray, y: np.ndarray, seed: int = 100) -> Dataset:
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if x.size != y.size or x.size < 2:
            raise ValueError(f"need two or more (x, y) pairs of equal length; "
                             f"got {x.size} x and {y.size} y values")
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise ValueError("x and y must be finite numbers")
        draws = np.random.RandomState(seed).rand(N_INIT_DRAWS)
        return cls(x.copy(), y.copy(), draws)


def make_dataset(config: TrainConfig, table: Table | None = None) -> Dataset:
    """The data ``config`` names: the article's synthetic data, or a file's columns
    (``table`` when already read, else read now); x standardized if it says so."""
    if config.data:
        data = Dataset.from_table(table or read_table(config.data, config.x_column,
                                                      config.y_column), config.seed)
    else:
        data = synthesize(config)
    data = data.standardized(MODELS[config.model]) if config.standardizes else data
    return data.edited(config.edits)


def linspace(start: float, stop: float, num: int) -> np.ndarray:
    """``np.linspace(start, stop, num)``, bit for bit, made in chunks: in one call
    10^7 points hold the GIL for up to 150 ms (most of it touching new memory)."""
    step = (stop - start) / (num - 1) if num > 1 else 0.0
    if num <= CHUNK or step == 0:  # (numpy treats a zero step apart)
        return np.linspace(start, stop, num)
    x = np.empty(num)
    for first in range(0, num, CHUNK):
        check()
        part = x[first:first + CHUNK]
        part[:] = np.arange(first, first + part.size, dtype=float)
        part *= step
        part += start
    x[-1] = stop
    return x


def synthesize(config: TrainConfig) -> Dataset:
    """The article's data: the same legacy-seeded stream, drawn in the same order.

    The article calls ``np.random.seed(seed)``, draws the noise, then w and b.
    A private ``RandomState(seed)`` yields the identical stream without touching
    NumPy's global state.  Drawn and computed in chunks (the stream and each
    point's arithmetic are the same), so that a load of 10^7 points can stop.
    """
    rng = np.random.RandomState(config.seed)
    x = linspace(config.x_min, config.x_max, config.n_points)
    draw = rng.rand if config.noise_kind == "uniform" else rng.standard_normal
    y = np.empty_like(x)
    for start in range(0, x.size, CHUNK):
        check()
        part = x[start:start + CHUNK]
        y[start:start + CHUNK] = (config.true_w * np.power(part, 2) + config.true_b
                                  + config.noise * draw(part.size))
    draws = rng.rand(N_INIT_DRAWS)
    return Dataset(x, y, draws, (config.true_w, config.true_b))
