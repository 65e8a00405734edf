"""The one place user-visible text is translated: ``tr("source text")``.

The core does not import Qt, so it cannot call Qt's translator itself: ``tr``
returns the English source until a front end installs a translation function.
The window installs Qt's (``QCoreApplication.translate``, context "": what
``pyside6-lupdate`` files a plain ``tr()`` call under); ``quadreg-train`` stays
English.  Texts with values use named fields: ``tr("{n} points").format(n=n)``,
so that a translation may put them in another order.

``tr`` remembers the source of every text it returned, so that a text set once
(a label, a menu) can be found again and set in another language: ``source_of``.
"""

from __future__ import annotations

from collections.abc import Callable

#: The languages shown, each named in itself (as a language menu lists them).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"


def normalize(code: str) -> str | None:
    """'zh_CN', 'zh-cn', 'zh', 'zh_CN.UTF-8' -> 'zh_CN'; 'en_GB' -> 'en'; unknown -> None."""
    base = code.split(".")[0].split("@")[0].replace("-", "_")
    for known in LANGUAGES:
        if base.lower() == known.lower() or base.split("_")[0].lower() == known.split("_")[0]:
            return known
    return None


_translate: Callable[[str], str] = str
#: Every text ``tr`` returned -> its source; as many entries as there are sources
#: and languages shown (a few hundred), not as there are calls.
_sources: dict[str, str] = {}


def tr(text: str) -> str:
    """``text`` in the current language (the English source when there is no translation)."""
    translated = _translate(text)
    _sources.setdefault(translated, text)
    return translated


def source_of(text: str) -> str | None:
    """The source of a text ``tr`` returned in any language, or None (e.g. a text with
    values filled in, or a file's name)."""
    return _sources.get(text)


def set_translator(translate: Callable[[str], str] | None) -> None:
    """Route every ``tr`` through ``translate``; None returns to English sources."""
    global _translate
    _translate = translate or str


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 (the name pyside6-lupdate looks for)
    """Marks ``text`` for translation where it is defined (a table of names); it is
    translated with ``tr`` where it is shown."""
    return text


def count(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (translated templates with a field ``{n}``) for ``n``, which is
    written with thousands separators: count(3, tr("{n} epoch"), tr("{n} epochs"))."""
    return (one if n == 1 else many).format(n=f"{n:,}")
