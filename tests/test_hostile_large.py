"""Large hostile data files, made here in a temporary folder and removed after it:
each is refused by quadreg-train with its one-line message, exit status 2 and
bounded peak memory, and by the window's File > Open with the same message, the
data and the run unchanged and the GUI thread never kept waiting."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from probe import lateness

from quadreg_gui.core.files import textblocks

pytestmark = pytest.mark.heavy  # (QUADREG_HEAVY=once: CI runs it on one Python)

MIB = 1 << 20
#: quadreg-train's peak memory for any file (Python, NumPy and the process's own
#: data included; 10^7 rows kept are 160 MB).  Reading whole files, a 1000 MiB one
#: took 2 GB and a line of 100 MB 9 GB.
PEAK_MIB = 400


def rows(path: Path, mib: int) -> None:
    """``mib`` MiB of the row '3,10' under a header: about 200,000 rows a MiB."""
    block = b"3,10\n" * (MIB // 5)
    with path.open("wb") as f:
        f.write(b"x,y\n")
        for _ in range(mib):
            f.write(block)


def one_line(path: Path) -> None:
    path.write_bytes(b"1,2," * 25_000_000 + b"\n")  # 100 MB


def long_header(path: Path) -> None:
    path.write_bytes(b"x" * 10_000_000 + b",y\n1,2\n3,4\n")


def wide(path: Path) -> None:
    path.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n"
                    + ",".join("1" * 100_000) + "\n")


def sparse(path: Path) -> None:
    """A file 1 byte over the limit, taking no room on the disk."""
    with path.open("wb") as f:
        f.truncate(textblocks.MAX_BYTES + 1)


LINE_TOO_LONG = "line 1: longer than 65,536 characters; expected a header and rows of at most that"
LARGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "line.csv": (one_line, f"line.csv, {LINE_TOO_LONG}"),
    "header.csv": (long_header, f"header.csv, {LINE_TOO_LONG}"),
    "wide.csv": (wide, f"wide.csv, {LINE_TOO_LONG}"),
    "rows.csv": (lambda p: rows(p, 1000),
                 "rows.csv: more than 10,000,000 rows; at most 10,000,000 are allowed"),
    "sparse.csv": (sparse, "sparse.csv: larger than 1024 MiB; expected at most 10,000,000 "
                           "rows of text"),
}


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    for name, (make, _) in LARGE.items():
        make(folder / name)
    yield folder
    for path in folder.iterdir():
        path.unlink()


#: quadreg-train's main(), then its peak memory (the mm's own: a process's ru_maxrss
#: includes what its parent held when it was forked).
TRAIN = ("import sys\n"
         "from quadreg_gui.cli import main\n"
         "try:\n"
         "    status = main()\n"
         "finally:\n"
         "    status_file = open('/proc/self/status').read()\n"
         "    print(int(status_file.split('VmHWM:')[1].split()[0]) // 1024)\n"
         "sys.exit(status)\n")


def train(folder: Path, name: str) -> tuple[int, str, float]:
    """quadreg-train --data ``name``: its exit status, stderr and peak memory in MiB."""
    done = subprocess.run([sys.executable, "-c", TRAIN, "--data", name, "--epochs", "1"],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr, int(done.stdout.split()[-1])


LINUX = Path("/proc/self/status").exists()


@pytest.mark.skipif(not LINUX, reason="peak memory from /proc (Linux)")
@pytest.mark.parametrize("name", sorted(LARGE))
def test_quadreg_train_refuses_each_in_bounded_memory(large, name):
    status, err, peak = train(large, name)
    assert (status, err) == (2, f"quadreg-train: error: {LARGE[name][1]}\n")
    assert peak < PEAK_MIB, f"{name}: {peak:.0f} MiB"


@pytest.mark.skipif(not LINUX, reason="peak memory from /proc (Linux)")
def test_a_file_growing_while_it_is_read_is_refused_in_bounded_memory(tmp_path):
    """The issue's `while :; do printf '3,10\\n%.0s' {1..200000}; done >> g.csv`:
    once read on to 5.2 GB; now refused when 10^7 rows are counted."""
    path = tmp_path / "growing.csv"
    rows(path, 60)  # more than 10^7 rows before the writer's first: the same message always
    stop = threading.Event()

    def grow():
        block = b"3,10\n" * (MIB // 5)
        with path.open("ab") as f:
            while not stop.is_set() and f.tell() < 400 * MIB:
                f.write(block)
                f.flush()

    writer = threading.Thread(target=grow)
    writer.start()
    try:
        status, err, peak = train(tmp_path, path.name)
    finally:
        stop.set()
        writer.join()
        path.unlink()
    assert (status, err) == (2, "quadreg-train: error: growing.csv: more than 10,000,000 "
                                "rows; at most 10,000,000 are allowed\n")
    assert peak < PEAK_MIB, f"{peak:.0f} MiB"


def test_reading_stops_at_the_limit_in_a_file_growing_at_every_read(tmp_path, monkeypatch):
    """Each read appends more than it takes: the reader stops at MAX_BYTES (64 MiB
    here), having held a few blocks (1 MiB) at a time."""
    import tracemalloc

    from quadreg_gui.core.files.datafile import DataFileError, read_table

    monkeypatch.setattr(textblocks, "MAX_BYTES", 64 * MIB)
    path = tmp_path / "growing.csv"
    path.write_text("x,y\n1,2\n")
    comment = b"# " + b"-" * 1021 + b"\n"
    real_open = Path.open

    class Growing:
        def __init__(self, f):
            self.f = f

        def read(self, n):
            with real_open(path, "ab") as out:
                out.write(comment * 2048)  # 2 MiB
            return self.f.read(n)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    monkeypatch.setattr(Path, "open", lambda self, mode="r": Growing(real_open(self, mode)))
    tracemalloc.start()
    try:
        with pytest.raises(DataFileError, match=r"growing.csv: larger than 64 MiB"):
            read_table(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert path.stat().st_size > 100 * MIB and peak < 16 * MIB, peak


def peak_mib() -> float:
    """This process's peak resident memory since the last ``reset_peak()``."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def can_reset_peak() -> bool:
    try:
        reset_peak()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not can_reset_peak(), reason="peak memory from /proc (Linux)")
def test_the_window_refuses_each_without_a_stall_in_bounded_memory(qtbot, window, large,
                                                                   monkeypatch):
    monkeypatch.chdir(large)  # messages name the file as given
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    before = (window.run.config, window.run.generation, window.run.loaded)
    for name, (_, message) in LARGE.items():
        window.files.show_message("")
        reset_peak()
        start = peak_mib()
        window.files.open_data(name)
        late = lateness(qtbot, lambda: window.banner.text().startswith("Not "))
        assert window.banner.text() == f"Not opened: {message}"
        assert (window.run.config, window.run.generation, window.run.loaded) == before, name
        assert late.max() < 60, f"{name}: the GUI thread waited {late.max():.0f} ms"
        assert np.percentile(late, 99) < 20, f"{name}: p99 {np.percentile(late, 99):.0f} ms"
        assert peak_mib() - start < PEAK_MIB, f"{name}: {peak_mib() - start:.0f} MiB more"
    assert window.run.epoch == 1
