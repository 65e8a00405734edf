"""Reading (x, y) data from text files: CSV, TSV or whitespace-separated columns.

A header row is optional, ``#`` starts a comment line, UTF-8 with or without a
BOM, any line ends.  The file is read in blocks of whole lines (``textblocks``),
each parsed by NumPy's C parser as it comes (fast, and the GIL is let go between
blocks, so a window reading in a thread stays live); only a block that fails is
scanned again line by line, to name the line and the column at fault.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

import numpy as np

from ...assets import resource
from ..config import MAX_POINTS
from ..i18n import QT_TR_NOOP, tr
from ..interrupt import check
from .fileerror import DataFileError, printable
from .textblocks import MAX_LINE_CHARS, Block, TextBlocks

#: The start of the file, where the header and the first rows are looked for.
HEAD_CHARS = 1 << 16
#: Lines NumPy parses in one call.  Its parser holds the GIL for the whole call (about
#: 1.3 ms for 1,000 lines of two 17-digit numbers); in the window, the GUI thread
#: waits that long each time it enters Python while a file is read, and it enters
#: Python dozens of times a repaint.  A whole block of 256 KiB (7,000 such lines)
#: stalled a repaint 150-300 ms (bench_load.py).
PARSE_LINES = 1_000
#: The header and the first row of data are refused beyond this many columns.
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
            QT_TR_NOOP("A straight line does not fit these distances; a parabola does: choose "
                       "the model a·x + b and see."),
            "quadratic"),
)}


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


def display_name(source: str) -> str:
    """A file's name as messages show it: on one line, undecodable bytes escaped."""
    return source if is_example(source) else printable(Path(source).name)


def source_path(source: str) -> Path:
    return example_path(source) if is_example(source) else Path(source)


def read_head(source: str, blocks: Iterator[Block]) -> tuple[str, float]:
    """The file's first blocks, enough to hold a header and a row of data (all of a
    file with a long preamble of comments), and the part of the file they are."""
    text, content, done = "", 0, 0.0
    for block in blocks:
        text += block.text
        done = block.done
        content += sum(1 for _ in islice((line for line in block.text.splitlines()
                                          if not is_skipped(line)), 2))
        if content >= 2:
            break
    if not text or text.isspace():
        raise DataFileError(source, tr("the file is empty; expected rows of x and y numbers"))
    return text, done


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
    reader = TextBlocks(source, source_path(source))
    blocks = iter(reader)
    head, done = read_head(source, blocks)
    lay = layout(source, head)
    xi, yi = choose_columns(source, lay, x_column, y_column)
    rows = chain([Block(head[lay.offset:], lay.first_row, done)], blocks)
    values = parse_columns(source, rows, lay, (xi, yi), progress)
    check_rows(source, lay, (xi, yi), values)
    example = EXAMPLES.get(source[len(EXAMPLE_PREFIX):]) if is_example(source) else None
    notice = f"{tr(example.title)}. {tr(example.notice)}" if example else \
        columns_notice(lay, xi, yi)
    return Table(values[:, 0].copy(), values[:, 1].copy(), lay.names[xi], lay.names[yi],
                 example.file if example else Path(source).name, source, reader.sha256,
                 notice, (xi, yi), lay.delimiter, lay.first_row)


def columns_notice(lay: Layout, xi: int, yi: int) -> str:
    """Which columns were read and whether a line was taken for their names."""
    if lay.header is None:
        return tr("x from column {x}, y from column {y}; no header line.").format(
            x=xi + 1, y=yi + 1)
    return tr("x from {x}, y from {y}, named in line {line}.").format(
        x=repr(lay.names[xi]), y=repr(lay.names[yi]), line=lay.header + 1)


def column_names(source: str) -> tuple[str, ...]:
    """The numeric columns of ``source`` (for a dialog choosing x and y), from its start."""
    head, _ = read_head(source, iter(TextBlocks(source, source_path(source))))
    lay = layout(source, head)
    return tuple(lay.names[i] for i in lay.numeric)


