"""The lesson bar above the plots: the step's title, its text and question, where the
lesson is ("3 / 12"), and the way back and on.  In the layout, never over a plot:
in presentation mode it is the caption the class reads."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.i18n import tr
from .vertical_scroll import VerticalScroll


class CaptionScroll(VerticalScroll):
    """The step's texts, as high as they need at the width they have, scrolled up and
    down where the window cannot give them that (300 % on a 720-pixel projector: the
    plots keep their least height, and the texts are never squeezed and cut)."""

    def __init__(self, texts: QWidget) -> None:
        super().__init__(texts)
        self.setObjectName("lessonTexts")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        texts = self.widget()
        width = self.viewport().width()
        return QSize(texts.sizeHint().width(), texts.heightForWidth(width)
                     if width > 0 and texts.hasHeightForWidth() else texts.sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Two lines of the step's text; the rest scrolls."""
        return QSize(super().minimumSizeHint().width(), self.fontMetrics().lineSpacing() * 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # (the height its texts need changed with the width)


class LessonBar(QFrame):
    """Hidden until a lesson is open.  ``backClicked``, ``nextClicked`` and
    ``closeClicked`` ask the lesson to move or end."""

    backClicked = Signal()
    nextClicked = Signal()
    closeClicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lesson = QLabel(objectName="lessonTitle")
        self.where = QLabel(objectName="lessonWhere")
        self.back = QPushButton(objectName="lessonBack")
        self.next = QPushButton(objectName="lessonNext")
        self.close_button = QPushButton("×", objectName="lessonClose")
        self.close_button.setFlat(True)
        for button in (self.back, self.next, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space stays the run's
        self.back.clicked.connect(self.backClicked)
        self.next.clicked.connect(self.nextClicked)
        self.close_button.clicked.connect(self.closeClicked)
        self.title = QLabel(objectName="stepTitle")
        self.text = QLabel(objectName="stepText")
        self.question = QLabel(objectName="stepQuestion")
        for label in (self.title, self.text, self.question):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.lesson, 1)
        top.addWidget(self.where)
        top.addWidget(self.back)
        top.addWidget(self.next)
        top.addWidget(self.close_button)
        texts = QWidget()
        column = QVBoxLayout(texts)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for label in (self.title, self.text, self.question):
            column.addWidget(label)
        self.texts = CaptionScroll(texts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.texts)
        self.retranslate()
        self._fit_fonts()
        self.hide()

    def show_step(self, lesson: str, number: int, count: int, title: str, text: str,
                  question: str) -> None:
        """Step ``number`` (from 1) of ``count``, its texts in the language shown."""
        self.lesson.setText(lesson)
        self.where.setText(f"{number} / {count}")
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        self.question.setText(tr("Ask the class: {question}").format(question=question))
        self.question.setVisible(bool(question))
        self.back.setEnabled(number > 1)
        self.next.setEnabled(number < count)
        self.show()

    def hide_buttons(self) -> None:
        """A caption only (an animation's): no buttons to press."""
        for button in (self.back, self.next, self.close_button):
            button.hide()

    def retranslate(self) -> None:
        self.back.setText(tr("◀ Back"))
        self.next.setText(tr("Next ▶"))
        self.back.setToolTip(tr("The step before (Page Up or Alt+←)"))
        self.next.setToolTip(tr("The next step (Page Down or Alt+→)"))
        self.close_button.setToolTip(tr("Leave the lesson"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the window's scale changed
            self._fit_fonts()

    def _fit_fonts(self) -> None:
        """The step's title larger than the window's text and bold, the question in
        italics: both follow the window's scale."""
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.25)
        big.setBold(True)
        self.title.setFont(big)
        italic = QFont(self.font())
        italic.setItalic(True)
        self.question.setFont(italic)
