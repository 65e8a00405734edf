"""Loading new data: the worker makes it; a slow load shows that it is working, and
one that fails goes back to the settings and data shown before it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..core.config import TrainConfig
from ..core.files.datafile import Table
from ..core.i18n import tr
from .controls import ParameterPanel
from .message_banner import MessageBanner
from .panels.plot_grid import PlotGrid
from .panels.status_line import StatusLine
from .run_state import RunState
from .worker import TrainingWorker

#: A load that takes longer than this shows that it is working.
BUSY_AFTER_MS = 100


class Loading(QObject):
    """Loads for the ``run`` through the ``worker`` (``requestLoad`` carries each
    request to it); the ``grid``'s plots, the ``status_line`` and the ``banner`` show
    a slow one, the ``panel`` goes back after a failed one, and ``say`` tells why."""

    requestLoad = Signal(object)  # a LoadRequest

    def __init__(self, run: RunState, worker: TrainingWorker, grid: PlotGrid,
                 status_line: StatusLine, banner: MessageBanner, panel: ParameterPanel,
                 say: Callable[[str], None]) -> None:
        super().__init__(run)
        self.run, self.worker, self.grid = run, worker, grid
        self.status_line, self.banner, self.panel, self._say = status_line, banner, panel, say
        #: The settings and table a load that fails goes back to.
        self._before: tuple[TrainConfig, Table | None] = (run.config, None)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)

    def remember(self, config: TrainConfig, table: Table | None) -> None:
        """What a failed load goes back to (the oldest while loads follow each other)."""
        if not self.run.loading:
            self._before = (config, table)

    def request(self, config: TrainConfig) -> None:
        self.run.loading = True
        self._busy_timer.start(BUSY_AFTER_MS)
        table = self.run.table if config.data else None
        self.requestLoad.emit(self.worker.announce_load(config, table))

    def done(self) -> None:
        """Loaded (or the window closes): no longer busy."""
        self._busy_timer.stop()
        self.status_line.busy.hide()

    @Slot(str)
    def failed(self, why: str) -> None:
        """The previous data, settings and run stay as they were, and the banner says why."""
        self.done()
        run, g = self.run, self.grid
        run.loading = False
        config, run.table = self._before
        self.panel.set_config(config)
        run.set_config(config)
        ld = run.loaded
        if ld is not None:  # the plots as they were before the wait
            g.data_plot.show_data(ld.data, ld.view, ld.model, ld.initial,
                                  article_view=not ld.config.data)
            g.loss_plot.end_loading()
        self._say(tr("Not loaded: {reason}").format(reason=why))

    @Slot()
    def _show_busy(self) -> None:
        run, g = self.run, self.grid
        if not run.loading:
            return
        self.status_line.show_loading()
        g.data_plot.show_loading(run.config.n_points)
        g.loss_plot.show_loading()
        self.banner.show_hint(tr("Generating {n} points…").format(
            n=f"{run.config.n_points:,}") if not run.table else
            tr("Loading {n} points…").format(n=f"{len(run.table.x):,}"))
