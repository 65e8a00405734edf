"""quadreg-train: the headless front end over the training core."""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from .core.config import (
    FIELD_GROUPS,
    FIELDS,
    SOURCE_HELP,
    STANDARDIZE,
    ConfigError,
    FieldSpec,
    TrainConfig,
    parse_init,
)
from .core.data import make_dataset
from .core.files.datafile import DataFileError, Table
from .core.files.experiment import read_experiment
from .core.files.export import atomic_file, stream_history
from .core.files.notebook import write_notebook
from .core.logformat import (
    divergence_message,
    final_lines,
    initial_line,
    log_lines,
    original_units_line,
    unstable_lr_message,
)
from .core.analysis.race import (
    DEFAULT_RACE,
    RACER_FIELDS,
    Race,
    default_lr,
    parse_race,
    race_summary,
    results_dict,
    results_table,
)
from .core.training.compiled import use_compiled
from .core.training.epochs import has_loops
from .core.training.schedules import lr_at
from .core.analysis.theory import lr_limit
from .core.training.trainer import Trainer

PROG = "quadreg-train"
EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_INTERRUPTED = 0, 2, 3, 130


class _Parser(argparse.ArgumentParser):
    """Reports a bad flag in one line on stderr, exit status 2; takes -1e7 as a number
    (argparse's own rule knows -5 and -0.5 but reads -1e7 as a flag)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(
            r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|nan)$", re.IGNORECASE)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{PROG}: error: {message} (see {PROG} --help)\n")


def flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    defaults = TrainConfig()
    parser = _Parser(
        prog=PROG,
        description="Fit y = w*x^2 + b to noisy data by gradient descent, as in the "
                    "article 'quadratic regression in pure NumPy', and print the progress. "
                    "With no flags it reproduces the article's run.",
        epilog="Exit status: 0 finished, 2 bad input, 3 diverged.")
    by_name = {spec.name: spec for spec in FIELDS}
    for title, names in FIELD_GROUPS.items():
        group = parser.add_argument_group(title)
        for name in names:
            _add_field(group, by_name[name], getattr(defaults, name))
    data = parser.add_argument_group("Data file")
    data.add_argument("--data", metavar="FILE", help=SOURCE_HELP["data"])
    data.add_argument("--x-column", metavar="NAME|N", dest="x_column",
                      help=SOURCE_HELP["x_column"])
    data.add_argument("--y-column", metavar="NAME|N", dest="y_column",
                      help=SOURCE_HELP["y_column"])
    data.add_argument("--standardize", choices=STANDARDIZE, help=SOURCE_HELP["standardize"])
    start = parser.add_argument_group("Starting point")
    start.add_argument("--init", metavar="NAME=X,...",
                       help="Start from these parameters, by the model's names, e.g. "
                            "w=1.5,b=0.2 (others not given take the seeded random draw, "
                            "as does the default).")
    race = parser.add_argument_group("Race")
    race.add_argument("--race", metavar="OPT[:NAME=X...],...",
                      help="Race 2 to 6 optimizers from the same start on the same data and "
                           "print a table of results, e.g. gd,momentum,adam or "
                           "gd,momentum:lr=0.01:momentum=0.8; a racer without lr gets one "
                           "that works for it on this data. Default racers: "
                           + ",".join(DEFAULT_RACE) + ".")
    files = parser.add_argument_group("Files and formats")
    files.add_argument("--config", metavar="FILE.json",
                       help="Read settings from an experiment saved by the window "
                            "(.quadreg.json: settings, start and data) or a JSON object of "
                            "settings; flags given too override it.")
    files.add_argument("--history-out", metavar="FILE.csv",
                       help="Write every epoch (parameters, loss, learning rate, gradient) "
                            "to a CSV file, replaced only once the run is over. A symbolic "
                            "link is written through to its file; a folder, device or pipe "
                            "is refused.")
    files.add_argument("--notebook", metavar="FILE.ipynb",
                       help="Write the run as a Jupyter notebook in the article's sections "
                            "(run top to bottom, it prints this command's log) instead of "
                            "training.")
    files.add_argument("--notebook-lang", choices=("en", "zh_CN"), default="en",
                       help="The notebook's language (default: en).")
    files.add_argument("--json", action="store_true",
                       help="Print one JSON object with the result instead of the log.")
    return parser


def _add_field(group: Any, spec: FieldSpec, default: Any) -> None:
    kwargs: dict[str, Any] = {"dest": spec.name, "default": None,
                              "help": f"{spec.help} (default: {default})"}
    if spec.choices:
        kwargs["choices"] = spec.choices
    else:
        kwargs["type"] = spec.kind
        kwargs["metavar"] = "N" if spec.kind is int else "X"
    group.add_argument(flag(spec.name), **kwargs)


@dataclass(frozen=True)
class Setup:
    """The settings of a run, the data file's columns if already read, and whether the
    learning rate was chosen (else a data file's run gets one that converges)."""

    config: TrainConfig
    table: Table | None
    lr_given: bool
    chosen: frozenset[str] = frozenset()  # settings the user chose (flags, a file's)


def load_config(args: argparse.Namespace) -> Setup:
    """The config file (if any) overridden by the flags given; raises ConfigError or
    DataFileError."""
    base, table, lr_given = TrainConfig(), None, args.lr is not None
    if args.config:
        experiment = read_experiment(args.config)
        base, table = experiment.config, experiment.table
        lr_given = True  # an experiment reruns as saved
        for warning in experiment.warnings:
            print(f"{PROG}: warning: {warning}", file=sys.stderr)
    given = {s.name: getattr(args, s.name) for s in FIELDS if getattr(args, s.name) is not None}
    given.update({name: getattr(args, name) for name in ("data", "x_column", "y_column",
                                                         "standardize")
                  if getattr(args, name) is not None})
    try:
        if args.init is not None:
            given["init"] = parse_init(args.init)
        config = base.replace(**given)
    except ConfigError as exc:
        raise ConfigError(f"{flag(exc.field)} {exc.reason}" if exc.reason else str(exc)) from None
    same_data = (config.data, config.x_column, config.y_column) == \
        (base.data, base.x_column, base.y_column)
    defaults = TrainConfig()
    from_file = {s.name for s in FIELDS if getattr(base, s.name) != getattr(defaults, s.name)}
    return Setup(config, table if same_data else None, lr_given,
                 frozenset(given) | from_file)


def make_trainer(setup: Setup) -> Trainer:
    """The trainer of ``setup``; a data file's run without a chosen learning rate gets
    one that converges on it (said on stderr).  Raises DataFileError."""
    config = setup.config
    trainer = Trainer(config, make_dataset(config, setup.table))
    if config.data and not setup.lr_given:
        lr, why = default_lr(trainer.objective, config, trainer.initial)
        trainer.update(config.replace(lr=lr))
        print(f"{PROG}: lr {lr:g} for this data: {why} (--lr to choose)", file=sys.stderr)
    return trainer


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def result_dict(trainer: Trainer) -> dict[str, Any]:
    """The run's outcome as plain JSON-ready values."""
    obj = trainer.objective
    limit = lr_limit(obj, trainer.config, trainer.data.n)
    return {
        "status": "diverged" if trainer.diverged_at is not None else "finished",
        "epochs_run": trainer.epoch,
        "diverged_at": trainer.diverged_at,
        "model": trainer.model.name,
        "params": _finite_or_none(trainer.model.named(trainer.theta)),
        "loss": _finite_or_none(trainer.loss),
        "lr_max_stable": _finite_or_none(limit),
        "lr_above_stable_limit": limit is not None and trainer.config.lr >= limit,
        "optimum": {**trainer.model.named(obj.optimum), "loss": obj.min_loss},
        "config": trainer.config.to_dict(),
        **_original_units(trainer),
    }


def _original_units(trainer: Trainer) -> dict[str, Any]:
    """For standardized x: how, and the fitted coefficients on x itself."""
    scaling = trainer.data.scaling
    if scaling is None:
        return {}
    coef = scaling.original(trainer.model, trainer.theta)
    return {"standardized_x": {"shift": scaling.shift, "scale": scaling.scale},
            "params_on_x": _finite_or_none(trainer.model.named(coef))}


def _finite_or_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    return value if value is not None and math.isfinite(value) else None


def print_log(trainer: Trainer) -> None:
    names = trainer.model.params
    print(initial_line(names, trainer.initial, chosen=bool(trainer.config.init)))
    for line in log_lines(trainer.history.logged(), names, trainer.config.log_every):
        print(line)
    if trainer.diverged_at is None:
        obj = trainer.objective
        for line in final_lines(names, trainer.theta, trainer.loss, obj.optimum, obj.min_loss):
            print(line)
        if trainer.data.scaling is not None:
            print(original_units_line(trainer.model, trainer.data, trainer.theta))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - flushing at exit needs it
        return EXIT_OK


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    for name in ("config", "data", "history_out", "notebook"):
        if getattr(args, name) == "":
            return _fail(f"{flag(name)} needs a file name")
    try:
        setup = load_config(args)
        if args.race is not None and args.history_out is not None:
            return _fail("--history-out cannot be used with --race (it writes one run)")
        trainer = make_trainer(setup)
    except (ConfigError, DataFileError) as exc:
        return _fail(str(exc))
    config = trainer.config
    if args.notebook is not None:
        if args.race is not None:
            return _fail("--notebook cannot be used with --race (it writes one run)")
        try:
            write_notebook(args.notebook, config, trainer.data, setup.table,
                           args.notebook_lang)
        except OSError as exc:
            return _fail(f"cannot write {args.notebook}: {_reason(exc)}")
        print(f"{PROG}: wrote {args.notebook}", file=sys.stderr)
        return EXIT_OK
    if args.race is not None or has_loops(config, trainer.data.n):
        use_compiled()  # numba's kernels, where installed (core/training/compiled.py)
    if args.race is not None:
        return _race(args, trainer, setup.chosen)
    warning = unstable_lr_message(config.lr, lr_limit(trainer.objective, config,
                                                      trainer.data.n), config.optimizer)
    if warning:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    try:
        if args.history_out is not None:
            with atomic_file(args.history_out) as out:
                stream_history(trainer, config.epochs, out.write)
        else:
            stream_history(trainer, config.epochs, None)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        return _fail(f"cannot write {args.history_out}: {_reason(exc)}")
    if not trainer.history.logged_complete:
        print(f"{PROG}: the log keeps the first {len(trainer.history.logged()):,} logged "
              f"epochs; --history-out has every epoch", file=sys.stderr)
    if args.json:
        print(json.dumps(result_dict(trainer), indent=2))
    else:
        print_log(trainer)
    if trainer.diverged_at is not None:
        epoch = trainer.diverged_at
        limit = lr_limit(trainer.objective, config, trainer.data.n)
        print(f"{PROG}: " + divergence_message(epoch, lr_at(config, epoch), limit,
                                               config.optimizer), file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _race(args: argparse.Namespace, base: Trainer, chosen: frozenset[str]) -> int:
    """--race: every racer for config.epochs epochs; the table or one JSON object.
    ``base`` has the data, its objective and the start, made once for all racers;
    the settings ``chosen`` on the command line hold for every racer that does not
    set its own."""
    config, objective, start = base.config, base.objective, base.initial
    try:
        racers = parse_race(args.race, config, objective, start, chosen & set(RACER_FIELDS))
        race = Race(racers, base.data, objective)
        race.run(config.epochs)
    except ConfigError as exc:
        return _fail(f"{flag(exc.field)} {exc.reason}" if exc.reason else str(exc))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.json:
        print(json.dumps(results_dict(race), indent=2))
    else:
        print(initial_line(base.model.params, start, chosen=bool(config.init)))
        print(f"{race.epoch:,} epochs; optimal loss {objective.min_loss:.6g}")
        print(results_table(race.results()), end="")
        print(race_summary(race.results()))
        for racer in race.racers:
            print(f"{racer.name}: {racer.why}")
    return EXIT_OK


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
