"""Reading data files: the corpus of well-formed and malformed files in tests/data."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.data import Scaling, make_dataset
from quadreg_gui.core.files import datafile, textblocks
from quadreg_gui.core.files.datafile import (
    EXAMPLES,
    ColumnChoiceNeeded,
    DataFileError,
    column_names,
    read_table,
)
from quadreg_gui.core.training.model import MODELS
from quadreg_gui.core.training.trainer import Trainer

DATA = Path(__file__).parent / "data"

PARSED = {  # file: (x, y, x_label, y_label)
    "bom.csv": ([1, 2, 3], [2, 5, 10], "x", "y"),
    "crlf.csv": ([1, 2, 3], [2, 5, 10], "x", "y"),
    "semicolons.csv": ([1, 2, 3], [2, 5, 10], "x", "y"),
    "quoted.csv": ([1, 2, 3], [2, 5, 10], "x", "y"),
    "trailing_commas.csv": ([1, 2, 3], [2, 5, 10], "x", "y"),
    "comments.tsv": ([1, 2, 3], [2, 5, 10], "column 1", "column 2"),
    "whitespace.txt": ([1, 2, 3], [2, 5, 10], "column 1", "column 2"),
}

REJECTED = {  # file: the whole message
    "nan.csv": "nan.csv, line 3, column 2: 'nan' is not a finite number; expected a number "
               "such as 1.5 for 'y'",
    "inf.csv": "inf.csv, line 3, column 2: 'inf' is not a finite number; expected a number "
               "such as 1.5 for 'y'",
    "text_cell.csv": "text_cell.csv, line 3, column 2: 'abc' is not a number; expected a "
                     "number such as 1.5 for 'y'",
    "ragged.csv": "ragged.csv, line 3, column 2: 1 cell where 2 or more were expected (no "
                  "'y' value)",
    "header_only.csv": "header_only.csv: a header but no rows of numbers; expected rows of x "
                       "and y numbers under it",
    "one_row.csv": "one_row.csv: 1 row of numbers; a fit needs at least 2",
    "empty.csv": "empty.csv: the file is empty; expected rows of x and y numbers",
    "binary.csv": "binary.csv: a binary file, not text; expected CSV, TSV or "
                  "whitespace-separated numbers",
    "latin1.csv": "latin1.csv, line 1, column 5: byte 0xE9 is not UTF-8 (perhaps Latin-1); "
                  "save the file as UTF-8",
    "same_x.csv": "same_x.csv: every x (column 'x') is 4; a curve needs at least two "
                  "different x values",
    "decimal_comma.csv": "decimal_comma.csv, line 2, column 1: '1,5' is not a number; "
                         "expected a number such as 1.5 (a decimal point, not a comma)",
}


@pytest.mark.parametrize("name", sorted(PARSED))
def test_well_formed_files_parse(name, monkeypatch):
    monkeypatch.chdir(DATA)
    x, y, x_label, y_label = PARSED[name]
    table = read_table(name)
    np.testing.assert_array_equal(table.x, x)
    np.testing.assert_array_equal(table.y, y)
    assert (table.x_label, table.y_label, table.name) == (x_label, y_label, name)


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_malformed_files_are_named_with_line_and_column(name, monkeypatch):
    monkeypatch.chdir(DATA)
    with pytest.raises(DataFileError) as info:
        read_table(name)
    assert str(info.value) == REJECTED[name]


@pytest.mark.parametrize("block", [1, 3, 7, 64])
def test_blocks_of_any_size_read_the_corpus_alike(block, monkeypatch):
    """Lines split between blocks (a CR and its LF, a BOM, a UTF-8 character, a bad
    byte): the same values and the same messages as read at once."""
    monkeypatch.chdir(DATA)
    monkeypatch.setattr(textblocks, "BLOCK_BYTES", block)
    for name, (x, y, x_label, y_label) in PARSED.items():
        table = read_table(name)
        assert (table.x.tolist(), table.y.tolist(), table.x_label, table.y_label) == (
            x, y, x_label, y_label), name
        assert table.sha256 == hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    for name, message in REJECTED.items():
        with pytest.raises(DataFileError) as info:
            read_table(name)
        assert str(info.value) == message, name


def test_old_mac_line_ends_are_lines_however_long_the_file(tmp_path):
    """CR alone ends a line: a file of them is not one line of 300 KB."""
    path = tmp_path / "mac.csv"
    path.write_bytes(b"x,y\r" + b"".join(b"%d,%d\r" % (i, i * i) for i in range(30_000)))
    table = read_table(str(path))
    assert len(table.x) == 30_000 and table.y[-1] == 29_999 ** 2


def test_every_corpus_file_is_covered():
    assert {p.name for p in DATA.iterdir() if p.is_file()} == set(PARSED) | set(REJECTED) | {
        "four_columns.csv"}


def test_more_than_two_numeric_columns_need_a_choice(monkeypatch):
    monkeypatch.chdir(DATA)
    with pytest.raises(ColumnChoiceNeeded) as info:
        read_table("four_columns.csv")
    assert info.value.names == ("speed", "dist", "year")
    assert column_names("four_columns.csv") == ("speed", "dist", "year")
    by_name = read_table("four_columns.csv", "speed", "dist")
    by_number = read_table("four_columns.csv", "2", "3")
    for table in (by_name, by_number):
        np.testing.assert_array_equal(table.x, [4, 7, 8])
        np.testing.assert_array_equal(table.y, [2, 4, 16])
    with pytest.raises(DataFileError, match="does not hold numbers"):
        read_table("four_columns.csv", "name", "dist")
    with pytest.raises(DataFileError, match=r"no column 'weight' for y; the columns are name, "
                                            r"speed, dist, year"):
        read_table("four_columns.csv", "speed", "weight")
    with pytest.raises(DataFileError, match="both columns"):
        read_table("four_columns.csv", "speed", "")


def test_missing_files_folders_and_devices_are_named(tmp_path):
    with pytest.raises(DataFileError, match="nope.csv: no such file"):
        read_table(str(tmp_path / "nope.csv"))
    with pytest.raises(DataFileError, match="not a regular file"):
        read_table(str(tmp_path))
    with pytest.raises(DataFileError, match="not a regular file"):
        read_table("/dev/zero")
    with pytest.raises(DataFileError, match="no such example; the examples are example:cars, "
                                            "example:galileo"):
        read_table("example:moon")


def test_a_bad_cell_deep_in_a_large_file_is_found(tmp_path):
    lines = ["x,y"] + [f"{i},{2 * i}" for i in range(100_000)]
    lines[77_778] = "77777,2x"
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataFileError) as info:
        read_table(str(path))
    assert (info.value.line, info.value.column) == (77_779, 2)


def test_large_files_report_progress_and_parse_exactly(tmp_path):
    rng = np.random.default_rng(1)
    values = rng.normal(size=(100_000, 2))
    path = tmp_path / "normal.csv"
    np.savetxt(path, values, delimiter=",", header="a,b", comments="", fmt="%.17g")
    seen: list[float] = []
    table = read_table(str(path), progress=seen.append)
    np.testing.assert_array_equal(np.column_stack([table.x, table.y]), values)
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 1.0


@pytest.mark.parametrize("text, message", [
    # A European CSV without a header: once read as x = [2, 3, 4] under a "header" 1,5;2,3.
    ("1,5;2,3\n2,5;9,1\n3,5;2,2\n", "e.csv, line 1, column 1: '1,5' is not a number; expected "
     "a number such as 1.5 (a decimal point, not a comma)"),
    # A typo in the first row: once dropped as a "header" without a word.
    ("1,2x\n2,5\n3,10\n", "e.csv, line 1, column 2: '2x' is not a number; expected a number "
     "such as 1.5"),
])
def test_a_first_row_with_a_number_is_data_never_a_header(tmp_path, text, message):
    path = tmp_path / "e.csv"
    path.write_text(text)
    with pytest.raises(DataFileError) as info:
        read_table(str(path))
    assert str(info.value) == f"{tmp_path}/{message}"


@pytest.mark.parametrize("text, cell", [("x,y\n1e308,1\n-1e308,2\n5e307,3\n", "'1e308'"),
                                        ("x,y\n1,2\n2,1e154\n3,5\n", "'1e154'")])
def test_numbers_too_large_to_fit_are_refused_by_name(tmp_path, text, cell):
    """Once: a final loss of 5.91 against an optimum of 1.0, and NaN ranges in the window."""
    path = tmp_path / "edge.csv"
    path.write_text(text)
    with pytest.raises(DataFileError) as info:
        read_table(str(path))
    assert str(info.value).startswith(f"{path}, line ")
    assert f": {cell} is too large for " in str(info.value)
    assert "expected numbers within ±1e50" in str(info.value)


def test_the_table_says_which_line_named_its_columns(tmp_path):
    named = tmp_path / "named.csv"
    named.write_text("# speeds\nspeed,dist\n4,2\n7,4\n")
    assert read_table(str(named)).notice == "x from 'speed', y from 'dist', named in line 2."
    bare = tmp_path / "bare.csv"
    bare.write_text("4,2\n7,4\n")
    assert read_table(str(bare)).notice == "x from column 1, y from column 2; no header line."


def test_one_huge_line_is_refused_before_it_is_split(tmp_path):
    """Once a 100 MB line of `1,2,...` was split into 50,000,000 column names (9 GB)."""
    path = tmp_path / "line.csv"
    path.write_text("1,2," * 500_000 + "\n")
    with pytest.raises(DataFileError) as info:
        read_table(str(path))
    assert str(info.value) == (f"{path}, line 1: longer than 65,536 characters; expected a "
                               "header and rows of at most that")
    header = tmp_path / "header.csv"  # after a comment: found once split into lines
    header.write_text("# a comment\n" + "x" * 100_000 + ",y\n1,2\n3,4\n")
    with pytest.raises(DataFileError) as info:
        read_table(str(header))
    assert str(info.value) == (f"{header}, line 2: a line of 100,002 characters; expected a "
                               "header and rows of at most 65,536")


def test_columns_are_bounded_and_long_names_shortened_in_every_message(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(2000)) + "\n" + ",".join("1" * 2000) + "\n")
    with pytest.raises(DataFileError, match=r"wide.csv, line 1: 2,000 columns; at most 1,000 "
                                            r"are read"):
        read_table(str(wide))
    many = tmp_path / "many.csv"
    many.write_text(",".join(f"c{i}" for i in range(500)) + "\n" + ",".join("1" * 500) + "\n")
    with pytest.raises(ColumnChoiceNeeded) as info:
        read_table(str(many))
    assert len(info.value.names) == 500
    assert str(info.value).endswith("c10, c11 and 488 more); choose which is x and which is y")
    named = tmp_path / "named.csv"
    named.write_text("x" * 5000 + ",y\n1,2\n3,4\n")
    table = read_table(str(named))
    assert table.x_label == "x" * 59 + "…" and table.y_label == "y"


def test_a_file_growing_while_it_is_read_stops_at_the_limit(tmp_path, monkeypatch):
    """The size is checked before reading and again by what was read: a file that grows
    meanwhile (here: one that says it is small) is never read past the limit."""
    path = tmp_path / "growing.csv"
    path.write_text("x,y\n" + "3,10\n" * 1000)
    monkeypatch.setattr(textblocks, "MAX_BYTES", 1000)
    real_stat = Path.stat

    def small(self, *args, **kwargs):
        st = real_stat(self, *args, **kwargs)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(Path, "stat", small)
    with pytest.raises(DataFileError, match="growing.csv: larger than 0 MiB"):
        read_table(str(path))


def test_too_many_rows_are_refused_as_soon_as_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(datafile, "MAX_POINTS", 1000)
    monkeypatch.setattr(textblocks, "BLOCK_BYTES", 1000)
    path = tmp_path / "rows.csv"
    path.write_text("x,y\n" + "3,10\n" * 20_000)
    seen: list[float] = []
    with pytest.raises(DataFileError, match="rows.csv: more than 1,000 rows; at most 1,000 "
                                            "are allowed"):
        read_table(str(path), progress=seen.append)
    assert max(seen, default=0.0) < 0.1  # not after parsing them all


def test_examples_hold_the_published_data():
    """The facts of shared/reference/datasets/README.md: cars has 50 rows with mean speed
    15.4 mph and mean distance 42.98 ft; Galileo's 7 rows as Drake and MacLachlan give them."""
    cars = read_table("example:cars")
    assert len(cars.x) == 50 and (cars.x_label, cars.y_label) == ("speed_mph",
                                                                  "stopping_distance_ft")
    assert (np.mean(cars.x), np.mean(cars.y)) == pytest.approx((15.4, 42.98), abs=1e-12)
    galileo = read_table("example:galileo")
    np.testing.assert_array_equal(galileo.x, [100, 200, 300, 450, 600, 800, 1000])
    np.testing.assert_array_equal(galileo.y, [253, 337, 395, 451, 495, 534, 573])
    for name in ("cars", "galileo"):
        assert EXAMPLES[name].notice and EXAMPLES[name].model == "quadratic"


