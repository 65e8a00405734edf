"""Reading (x, y) data from text files: CSV, TSV or whitespace-separated columns.

A header row is optional, ``#`` starts a comment line, UTF-8 with or without a
BOM, any line ends.  Valid files are parsed by NumPy's C parser in chunks (fast,
and the GIL is let go between chunks, so a window reading in a thread stays
live); only a file that fails is scanned again line by line, to name the line
and the column at fault.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import stat
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from ...assets import resource
from ..config import MAX_POINTS
from ..i18n import QT_TR_NOOP, tr

#: Characters of text parsed at once (about 30,000 rows of two numbers, 12 ms): the
#: GIL is free that often, also while the text is split into lines.
CHUNK_CHARS = 1 << 20
#: The start of the file, where the header and the first rows are looked for.
HEAD_CHARS = 1 << 16
#: A file larger than this is refused before it is read (10^7 rows fit well within).
MAX_BYTES = 1 << 30
#: A file that grows while it is read is read on in pieces of this size.
GROWTH_BYTES = 1 << 24
#: Bytes looked at to tell text from binary.
SNIFF_BYTES = 1 << 13
#: The header and the first row of data are refused beyond this many characters ...
MAX_LINE_CHARS = 1 << 16
#: ... or columns.
MAX_COLUMNS = 1000
#: A column's name is shortened to this many characters (it labels axes and menus).
NAME_CHARS = 60
#: Names listed in a message, at most.
LISTED_NAMES = 12
#: Data values beyond this size are refused: the squares and sums of squares the fit
#: needs (x^4 summed over 10^7 points) must stay finite.
MAX_MAGNITUDE = 1e50
EXAMPLE_PREFIX = "example:"

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Example:
    """A data set shipped with QuadReg, and what a student should notice in it."""

    name: str
    title: str
    file: str  # in resources/datasets; "" for the article's synthetic data
    notice: str
    model: str  # the model it is meant for


EXAMPLES: dict[str, Example] = {e.name: e for e in (
    Example("article", QT_TR_NOOP("The article's data (y = 3x² + 2 + noise)"), "",
            QT_TR_NOOP("Gradient descent at lr 0.001 creeps towards w = 3, b = 2; try 0.1, "
                       "then 1."),
            "article"),
    Example("cars", QT_TR_NOOP("Stopping distances of cars (Ezekiel, 1930)"), "cars.csv",
            QT_TR_NOOP("Stopping distance grows faster than speed: the x² term is the braking "
                       "distance."),
            "quadratic"),
    Example("galileo", QT_TR_NOOP("Galileo's inclined plane (1608)"), "galileo.csv",
            QT_TR_NOOP("A straight line does not fit these distances; a parabola does."),
            "quadratic"),
)}


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


class ColumnChoiceNeeded(DataFileError):
    """More than two numeric columns and no choice of x and y: ``names`` lists them."""

    def __init__(self, source: str, names: tuple[str, ...]) -> None:
        self.names = names
        super().__init__(source, tr("{n} numeric columns ({names}); choose which is x and "
                                    "which is y").format(n=len(names), names=listed(names)))

    def __reduce__(self) -> tuple:
        return self.__class__, (self.source, self.names)


@dataclass(frozen=True)
class Layout:
    """How a file's lines are split, and its columns (those numeric in the first row)."""

    delimiter: str | None  # None: runs of whitespace
    names: tuple[str, ...]  # every column's name ("column 3" when there is no header)
    numeric: tuple[int, ...]  # indices of the columns that hold numbers
    first_row: int  # index into the lines of the first data row
    first_line: str  # that row's text
    offset: int  # where it starts in the text
    header: int | None = None  # index into the lines of the header, if there is one


