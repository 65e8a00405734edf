"""Fonts chosen for the language shown, not for the system's locale.

Under a Chinese or Japanese locale fontconfig makes a CJK font Qt's default:
English text set in it has taller rows and a full-width middle dot ("w・x²").
While the window is in English it gets a Latin font; Chinese characters still
render, through Qt's font fallback.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

#: Latin UI families, most preferred first (the first installed one is used).
LATIN_FAMILIES = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Cantarell", "Ubuntu",
                  "Segoe UI", "Arial", "Helvetica")
_CJK = {QFontDatabase.WritingSystem.SimplifiedChinese,
        QFontDatabase.WritingSystem.TraditionalChinese,
        QFontDatabase.WritingSystem.Japanese, QFontDatabase.WritingSystem.Korean}


def is_cjk_family(family: str) -> bool:
    return bool(set(QFontDatabase.writingSystems(family)) & _CJK)


def choose_ui_font(font: QFont, language: str = "en") -> QFont:
    """``font`` itself, or a Latin font of the same size when the UI is not in a CJK
    language but ``font`` resolves to a CJK family."""
    if language.split("_")[0] in ("zh", "ja", "ko") or not is_cjk_family(QFontInfo(font).family()):
        return font
    installed = set(QFontDatabase.families())
    for family in LATIN_FAMILIES:
        if family in installed:
            latin = QFont(font)
            latin.setFamilies([family])
            return latin
    return font
