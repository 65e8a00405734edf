"""numba's compiled kernels (core/training/compiled.py), where numba is installed: the
oracle's tests of test_core_optimizers run again with them, and each run equals the
float loops' run (which every other test runs) to within 1e-12."""

import threading

import numpy as np
import pytest

pytest.importorskip("numba")

from test_core_optimizers import (  # noqa: E402 - run again here, compiled
    LR,
    test_a_batch_step_that_leaves_every_bound_ends_the_run,
    test_a_live_change_mid_epoch_steers_the_batches_left,
    test_an_edit_of_the_data_or_full_batches_end_the_epoch_under_way,
    test_an_epoch_stepped_batch_by_batch_is_the_run_s_epoch,
    test_any_split_of_a_run_gives_the_same_numbers,
    test_every_optimizer_with_every_schedule_matches_oracle,
    test_every_optimizer_with_uneven_minibatches_matches_oracle,
    test_minibatch_matches_oracle_with_the_same_shuffles,
    test_optimizer_matches_oracle,
    test_schedule_matches_oracle,
    test_the_last_batch_ends_the_epoch_and_each_step_is_the_oracle_s,
    test_the_last_epoch_replayed_batch_by_batch,
    test_the_mean_loss_matches_the_oracle,
)

from quadreg_gui.core.analysis.race import default_race  # noqa: E402
from quadreg_gui.core.config import MODELS, OPTIMIZERS, TrainConfig  # noqa: E402
from quadreg_gui.core.training import compiled, objective  # noqa: E402
from quadreg_gui.core.training import trainer as trainer_module  # noqa: E402
from quadreg_gui.core.training.engine import Engine  # noqa: E402
from quadreg_gui.core.training.engine_process import _has_loops  # noqa: E402
from quadreg_gui.core.training.epochs import float_minibatch_block, has_loops  # noqa: E402
from quadreg_gui.core.training.trainer import Trainer  # noqa: E402

if not compiled.allowed():
    pytest.skip("QUADREG_COMPILED=0 turns the kernels off", allow_module_level=True)

__all__ = ["test_a_batch_step_that_leaves_every_bound_ends_the_run",
           "test_a_live_change_mid_epoch_steers_the_batches_left",
           "test_an_edit_of_the_data_or_full_batches_end_the_epoch_under_way",
           "test_an_epoch_stepped_batch_by_batch_is_the_run_s_epoch",
           "test_any_split_of_a_run_gives_the_same_numbers",
           "test_every_optimizer_with_every_schedule_matches_oracle",
           "test_every_optimizer_with_uneven_minibatches_matches_oracle",
           "test_minibatch_matches_oracle_with_the_same_shuffles",
           "test_optimizer_matches_oracle",
           "test_schedule_matches_oracle",
           "test_the_last_batch_ends_the_epoch_and_each_step_is_the_oracle_s",
           "test_the_last_epoch_replayed_batch_by_batch",
           "test_the_mean_loss_matches_the_oracle"]


@pytest.fixture(autouse=True)
def _compiled():
    assert compiled.use_compiled()
    yield
    compiled.use_compiled(False)


