"""The message strip above the plots: one line, always the same height."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from ..core.analysis.analysis import suggested_lr
from ..core.config import LINEAR_OPTIMIZERS, OPTIMIZER_TITLES, TrainConfig
from ..core.i18n import tr
from ..core.logformat import unstable_lr_message
from . import look

#: A banner narrower than this many characters of its font wraps into two lines.
LINE_CHARACTERS = 90


class MessageBanner(QFrame):
    """A message in the window, not a modal dialog.

    It keeps its height whether or not there is a message, so the plots below
    never jump: one line, or two in a narrow window at a large scale.  Text longer
    than that is said in its shorter form if it has one, else elided, the whole of
    it in the tooltip.  A message
    may offer one action (a button at its right).  ``text()`` is the message
    ('' when there is only a hint or nothing); ``level`` is 'error', 'warning'
    or 'hint'.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("messageBanner")
        self.setAccessibleName(tr("Messages"))
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.installEventFilter(self)  # its own width decides where a message is cut
        self.button = QPushButton()
        self.button.setObjectName("messageAction")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space stays with the run
        self.button.hide()
        self.button.clicked.connect(self._act)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._fit_font()
        self._text = ""
        self._full = ""
        self._shorter = ""
        self.level = "hint"
        self._action: Callable[[], None] | None = None
        self.show_message("")

    def _fit_font(self) -> None:
        """One line; two where a line holds too little of a message (a large scale, a
        narrow window).  Set by the size and font alone, never by the message."""
        metrics = self.label.fontMetrics()
        self._lines = 1 if self.label.width() >= LINE_CHARACTERS * metrics.averageCharWidth() \
            else 2
        self.label.setWordWrap(self._lines > 1)
        self.setFixedHeight(max(self.button.sizeHint().height(), self._text_height()) + 6)

    def _text_height(self) -> int:
        """The label's lines, in the bold type of messages (a little taller than a hint's:
        the second line of a message lost its last two pixels)."""
        bold = QFont(self.label.font())
        bold.setWeight(QFont.Weight.DemiBold)
        spacing = max(self.label.fontMetrics().lineSpacing(), QFontMetrics(bold).lineSpacing())
        return self._lines * (spacing + 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:  # after the button's own font change
            QTimer.singleShot(0, self, self._fit_font)
        super().changeEvent(event)

    def text(self) -> str:
        return self._text

    def show_message(self, text: str, level: str = "error", action: str = "",
                     on_action: Callable[[], None] | None = None, shorter: str = "",
                     hint: str = "") -> None:
        """``text`` at ``level``; '' clears it (to ``hint``).  ``action`` labels a button
        that calls ``on_action``.  ``shorter``: what to say where ``text`` does not fit."""
        self._text = text
        self._show(text, level, shorter) if text else self._show(hint, "hint")
        self._action = on_action if action else None
        self.button.setText(action)
        self.button.setVisible(bool(action))

    def show_run_state(self, config: TrainConfig, limit: float | None, validation: str,
                       divergence: tuple[str, str], fix: Callable[[], None]) -> None:
        """The most important message: a bad value, divergence (``divergence``, its
        text and a shorter one, when the run diverged), an unstable learning rate;
        else, quietly, the stable limit for this data.  ``fix`` is the "Use lr ..."
        button's action."""
        optimizer = tr(OPTIMIZER_TITLES[config.optimizer])
        action = ""
        if limit is not None and math.isfinite(limit):
            action = tr("Use lr {lr}").format(lr=f"{suggested_lr(limit):.3g}")
        if validation:
            self.show_message(validation, "error")
        elif divergence[0]:
            self.show_message(divergence[0], "error", action, fix, shorter=divergence[1])
        elif unstable_lr_message(config.lr, limit, config.optimizer):
            self.show_message(unstable_lr_message(config.lr, limit, config.optimizer),
                              "warning", action, fix)
        elif limit is None and config.optimizer in LINEAR_OPTIMIZERS:
            self.show_message("", hint=tr(
                "Mini-batches of {size}: no learning-rate limit is known (the full-batch "
                "limit does not hold for them).").format(size=config.batch_size))
        elif limit is None:
            self.show_message("", hint=tr("{optimizer} adapts its step size: no fixed "
                                          "learning rate limit.").format(optimizer=optimizer))
        else:
            self.show_message("", hint=tr("For this data and {optimizer}, learning rates "
                                          "below {limit:.4g} converge.").format(
                                              optimizer=optimizer, limit=limit))

    def show_hint(self, text: str) -> None:
        """A quiet line for when there is no message."""
        if self._text:
            return
        self._show(text, "hint")
        self.button.hide()

    def _show(self, text: str, level: str, shorter: str = "") -> None:
        if (text, level, shorter) == (self._full, self.level, self._shorter) \
                and self.styleSheet():
            return  # (the same again, as each report of a drag says: no restyle)
        self.level = level
        self._full, self._shorter = text, shorter
        self.restyle()
        self._elide()

    def restyle(self) -> None:
        """The level's colours in the current look."""
        background, border, text = look.current().colors.banner[self.level]
        self.setStyleSheet(f"#messageBanner {{ background:{background}; border:1px solid "
                           f"{border}; border-radius:4px; }}"
                           f"#messageText {{ color: {text}; border: none;"
                           f" font-weight: {600 if self.level != 'hint' else 400}; }}")

    def _elide(self) -> None:
        """The message whole where it fits its lines, else its shorter form, else cut
        with "…" (the whole of it in the tooltip) until it does: never a line cut
        through."""
        metrics = self.label.fontMetrics()
        width = max(10, self.label.width())

        def fits(text: str) -> bool:
            self.label.setText(text)
            return metrics.horizontalAdvance(text) <= width if self._lines == 1 \
                else self.label.heightForWidth(width) <= self._text_height()

        shown = self._full
        if not fits(shown) and self._shorter:
            shown = self._shorter
        budget = self._lines * width
        whole = shown
        while budget > 0 and not fits(shown):
            shown = metrics.elidedText(whole, Qt.TextElideMode.ElideRight, budget)
            budget -= max(1, width // 10)
        self.label.setToolTip(self._full if shown != self._full else "")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_font()
        self._elide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.label and event.type() == QEvent.Type.Resize:
            self._elide()
        return False

    def _act(self) -> None:
        if self._action is not None:
            self._action()

