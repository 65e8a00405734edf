"""Writing results to files: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from .history import Rows


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A text file written beside ``path`` and renamed over it when the block ends
    without an error; after an error the temporary file is removed and ``path`` is
    untouched."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def history_header(names: Sequence[str]) -> str:
    """The CSV header: epoch, parameters, loss, lr, gradient."""
    return ",".join(["epoch", *names, "loss", "lr", *(f"grad_{n}" for n in names)]) + "\n"


def history_csv_rows(rows: Rows) -> str:
    """CSV lines for ``rows``, one per epoch, numbers written to full precision."""
    table = np.column_stack([rows.epochs, rows.params, rows.loss, rows.lr, rows.grad])
    out = io.StringIO()
    np.savetxt(out, table, fmt=["%d"] + ["%.17g"] * (table.shape[1] - 1), delimiter=",")
    return out.getvalue()
