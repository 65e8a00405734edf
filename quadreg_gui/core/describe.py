"""Settings in a few words: the marks of live changes, the labels of pinned runs and
of racers all name settings the same way ("lr 0.005, β 0.9")."""

from __future__ import annotations

from collections.abc import Iterable

from .config import OPTIMIZER_SETTINGS, OPTIMIZER_TITLES, TrainConfig
from .i18n import QT_TR_NOOP, tr

#: Short names of settings ("" for the optimizer: its title says what it is).
SHORT_NAMES = {
    "lr": "lr", "momentum": "β", "beta1": "β1", "beta2": "β2", "eps": "ε", "l2": "λ",
    "batch_size": QT_TR_NOOP("batch"), "optimizer": "", "schedule": QT_TR_NOOP("schedule"),
    "lr_decay_every": QT_TR_NOOP("every"), "lr_decay_factor": QT_TR_NOOP("factor"),
    "init": QT_TR_NOOP("start"), "edits": "",
}
#: How a label names each schedule.
SCHEDULE_WORDS = {"constant": QT_TR_NOOP("constant"), "step": QT_TR_NOOP("step"),
                  "exponential": QT_TR_NOOP("exponential"), "inverse": QT_TR_NOOP("inverse")}

#: Settings that shape a run's path (data and model aside), in the order labels name them.
PATH_FIELDS = ("optimizer", "lr", "momentum", "beta1", "beta2", "eps", "batch_size", "l2",
               "schedule", "lr_decay_every", "lr_decay_factor", "init")


def value_text(config: TrainConfig, name: str) -> str:
    """A setting's value as labels show it, in the language of the moment."""
    value = getattr(config, name)
    if name == "optimizer":
        return tr(OPTIMIZER_TITLES[value])
    if name == "schedule":
        return tr(SCHEDULE_WORDS[value])
    if name == "init":
        return "(" + ", ".join(f"{v:.4g}" for _, v in value) + ")" if value else tr("random")
    if name == "edits":
        return tr("points edited") if value else tr("points as made")
    if name == "batch_size" and value == 0:
        return tr("full")
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def setting_values(config: TrainConfig, names: Iterable[str]) -> dict[str, str]:
    """Short name -> value in ``config``, for each of ``names``.  Labels are made from
    these when they are shown, so that a change of language reaches them."""
    return {short_name(name): value_text(config, name) for name in names}


def short_name(name: str) -> str:
    short = SHORT_NAMES.get(name, name)
    return tr(short) if short else short


def settings_text(values: dict[str, str]) -> str:
    """{"lr": "0.005", "β": "0.9"} -> "lr 0.005, β 0.9"."""
    return tr(", ").join(f"{name} {value}".strip() for name, value in values.items())


def used_settings(config: TrainConfig) -> tuple[str, ...]:
    """The path settings ``config``'s optimizer and schedule actually read."""
    used = {"optimizer", "lr", "batch_size", "l2", "schedule", "init",
            *OPTIMIZER_SETTINGS[config.optimizer]}
    if config.schedule != "constant":
        used |= {"lr_decay_every", "lr_decay_factor"}
    return tuple(name for name in PATH_FIELDS if name in used)


def differences(config: TrainConfig, other: TrainConfig) -> tuple[str, ...]:
    """The settings that make ``config``'s run differ from ``other``'s: those that
    differ and that ``config`` uses (or that ``other`` uses, for the optimizer's)."""
    relevant = set(used_settings(config)) | set(used_settings(other))
    return tuple(name for name in PATH_FIELDS
                 if name in relevant and getattr(config, name) != getattr(other, name))


def difference_label(config: TrainConfig, current: TrainConfig) -> str:
    """What a pinned run's legend says: its values of the settings that differ from
    the current ones ("lr 0.005, β 0.9"), or "same settings"."""
    names = differences(config, current)
    if "optimizer" in names:  # another optimizer: name it with the settings it reads
        names = tuple(n for n in used_settings(config)
                      if n in names or n in OPTIMIZER_SETTINGS[config.optimizer] or n == "lr")
    return settings_text(setting_values(config, names)) if names else tr("same settings")
