"""quadreg-train against hostile input: every file of tests/data/hostile/ and the
special files made here give exit status 2, one line on stderr naming the file and
what is wrong, no traceback and no file written."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from quadreg_gui.cli import EXIT_BAD_INPUT, main
from quadreg_gui.core.files.jsonfile import MAX_BYTES

HOSTILE = Path(__file__).parent / "data" / "hostile"
EXPECTED = dict(line.split("\t", 1) for line in
                (HOSTILE / "expected.txt").read_text(encoding="utf-8").splitlines())


def refused(capsys, argv: list[str]) -> str:
    """The one line ``argv`` gets on stderr, after checking exit status 2 and no output."""
    assert main(argv) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    prefix = "quadreg-train: error: "
    assert err.startswith(prefix)
    return err[len(prefix):].rstrip("\n")


def test_the_corpus_lists_every_file():
    assert set(EXPECTED) == {p.name for p in HOSTILE.iterdir()} - {"expected.txt", "README.md"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_gets_its_message(capsys, monkeypatch, tmp_path, name):
    monkeypatch.chdir(HOSTILE)  # messages name the file as given
    out = tmp_path / "history.csv"
    option = "--config" if name.endswith(".json") else "--data"
    assert refused(capsys, [option, name, "--epochs", "5", "--history-out", str(out)]) \
        == EXPECTED[name]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def special_files(tmp: Path) -> dict[str, str]:
    """Configs that cannot be kept in Git, and the message each must get."""
    fifo = tmp / "pipe.json"
    os.mkfifo(fifo)
    huge = tmp / "huge.json"
    huge.write_text('{"lr": 0.01, "pad": "' + "x" * MAX_BYTES + '"}')
    (tmp / "zero.json").symlink_to("/dev/zero")
    (tmp / "folder.json").mkdir()
    not_regular = "not a regular file (a folder, device or pipe)"
    return {
        "/dev/zero": f"cannot read config file /dev/zero: {not_regular}",
        str(fifo): f"cannot read config file {fifo}: {not_regular}",
        str(tmp / "zero.json"): f"cannot read config file {tmp / 'zero.json'}: {not_regular}",
        str(tmp / "folder.json"): f"cannot read config file {tmp / 'folder.json'}: "
                                  f"{not_regular}",
        str(huge): f"{huge}: larger than 1 MiB; not a settings or experiment file",
        str(tmp / "missing.json"): f"cannot read config file {tmp / 'missing.json'}: "
                                   "no such file",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_special_and_endless_config_files_are_refused_unread(capsys, tmp_path):
    for path, message in special_files(tmp_path).items():
        assert refused(capsys, ["--config", path]) == message


@pytest.mark.parametrize("option", ["--config", "--data", "--history-out"])
def test_an_empty_file_name_is_refused(capsys, option):
    assert refused(capsys, [option, ""]) == f"{option} needs a file name"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_history_out_refuses_what_it_cannot_replace(capsys, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    (tmp_path / "link.csv").symlink_to(fifo)
    reason = "not a regular file (a folder, device, pipe or socket)"
    # Not /dev/null: were this to fail, a test run as root would replace it.
    for target in (fifo, tmp_path / "link.csv", tmp_path):
        assert refused(capsys, ["--epochs", "5", "--history-out", str(target)]) \
            == f"cannot write {target}: {reason}"
    assert fifo.is_fifo()


def test_history_out_writes_through_a_link_and_keeps_the_permissions(capsys, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    assert main(["--epochs", "5", "--history-out", str(link)]) == 0
    assert link.is_symlink() and real.read_text().startswith("epoch,w_after,b_after,loss_before")
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_a_new_history_file_is_as_readable_as_any_new_file(capsys, tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "new.csv"
    assert main(["--epochs", "5", "--history-out", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_loop_of_links_and_a_name_with_a_newline_are_said_in_one_line(capsys, tmp_path):
    (tmp_path / "a.csv").symlink_to("b.csv")
    (tmp_path / "b.csv").symlink_to("a.csv")
    assert refused(capsys, ["--data", str(tmp_path / "a.csv")]) \
        == f"{tmp_path}/a.csv: a loop of symbolic links; expected a text file"
    odd = tmp_path / "new\nline.csv"
    odd.write_text("x,y\n1,2\n2,5\n3,10\n")
    assert refused(capsys, ["--data", str(odd), "--x-column", "q", "--y-column", "y"]) \
        == (f"{tmp_path}/new\\nline.csv: no column 'q' for x; the columns are x, y (by "
            "name, or by number from 1)")


def test_a_long_tail_of_comments_prints_no_warning(capsys, tmp_path):
    path = tmp_path / "tail.csv"
    path.write_text("x,y\n1,2\n2,5\n3,10\n" + "# a comment\n" * 200_000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["--data", str(path), "--epochs", "2"]) == 0
    assert not caught and "Warning" not in capsys.readouterr().err


@pytest.mark.parametrize("value", ["-1e7", "-1E+7", "-5.5e6"])
def test_negative_numbers_with_exponents_are_values_not_flags(capsys, value):
    """--x-min -1e7 was "expected one argument": argparse took -1e7 for a flag."""
    assert refused(capsys, ["--x-min", value]).startswith(
        "--x-min must be a number in [-1e6, 1e6]; got -")
    assert main(["--x-min", "-2.5e0", "--epochs", "1"]) == 0


def test_a_label_that_cannot_be_written_is_escaped_not_a_traceback(capsys, tmp_path):
    """"x_label": "\\ud800" (a lone surrogate, which JSON allows) once ended the run
    with a UnicodeEncodeError in the log printer."""
    path = tmp_path / "surrogate.json"
    path.write_text('{"format": "quadreg-experiment", "version": 1, "settings": {"epochs": 3, '
                    '"data": "x.csv"}, "data": {"kind": "inline", "path": "x.csv", '
                    '"x_y": [[1, 2, 3], [2, 5, 10]], "x_label": "\\ud800"}}')
    assert main(["--config", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "In \\ud800's own units" in out and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "fork"), reason="resource limits are POSIX")
@pytest.mark.parametrize("kind", ["one 100 MB line", "a 1 MB header", "100,000 columns"])
def test_huge_lines_are_refused_within_bounded_memory(tmp_path, kind):
    """Once 70 s and 9.2 GB for the 100 MB line (and a 750 MB message): now the command
    line is refused within a 1 GiB address space, in one line."""
    import resource
    import subprocess
    import sys

    path = tmp_path / "huge.csv"
    with path.open("w") as f:
        if kind == "one 100 MB line":
            f.write("1,2," * 25_000_000 + "\n")
        elif kind == "a 1 MB header":
            f.write("x" * 1_000_000 + ",y\n1,2\n3,4\n")
        else:
            f.write(",".join("1" for _ in range(100_000)) + "\n1,2\n")

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    done = subprocess.run(
        [sys.executable, "-c", "import sys; from quadreg_gui.cli import main; "
         "sys.exit(main(sys.argv[1:]))", "--data", str(path)],
        capture_output=True, text=True, preexec_fn=bounded, timeout=60,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert done.stderr.count("\n") == 1 and "characters; expected a header and rows" \
        in done.stderr and len(done.stderr) < 300
