"""What each panel draws and every term its readouts use, in the article's words:
a panel's "?" opens its part, Help > What am I looking at? (F1) all of it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..core.i18n import QT_TR_NOOP, tr

#: Each pane's explanation: its title, then what is drawn, how to read it, what to try.
PANES: dict[str, tuple[str, str]] = {
    "data": (QT_TR_NOOP("Data and fit"), QT_TR_NOOP(
        "<p><b>Drawn:</b> the data points (x, y); the true curve y = 3x² + 2 the article "
        "made them from (dashed; a data file has none); the fitted curve y = w·x² + b with "
        "the parameters now (the thick line).</p>"
        "<p><b>Read:</b> the closer the fitted curve follows the points, the smaller the "
        "loss. Under the plot, R² and RMSE say how close (see the terms below); Residuals "
        "draws each point's vertical distance y − y_pred.</p>"
        "<p><b>Try:</b> Reset (R), then Step (S) a few times: the curve moves one epoch "
        "at a time.</p>")),
    "loss": (QT_TR_NOOP("Loss"), QT_TR_NOOP(
        "<p><b>Drawn:</b> the loss Loss = Σ ½(y_pred − y)² after each epoch (measured), on "
        "a log scale; the predicted line is what theory says gradient descent and momentum "
        "will do on this data; the dotted line is the optimum, the lowest loss there is "
        "(the closed form, least squares).</p>"
        "<p><b>Read:</b> a straight falling line on the log scale is a steady rate; a "
        "rising one diverges. Under the plot: the epochs until the loss is within 1 % of "
        "the optimal loss, measured and predicted.</p>"
        "<p><b>Try:</b> lr 0.015 (it oscillates, still converging), then 0.02 "
        "(it diverges).</p>")),
    "landscape": (QT_TR_NOOP("Loss landscape"), QT_TR_NOOP(
        "<p><b>Drawn:</b> the loss over the (w, b) plane, coloured by log₁₀(loss − lowest); "
        "contour lines at equal loss; the parameters' path epoch by epoch, from the square "
        "(the start) to the dot (now); the optimum.</p>"
        "<p><b>Read:</b> the valley is long and narrow because the loss curves much more "
        "steeply across it than along it (the condition number). Gradient descent steps "
        "downhill, at right angles to the contour lines: too large a step crosses the "
        "valley and zig-zags.</p>"
        "<p><b>Try:</b> click anywhere to start from there; Random start returns to the "
        "article's.</p>")),
    "log": (QT_TR_NOOP("Log and step explained"), QT_TR_NOOP(
        "<p><b>Log:</b> the article's own printout, every 100 epochs: Epoch N: w, b, "
        "Loss.</p>"
        "<p><b>Step explained:</b> the last step with its numbers: the forward pass "
        "y_pred = x²·w + b, the loss, the gradients ∂Loss/∂w = Σ(y_pred − y)·x² and "
        "∂Loss/∂b = Σ(y_pred − y), and the update w = w − lr·∂Loss/∂w.</p>"
        "<p><b>Pins</b> keep runs to compare; <b>Race</b> runs optimizers side by "
        "side.</p>")),
    "momentum": (QT_TR_NOOP("Momentum's map"), QT_TR_NOOP(
        "<p>For every learning rate (across, on a log scale) and momentum β (up), how many "
        "epochs full-batch momentum needs to shrink the error 100×, from the Hessian's "
        "eigenvalues alone (yellow: few). Right of the red line the run diverges. Below "
        "the dashed (shallowest direction) and dotted (steepest) curves that direction "
        "creeps to the optimum; above them it spirals in. The star is the fastest pair; "
        "the red point is the setting now. Click or drag it to train there, live. "
        "Plain gradient descent is the bottom edge, β = 0.</p>"
        "<p>QuadReg's momentum averages the gradient, v = β·v + (1 − β)·∂Loss/∂w; Distill's "
        "step size α is lr·(1 − β).</p>")),
}

#: Every term a readout uses, defined.
TERMS: tuple[tuple[str, str], ...] = (
    (QT_TR_NOOP("Epoch"), QT_TR_NOOP(
        "One pass over all the data: in batch gradient descent, one step.")),
    (QT_TR_NOOP("Learning rate (lr)"), QT_TR_NOOP(
        "The step size η in w = w − η·∂Loss/∂w. Too large: it oscillates and diverges; "
        "too small: it converges slowly.")),
    (QT_TR_NOOP("Stable limit"), QT_TR_NOOP(
        "The largest learning rate for which gradient descent converges on this data: "
        "2/λmax, where λmax is the largest eigenvalue of the Hessian, the loss's steepest "
        "curvature.")),
    (QT_TR_NOOP("Oscillates"), QT_TR_NOOP(
        "Above 1/λmax each step overshoots the valley floor in the steepest direction: "
        "the path zig-zags, and still converges while lr is below the stable limit.")),
    (QT_TR_NOOP("Best constant rate"), QT_TR_NOOP(
        "2/(λmin + λmax): the fixed learning rate at which gradient descent converges "
        "fastest in its slowest direction.")),
    (QT_TR_NOOP("Condition number"), QT_TR_NOOP(
        "λmax/λmin: how much more steeply the loss curves in its steepest direction than "
        "in its flattest. Large: a long, narrow valley, and slow gradient descent.")),
    (QT_TR_NOOP("Within 1 %"), QT_TR_NOOP(
        "The loss at most 1 % above the optimal loss: L ≤ 1.01·L*. \"Epochs to within 1 %\" "
        "counts the epochs until then. The stability readout's \"down to 1 % of the "
        "start's\" is another criterion: L − L* ≤ 0.01·(L₀ − L*).")),
    (QT_TR_NOOP("R²"), QT_TR_NOOP(
        "1 − Σ(y − y_pred)² / Σ(y − mean y)²: 1 is a perfect fit, 0 no better than a "
        "flat line at the mean, below 0 worse than that.")),
    (QT_TR_NOOP("RMSE"), QT_TR_NOOP(
        "The root of the mean squared residual, in y's own units: a typical distance of "
        "a point from the curve.")),
    (QT_TR_NOOP("log₁₀(loss − lowest)"), QT_TR_NOOP(
        "How many powers of ten the loss lies above its lowest value: 0 is 1 above it, "
        "−2 is 0.01 above it. The landscape's colours use it, so that the valley floor "
        "shows.")),
    (QT_TR_NOOP("Momentum"), QT_TR_NOOP(
        "v = β·v + (1 − β)·grad, w = w − lr·v: the velocity averages recent gradients, so "
        "zig-zags cancel and steady directions build speed.")),
)


def explanation_html(pane: str = "") -> str:
    """One pane's explanation, or (``pane`` "") every pane's and then the terms."""
    keys = [pane] if pane else list(PANES)
    parts = [f"<h3 id='{key}'>{tr(PANES[key][0])}</h3>{tr(PANES[key][1])}" for key in keys]
    terms = "".join(f"<dt><b>{tr(term)}</b></dt><dd>{tr(text)}</dd>" for term, text in TERMS)
    heading = tr("Terms")  # (outside the f-string, where pyside6-lupdate finds it)
    parts.append(f"<h3 id='terms'>{heading}</h3><dl>{terms}</dl>")
    return "".join(parts)


class ExplanationDialog(QDialog):
    """The explanation of ``pane`` ("" for all), with every term."""

    def __init__(self, parent: QWidget, pane: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("explanationDialog")
        self.setWindowTitle(tr(PANES[pane][0]) if pane else tr("What am I looking at?"))
        self.text = QTextBrowser(objectName="explanationText")
        self.text.setHtml(explanation_html(pane))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.lineSpacing() * 30)
