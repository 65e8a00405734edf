"""Exports: each plot as PNG (at a chosen scale) or SVG or to the clipboard, the window
as PNG, the run's history as CSV, and the run as a NumPy script.  Every file is
written atomically; a failure is said in the banner, never a traceback."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRectF,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.files.datafile import display_name
from ..core.files.export import atomic_file, remove_partial, write_bytes
from ..core.files.notebook import write_notebook
from ..core.files.script import export_script
from ..core.files.svg import flatten_strokes
from ..core.i18n import tr

if TYPE_CHECKING:
    from ..core.training.engine import HistoryWritten
    from .run_state import RunState



def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def plot_image(plot: pg.PlotWidget, scale: float) -> QImage:
    """The plot at ``scale`` times its size on screen (pyqtgraph's ImageExporter)."""
    exporter = ImageExporter(plot.plotItem)
    width = max(1, round(plot.plotItem.sceneBoundingRect().width() * scale))
    exporter.parameters()["width"] = width
    return exporter.export(toBytes=True)


def plot_svg(plot: QWidget) -> bytes:
    """The plot as SVG, rendered through QSvgGenerator (pyqtgraph 0.14's SVGExporter is
    broken with Qt 6, issue #3495), its strokes in the page's coordinates (core.svg)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = plot.size()
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    # At the screen's resolution: at QSvgGenerator's own (90 dpi) the axes' text and
    # ticks were drawn scaled and off the data.
    generator.setResolution(plot.logicalDpiX())
    generator.setTitle("QuadReg")
    painter = QPainter(generator)
    plot.render(painter)
    painter.end()
    return flatten_strokes(bytes(data))  # for renderers without non-scaling strokes


class Exports(QObject):
    """The Export menu's work: ``plots`` by key, the ``window`` (for its picture and as
    the dialogs' parent), the ``run`` whose script and history are exported; ``say``
    puts a note in the status bar, ``warn`` a message in the banner.
    ``historyRequested`` asks the worker, which has the history, to write it;
    ``historySaved`` tells when it has (in the GUI thread)."""

    historyRequested = Signal(str)
    historySaved = Signal(object)  # HistoryWritten

    def __init__(self, run: RunState, window: QWidget,
                 plots: Callable[[], dict[str, tuple[str, pg.PlotWidget]]],
                 say: Callable[[str], None], warn: Callable[[str, str], None]) -> None:
        super().__init__(window)
        self.run, self.window, self._plots = run, window, plots
        self._say, self._warn = say, warn
        #: History files the worker has yet to write, with when each was asked for.
        self.writing: list[tuple[str, float]] = []

    def plots(self) -> dict[str, tuple[str, pg.PlotWidget]]:
        """Each plot by key, with its name (in the language of the moment)."""
        return self._plots()

    # --- asking where ---------------------------------------------------------------
    def _ask(self, title: str, name: str, filter_: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(Path.home() / name),
                                              filter_)
        return path

    def export_plot_dialog(self, key: str, fmt: str, scale: float = 1.0) -> None:
        title, _ = self.plots()[key]
        suffix = ".svg" if fmt == "svg" else ".png"
        path = self._ask(tr("Export the {plot}").format(plot=title), f"quadreg-{key}{suffix}",
                         "SVG (*.svg)" if fmt == "svg" else "PNG (*.png)")
        if path:
            self.export_plot(key, path if path.endswith(suffix) else path + suffix, fmt, scale)

    @Slot()
    def export_window_dialog(self) -> None:
        path = self._ask(tr("Export the window"), "quadreg-window.png", "PNG (*.png)")
        if path:
            self.export_window(path if path.endswith(".png") else path + ".png")

    @Slot()
    def export_history_dialog(self) -> None:
        path = self._ask(tr("Export the history"), "quadreg-history.csv", "CSV (*.csv)")
        if path:
            self.export_history(path if path.endswith(".csv") else path + ".csv")

    @Slot()
    def export_script_dialog(self) -> None:
        path = self._ask(tr("Export as NumPy script"), "quadreg_run.py", "Python (*.py)")
        if path:
            self.export_script(path if path.endswith(".py") else path + ".py")

    # --- writing ----------------------------------------------------------------------
    def export_plot(self, key: str, path: str, fmt: str, scale: float = 1.0) -> bool:
        _, plot = self.plots()[key]
        data = plot_svg(plot) if fmt == "svg" else png_bytes(plot_image(plot, scale))
        return self._write(path, lambda: write_bytes(path, data))

    def copy_plot(self, key: str) -> None:
        title, plot = self.plots()[key]
        QGuiApplication.clipboard().setImage(plot_image(plot, 1.0))
        self._say(tr("Copied the {plot} to the clipboard").format(plot=title))

    def export_window(self, path: str) -> bool:
        data = png_bytes(self.window.grab().toImage())
        return self._write(path, lambda: write_bytes(path, data))

    def export_history(self, path: str) -> None:
        """The worker has the history: it writes the file and reports back."""
        self.writing.append((path, time.time()))
        self.historyRequested.emit(path)

    @Slot(object)
    def history_written(self, done: HistoryWritten) -> None:
        self.writing = [w for w in self.writing if w[0] != done.path]
        name = display_name(done.path)
        if done.error:
            self._warn(tr("Could not save {file}: {reason}.").format(
                file=name, reason=done.error), "error")
        elif done.complete:
            self._say(tr("Saved {file}: {n} epochs").format(file=name, n=f"{done.epochs:,}"))
        else:
            self._warn(tr(
                "Saved {file} with the epochs kept: settings changed during this long run, "
                "so it cannot be replayed. quadreg-train --history-out writes every epoch."
            ).format(file=name), "warning")
        self.historySaved.emit(done)

    def cancel_writing(self) -> None:
        """The window closes under a history export: the engine writing it has been
        ended; what it left is removed, and stderr says so (the window has gone)."""
        for path, since in self.writing:
            remove_partial(path, since)
            print(f"quadreg-gui: quitting cancelled the history export to {path!r}; "
                  "the file was not written", file=sys.stderr)
        self.writing = []

    def export_notebook_dialog(self, language: str) -> None:
        path = self._ask(tr("Export as Jupyter notebook"), "quadreg_run.ipynb",
                         tr("Jupyter notebook (*.ipynb)"))
        if path:
            self.export_notebook(path if path.endswith(".ipynb") else path + ".ipynb",
                                 language)

    def export_notebook(self, path: str, language: str) -> bool:
        """The run as a notebook in the article's sections, in ``language``."""
        ld = self.run.loaded
        if ld is None:
            return False
        config, table = self.run.config, self.run.table
        return self._write(path, lambda: write_notebook(path, config, ld.data, table, language))

    def export_script(self, path: str) -> bool:
        ld = self.run.loaded
        if ld is None:
            return False
        text = export_script(self.run.config, ld.data, self.run.table)

        def write() -> None:
            with atomic_file(path) as out:
                out.write(text)

        return self._write(path, write)

    def _write(self, path: str, write) -> bool:
        try:
            write()
        except OSError as exc:
            self._warn(tr("Could not save {file}: {reason}.").format(
                file=display_name(path), reason=exc.strerror or exc), "error")
            return False
        self._say(tr("Saved {file}").format(file=display_name(path)))
        return True