def _run(cfg: TrainConfig, use: bool, epochs: int, monkeypatch=None) -> Trainer:
    """A run with the kernels (``use``), or on the float loops, step by step (not
    GD's, momentum's and Nesterov's mini-batch maps: those round otherwise)."""
    compiled.use_compiled(use)
    t = Trainer(cfg)
    if use:
        t.run(epochs)
        return t
    with monkeypatch.context() as patch:
        patch.setattr(trainer_module, "minibatch_block", float_minibatch_block)
        t.run(epochs)
    return t


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("batch_size", [0, 1, 7])
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_a_compiled_run_equals_the_float_loops(optimizer, batch_size, model, monkeypatch):
    """Every optimizer, batch size (7 of 100: a short last batch) and model, with L2, a
    decaying rate and the mean loss: the same rows within 1e-12 (the adaptive
    optimizers' full batches to the last bit: the same operations in the same order)."""
    for loss in ("sum", "mean"):
        rate = LR[optimizer] * (100 if loss == "mean" and optimizer in OPTIMIZERS[:3] else 1)
        cfg = TrainConfig(optimizer=optimizer, model=model, batch_size=batch_size, l2=0.3,
                          lr=rate / 4, schedule="step", lr_decay_every=9, loss=loss,
                          x_min=-0.5, x_max=1.5, epochs=120)
        fast, loops = _run(cfg, True, cfg.epochs), _run(cfg, False, cfg.epochs, monkeypatch)
        assert fast.diverged_at is None
        for name in ("params", "loss", "grad", "lr"):
            ours, theirs = getattr(fast.history, name), getattr(loops.history, name)
            if batch_size == 0 and optimizer not in OPTIMIZERS[:3]:
                np.testing.assert_array_equal(ours, theirs, err_msg=f"{loss} {name}")
            else:
                np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12,
                                           err_msg=f"{loss} {name}")
        for name in fast.optimizer.STATE:
            np.testing.assert_allclose(getattr(fast.optimizer, name),
                                       getattr(loops.optimizer, name), rtol=1e-12)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_data_too_large_to_keep_its_point_statistics(optimizer, monkeypatch):
    """Without the points' statistics kept, the batches' are made by NumPy and stepped
    in the other kernel: the same rows."""
    cfg = TrainConfig(optimizer=optimizer, batch_size=3, lr=LR[optimizer] / 2, epochs=40)
    kept = _run(cfg, True, cfg.epochs)
    monkeypatch.setattr(objective, "POINT_STATISTICS_LIMIT", 0)
    made = _run(cfg, True, cfg.epochs)
    assert made.objective.point_statistics() is None
    np.testing.assert_allclose(made.history.params, kept.history.params, rtol=1e-12)
    np.testing.assert_allclose(made.history.loss, kept.history.loss, rtol=1e-12)


def test_which_runs_have_loops():
    assert not has_loops(TrainConfig(), 100)
    assert not has_loops(TrainConfig(optimizer="nesterov", batch_size=100), 100)
    assert has_loops(TrainConfig(batch_size=10), 100)
    assert has_loops(TrainConfig(optimizer="adam"), 100)
    assert has_loops(TrainConfig(schedule="step"), 100)


def test_refused_by_the_environment(monkeypatch):
    monkeypatch.setenv("QUADREG_COMPILED", "0")
    assert not compiled.use_compiled()
    assert compiled.kernels() is None


def test_warmed_in_a_thread_of_its_own(monkeypatch):
    compiled.use_compiled(False)
    monkeypatch.setattr(compiled, "_warming", None)
    compiled.warm_in_background()
    thread = compiled._warming
    assert isinstance(thread, threading.Thread) and thread.daemon
    thread.join(60)
    assert compiled.kernels() is not None
    compiled.warm_in_background()  # once per process
    assert compiled._warming is thread


def test_the_engine_s_process_warms_them_for_a_run_or_race_with_loops():
    engine = Engine()
    engine.load(TrainConfig())
    assert not _has_loops(engine)
    engine.update(TrainConfig(optimizer="adam"))
    assert _has_loops(engine)
    engine.update(TrainConfig())
    engine.start_race(default_race(TrainConfig(), engine.trainer.objective.quadratic(),
                                   engine.trainer.initial))
    assert _has_loops(engine)


def test_a_failure_of_numba_s_is_said_once_and_the_float_loops_run(monkeypatch, capsys):
    from quadreg_gui.core.training import kernels

    def broken() -> None:
        raise RuntimeError("cannot cache function: no locator available")

    compiled.use_compiled(False)
    monkeypatch.setattr(kernels, "warm", broken)
    assert not compiled.use_compiled()
    assert compiled.kernels() is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no locator available" in err and "Python floats" in err
