"""Numbers as people read them: messages, axis ticks and counts, one style everywhere.

An axis is labelled in one style for all its ticks: plain decimals ("0.05",
"20,000") while every tick fits that style, otherwise "m×10ⁿ" for all of them
("2×10⁷", "10⁻⁵"), never a mix such as 0.0001 beside 10⁻⁵.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Plain decimals are used for magnitudes in [PLAIN_MIN, PLAIN_MAX).
PLAIN_MIN, PLAIN_MAX = 1e-4, 1e7
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def format_number(x: float) -> str:
    """A bound or value in a message: 1e6 rather than 1e+06, 0.5 rather than 0.50000."""
    return f"{x:g}".replace("e+0", "e").replace("e+", "e")


def compared(a: float, b: float, digits: int = 4) -> tuple[str, str]:
    """``a`` and ``b`` with as few significant digits (at least ``digits``) as show them
    in the order they are in: never "0.5 exceeds 0.5" or "0.667 exceeds 0.6667"."""
    for d in range(digits, 18):
        shown = f"{a:.{d}g}", f"{b:.{d}g}"
        x, y = float(shown[0]), float(shown[1])
        if (x > y) == (a > b) and (x < y) == (a < b):
            return shown
    return repr(a), repr(b)


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 epoch', '2 epochs', '1,000 epochs'."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"


def _decimals(value: float, tolerance: float) -> int:
    """The fewest decimals (0 to 6) that show ``value`` within ``tolerance``."""
    for d in range(7):
        if abs(round(value, d) - value) <= tolerance:
            return d
    return 6


def _plain_fits(values: Sequence[float]) -> bool:
    nonzero = [abs(v) for v in values if v != 0]
    return all(PLAIN_MIN <= v < PLAIN_MAX for v in nonzero)


def _power_of_ten(value: float, digits: int = 3) -> tuple[str, int]:
    """(mantissa text, exponent) of a nonzero value: 2.5e-7 -> ('2.5', -7)."""
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10.0**exponent
    if round(abs(mantissa), digits - 1) >= 10:  # 9.999 rounds up to the next decade
        exponent, mantissa = exponent + 1, mantissa / 10
    return f"{mantissa:.{digits}g}", exponent


def tick_labels(values: Sequence[float], log: bool = False) -> list[str]:
    """Labels for one axis's ticks, all in one style.

    Linear axes give every label the same number of decimals; log axes give
    each its own fewest (0.01, 0.1, 1, 10).  Thousands are grouped (20,000).
    """
    values = [float(v) for v in values]
    if not values:
        return []
    if not log:  # a tick at -1e-17 between -0.5 and 0.5 is 0
        spacing = min((b - a for a, b in zip(values, values[1:]) if b > a), default=1.0)
        values = [0.0 if abs(v) <= spacing * 1e-9 else v for v in values]
    if _plain_fits(values):
        if log:
            return [_plain(v, _decimals(v, abs(v) * 1e-9)) for v in values]
        decimals = max(_decimals(v, spacing * 1e-6) for v in values)
        return [_plain(v, decimals) for v in values]
    parts = [_power_of_ten(v) if v != 0 else ("0", 0) for v in values]
    decades = all(m in ("1", "-1", "0") for m, _ in parts)
    return [_scientific(m, e, decades) for m, e in parts]


def _plain(value: float, decimals: int) -> str:
    if round(value, decimals) == 0:  # never "-0.0" for a tick at -1e-17
        value = 0.0
    return f"{value:,.{decimals}f}"


def _scientific(mantissa: str, exponent: int, decades: bool) -> str:
    if mantissa == "0":
        return "0"
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    if decades:
        return ("-" if mantissa.startswith("-") else "") + power
    return f"{mantissa}×{power}"


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest step of 1, 2 or 5 times a power of ten giving at most ``max_ticks``."""
    raw = span / max(1, max_ticks - 1)
    base = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * base >= raw:
            return m * base
    return 10 * base


def linear_ticks(lo: float, hi: float, max_ticks: int = 5) -> list[float]:
    """At least two round values in [lo, hi] (for a span as small as 1e-12 of them)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return []
    step = nice_step(hi - lo, max_ticks)
    while True:
        first = math.ceil(lo / step - 1e-9)
        ticks = [k * step for k in range(first, math.floor(hi / step + 1e-9) + 1)]
        if len(ticks) >= 2 or step < (hi - lo) * 1e-6:
            return ticks
        step = _smaller_step(step)


def _smaller_step(step: float) -> float:
    """The next smaller round step: 5 -> 2 -> 1 -> 0.5."""
    base = 10.0 ** math.floor(math.log10(step) + 1e-9)
    mantissa = round(step / base)
    return (2 if mantissa >= 5 else 1 if mantissa >= 2 else 0.5) * base


def log_ticks(lo: float, hi: float, max_labels: int = 6) -> tuple[list[float], list[float]]:
    """Ticks of a log axis over log10 range [lo, hi]: (labelled, unlabelled), in log10 units.

    Labels at 1, 2 and 5 times each power of ten when there is room; else at
    whole decades when two or more are in range (every k-th one if they are
    many); else at 1, 2 and 5, then every digit, then round values of a linear
    scale: always at least two, never more than ``max_labels``.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [], []
    max_labels = max(2, max_labels)
    decades = list(range(math.ceil(lo), math.floor(hi) + 1))
    if len(decades) >= 2:
        with_halves = _mantissa_ticks(lo, hi, (1, 2, 5))
        if len(with_halves) <= max_labels:  # room for 2 and 5 too (0.2, 0.5 below 1)
            return with_halves, [t for t in _mantissa_ticks(lo, hi, range(2, 10))
                                 if t not in with_halves]
        step = math.ceil(len(decades) / max_labels)
        labelled = [float(d) for d in decades if d % step == 0]
        if len(labelled) < 2:
            labelled = [float(d) for d in decades[:: max(1, len(decades) - 1)]]
        if step == 1:
            minor = _mantissa_ticks(lo, hi, range(2, 10))
        else:
            minor = [float(d) for d in decades if float(d) not in labelled]
        return labelled, minor
    for mantissas in ((1, 2, 5), range(1, 10)):
        labelled = _mantissa_ticks(lo, hi, mantissas)
        if len(labelled) >= 2:
            labelled = labelled[:: math.ceil(len(labelled) / max_labels)]
            minor = [t for t in _mantissa_ticks(lo, hi, range(1, 10)) if t not in labelled]
            return labelled, minor
    values = linear_ticks(10.0**lo, 10.0**hi, max(2, min(max_labels, 4)))
    return [math.log10(v) for v in values if v > 0], []


def _mantissa_ticks(lo: float, hi: float, mantissas: Sequence[int]) -> list[float]:
    ticks = [math.log10(m) + k for k in range(math.floor(lo) - 1, math.ceil(hi) + 1)
             for m in mantissas]
    eps = 1e-12 * max(1.0, abs(lo), abs(hi))
    return [t for t in ticks if lo - eps <= t <= hi + eps]
