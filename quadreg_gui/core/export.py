"""Writing results to files: atomically, so a crash never leaves half a file."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .history import History


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def history_csv(history: History, names: Sequence[str]) -> str:
    """CSV with one row per epoch: epoch, parameters, loss, lr, gradient."""
    header = ["epoch", *names, "loss", "lr", *(f"grad_{n}" for n in names)]
    table = np.column_stack([history.epochs, history.params, history.loss, history.lr,
                             history.grad])
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    fmt = ["%d"] + ["%.17g"] * (table.shape[1] - 1)
    np.savetxt(out, table, fmt=fmt, delimiter=",")
    return out.getvalue()