@dataclass(frozen=True)
class Table:
    """Two columns read from a file, in the file's own units."""

    x: np.ndarray
    y: np.ndarray
    x_label: str
    y_label: str
    name: str  # the file's name
    source: str  # as given: a path or example:NAME
    sha256: str
    notice: str = ""  # for examples: what it is and what to notice
    #: Where the columns are: for reading the file again (e.g. an exported script).
    columns: tuple[int, int] = (0, 1)
    delimiter: str | None = ","
    first_row: int = 0  # index of the first data line


def is_example(source: str) -> bool:
    return source.startswith(EXAMPLE_PREFIX)


def example_path(source: str) -> Path:
    """The shipped file of ``example:NAME``; DataFileError for an unknown name."""
    name = source[len(EXAMPLE_PREFIX):]
    example = EXAMPLES.get(name)
    if example is None or not example.file:
        known = ", ".join(f"{EXAMPLE_PREFIX}{n}" for n, e in EXAMPLES.items() if e.file)
        raise DataFileError(source, tr("no such example; the examples are {known} (the "
                                       "article's data needs no file)").format(known=known))
    return Path(str(resource(f"datasets/{example.file}")))


def read_text(source: str) -> tuple[str, str]:
    """The file's text and its SHA-256; DataFileError for anything but UTF-8 text."""
    path = example_path(source) if is_example(source) else Path(source)
    try:
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            problem = {errno.ENOENT: tr("no such file"),
                       errno.ELOOP: tr("a loop of symbolic links; expected a text file")}
            raise DataFileError(source, problem.get(exc.errno) or tr(
                "cannot be read: {reason}").format(reason=exc.strerror or exc)) from None
        if not stat.S_ISREG(mode):
            raise DataFileError(source, tr("not a regular file (a folder or a device); "
                                           "expected a text file"))
        too_large = DataFileError(source, tr("larger than {mib} MiB; expected at most {rows} "
                                             "rows of text").format(mib=MAX_BYTES >> 20,
                                                                    rows=f"{MAX_POINTS:,}"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise too_large
        with path.open("rb") as f:
            raw = f.read(size + 1)  # (reading MAX_BYTES at once would reserve as much)
            if len(raw) > size:  # it grew while being read: on, up to the limit
                grown = bytearray(raw)
                while more := f.read(GROWTH_BYTES):
                    grown += more
                    if len(grown) > MAX_BYTES:
                        raise too_large
                raw = bytes(grown)
    except OSError as exc:
        raise DataFileError(source, tr("cannot be read: {reason}").format(
            reason=exc.strerror or exc)) from None
    return decode(source, raw), hashlib.sha256(raw).hexdigest()


def decode(source: str, raw: bytes) -> str:
    """UTF-8 text (a BOM is dropped), or DataFileError naming the first bad byte."""
    if not raw or raw.isspace():  # (not strip(): a copy of all of it, holding the GIL)
        raise DataFileError(source, tr("the file is empty; expected rows of x and y numbers"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataFileError(source, tr("UTF-16 text; save it as UTF-8 (with or without BOM)"))
    if b"\0" in raw[:SNIFF_BYTES]:
        raise DataFileError(source, tr("a binary file, not text; expected CSV, TSV or "
                                       "whitespace-separated numbers"))
    longest = 4 * MAX_LINE_CHARS + 2  # bytes: UTF-8 takes up to 4 a character
    if len(raw) > longest and raw.find(b"\n", 0, longest) < 0:
        # Said before decoding and splitting it, each of which holds the GIL (a 100 MB
        # line stalled the window 140 ms).
        raise DataFileError(source, tr("longer than {most} characters; expected a header "
                                       "and rows of at most that").format(
            most=f"{MAX_LINE_CHARS:,}"), 1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataFileError(source, tr("byte {byte} is not UTF-8 (perhaps Latin-1); save the "
                                       "file as UTF-8").format(byte=f"0x{raw[exc.start]:02X}"),
                            line, column) from None


def is_skipped(line: str) -> bool:
    """Blank lines and ``#`` comment lines carry no data."""
    text = line.strip()
    return not text or text.startswith("#")


def split_cells(line: str, delimiter: str | None) -> list[str]:
    """The line's cells, stripped of blanks and of double quotes around them."""
    return [cell.strip().strip('"').strip() for cell in line.split(delimiter)]


def guess_delimiter(line: str) -> str | None:
    """Tabs, else semicolons (where commas may be decimal commas), else commas, else
    runs of whitespace."""
    for candidate in ("\t", ";", ","):
        if candidate in line:
            return candidate
    return None


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def looks_numeric(cell: str) -> bool:
    """A number, also with a decimal comma: never a column's name."""
    return is_number(cell) or is_number(cell.replace(",", ".", 1))


def head_lines(text: str) -> list[str]:
    """The lines (with their ends) of the file's start: all of them in a file with a
    long preamble of comments."""
    cut = text.find("\n", HEAD_CHARS)
    head = text if cut < 0 else text[:cut + 1]
    lines = head.splitlines(keepends=True)
    if sum(1 for line in lines if not is_skipped(line)) < 2 and len(head) < len(text):
        lines = text.splitlines(keepends=True)
    return lines


def layout(source: str, text: str) -> Layout:
    """The delimiter, the header (if the first row holds a word) and the numeric columns."""
    lines = head_lines(text)
    content = list(islice((i for i, line in enumerate(lines) if not is_skipped(line)), 2))
    if not content:
        raise DataFileError(source, tr("only comments and blank lines; expected rows of x "
                                       "and y numbers"))
    first = content[0]
    check_line(source, lines[first], first)
    delimiter = guess_delimiter(lines[first])
    cells = split_cells(lines[first], delimiter)
    # A header names every column: a row with a number in it is data, whose other
    # cells are then named as what they are (a typo, a decimal comma), never dropped.
    has_header = not any(looks_numeric(c) for c in cells if c)
    if has_header and len(content) < 2:
        raise DataFileError(source, tr("a header but no rows of numbers; expected rows of x "
                                       "and y numbers under it"))
    data_row = content[1] if has_header else first
    check_line(source, lines[data_row], data_row)
    row = split_cells(lines[data_row], delimiter)
    columns = max(len(cells), len(row))
    if columns > MAX_COLUMNS:
        raise DataFileError(source, tr("{n} columns; at most {most} are read").format(
            n=f"{columns:,}", most=f"{MAX_COLUMNS:,}"), first + 1)
    names = tuple(shorten(cells[i]) if has_header and i < len(cells) and cells[i]
                  else f"column {i + 1}" for i in range(columns))
    numeric = tuple(i for i, cell in enumerate(row) if cell and is_number(cell))
    offset = sum(len(line) for line in lines[:data_row])
    return Layout(delimiter, names, numeric, data_row, lines[data_row].rstrip("\r\n"), offset,
                  first if has_header else None)


def check_line(source: str, line: str, index: int) -> None:
    """A header or first row of sane length (a file of one huge line is no table)."""
    length = len(line.rstrip("\r\n"))
    if length > MAX_LINE_CHARS:
        raise DataFileError(source, tr("a line of {n} characters; expected a header and rows "
                                       "of at most {most}").format(
            n=f"{length:,}", most=f"{MAX_LINE_CHARS:,}"), index + 1)


def shorten(name: str) -> str:
    """A column's name as shown (axis labels, menus, messages)."""
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1] + "…"


def listed(names: Sequence[str]) -> str:
    """Names for a message: the first LISTED_NAMES, then how many more."""
    shown = ", ".join(names[:LISTED_NAMES])
    more = len(names) - LISTED_NAMES
    return shown if more <= 0 else shown + tr(" and {n} more").format(n=f"{more:,}")


def pick_column(source: str, lay: Layout, choice: str, role: str) -> int:
    """The index of the column named or numbered (from 1) by ``choice``."""
    if choice in lay.names:
        index = lay.names.index(choice)
    elif choice.strip().isdigit() and 1 <= int(choice) <= len(lay.names):
        index = int(choice) - 1
    else:
        raise DataFileError(source, tr("no column {choice} for {role}; the columns are "
                                       "{names} (by name, or by number from 1)").format(
            choice=repr(choice), role=role, names=listed(lay.names)))
    if index not in lay.numeric:
        raise DataFileError(source, tr("column {name} chosen for {role} does not hold "
                                       "numbers").format(name=repr(lay.names[index]), role=role),
                            lay.first_row + 1, index + 1)
    return index


def choose_columns(source: str, lay: Layout, x_column: str = "",
                   y_column: str = "") -> tuple[int, int]:
    """x and y: those named, or the two numeric columns when there are just two."""
    if x_column or y_column:
        if not (x_column and y_column):
            raise DataFileError(source, tr("choose both columns, x and y, or neither"))
        return (pick_column(source, lay, x_column, "x"), pick_column(source, lay, y_column, "y"))
    if len(lay.numeric) < 2:
        raise too_few_numbers(source, lay)
    if len(lay.numeric) > 2:
        raise ColumnChoiceNeeded(source, tuple(lay.names[i] for i in lay.numeric))
    return lay.numeric[0], lay.numeric[1]


def too_few_numbers(source: str, lay: Layout) -> DataFileError:
    """The first row of data has fewer than two numbers: name the first cell that is not."""
    found = listed([lay.names[i] for i in lay.numeric]) or tr("none")
    problem = tr("needs two numeric columns, x and y; the first row of data has {n} "
                 "({found})").format(n=len(lay.numeric), found=found)
    row = split_cells(lay.first_line, lay.delimiter)
    column = next((i for i, cell in enumerate(row) if i not in lay.numeric), None)
    if column is not None:
        problem = tr("{cell} is not a number; expected a number such as 1.5").format(
            cell=repr(row[column])) + decimal_comma_hint(row[column])
    return DataFileError(source, problem, lay.first_row + 1, None if column is None
                         else column + 1)


def read_table(source: str, x_column: str = "", y_column: str = "",
               progress: Progress | None = None) -> Table:
    """Columns x and y of ``source`` (a path or example:NAME); DataFileError if unusable."""
    text, digest = read_text(source)
    lay = layout(source, text)
    xi, yi = choose_columns(source, lay, x_column, y_column)
    values = parse_columns(source, text, lay, (xi, yi), progress)
    check_values(source, text, lay, (xi, yi), values)
    example = EXAMPLES.get(source[len(EXAMPLE_PREFIX):]) if is_example(source) else None
    notice = f"{tr(example.title)}. {tr(example.notice)}" if example else \
        columns_notice(lay, xi, yi)
    return Table(values[:, 0].copy(), values[:, 1].copy(), lay.names[xi], lay.names[yi],
                 example.file if example else Path(source).name, source, digest,
                 notice, (xi, yi), lay.delimiter, lay.first_row)


def columns_notice(lay: Layout, xi: int, yi: int) -> str:
    """Which columns were read and whether a line was taken for their names."""
    if lay.header is None:
        return tr("x from column {x}, y from column {y}; no header line.").format(
            x=xi + 1, y=yi + 1)
    return tr("x from {x}, y from {y}, named in line {line}.").format(
        x=repr(lay.names[xi]), y=repr(lay.names[yi]), line=lay.header + 1)


def column_names(source: str) -> tuple[str, ...]:
    """The numeric columns of ``source`` (for a dialog choosing x and y)."""
    text, _ = read_text(source)
    lay = layout(source, text)
    return tuple(lay.names[i] for i in lay.numeric)


def parse_columns(source: str, text: str, lay: Layout, columns: tuple[int, int],
                  progress: Progress | None) -> np.ndarray:
    """Rows of the two columns, parsed block by block by NumPy."""
    pieces = []
    rows = 0
    start = lay.offset
    while start < len(text):
        end = text.find("\n", start + CHUNK_CHARS)
        end = len(text) if end < 0 else end + 1
        try:
            with warnings.catch_warnings():  # a block of comments only: no data, no warning
                warnings.simplefilter("ignore", UserWarning)
                pieces.append(np.loadtxt(text[start:end].splitlines(),
                                         delimiter=lay.delimiter, comments="#",
                                         usecols=columns, quotechar='"', ndmin=2,
                                         dtype=float))
        except ValueError:
            first = max(lay.first_row, text.count("\n", 0, start))
            raise locate_error(source, text.splitlines(), lay, columns, first) from None
        rows += len(pieces[-1])
        if rows > MAX_POINTS:  # said as soon as it is known, not after parsing them all
            raise DataFileError(source, tr("more than {most} rows; at most {most} are "
                                           "allowed").format(most=f"{MAX_POINTS:,}"))
        if progress is not None:
            progress((end - lay.offset) / max(1, len(text) - lay.offset))
        start = end
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


def locate_error(source: str, lines: list[str], lay: Layout, columns: tuple[int, int],
                 start: int) -> DataFileError:
    """The first line from ``start`` on that NumPy could not parse, named precisely."""
    for number in range(start, len(lines)):
        if is_skipped(lines[number]):
            continue
        cells = split_cells(lines[number], lay.delimiter)
        for column in columns:
            if column >= len(cells) or not cells[column]:
                name = repr(lay.names[column])
                short = tr("{n} cell where {k} or more were expected (no {name} value)") \
                    if len(cells) == 1 else \
                    tr("{n} cells where {k} or more were expected (no {name} value)")
                return DataFileError(source, short.format(n=len(cells), k=column + 1, name=name)
                                     if column >= len(cells) else
                                     tr("empty cell; expected a number for {name}").format(
                                         name=name), number + 1, column + 1)
            if not is_number(cells[column]):
                return DataFileError(source, tr("{cell} is not a number; expected a number such "
                                                "as 1.5 for {name}").format(
                    cell=repr(cells[column]), name=repr(lay.names[column]))
                    + decimal_comma_hint(cells[column]), number + 1, column + 1)
    return DataFileError(source, tr("cannot be read as rows of numbers"), start + 1)


def decimal_comma_hint(cell: str) -> str:
    return tr(" (a decimal point, not a comma)") if is_number(cell.replace(",", ".", 1)) \
        else ""


def check_values(source: str, text: str, lay: Layout, columns: tuple[int, int],
                 values: np.ndarray) -> None:
    """Finite numbers, at least two rows, and x not all the same."""
    if len(values) < 2:
        raise DataFileError(source, tr("{n} row of numbers; a fit needs at least 2").format(
            n=len(values)))
    for bad, problem in ((~np.isfinite(values), QT_TR_NOOP(
            "{cell} is not a finite number; expected a number such as 1.5 for {name}")),
                         (np.abs(values) > MAX_MAGNITUDE, QT_TR_NOOP(
            "{cell} is too large for {name}; expected numbers within ±1e50 (rescale the "
            "column, e.g. to thousands or millions)"))):
        if bad.any():
            row, which = np.argwhere(bad)[0]
            lines = text.splitlines()
            line = data_line_number(lines, lay.first_row, int(row))
            cell = split_cells(lines[line - 1], lay.delimiter)[columns[which]]
            raise DataFileError(source, tr(problem).format(
                cell=repr(cell), name=repr(lay.names[columns[which]])),
                                line, columns[which] + 1)
    if np.all(values[:, 0] == values[0, 0]):
        raise DataFileError(source, tr("every x (column {name}) is {x}; a curve needs at "
                                       "least two different x values").format(
            name=repr(lay.names[columns[0]]), x=f"{values[0, 0]:g}"))


def data_line_number(lines: list[str], first_row: int, row: int) -> int:
    """The line number (from 1) of data row ``row`` (from 0), past comments and blanks."""
    seen = -1
    for number in range(first_row, len(lines)):
        if not is_skipped(lines[number]):
            seen += 1
            if seen == row:
                return number + 1
    raise IndexError(row)
