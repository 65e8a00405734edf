"""The error every front end shows as one message: a bad setting or settings file."""

from __future__ import annotations


class ConfigError(ValueError):
    """A setting is invalid; ``str()`` is a message fit to show a user.

    For a bad value, ``field`` names the setting and ``reason`` says what is
    allowed, so a front end can name the field its own way (a CLI flag, a label).
    """

    def __init__(self, message: str, field: str | None = None, reason: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason

    @classmethod
    def bad_value(cls, field: str, reason: str) -> ConfigError:
        return cls(f"{field} {reason}", field, reason)
