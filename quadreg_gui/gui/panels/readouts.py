"""One-line readouts under the plots: the fit's quality, theory against measurement."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ...core.i18n import tr


class WrappedLabel(QLabel):
    """Text that wraps where it has no room (a large scale, a narrow pane), never cut.
    Its height changes only when a text needs more lines than it has, or on a resize: a
    label rewritten every frame relayouts nothing while its lines suffice."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._lines = 0

    def _text_height(self) -> int:
        """The height of its text wrapped at its width (QLabel.heightForWidth would never
        be less than its own least height: once high, it would stay high)."""
        width = max(1, self.contentsRect().width())
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        return self.fontMetrics().boundingRect(QRect(0, 0, width, 10**6), flags,
                                               self.text()).height()

    def lines_needed(self) -> int:
        return max(1, round(self._text_height() / self.fontMetrics().lineSpacing()))

    def _fit(self, shrink: bool) -> None:
        """As high as its lines need at its width; lower again only on ``shrink`` (a
        resize or a font change: a text set while the label was narrow, as it is for
        a moment when its pane is shown again, once kept it 366 px high for good)."""
        lines = self.lines_needed()
        margins = self.contentsMargins()
        # (Chinese lines run a little taller than the line spacing.)
        height = max(self._text_height(), lines * self.fontMetrics().lineSpacing()) \
            + margins.top() + margins.bottom() + 2
        if lines > self._lines or height > self.height() or (shrink and height != self.height()):
            self._lines = lines
            self.setFixedHeight(height)

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._fit(shrink=False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit(shrink=True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit(shrink=True)


#: Two Chinese characters in a row: a line may break between them, unless joined.
_CJK_PAIR = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])(?=[\u3000-\u9fff\uff00-\uffef])")


def unbroken(template: str) -> str:
    """``template`` with each name kept whole and on the line of its value ("RMSE
    {rmse}", "损失 {loss}": a word joiner between Chinese characters, which a line
    may otherwise break between)."""
    return _CJK_PAIR.sub("\u2060", template).replace(" {", "\u00a0{")


class FitReadout(QWidget):
    """R², RMSE and loss of the current fit, and the residual sticks' switch."""

    residualsToggled = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.label = WrappedLabel("fitReadout")
        self.explain_curve(False)
        self.residuals = QCheckBox(tr("Residuals"))
        self.residuals.setObjectName("residualsCheck")
        self.residuals.setToolTip(tr("Draw a stick from each point to the fitted curve."))
        self.residuals.toggled.connect(self.residualsToggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.residuals)

    def explain_curve(self, on_x: bool) -> None:
        """The tooltip; ``on_x``: training sees x standardized, the curve is on x itself."""
        tip = tr("R²: the share of the spread of y the curve explains (1 is a perfect fit). "
                 "RMSE: the typical distance of a point from the curve.")
        self.label.setToolTip(tr("The fitted curve on x itself (training sees x "
                                 "standardized). ") + tip if on_x else tip)

    def show_fit(self, r2: float, rmse: float, loss: float, curve: str = "") -> None:
        """``curve``: the fitted curve on x itself, when training sees x standardized (it
        takes the loss's place: the loss is on the loss plot and in the status bar)."""
        r2_text = "–" if r2 != r2 else f"{r2:.4f}" if r2 > -10 else f"{r2:.3g}"
        if curve:
            self.label.setText(unbroken(tr("{curve}   R² {r2}   RMSE {rmse}")).format(
                curve=curve, r2=r2_text, rmse=f"{rmse:.4g}"))
            return
        self.label.setText(unbroken(tr("R² {r2}   RMSE {rmse}   loss {loss}")).format(
            r2=r2_text, rmse=f"{rmse:.4g}", loss=f"{loss:.6g}"))


class TheoryReadout(QWidget):
    """Epochs to near the optimum, measured and predicted, or why there is no prediction;
    and a switch for the loss split along the Hessian's eigen-directions."""

    directionsToggled = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.label = WrappedLabel("theoryReadout")
        self.directions = QCheckBox(tr("By direction"))
        self.directions.setObjectName("directionsCheck")
        self.directions.setToolTip(tr(
            "The loss split along the Hessian's eigen-directions, measured (solid) and "
            "predicted (dashed): the steep direction is done in a few epochs, the shallow "
            "one sets the pace."))
        self.directions.toggled.connect(self.directionsToggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.directions, 0, Qt.AlignmentFlag.AlignTop)

    def show_epochs(self, measured: int | None, predicted: int | None,
                    reason: str | None, beyond: int | None = None) -> None:
        got = f"{measured:,}" if measured is not None else "–"
        within = tr("Within 1 % of the optimal loss: the first epoch whose loss L is at most "
                    "1.01·L*, L* the closed-form optimum's.")
        if reason is not None:
            self.label.setText(tr("Epochs to within 1 % of the optimal loss: {got}; no "
                                  "prediction (see tooltip)").format(got=got))
            self.label.setToolTip(within + "\n" + tr(
                "The dashed predicted curve needs gradient descent or momentum at a "
                "constant learning rate on the full batch: {reason}.").format(reason=reason))
            return
        expected = f"{predicted:,}" if predicted is not None else tr("never") \
            if beyond is None else tr("after {n}").format(n=f"{beyond:,}")
        self.label.setText(tr("Epochs to within 1 % of the optimal loss: measured {got}, "
                              "predicted {expected}").format(got=got, expected=expected))
        self.label.setToolTip(within + "\n" + tr(
            "Predicted from the eigenvalues of the Hessian, from the last live change "
            "(or the start) on: L(k) = L* + ½ Σ λᵢ cᵢ² (1 − lr·λᵢ)^(2k) for gradient "
            "descent; for momentum each direction's error and velocity follow a 2×2 "
            "recurrence."))
