"""The log, line for line as quadreg-train prints it, derived from the run."""

from __future__ import annotations

from ..core.logformat import final_lines, initial_line
from .panels.log_view import LogModel
from .run_messages import RunMessages
from .run_state import RunState


class RunLog:
    """Begins with the start's line when a run starts over, and ends as quadreg-train's
    log does: with the optimum of the loss now, or why the run diverged."""

    def __init__(self, run: RunState, log: LogModel, messages: RunMessages) -> None:
        self.run, self.log, self.messages = run, log, messages

    def start(self) -> None:
        loaded = self.run.loaded
        assert loaded is not None
        params = loaded.model.params
        self.log.start(params, [initial_line(params, loaded.initial,
                                             chosen=bool(loaded.config.init))])

    def end(self, state: str) -> None:
        """A run that goes on (another round, a Step) ends anew, so an earlier end is
        dropped rather than kept above it."""
        run, p, loaded = self.run, self.run.latest, self.run.loaded
        tail = []
        if state == "finished" and p is not None and loaded is not None \
                and run.quad is not None:
            tail = final_lines(loaded.model.params, p.theta, p.loss_now, run.quad.optimum,
                               run.quad.min_loss)
        elif state == "diverged":
            tail = [self.messages.divergence_text()]
        self.log.set_tail(tail)

    def retranslate(self) -> None:
        """Why the run diverged, in the language chosen now (as the banner says it)."""
        if self.run.state == "diverged":
            self.end("diverged")