def test_cars_optimum_equals_lstsq_and_a_default_start_converges():
    """Standardized x: the optimum on z, put back on x, is lstsq's on x itself."""
    table = read_table("example:cars")
    config = TrainConfig(data="example:cars", model="quadratic")
    trainer = Trainer(config)
    scaling = trainer.data.scaling
    design = np.stack([table.x**2, table.x, np.ones_like(table.x)], axis=1)
    expected = np.linalg.lstsq(design, table.y, rcond=None)[0]
    np.testing.assert_allclose(scaling.original(trainer.model, trainer.objective.optimum),
                               expected, rtol=1e-9)
    from quadreg_gui.core.analysis.race import default_lr
    lr, _ = default_lr(trainer.objective, config, trainer.initial)
    trainer.update(config.replace(lr=lr))
    trainer.run(config.epochs)
    excess = trainer.loss - trainer.objective.min_loss
    assert trainer.diverged_at is None and excess < 1e-6 * trainer.objective.min_loss


@pytest.mark.parametrize("model", ["article", "quadratic"])
def test_scaling_undoes_exactly_what_it_does(model):
    x = np.array([100.0, 140.0, 190.0, 260.0])
    m = MODELS[model]
    scaling = Scaling.of(x, m)
    theta = np.array([0.7, -0.2, 1.3])[:m.n_params]
    z = scaling.apply(x)
    # The same curve: the model on z with theta, on x with the original coefficients.
    np.testing.assert_allclose(m.predict(scaling.original(m, theta), x), m.predict(theta, z),
                               rtol=1e-12)
    np.testing.assert_allclose(scaling.undo(z), x, rtol=1e-15)
    if model == "article":
        assert scaling.shift == 0  # w*x^2 + b has no x term to absorb a shift


