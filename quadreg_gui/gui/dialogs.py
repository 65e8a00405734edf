"""Help dialogs: the keyboard shortcuts and About (with what a bug report needs)."""

from __future__ import annotations

import platform
import sys
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.i18n import tr
from . import look

ARTICLE_TITLE = "使用纯NumPy实现回归任务:深入理解机器学习本质"
ARTICLE_TITLE_EN = "Regression in pure NumPy: understanding what machine learning really does"


def run_modal(dialog: QDialog) -> bool:
    """Show ``dialog`` until it is closed; True if accepted.  It is deleted afterwards
    (once its results are read): a dialog made per use and parented to the window
    would otherwise stay in memory for the window's life."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def version_report() -> str:
    """The versions a bug report needs, one per line (copied from About)."""
    return "\n".join([
        f"QuadReg {__version__}",
        f"Python {platform.python_version()} ({sys.platform})",
        f"Qt {qVersion()}",
        f"PySide6 {PySide6.__version__}",
        f"pyqtgraph {pg.__version__}",
        f"NumPy {np.__version__}",
    ])


class _Dialog(QDialog):
    """A dialog wide enough for its whole title, closed with Esc or Close."""

    def __init__(self, parent: QWidget, title: str, body: QLabel) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        body.setOpenExternalLinks(True)
        body.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(body)
        layout.addWidget(self.buttons)
        # Title bars elide a title wider than the window ("Keyboard …"): leave room
        # for it, the icon and the window manager's buttons.
        room = self.fontMetrics().horizontalAdvance(f"{title} — QuadReg") + 160
        self.setMinimumWidth(max(room, 420))


class ShortcutsDialog(_Dialog):
    def __init__(self, parent: QWidget, shortcuts: Sequence[tuple[str, str]], note: str) -> None:
        rows = "".join(f"<tr><td style='padding-right:18px'><b>{keys}</b></td><td>{what}</td></tr>"
                       for keys, what in shortcuts)
        body = QLabel(f"<table cellspacing='4'>{rows}</table><p>{note}</p>")
        body.setObjectName("shortcutsText")
        super().__init__(parent, tr("Keyboard shortcuts"), body)


class AboutDialog(_Dialog):
    def __init__(self, parent: QWidget) -> None:
        versions = version_report().replace("\n", "<br>")
        body = QLabel(
            f"<h3>QuadReg {__version__}</h3>"
            + tr("<p>A live instrument for a classic lesson: fitting y = w·x² + b by "
                 "gradient descent in plain NumPy. Change the learning rate, the optimizer "
                 "or the data while it trains and watch the fit and the loss respond.</p>"
                 "<p>It reproduces, digit for digit, the article "
                 "<i>{title}</i> ({title_en}): the same seeded data, the same initial "
                 "parameters, the same log lines.</p>"
                 "<p>Licence: MIT.</p>").format(title=ARTICLE_TITLE, title_en=ARTICLE_TITLE_EN)
            + f"<p style='color:{look.current().colors.hint}'>{versions}</p>")
        body.setObjectName("aboutText")
        super().__init__(parent, tr("About QuadReg"), body)
        self.setWindowIcon(parent.windowIcon() if parent else QIcon())
        copy = QPushButton(tr("Copy version information"))
        copy.setObjectName("copyVersions")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(version_report()))
        self.buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
