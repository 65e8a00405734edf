"""The window's language: Qt translators for our texts and Qt's own, switched at run time.

Our texts are ``resources/translations/quadreg_<code>.qm``, compiled from the
``.ts`` sources beside them (see ``translations/README.md``); Qt's own (the
buttons of its file and message dialogs) come from PySide6's ``qtbase_<code>.qm``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from ..assets import resource
from ..core import i18n
from ..core.i18n import DEFAULT_LANGUAGE as DEFAULT
from ..core.i18n import LANGUAGES, normalize
from .fonts import choose_ui_font
from .retranslate import Retranslator


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
    """Installs the translators of one language at a time; on ``changed`` the window
    sets its texts again, in one pass rather than on each of
    the LanguageChange events Qt posts for every translator."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.code = DEFAULT
        #: Chosen in the menu (remembered), not the system's or --lang's (not remembered).
        self.chosen = False
        self.texts = Retranslator()
        self._translators: list[QTranslator] = []
        #: Each language's translators, loaded once: a switch loaded them anew and kept
        #: the old (40 KiB a switch, found by a soak of twenty minutes).
        self._loaded: dict[str, list[QTranslator]] = {}
        self._data: dict[str, bytes] = {}  # each loaded .qm: QTranslator reads it in place
        i18n.set_translator(_translate)

    def choose(self, code: str) -> None:
        """The user's choice in the menu: remembered for the next start."""
        self.chosen = True
        self.set_language(code)

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
        if code == self.code:
            return
        self.release()
        app = QCoreApplication.instance()
        if code != DEFAULT and code not in self._loaded:
            self._loaded[code] = self._load(code)
        self._translators = self._loaded.get(code, [])
        for translator in self._translators:
            app.installTranslator(translator)
        self.code = code
        if isinstance(app, QApplication):
            app.setFont(choose_ui_font(app.font(), code))
        self.changed.emit(code)

    def release(self) -> None:
        """The application's texts back to English as the window closes (translators are
        the application's, not the window's)."""
        app = QCoreApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []

    def _load(self, code: str) -> list[QTranslator]:
        ours = QTranslator(self)
        source = resource(f"translations/quadreg_{code}.qm")
        self._data[code] = source.read_bytes()
        if not ours.load(self._data[code]):
            raise RuntimeError(f"cannot read the translation {source}")
        loaded = [ours]
        qt = QTranslator(self)
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            loaded.append(qt)
        return loaded
