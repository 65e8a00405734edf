"""The error a data file that cannot be used raises, and file names fit for a message."""

from __future__ import annotations

from ..i18n import tr


def printable(name: str) -> str:
    """``name`` with newlines, other control characters and bytes that were not UTF-8
    (surrogate escapes) written as escapes, e.g. 'new\\nline.csv', 'caf\\xe9.csv'."""
    if name.isprintable():
        return name
    raw = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in raw)


class DataFileError(ValueError):
    """A file that cannot be used as data; ``str()`` is a message fit for a user.

    It names the file as given (``source``), and where known the line and the
    column (both from 1) and what was expected there.
    """

    def __init__(self, source: str, problem: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.source, self.problem, self.line, self.column = source, problem, line, column
        super().__init__(self.message(source))

    def __reduce__(self) -> tuple:
        """Pickled with what makes it (the engine's process sends it to the window)."""
        return self.__class__, (self.source, self.problem, self.line, self.column)

    def message(self, name: str) -> str:
        """The message with the file called ``name`` (e.g. only its file name), its
        control characters and undecodable bytes escaped: one line, whatever the name."""
        name = printable(name)
        where = "".join([tr(", line {n}").format(n=self.line) if self.line else "",
                         tr(", column {n}").format(n=self.column) if self.column else ""])
        return tr("{file}{where}: {problem}").format(file=name, where=where,
                                                     problem=self.problem)
