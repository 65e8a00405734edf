"""What QuadReg remembers between sessions (QSettings), read with types and checked."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = APPLICATION = "QuadReg"
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def recent_files() -> list[str]:
    """The files opened last, newest first (a corrupt entry reads as none)."""
    value = settings().value("recentFiles", [], type=list)
    return [v for v in value if isinstance(v, str) and v][:MAX_RECENT]


def remember_file(path: str) -> list[str]:
    files = [path, *(p for p in recent_files() if p != path)][:MAX_RECENT]
    settings().setValue("recentFiles", files)
    return files


def forget_file(path: str) -> list[str]:
    files = [p for p in recent_files() if p != path]
    settings().setValue("recentFiles", files)
    return files