def test_standardize_follows_the_setting():
    assert make_dataset(TrainConfig(data="example:galileo")).scaling is not None
    assert make_dataset(TrainConfig(data="example:galileo", standardize="off")).scaling is None
    assert make_dataset(TrainConfig()).scaling is None
    assert make_dataset(TrainConfig(standardize="on")).scaling is not None
    assert TrainConfig(data="example:article").data == ""


def test_a_block_is_parsed_in_parts_with_a_check_between(tmp_path):
    """NumPy's parser holds the GIL for a whole call: a block of 256 KiB is parsed
    PARSE_LINES lines at a time, core.interrupt.check() between (the window's reading
    thread pauses there for the GUI thread).  The rows are those of one call, and a bad
    cell in a later part is still named by its line and column."""
    from quadreg_gui.core.interrupt import install

    n = 5 * datafile.PARSE_LINES + 7
    x = np.arange(n) / 8 - 300  # (exact in decimal: short lines)
    lines = [f"{a!r},{2 * a * a + 1!r}" for a in x.tolist()]
    path = tmp_path / "rows.csv"
    path.write_text("x,y\n" + "\n".join(lines) + "\n")
    assert path.stat().st_size < textblocks.BLOCK_BYTES  # one block
    checks = []
    install(lambda: checks.append(1) or False)
    try:
        table = read_table(str(path))
    finally:
        install(None)
    assert len(checks) >= 5
    np.testing.assert_array_equal(table.x, x)
    np.testing.assert_array_equal(table.y, 2 * x * x + 1)
    bad = lines.copy()
    bad[3 * datafile.PARSE_LINES + 2] = "1.5,2x"
    path.write_text("x,y\n" + "\n".join(bad) + "\n")
    with pytest.raises(DataFileError, match=f"line {3 * datafile.PARSE_LINES + 4}, column 2"):
        read_table(str(path))
