"""The one place user-visible text is translated: ``tr("source text")``.

The core does not import Qt, so it cannot call Qt's translator itself: ``tr``
returns the English source until a front end installs a translation function.
The window installs Qt's (``QCoreApplication.translate``, context "": what
``pyside6-lupdate`` files a plain ``tr()`` call under); ``quadreg-train`` stays
English.  Texts with values use named fields: ``tr("{n} points").format(n=n)``,
so that a translation may put them in another order.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] = str


def tr(text: str) -> str:
    """``text`` in the current language (the English source when there is no translation)."""
    return _translate(text)


def set_translator(translate: Callable[[str], str] | None) -> None:
    """Route every ``tr`` through ``translate``; None returns to English sources."""
    global _translate
    _translate = translate or str
