"""Writing results to files: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import glob
import io
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from ..training.history import Rows
from ..training.trainer import MAX_RUN, Trainer


class NotAFile(OSError):
    """The path names a folder, device, pipe or socket: nothing to replace."""


def writable_target(path: str | os.PathLike[str]) -> Path:
    """Where writing ``path`` goes: through a symbolic link to the file it names (as
    an editor saves); NotAFile for anything but a regular file or a new name."""
    if not os.fspath(path):
        raise NotAFile(errno.EINVAL, "no file name given")
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        raise NotAFile(errno.EINVAL, "not a regular file (a folder, device, pipe or socket)")
    return target


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO]:
    """A file (text, or bytes if ``binary``) written beside ``path`` and renamed over it
    when the block ends without an error; after an error the temporary file is
    removed and ``path`` is untouched.  A symbolic link is written through; the new
    file keeps the old one's permissions (a new one gets the umask's)."""
    target = writable_target(path)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    fd, tmp = _temporary_beside(target)
    try:
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline="")) as f:
            yield f
            f.flush()
            if mode is not None:
                os.chmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[str]:
    """A temporary file's name beside ``path``, for a writer that wants a name (ffmpeg),
    renamed over ``path`` when the block ends without an error; after an error it is
    removed and ``path`` is untouched (as ``atomic_file``)."""
    target = writable_target(path)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    fd, tmp = _temporary_beside(target)
    os.close(fd)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _temporary_beside(target: Path) -> tuple[int, str]:
    """A new file in ``target``'s folder, created with mode 0666 less the umask (not
    mkstemp's 0600: the file it becomes should be as readable as any new file)."""
    while True:
        tmp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, _NEW_FILE, 0o666), str(tmp)
        except FileExistsError:
            continue


def remove_partial(path: str | os.PathLike[str], since: float) -> list[str]:
    """Remove what a writer of ``path`` that was killed left: its temporary files made
    at ``since`` (``time.time()``) or later.  Returns their names."""
    target = Path(os.path.realpath(path))
    removed = []
    for tmp in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        suffix = tmp.name[len(target.name) + 2:-len(".tmp")]
        try:
            if len(suffix) == 8 and tmp.stat().st_mtime >= since - 1:
                tmp.unlink()
                removed.append(str(tmp))
        except OSError:
            continue
    return removed


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """``data`` to ``path`` atomically (images)."""
    with atomic_file(path, binary=True) as f:
        f.write(data)


def history_header(names: Sequence[str]) -> str:
    """The CSV header: epoch, the parameters after it, the loss at its start, its lr,
    the gradient at its start (as the article's log line pairs them); the names say so."""
    return ",".join(["epoch", *(f"{n}_after" for n in names), "loss_before", "lr",
                     *(f"grad_{n}_before" for n in names)]) + "\n"


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