def parse_columns(source: str, blocks: Iterable[Block], lay: Layout, columns: tuple[int, int],
                  progress: Progress | None) -> np.ndarray:
    """Rows of the two columns, each block parsed by NumPy as it is read."""
    pieces = []
    rows = 0
    for block in blocks:
        lines = block.text.splitlines()
        try:
            parsed = np.concatenate([_parsed(part, lay, columns)
                                     for part in _parts(lines, PARSE_LINES)])
        except ValueError:
            raise locate_error(source, lines, lay, columns, block.line) from None
        check_cells(source, lines, lay, columns, parsed, block.line)
        pieces.append(parsed)
        rows += len(parsed)
        if rows > MAX_POINTS:  # said as soon as it is known, not after reading them all
            raise DataFileError(source, tr("more than {most} rows; at most {most} are "
                                           "allowed").format(most=f"{MAX_POINTS:,}"))
        if progress is not None:
            progress(block.done)
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


def _parts(lines: list[str], size: int) -> Iterator[list[str]]:
    """``lines`` in parts of ``size``, ``check()`` between them (in the window, the
    reading thread's pause for the GIL: see PARSE_LINES)."""
    for start in range(0, max(len(lines), 1), size):
        if start:
            check()
        yield lines[start:start + size]


def _parsed(lines: list[str], lay: Layout, columns: tuple[int, int]) -> np.ndarray:
    with warnings.catch_warnings():  # a block of comments only: no data, no warning
        warnings.simplefilter("ignore", UserWarning)
        return np.loadtxt(lines, delimiter=lay.delimiter, comments="#", usecols=columns,
                          quotechar='"', ndmin=2, dtype=float)


def locate_error(source: str, lines: list[str], lay: Layout, columns: tuple[int, int],
                 base: int) -> DataFileError:
    """The first of ``lines`` (line ``base`` of the file and on) that NumPy could not
    parse, named precisely."""
    for index, line in enumerate(lines):
        number = base + index
        if is_skipped(line):
            continue
        cells = split_cells(line, lay.delimiter)
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
    return DataFileError(source, tr("cannot be read as rows of numbers"), base + 1)


def decimal_comma_hint(cell: str) -> str:
    return tr(" (a decimal point, not a comma)") if is_number(cell.replace(",", ".", 1)) \
        else ""


def check_cells(source: str, lines: list[str], lay: Layout, columns: tuple[int, int],
                values: np.ndarray, base: int) -> None:
    """Finite numbers of a sane size in a block's rows (``lines``, line ``base`` of the
    file and on)."""
    for bad, problem in ((~np.isfinite(values), QT_TR_NOOP(
            "{cell} is not a finite number; expected a number such as 1.5 for {name}")),
                         (np.abs(values) > MAX_MAGNITUDE, QT_TR_NOOP(
            "{cell} is too large for {name}; expected numbers within ±1e50 (rescale the "
            "column, e.g. to thousands or millions)"))):
        if bad.any():
            row, which = np.argwhere(bad)[0]
            index = data_line(lines, int(row))
            cell = split_cells(lines[index], lay.delimiter)[columns[which]]
            raise DataFileError(source, tr(problem).format(
                cell=repr(cell), name=repr(lay.names[columns[which]])),
                                base + index + 1, columns[which] + 1)


def check_rows(source: str, lay: Layout, columns: tuple[int, int], values: np.ndarray) -> None:
    """At least two rows, and x not all the same."""
    if len(values) < 2:
        raise DataFileError(source, tr("{n} row of numbers; a fit needs at least 2").format(
            n=len(values)))
    if np.all(values[:, 0] == values[0, 0]):
        raise DataFileError(source, tr("every x (column {name}) is {x}; a curve needs at "
                                       "least two different x values").format(
            name=repr(lay.names[columns[0]]), x=f"{values[0, 0]:g}"))


def data_line(lines: list[str], row: int) -> int:
    """The index in ``lines`` of data row ``row`` (from 0), past comments and blanks."""
    seen = -1
    for index, line in enumerate(lines):
        if not is_skipped(line):
            seen += 1
            if seen == row:
                return index
    raise IndexError(row)
