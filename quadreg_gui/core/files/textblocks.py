"""A text file read as blocks of whole lines, its limits checked as it is read.

Only a block (about a MiB) of the file is held at a time, besides what the reader
keeps of it: a 1000 MiB file of 80 million rows is refused once ten million are
counted, after 50 MB, not after reading it all (8 s and 2 GB before).  The size
limit holds for the bytes actually read, so a file that grows meanwhile is never
read past it.  Blocks end at line ends: '\\n' and '\\r' never occur inside a UTF-8
character, so each block decodes on its own.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import MAX_POINTS
from ..i18n import tr
from ..interrupt import check
from .fileerror import DataFileError

#: Bytes read at once (about 30,000 rows of two numbers, parsed in 12 ms): the
#: reading thread lets the GIL go this often.
BLOCK_BYTES = 1 << 18
#: A file larger than this is refused, before reading or as soon as read (10^7 rows
#: fit well within).
MAX_BYTES = 1 << 30
#: Bytes looked at to tell text from binary.
SNIFF_BYTES = 1 << 13
#: Lines are refused beyond this many characters.
MAX_LINE_CHARS = 1 << 16
#: ... said on the bytes, before decoding: UTF-8 takes up to 4 a character.
MAX_LINE_BYTES = 4 * MAX_LINE_CHARS + 2


@dataclass(frozen=True)
class Block:
    """Whole lines of the file (their ends kept), and where they are."""

    text: str
    line: int  # index (from 0) of the block's first line in the file
    done: float  # the part of the file read so far, 0 to 1


class TextBlocks:
    """Iterating gives the file's blocks; ``sha256`` is its digest once all were read."""

    def __init__(self, source: str, path: Path) -> None:
        self.source, self.path = source, path
        self._digest = hashlib.sha256()
        self.complete = False

    @property
    def sha256(self) -> str:
        assert self.complete, "the digest of a file read to its end"
        return self._digest.hexdigest()

    def __iter__(self) -> Iterator[Block]:
        size = self._size()
        try:
            with self.path.open("rb") as f:
                yield from self._blocks(f, size)
        except OSError as exc:
            raise self._unreadable(exc) from None

    def _size(self) -> int:
        try:
            st = self.path.stat()
        except OSError as exc:
            raise self._unreadable(exc) from None
        if not stat.S_ISREG(st.st_mode):
            raise DataFileError(self.source, tr("not a regular file (a folder or a device); "
                                                "expected a text file"))
        if st.st_size > MAX_BYTES:
            raise self._too_large()
        return st.st_size

    def _blocks(self, f, size: int) -> Iterator[Block]:
        carry = b""  # the start of a line whose end is not read yet
        read = line = 0
        first = True  # no text decoded yet (a BOM may start it)
        while True:
            check()
            piece = f.read(BLOCK_BYTES if read else max(BLOCK_BYTES, SNIFF_BYTES))
            if not read:
                self._sniff(piece)
            read += len(piece)
            if read > MAX_BYTES:  # it grew while being read
                raise self._too_large()
            self._digest.update(piece)
            raw = carry + piece
            cut = len(raw) if not piece else line_end(raw)
            chunk, carry = raw[:cut], raw[cut:]
            text = self._decode(chunk, line, first)
            first = first and not chunk
            lines = len(text.splitlines())
            if len(carry) > MAX_LINE_BYTES:
                raise DataFileError(self.source, tr(
                    "longer than {most} characters; expected a header and rows of at most "
                    "that").format(most=f"{MAX_LINE_CHARS:,}"), line + lines + 1)
            if text:
                yield Block(text, line, min(1.0, read / max(1, size)))
            line += lines
            if not piece:
                self.complete = True
                return

    def _sniff(self, start: bytes) -> None:
        """Text, not UTF-16 or binary: said on the first bytes."""
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise DataFileError(self.source, tr("UTF-16 text; save it as UTF-8 (with or "
                                                "without BOM)"))
        if b"\0" in start[:SNIFF_BYTES]:
            raise DataFileError(self.source, tr("a binary file, not text; expected CSV, TSV "
                                                "or whitespace-separated numbers"))

    def _decode(self, chunk: bytes, line: int, first: bool) -> str:
        """UTF-8 (a BOM at the file's start dropped), or the first bad byte named."""
        try:
            return chunk.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError as exc:
            column = exc.start - (chunk.rfind(b"\n", 0, exc.start) + 1) + 1
            raise DataFileError(self.source, tr(
                "byte {byte} is not UTF-8 (perhaps Latin-1); save the file as UTF-8").format(
                byte=f"0x{chunk[exc.start]:02X}"),
                line + chunk.count(b"\n", 0, exc.start) + 1, column) from None

    def _too_large(self) -> DataFileError:
        return DataFileError(self.source, tr("larger than {mib} MiB; expected at most {rows} "
                                             "rows of text").format(mib=MAX_BYTES >> 20,
                                                                    rows=f"{MAX_POINTS:,}"))

    def _unreadable(self, exc: OSError) -> DataFileError:
        problem = {errno.ENOENT: tr("no such file"),
                   errno.ELOOP: tr("a loop of symbolic links; expected a text file")}
        return DataFileError(self.source, problem.get(exc.errno) or tr(
            "cannot be read: {reason}").format(reason=exc.strerror or exc))


def line_end(raw: bytes) -> int:
    """Where the last whole line of ``raw`` ends: after its last '\\n', or after a last
    '\\r' that is not its final byte (a '\\n' may follow in the next piece); 0 if none."""
    return max(raw.rfind(b"\n"), raw.rfind(b"\r", 0, len(raw) - 1)) + 1
