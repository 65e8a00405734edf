"""Settings for a data file just read: what a fresh import trains with."""

from __future__ import annotations

from .config import TrainConfig
from .data import make_dataset
from .files.datafile import EXAMPLES, Table, is_example, read_table
from .training.model import MODELS
from .training.objective import Objective
from .analysis.race import default_lr


def settings_for(config: TrainConfig, table: Table, x_column: str = "",
                 y_column: str = "") -> TrainConfig:
    """``config`` on ``table``: its source and columns, x standardized (auto), the seeded
    start, the model an example is meant for, and a learning rate derived from the
    Hessian that converges for the optimizer (core.race.default_lr)."""
    model = EXAMPLES[table.source.partition(":")[2]].model if is_example(table.source) \
        else config.model
    fresh = config.replace(data=table.source, x_column=x_column, y_column=y_column,
                           standardize="auto", model=model, init=(), edits=())
    data = make_dataset(fresh, table)
    objective = Objective(MODELS[model], data, fresh.l2, fresh.loss == "mean")
    lr, _ = default_lr(objective, fresh, MODELS[model].initial(data.draws))
    return fresh.replace(lr=lr)


def read_for(config: TrainConfig, source: str, x_column: str = "", y_column: str = "",
             progress=None) -> tuple[TrainConfig, Table]:
    """Read ``source`` and the settings to train on it (DataFileError when unusable)."""
    table = read_table(source, x_column, y_column, progress)
    return settings_for(config, table, x_column, y_column), table
