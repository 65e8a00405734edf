"""Number formats and tick placement: one style per axis, never fewer than two labels."""

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quadreg_gui.core.labels import stack_labels
from quadreg_gui.core.numformat import (
    compared,
    format_number,
    linear_ticks,
    log_ticks,
    plural,
    tick_labels,
)

SCIENTIFIC = re.compile(r"^-?(\d+(\.\d+)?×)?10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$|^0$")
PLAIN = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$")


def parse(label: str) -> float:
    """Read a label back, as a reader of the axis would."""
    sup = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
    if "10" in label and any(c in label for c in "⁰¹²³⁴⁵⁶⁷⁸⁹"):
        mant, _, power = label.rpartition("10")
        sign = -1.0 if mant.startswith("-") else 1.0
        mant = mant.strip("-").rstrip("×") or "1"
        return sign * float(mant) * 10.0 ** int(power.translate(sup))
    return float(label.replace(",", ""))


def test_format_number_and_plural():
    assert format_number(1e6) == "1e6" and format_number(0.5) == "0.5"
    assert format_number(1e-5) == "1e-05"
    assert plural(1, "epoch") == "1 epoch" and plural(2, "epoch") == "2 epochs"
    assert plural(10_000, "epoch") + "/s" == "10,000 epochs/s"
    assert plural(1, "point") == "1 point" and plural(0, "point") == "0 points"


@pytest.mark.parametrize("values", [
    [0, 200, 400, 600, 800],
    [-1, -0.5, 0, 0.5, 1],
    [0, 250_000, 500_000, 750_000, 1_000_000],
    [0.0001, 0.0002, 0.0003],
    [0, 2e7, 4e7, 6e7, 8e7, 1e8],
    [1e-5, 1e-4, 1e-3],
    [2.5e-7, 5e-7, 7.5e-7],
])
def test_linear_labels_are_one_style_and_read_back(values):
    labels = tick_labels(values)
    styles = {bool(PLAIN.match(s)) for s in labels if s != "0"}
    assert len(styles) == 1, labels  # never plain beside scientific
    assert all(PLAIN.match(s) or SCIENTIFIC.match(s) for s in labels), labels
    for v, s in zip(values, labels):
        assert parse(s) == pytest.approx(v, rel=1e-9, abs=1e-15), (v, s)
    assert len(set(labels)) == len(labels)


def test_linear_labels_examples():
    assert tick_labels([0, 200, 400, 600, 800]) == ["0", "200", "400", "600", "800"]
    assert tick_labels([-1, -0.5, -1e-17, 0.5, 1]) == ["-1.0", "-0.5", "0.0", "0.5", "1.0"]
    assert tick_labels([0, 500_000, 1_000_000]) == ["0", "500,000", "1,000,000"]
    assert tick_labels([1e-5, 1e-4, 1e-3]) == ["10⁻⁵", "10⁻⁴", "10⁻³"]
    assert tick_labels([0, 5e7, 1e8]) == ["0", "5×10⁷", "1×10⁸"]


def test_log_labels_use_fewest_decimals_and_one_style():
    values = [10.0**k for k in range(-2, 4)]
    assert tick_labels(values, log=True) == ["0.01", "0.1", "1", "10", "100", "1,000"]
    assert tick_labels([1e-5, 1e-4, 1e-3, 1e-2], log=True) == ["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²"]
    assert tick_labels([0.2, 0.5, 1, 2], log=True) == ["0.2", "0.5", "1", "2"]


@pytest.mark.parametrize("lo,hi", [
    (math.log10(0.05), math.log10(0.5)),     # the launch range that had no label below 1
    (math.log10(0.16), math.log10(0.19)),    # a loss settling near 0.17: less than a digit
    (math.log10(0.1670), math.log10(0.1671)),  # a tiny range
    (-1, 3), (-5, 1), (-300, 300), (2.3, 2.31), (0.01, 0.99),
])
@pytest.mark.parametrize("max_labels", [2, 4, 8])
def test_log_ticks_label_at_least_two_values_in_range_without_crowding(lo, hi, max_labels):
    labelled, minor = log_ticks(lo, hi, max_labels)
    assert len(labelled) >= 2
    assert len(labelled) <= max(max_labels, 4)
    assert all(lo - 1e-9 <= t <= hi + 1e-9 for t in labelled + minor)
    assert labelled == sorted(labelled) and not set(labelled) & set(minor)
    labels = tick_labels([10.0**t for t in labelled], log=True)
    assert len(set(labels)) == len(labels), labels  # distinct: no "10¹/9/8/7" pile-up
    assert len({bool(PLAIN.match(s)) for s in labels if s != "0"}) <= 1


def test_log_ticks_below_one_are_labelled():
    labelled, _ = log_ticks(math.log10(0.05), math.log10(0.5), 6)
    values = [round(10.0**t, 12) for t in labelled]
    assert values == [0.1, 0.2, 0.5] or values[:2] == [0.05, 0.1]
    assert all(v < 1 for v in values)


def test_linear_ticks_always_two_round_values():
    for lo, hi in [(0, 1), (0.1667, 0.1671), (3.0, 3.0 + 1e-9), (-7, 1e6)]:
        ticks = linear_ticks(lo, hi, 5)
        assert len(ticks) >= 2 and all(lo - 1e-12 <= t <= hi + 1e-12 for t in ticks)
        steps = np.diff(ticks)
        np.testing.assert_allclose(steps, steps[0], rtol=1e-6)


def test_stack_labels_never_overlap():
    rng = np.random.default_rng(3)
    lefts = rng.uniform(0, 500, 40)
    widths = rng.uniform(20, 80, 40)
    rows = stack_labels(lefts, widths, 3, gap=4)
    for row in range(3):
        spans = sorted((lefts[i], lefts[i] + widths[i]) for i, r in enumerate(rows) if r == row)
        for (a0, a1), (b0, _) in zip(spans, spans[1:]):
            assert a1 + 4 <= b0
    assert any(r is None for r in rows)  # 40 wide labels in 500 px: some cannot be shown
    assert stack_labels([0, 10, 200], [50, 50, 50], 2) == [0, 1, 0]


@given(st.floats(1e-12, 1e12), st.floats(0.5, 2.0))
def test_compared_numbers_show_the_order_they_are_in(limit, factor):
    """'lr 0.5 exceeds the stable limit 0.5' and '0.667 exceeds 0.6667' were said."""
    lr = limit * factor
    shown_lr, shown_limit = compared(lr, limit)
    assert (float(shown_lr) > float(shown_limit)) == (lr > limit)
    assert (float(shown_lr) < float(shown_limit)) == (lr < limit)
    assert compared(0.667, 0.6667) == ("0.667", "0.6667")
    assert compared(0.5000001, 0.5) == ("0.5000001", "0.5")


def test_a_rate_at_its_limit_is_not_said_to_exceed_it():
    from quadreg_gui.core.logformat import unstable_lr_message

    assert unstable_lr_message(0.5, 0.5, "gd") == (
        "lr 0.5 is the stable limit for this data and gradient descent: it will swing "
        "without converging.")
    assert unstable_lr_message(0.66669, 0.6667, "gd") == ""
    assert unstable_lr_message(0.6667001, 0.6667, "gd").startswith(
        "lr 0.6667001 exceeds the stable limit 0.6667 ")
