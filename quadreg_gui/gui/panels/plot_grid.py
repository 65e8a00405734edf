"""The right-hand side's panes: data, loss, landscape, and the log with the step
explained, in a 2 x 2 grid of splitters."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ...core.training.engine import Loaded
from ..look import Look
from ..retranslate import Retranslator
from .data_plot import DataPlot
from .directions_plot import DirectionsPane
from .landscape import LandscapePanel
from .log_view import LogView
from .loss_plot import LossPlot
from .momentum_map import MomentumPanel
from .pins import PinsPanel
from .race_panel import RacePanel
from .readouts import FitReadout, TheoryReadout
from .step_view import StepView
from .vertical_scroll import VerticalScroll


def stacked(*widgets: QWidget) -> QWidget:
    """Widgets one above the other, the first taking the height."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for k, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if k == 0 else 0)
    return box


def row(*widgets: QWidget) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Horizontal)
    for widget in widgets:
        splitter.addWidget(widget)
    splitter.setChildrenCollapsible(False)
    return splitter


class PlotGrid(QSplitter):
    """Four panes in a 2 x 2 grid: three plots side by side would be 300 px wide
    each at 1280 x 720; in a grid each keeps about 460 x 300 and all stay visible.
    ``helpRequested``: a pane's "?" was clicked (the pane's key)."""

    helpRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.data_plot = DataPlot()
        self.fit_readout = FitReadout()
        self.fit_readout.residualsToggled.connect(self.data_plot.show_residuals)
        self.loss_plot = LossPlot()
        self.theory_readout = TheoryReadout()
        self.directions_pane = DirectionsPane()
        self.loss_stack = QStackedWidget()
        self.loss_stack.addWidget(self.loss_plot)
        self.loss_stack.addWidget(self.directions_pane)
        self.theory_readout.directionsToggled.connect(self.show_directions)
        self.landscape = LandscapePanel()
        self.log_view = LogView()
        self.step_view = StepView()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("logTabs")
        self.tabs.addTab(self.log_view, tr("Log"))
        self.tabs.addTab(self.step_view, tr("Step explained"))
        self.pins_panel = PinsPanel()
        self.race_panel = RacePanel()
        self.momentum_panel = MomentumPanel()
        self.tabs.addTab(self.pins_panel, tr("Pins"))
        self.tabs.addTab(self.race_panel, tr("Race"))
        self.tabs.addTab(self.momentum_panel, tr("Momentum"))
        self.data_box = stacked(self.data_plot, self.fit_readout)
        self.loss_box = stacked(self.loss_stack, self.theory_readout)
        self.plots = row(self.data_box, self.loss_box)
        lower = row(self.landscape, self.tabs)
        lower.setSizes([510, 410])  # the log's lines need about 400 px
        self.addWidget(self.plots)
        self.addWidget(lower)
        self.setChildrenCollapsible(False)
        #: The panes by key (as View > Focus and the keys 1-4 name them), in order.
        self.panes: dict[str, QWidget] = {"data": self.data_box, "loss": self.loss_box,
                                          "landscape": self.landscape, "log": self.tabs}
        self.rows: tuple[QSplitter, QSplitter] = (self.plots, lower)
        self.single_column = False
        log_help = QToolButton(objectName="helpButton", text="?", autoRaise=True)
        log_help.setToolTip(tr("What the log and the step explained show"))
        log_help.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.setCornerWidget(log_help)
        for key, clicked in (("data", self.data_plot.helpClicked),
                             ("loss", self.loss_plot.helpClicked),
                             ("landscape", self.landscape.plot.helpClicked),
                             ("log", log_help.clicked),
                             ("momentum", self.momentum_panel.helpClicked),
                             ("loss", self.directions_pane.helpClicked)):
            clicked.connect(lambda *_, k=key: self.helpRequested.emit(k))

    def show_problem(self, loaded: Loaded) -> None:
        """A loaded run's problem on every pane: its data (unless the same data with a
        new start), the fit and the landscape at its start, no step explained yet."""
        if not loaded.same_data:
            data = loaded.data
            self.data_plot.show_data(data, loaded.view, loaded.model, loaded.initial,
                                     article_view=not loaded.config.data)
            self.fit_readout.explain_curve(data.scaling is not None)
        self.data_plot.show_fit(loaded.initial)
        self.landscape.set_problem(loaded.model, loaded.quad, loaded.initial,
                                   new_start=loaded.same_data)
        self.step_view.clear_step()

    def exported_plots(self) -> dict[str, tuple[str, QWidget]]:
        """The plots that export, by key, with their names."""
        return {"data": (tr("data plot"), self.data_plot),
                "loss": (tr("loss plot"), self.loss_plot),
                "landscape": (tr("loss landscape"), self.landscape.plot)}

    def apply_look(self, look: Look) -> None:
        """Every pane in ``look``."""
        for panel in (self.data_plot, self.loss_plot, self.landscape, self.step_view,
                      self.pins_panel, self.race_panel, self.momentum_panel,
                      self.directions_pane):
            panel.apply_look(look)

    def retranslate(self, texts: Retranslator) -> None:
        """The plots' texts made with values, and the step explained, in the language
        just chosen (the static ones are set again by the window's Retranslator)."""
        for plot in (self.data_plot, self.loss_plot, self.landscape.plot,
                     self.momentum_panel, self.directions_pane):
            plot.retranslate(texts)
        self.landscape.show_title()
        self.step_view.retranslate()

    @Slot(bool)
    def show_directions(self, on: bool) -> None:
        """The loss pane shows the loss split by direction, or the loss."""
        self.loss_stack.setCurrentWidget(self.directions_pane if on else self.loss_plot)

    def least_size_changed(self) -> None:
        """Panes shown or hidden: the scroll area holding the grid asks for the grid's
        least size anew (its layout keeps the old one until told, also before the
        window is first shown, when no layout request is delivered)."""
        self.updateGeometry()
        holder = self.parentWidget() and self.parentWidget().parentWidget()
        if isinstance(holder, VerticalScroll):
            holder.updateGeometry()

    def two_column_width(self) -> int:
        """The least width of the grid with its panes two to a row."""
        return max(sum(row.widget(i).minimumSizeHint().width() for i in range(row.count())
                       if row.widget(i).isVisibleTo(self)) + row.handleWidth()
                   for row in self.rows)

    @Slot(int)
    def fit_columns(self, room: int) -> None:
        """Two panes to a row where ``room`` holds them side by side at their least width,
        else one above the other (a large scale on a small screen: they scroll then)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        single = room < self.two_column_width() + bar
        if single != self.single_column:
            self.single_column = single
            for row in self.rows:
                row.setOrientation(Qt.Orientation.Vertical if single else
                                   Qt.Orientation.Horizontal)
