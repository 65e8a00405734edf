"""The learning rate on a log scale: a full-width slider labelled at every decade."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRect, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider, QVBoxLayout, QWidget

from ..core.analysis.analysis import lr_decades
from ..core.i18n import tr
from ..core.numformat import tick_labels
from . import look

#: Slider positions per decade: an arrow key multiplies the rate by 10^(1/20) = 1.122,
#: Page Up/Down by 10.
STEPS_PER_DECADE = 20


class LrSlider(QWidget):
    """A log-scale slider over six decades placed around the stable limit.

    Emits ``lrChosen`` with a learning rate rounded to three digits when the user
    moves it; ``set_lr`` shows a rate without emitting.
    """

    lrChosen = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("lrSlider")
        self.slider.setAccessibleName(tr("Learning rate (log scale)"))
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(STEPS_PER_DECADE)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(STEPS_PER_DECADE)
        self.slider.valueChanged.connect(self._moved)
        self.scale = _DecadeScale(self)
        self.zones = _ZoneBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.slider)
        layout.addWidget(self.scale)
        layout.addWidget(self.zones)
        self._lr = 1e-3
        self.decades = (0, 0)
        self.set_limit(None)

    def set_limit(self, limit: float | None) -> None:
        """Span the decades that suit this stable limit (None: 1e-6 to 1)."""
        decades = lr_decades(limit)
        self._show_range_tip(decades)  # also after a change of language
        if decades == self.decades:
            return
        self.decades = decades
        lo, hi = decades
        self.slider.blockSignals(True)
        self.slider.setRange(0, (hi - lo) * STEPS_PER_DECADE)
        self.slider.blockSignals(False)
        self.set_lr(self._lr)
        self.scale.update()

    def _show_range_tip(self, decades: tuple[int, int]) -> None:
        lo, hi = decades
        self.slider.setToolTip(tr("Learning rate on a log scale, from {lo} to {hi}; arrow "
                                  "keys step by a factor of 1.12, Page Up/Down by 10.").format(
            lo=f"{10.0**lo:g}", hi=f"{10.0**hi:g}"))

    def set_lr(self, lr: float) -> None:
        self._lr = lr
        lo = self.decades[0]
        pos = round((math.log10(lr) - lo) * STEPS_PER_DECADE)
        self.slider.blockSignals(True)
        self.slider.setValue(min(max(pos, 0), self.slider.maximum()))
        self.slider.blockSignals(False)

    @Slot(int)
    def _moved(self, pos: int) -> None:
        lr = float(f"{10 ** (self.decades[0] + pos / STEPS_PER_DECADE):.3g}")
        self._lr = lr
        self.lrChosen.emit(lr)

    def set_zones(self, smooth: float | None, limit: float | None, minibatch: bool) -> None:
        """Colour the rates: smooth below ``smooth``, oscillating up to ``limit``,
        diverging above (None: no fixed zones, for an adaptive optimizer or
        ``minibatch``es)."""
        self.zones.bounds = (smooth, limit)
        self.zones.setToolTip(tr("Below {smooth}: converges without oscillating. {smooth} to "
                                 "{limit}: oscillates but converges. Above {limit}: diverges."
                                 ).format(smooth=f"{smooth:.4g}", limit=f"{limit:.4g}")
                              if smooth is not None and limit is not None else
                              tr("Mini-batches: no learning-rate limit is known (the "
                                 "full-batch limit does not hold for them).") if minibatch else
                              tr("An adaptive optimizer scales its own steps: no fixed zones."))
        self.zones.update()

    def x_of(self, lr: float) -> float:
        """The x (in this widget) of learning rate ``lr`` on the slider's scale."""
        lo, hi = self.decades
        frac = (math.log10(lr) - lo) / (hi - lo) if lr > 0 else 0.0
        left, right = self.tick_x(0), self.tick_x(self.slider.maximum())
        return left + min(max(frac, 0.0), 1.0) * (right - left)

    def tick_x(self, position: int) -> int:
        """The x (in this widget) of the handle's centre at slider ``position``."""
        s = self.slider
        opt = QStyleOptionSlider()
        s.initStyleOption(opt)
        style = s.style()
        groove = style.subControlRect(QStyle.ComplexControl.CC_Slider, opt,
                                      QStyle.SubControl.SC_SliderGroove, s)
        handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, opt,
                                      QStyle.SubControl.SC_SliderHandle, s)
        span = groove.width() - handle.width()
        x = QStyle.sliderPositionFromValue(s.minimum(), s.maximum(), position, span)
        return s.x() + groove.x() + handle.width() // 2 + x


class _DecadeScale(QWidget):
    """The decade labels under the slider's ticks."""

    def __init__(self, owner: LrSlider) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setFixedHeight(self.fontMetrics().height() + 2)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:  # the window's scale changed
            self.setFixedHeight(self.fontMetrics().height() + 2)
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        lo, hi = self.owner.decades
        labels = tick_labels([10.0**d for d in range(lo, hi + 1)], log=True)
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        metrics = self.fontMetrics()
        last_right = -10**6
        for k, text in enumerate(labels):
            x = self.owner.tick_x(k * STEPS_PER_DECADE)
            width = metrics.horizontalAdvance(text)
            left = min(max(0, x - width // 2), self.width() - width)
            if left <= last_right + 4:  # never overlap the label before
                continue
            painter.drawText(QRect(left, 0, width, self.height()),
                             Qt.AlignmentFlag.AlignCenter, text)
            last_right = left + width
        painter.end()


class _ZoneBar(QWidget):
    """Three labelled bands under the scale: smooth, oscillates, diverges."""

    def __init__(self, owner: LrSlider) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setObjectName("lrZones")
        self.bounds: tuple[float | None, float | None] = (None, None)
        self.setFixedHeight(self.fontMetrics().height() + 4)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self.setFixedHeight(self.fontMetrics().height() + 4)
        super().changeEvent(event)

    def names(self) -> tuple[str, str, str]:
        return tr("smooth"), tr("oscillates"), tr("diverges")

    #: Where a zone is too narrow for its name: a symbol (the tooltip names it).
    SHORT = ("✓", "∿", "✗")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        smooth, limit = self.bounds
        if smooth is None or limit is None or not math.isfinite(limit):
            return
        o = self.owner
        left, right = o.tick_x(0), o.tick_x(o.slider.maximum())
        edges = [left, o.x_of(smooth), o.x_of(limit), right]
        painter = QPainter(self)
        metrics = self.fontMetrics()
        # The zones' colours come with their names: colour alone does not tell everyone.
        for k, (name, colour) in enumerate(zip(self.names(), look.current().colors.zones)):
            a, b = int(edges[k]), int(edges[k + 1])
            if b <= a:
                continue
            rect = QRect(a, 0, b - a, self.height())
            painter.fillRect(rect, QColor(colour))
            for text in (name, self.SHORT[k]):
                if metrics.horizontalAdvance(text) + 4 <= b - a:
                    painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                    break
        painter.end()
