"""The most memory Qt's font caches can take for the window's Chinese texts.

Run: python benchmarks/bench_glyphs.py
Qt keeps every glyph it has drawn, per font and size, for as long as the font is in
use, and reads the glyph's outline from the font's file (mapped: its pages count in
the RSS until the kernel needs them back).  So a long session in Chinese grows as
texts are first drawn (bench_soak.py: by about 2 MiB between minutes 5 and 15, then
flat), up to a ceiling: every translated text drawn in every font the window uses.
This draws each of them (resources/translations/quadreg_zh_CN.ts) at the window's
text sizes at 100 % (10, 11, 12.5 and 13 points, normal and semi-bold), then at every
scale of View > Zoom, each twice, and prints the RSS after glibc's malloc_trim,
split into the fonts' files and memory allocated: the second drawing adds nothing.
"""

from __future__ import annotations

import ctypes
import os
import re
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="quadreg-glyphs-")

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QFont, QImage, QPainter  # noqa: E402

from bench_soak import resident_by_mapping, rss_mib  # noqa: E402
from quadreg_gui.assets import resource  # noqa: E402
from quadreg_gui.gui.app import create_app  # noqa: E402
from quadreg_gui.gui.fonts import choose_ui_font  # noqa: E402
from quadreg_gui.gui.look import SCALES  # noqa: E402

#: The window's text sizes at 100 %: widgets, legends and ticks, the lesson bar, titles.
POINTS = (10, 11, 12.5, 13)
WEIGHTS = (QFont.Weight.Normal, QFont.Weight.DemiBold)


def texts() -> list[str]:
    """Every translated text of the window, as the translators wrote it."""
    source = resource("translations/quadreg_zh_CN.ts").read_text(encoding="utf-8")
    return [t for t in re.findall(r"<translation[^>]*>(.*?)</translation>", source, re.S)
            if t]


def resident() -> tuple[float, float, float]:
    """(RSS, the fonts' files, heap and anonymous memory) in MiB after malloc_trim."""
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    maps = resident_by_mapping()
    fonts = sum(kib for name, kib in maps.items() if Path(name).suffix in (".ttc", ".ttf",
                                                                           ".otf"))
    allocated = sum(kib for name, kib in maps.items() if name in ("[heap]", "[anonymous]"))
    return rss_mib(), fonts / 1024, allocated / 1024


def draw(all_texts: list[str], base: QFont, points: list[float]) -> None:
    image = QImage(2000, 200, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    for size in points:
        for weight in WEIGHTS:
            font = QFont(base)
            font.setPointSizeF(size)
            font.setWeight(weight)
            painter.setFont(font)
            for text in all_texts:
                painter.drawText(QRectF(0, 0, 2000, 200), 0, text)
    painter.end()


def main() -> None:
    app = create_app(["bench_glyphs"])
    base = choose_ui_font(app.font(), "zh_CN")
    all_texts = texts()
    chars = {c for text in all_texts for c in text if ord(c) >= 0x2E80}
    print(f"{len(all_texts)} texts, {len(chars)} distinct CJK characters, font "
          f"{base.family()}")
    every = sorted({round(p * s, 2) for p in POINTS for s in SCALES})
    start = resident()
    print("                                  RSS MiB   fonts' files   heap and anonymous")
    for label, points in (("at 100 %", list(POINTS)), ("again", list(POINTS)),
                          (f"at every scale ({len(every)} sizes)", every),
                          ("again", every)):
        draw(all_texts, base, points)
        now = resident()
        print(f"{label:<30} {now[0] - start[0]:+9.1f}   {now[1] - start[1]:+12.1f}   "
              f"{now[2] - start[2]:+18.1f}")


if __name__ == "__main__":
    main()
