"""A lesson step's words, in English and Chinese, and what it does when entered."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ..core.files.lesson import MAX_CHARS, THEN, Step, Words
from ..core.i18n import QT_TR_NOOP, LANGUAGES, tr

THEN_TITLES = {"": QT_TR_NOOP("Nothing: wait at epoch 0"), "start": QT_TR_NOOP("Start the run"),
               "race": QT_TR_NOOP("Race the optimizers")}
KINDS = (("title", QT_TR_NOOP("Title")), ("text", QT_TR_NOOP("Text")),
         ("question", QT_TR_NOOP("Question for the class")))


class StepDialog(QDialog):
    """Edits ``step``'s title, text and question in each language, and its action;
    ``step()`` is the result.  OK needs an English title."""

    def __init__(self, parent: QWidget, step: Step, heading: str) -> None:
        super().__init__(parent)
        self.setObjectName("stepDialog")
        self.setWindowTitle(heading)
        self._step = step
        form = QFormLayout(self)
        self.fields: dict[tuple[str, str], QLineEdit | QPlainTextEdit] = {}
        for kind, label in KINDS:
            for code, language in LANGUAGES.items():
                words: Words = getattr(step, kind)
                field = QPlainTextEdit(words(code) if code in dict(words.texts) else "") \
                    if kind == "text" else QLineEdit(dict(words.texts).get(code, ""))
                if isinstance(field, QLineEdit):
                    field.setMaxLength(MAX_CHARS)
                else:
                    field.setTabChangesFocus(True)
                    field.setFixedHeight(field.fontMetrics().lineSpacing() * 4 + 12)
                field.setObjectName(f"{kind}_{code}")
                form.addRow(f"{tr(label)} ({language})", field)
                self.fields[(kind, code)] = field
        self.then = QComboBox(objectName="thenCombo")
        for key in THEN:
            self.then.addItem(tr(THEN_TITLES[key]), key)
        self.then.setCurrentIndex(THEN.index(step.then))
        form.addRow(tr("When entered"), self.then)
        self.until = QSpinBox(objectName="untilSpin")
        self.until.setRange(0, 10_000_000)
        self.until.setSpecialValueText(tr("its last epoch"))
        self.until.setValue(step.until)
        form.addRow(tr("Run to epoch"), self.until)
        self.pin = QCheckBox(tr("Pin the run once it stops, to compare the next steps "
                                "with it"), objectName="pinCheck")
        self.pin.setChecked(step.pin)
        form.addRow(self.pin)
        self.then.currentIndexChanged.connect(self._then_changed)
        self._then_changed()
        self.problem = QLabel(objectName="stepProblem")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(640, self.sizeHint().height())

    def _then_changed(self) -> None:
        """Run to an epoch with a start or a race; pin a run that starts."""
        then = self.then.currentData()
        self.until.setEnabled(bool(then))
        self.pin.setEnabled(then == "start")

    def _text(self, kind: str, code: str) -> str:
        field = self.fields[(kind, code)]
        text = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
        return text.strip()[:MAX_CHARS]

    def _words(self, kind: str) -> Words:
        return Words.of(**{code: self._text(kind, code) for code in LANGUAGES})

    def accept(self) -> None:
        """A title, and each text given in English (other languages show the English
        where they have none)."""
        missing = [kind for kind, _ in KINDS if not self._text(kind, "en") and (
            kind == "title" or any(self._text(kind, code) for code in LANGUAGES))]
        if missing:
            self.problem.setText(tr("Each text needs its English, the title too."))
            self.fields[(missing[0], "en")].setFocus()
            return
        super().accept()

    def step(self) -> Step:
        then = self.then.currentData()
        return replace(self._step, title=self._words("title"), text=self._words("text"),
                       question=self._words("question"), then=then,
                       until=self.until.value() if then else 0,
                       pin=self.pin.isChecked() and then == "start")
