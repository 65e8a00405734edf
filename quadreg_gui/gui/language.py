"""The window's language: Qt translators for our texts and Qt's own, switched at run time.

Our texts are ``resources/translations/quadreg_<code>.qm``, compiled from the
``.ts`` sources beside them (see ``translations/README.md``); Qt's own (the
buttons of its file and message dialogs) come from PySide6's ``qtbase_<code>.qm``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication

from ..assets import resource
from ..core import i18n
from .fonts import choose_ui_font

#: The languages shown, each named in itself (as a language menu lists them).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
DEFAULT = "en"


def normalize(code: str) -> str | None:
    """'zh_CN', 'zh-cn', 'zh', 'zh_CN.UTF-8' -> 'zh_CN'; 'en_GB' -> 'en'; unknown -> None."""
    base = code.split(".")[0].split("@")[0].replace("-", "_")
    for known in LANGUAGES:
        if base.lower() == known.lower() or base.split("_")[0].lower() == known.split("_")[0]:
            return known
    return None


def system_language() -> str:
    """The system locale's language if we have it, else English."""
    for name in QLocale.system().uiLanguages():
        code = normalize(name)
        if code is not None:
            return code
    return DEFAULT


def _translate(text: str) -> str:
    return QCoreApplication.translate("", text)


class Language(QObject):
    """Installs the translators of one language at a time; ``changed`` follows a switch,
    after Qt has sent its LanguageChange events."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.code = DEFAULT
        self._translators: list[QTranslator] = []
        i18n.set_translator(_translate)

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
        if code == self.code:
            return
        app = QCoreApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = [] if code == DEFAULT else self._load(code)
        for translator in self._translators:
            app.installTranslator(translator)
        self.code = code
        if isinstance(app, QApplication):
            app.setFont(choose_ui_font(app.font(), code))
        self.changed.emit(code)

    def _load(self, code: str) -> list[QTranslator]:
        ours = QTranslator(self)
        source = resource(f"translations/quadreg_{code}.qm")
        # QTranslator reads the bytes in place: they must live as long as it does.
        self._data = source.read_bytes()
        if not ours.load(self._data):
            raise RuntimeError(f"cannot read the translation {source}")
        loaded = [ours]
        qt = QTranslator(self)
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            loaded.append(qt)
        return loaded
