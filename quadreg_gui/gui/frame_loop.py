"""An animation's frames, made by replaying the run (or a race) in a window: stepped
on to each frame's epoch (as Step does, so that the plots show the run's whole
length and its prediction, as live), drawn, grabbed and written.  So the animation
is the live run, epoch for epoch, however fast the machine is."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ..core.files.animation import AnimationWriter
from .layout_passes import lay_out_pending
from .run_state import RunState

#: How often the loop looks whether the run has reached its frame.
POLL_MS = 2
#: States in which the run stands still at its epoch.
STILL = ("ready", "paused", "finished", "diverged")
#: States after which no step goes further (a race whose racers all diverged is over
#: before its last epoch).
OVER = ("finished", "diverged")


def frame_of(widget: QWidget, width: int, height: int) -> np.ndarray:
    """``widget`` as drawn now, an RGB array of ``width`` x ``height`` (scaled if the
    window could not make it exactly that size).  Layouts still to be done are done
    first: a legend just filled is placed in a layout pass of its own, and without it
    a frame could show the legend where it was made, over the title."""
    lay_out_pending()
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    if (image.width(), image.height()) != (width, height):
        image = image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    return rows[:, :width * 3].reshape(height, width, 3).copy()


def stage(parts: list[QWidget], width: int, height: int) -> QWidget:
    """``parts`` (the plot grid, and a lesson's bar above it) taken out of their window
    into a frame of their own, ``width`` x ``height`` (or as near as their least size
    allows): the animation's area, whatever the window's own least size."""
    frame = QWidget()
    frame.setObjectName("animationFrame")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for k, part in enumerate(parts):
        holder = part.parentWidget() and part.parentWidget().parentWidget()
        if isinstance(holder, QScrollArea) and holder.widget() is part:
            holder.takeWidget()  # (a scroll area keeps its widget otherwise)
        layout.addWidget(part, 1 if k == len(parts) - 1 else 0)
        part.show()
    frame.resize(width, height)
    frame.show()
    return frame


class FrameLoop(QObject):
    """Writes one frame per epoch of ``epochs`` (from the start) of ``area`` to
    ``writer``.  ``epoch()`` is the epoch the window shows (None until what is
    replayed is there), ``step(n)`` runs n more epochs, ``redraw`` asks for a redraw
    and ``redraws`` counts those done.  ``progressed`` (frames done, frames) and
    ``finished`` ("" or what went wrong)."""

    progressed = Signal(int, int)
    finished = Signal(str)

    def __init__(self, run: RunState, area: QWidget, writer: AnimationWriter,
                 epochs: list[int], epoch: Callable[[], int | None],
                 step: Callable[[int], None], redraw: Callable[[], None],
                 redraws: Callable[[], int]) -> None:
        super().__init__(area)
        self.run, self.area, self.writer, self.epochs = run, area, writer, epochs
        self._epoch, self._step, self._redraw, self._redraws = epoch, step, redraw, redraws
        self._asked = 0  # the epoch the steps asked for reach
        self.done = 0
        self._drawn_after: int | None = None  # redraws when the frame's epoch was reached
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        self.timer.start()

    @Slot()
    def _poll(self) -> None:
        run = self.run
        epoch = self._epoch()
        if run.loading or run.loaded is None or run.state not in STILL or epoch is None:
            return
        target = self.epochs[self.done]
        if epoch < target and run.state not in OVER:  # (a diverged run stays)
            if self._asked < target:
                self._step(target - max(self._asked, epoch))
                self._asked = target
            return
        if self._drawn_after is None:
            self._drawn_after = self._redraws()
            self._redraw()
            return
        if self._redraws() <= self._drawn_after:
            return  # the window shows the epoch once it has redrawn
        self._drawn_after = None
        spec = self.writer.spec
        try:
            self.writer.write(frame_of(self.area, spec.width, spec.height))
        except (OSError, ValueError) as exc:
            self.timer.stop()
            self.finished.emit(str(exc))
            return
        self.done += 1
        self.progressed.emit(self.done, len(self.epochs))
        if self.done == len(self.epochs):
            self.timer.stop()
            self.finished.emit("")
