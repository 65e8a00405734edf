"""Writing results to files: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from .history import Rows
from .trainer import MAX_RUN, Trainer


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO]:
    """A file (text, or bytes if ``binary``) written beside ``path`` and renamed over it
    when the block ends without an error; after an error the temporary file is
    removed and ``path`` is untouched."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline="")) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """``data`` to ``path`` atomically (images)."""
    with atomic_file(path, binary=True) as f:
        f.write(data)


def history_header(names: Sequence[str]) -> str:
    """The CSV header: epoch, parameters, loss, lr, gradient."""
    return ",".join(["epoch", *names, "loss", "lr", *(f"grad_{n}" for n in names)]) + "\n"


def history_csv_rows(rows: Rows) -> str:
    """CSV lines for ``rows``, one per epoch, numbers written to full precision."""
    table = np.column_stack([rows.epochs, rows.params, rows.loss, rows.lr, rows.grad])
    out = io.StringIO()
    np.savetxt(out, table, fmt=["%d"] + ["%.17g"] * (table.shape[1] - 1), delimiter=",")
    return out.getvalue()


def stream_history(trainer: Trainer, epochs: int, write: Callable[[str], object] | None) -> None:
    """Run ``epochs`` epochs in pieces; ``write`` (if given) gets every epoch's CSV
    line as it is made, so a run of any length needs the same memory."""
    if write is not None:
        write(history_header(trainer.model.params))
    done = 0
    while done < epochs:
        asked = min(MAX_RUN, epochs - done)
        ran = trainer.run(asked)
        if write is not None and ran:
            write(history_csv_rows(trainer.history.rows(len(trainer.history) - ran)))
        done += ran
        if ran < asked:  # diverged
            return


def write_history(path: str | os.PathLike[str], trainer: Trainer) -> bool:
    """Every epoch ``trainer`` has run, as CSV; True when that is every epoch.

    A long run keeps only a summary of its middle; without live changes of settings
    the run is replayed from its start (the same numbers, epoch for epoch), else the
    epochs kept are written and False returned.
    """
    history = trainer.history
    with atomic_file(path) as out:
        if history.full_resolution:
            out.write(history_header(trainer.model.params))
            if len(history):
                out.write(history_csv_rows(history.rows(0)))
            return True
        if not trainer.changes:
            replay = Trainer(trainer.config, trainer.data)
            stream_history(replay, trainer.epoch, out.write)
            return True
        out.write(history_header(trainer.model.params))
        out.write(history_csv_rows(history.rows(0)))
        return False
