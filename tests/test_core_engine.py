"""The engine a window drives, here and in a process of its own."""

import os
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from multiprocessing import Pipe

import numpy as np
import pytest

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.data import make_dataset
from quadreg_gui.core.training import engine as engine_module
from quadreg_gui.core.training.engine import Engine, Progress, RaceProgress, whole_chunks
from quadreg_gui.core.training.engine_process import CHUNK_BYTES, EngineLost, RemoteEngine, receive, send
from quadreg_gui.core.analysis.race import default_race
from quadreg_gui.core.training.trainer import CHECK_EVERY, Trainer


@pytest.fixture
def remote():
    engine = RemoteEngine()
    yield engine
    engine.close()
    engine.join(5)


def session(engine, cfg):
    """The same commands on ``engine``; what it reported."""
    loaded = engine.load(cfg)
    seen = [loaded, engine.status()]
    ran, status = engine.run(5000)
    seen += [ran, status, engine.report(True, True)]
    engine.update(replace(cfg, lr=cfg.lr * 2, momentum=0.5))
    seen += [engine.run(3000), engine.report(True, True), engine.status()]
    engine.new_round()
    seen.append(engine.status())
    engine.start_race(default_race(cfg, loaded.quad, loaded.initial)[:3])
    seen += [engine.run(700), engine.report(True, False)]
    engine.end_race()
    engine.reset()
    seen += [engine.status(), engine.report(False, False)]
    return seen


def assert_same(a, b):
    if isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b)
    elif hasattr(a, "__dataclass_fields__"):
        assert type(a) is type(b)
        for name in a.__dataclass_fields__:
            assert_same(getattr(a, name), getattr(b, name))
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for key in a:
            assert_same(a[key], b[key])
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    else:
        assert a == b


def test_a_remote_engine_reports_what_a_local_one_does(remote):
    cfg = TrainConfig(optimizer="momentum", epochs=4000)
    local, far = session(Engine(), cfg), session(remote, cfg)
    assert_same(local, far)
    np.testing.assert_array_equal(far[0].data.y, make_dataset(cfg).y)  # made there, sent once
    assert isinstance(far[4], Progress) and far[4].epoch == 5000
    assert far[3].state == "finished"  # 5000 epochs of a 4000-epoch round
    assert (far[7].epoch, far[7].target, far[8].target) == (8000, 4000, 12000)  # another round
    assert isinstance(far[10], RaceProgress) and len(far[10].racers) == 3
    assert far[11].epoch == 0 and far[11].state == "paused"


def test_a_report_sends_what_the_window_draws_and_lists_of_the_history_and_no_more():
    """The curve, the path and the logged epochs are the history's own rows (the numbers,
    parameters and losses the plots and the log show), without the learning rates and
    gradients that nothing in the window shows: 32 bytes an epoch, not 56."""
    engine = Engine()
    engine.load(TrainConfig(epochs=2_000_000))
    engine.run(1_234_567)
    p = engine.report(True, False)
    history = engine.trainer.history
    kept = history.kept()
    for drawn in (p.curve, p.path, p.logged):
        assert list(drawn.__dataclass_fields__) == ["epochs", "params", "loss"]
        at = np.searchsorted(kept.epochs, drawn.epochs)
        np.testing.assert_array_equal(kept.epochs[at], drawn.epochs)
        np.testing.assert_array_equal(kept.params[at], drawn.params)
        np.testing.assert_array_equal(kept.loss[at], drawn.loss)
    np.testing.assert_array_equal(p.logged.epochs, np.arange(0, 1_234_567, 100))
    assert p.curve.epochs[-1] == p.path.epochs[-1] == 1_234_566


def test_the_launcher_s_engine_loads_the_compiled_loops_as_it_starts(tmp_path, monkeypatch):
    """quadreg-gui's engine (forked early) loads them before any run needs them: its
    first load is answered after the loading began (see RemoteEngine: ``warm``)."""
    from quadreg_gui.core.training import engine_process

    began = tmp_path / "began"
    monkeypatch.setattr(engine_process, "warm_in_background",
                        lambda: began.write_text(str(os.getpid())))  # (in the fork)
    engine = RemoteEngine.forked_now()
    try:
        assert engine.warm
        engine.load(TrainConfig())
        assert began.read_text() == str(engine._process.pid)
    finally:
        engine.close()
        engine.join(5)


def test_an_engine_forked_early_serves_alike_and_ends_with_its_caller():
    """The launcher's engine, forked before the window's imports: its process runs
    before the first call and answers as one started then; its Waiting is shared (a
    command waiting stops a run); and it ends once the caller's end of the pipe
    closes, as when the window's process exits or is killed (the fork's copy of that
    end is closed in the child: else it would wait on it for good)."""
    engine = RemoteEngine.forked_now()
    try:
        assert engine._process is not None and engine._process.is_alive()
        cfg = TrainConfig(optimizer="momentum", epochs=4000)
        assert_same(session(engine, cfg), session(Engine(), cfg))
        engine.load(TrainConfig(n_points=10**5, batch_size=1))  # epochs of about 0.1 s
        engine.waiting.add()
        started = time.perf_counter()
        assert engine.run(50)[0] == 0  # (50 epochs would take seconds)
        assert time.perf_counter() - started < 1
        engine.waiting.take()
        assert engine.run(1)[0] == 1
        engine._conn.close()
        engine._process.join(5)
        assert not engine._process.is_alive()
    finally:
        engine.close()
        engine.join(5)


def test_an_engine_from_the_fork_server_never_runs_the_caller_s_script_again(tmp_path):
    """A script (as ``quadreg-gui`` and ``pytest`` are) starting engines: none of them
    runs it again as ``__mp_main__``, which multiprocessing would have each child do
    (under pytest that imported pytest: 50-70 ms of every window's first load)."""
    marks = tmp_path / "marks"
    script = tmp_path / "caller.py"
    script.write_text(textwrap.dedent(f"""
        import os
        if __name__ != "__main__":
            with open({str(marks)!r}, "a") as f:
                f.write(__name__ + " in " + str(os.getpid()) + "\\n")
        from quadreg_gui.core.config import TrainConfig
        from quadreg_gui.core.training.engine_process import RemoteEngine
        if __name__ == "__main__":
            for _ in range(2):
                engine = RemoteEngine()
                engine.load(TrainConfig())
                assert engine.run(10)[0] == 10
                engine.close()
                engine.join(5)
            print("ran")
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == "ran\n", done.stderr
    assert not marks.exists(), marks.read_text()


def test_a_new_start_on_the_same_data_comes_back_with_the_data_already_here(remote):
    cfg = TrainConfig()
    loaded = remote.load(cfg)
    again = remote.update(replace(cfg, init=(("w", 1.5), ("b", -2.0))))
    assert again.same_data and again.data is loaded.data  # not sent a second time
    np.testing.assert_array_equal(again.initial, [1.5, -2.0])


def test_the_remote_run_equals_a_trainer_here(remote):
    """An oracle outside the engine: the trainer run in this process."""
    cfg = TrainConfig(epochs=10_000)
    remote.load(cfg)
    for k in (1, 4095, 3000, 2904):
        remote.run(k)
    here = Trainer(cfg)
    here.run(10_000)
    there = remote.trainer
    np.testing.assert_array_equal(there.theta, here.theta)
    np.testing.assert_array_equal(there.history.loss, here.history.loss)


def test_large_arrays_cross_in_chunks_unchanged():
    ours, theirs = Pipe()
    big = np.random.default_rng(1).standard_normal(3 * CHUNK_BYTES // 8 + 5)
    strided = np.arange(40.0).reshape(8, 5)[:, ::2]  # not contiguous: pickled whole
    got = []
    reader = threading.Thread(target=lambda: got.append(receive(theirs)))
    reader.start()
    send(ours, {"big": big, "strided": strided, "empty": np.empty(0), "n": 7})
    reader.join(10)
    np.testing.assert_array_equal(got[0]["big"], big)
    np.testing.assert_array_equal(got[0]["strided"], strided)
    assert got[0]["empty"].size == 0 and got[0]["n"] == 7


def test_errors_come_back_as_themselves(remote):
    with pytest.raises(RuntimeError, match="no data loaded"):
        remote.run(1)
    cfg = TrainConfig()
    remote.load(cfg)
    with pytest.raises(ValueError, match="data or model settings changed"):
        remote.update(replace(cfg, n_points=50))
    assert remote.run(3)[0] == 3  # and it still answers


def test_a_lost_process_and_closing_while_a_call_waits(remote):
    cfg = TrainConfig(epochs=10**8)
    remote.load(cfg)
    errors = []
    calling = threading.Event()

    def long_call():
        calling.set()
        try:
            remote.run(10**8)  # seconds of work
        except EngineLost as exc:
            errors.append((exc, time.perf_counter()))

    caller = threading.Thread(target=long_call)
    caller.start()
    assert calling.wait(10)  # the call is on its way (or waiting for its answer)
    closed = time.perf_counter()
    remote.close()
    caller.join(10)
    assert errors and errors[0][1] - closed < 1.0
    with pytest.raises(EngineLost):
        remote.status()


# --- runs sized by their cost, stopped by a waiting command (issue: a run deaf to Pause) ---
def test_timed_pieces_end_where_the_trainers_chunks_end(monkeypatch):
    """Where a chunk of epochs costs little against a call's time, no piece ends midway
    through one (39 % of a race's pieces did: each such chunk ran in two calls, each
    with a chunk's fixed costs); a call ends at most a chunk's time late; every epoch
    asked for runs once.  The clock is the epochs' own: 1 us a call, 50 ns an epoch."""
    now = [0.0]
    monkeypatch.setattr(engine_module, "clock", lambda: now[0])
    pieces = []
    run = Trainer.run

    def recorded(self, n_epochs):
        start = self.epoch
        ran = run(self, n_epochs)
        now[0] += 1e-6 + 50e-9 * ran
        pieces.append((start, self.epoch))
        return ran

    monkeypatch.setattr(Trainer, "run", recorded)
    engine = Engine()
    engine.load(TrainConfig(epochs=10**6))
    engine.run(100)  # from midway through a chunk on
    total, calls = 100, 0
    while total < 600_001:
        began = now[0]
        ran, _ = engine.run(600_001 - total, 0.002)
        assert now[0] - began <= 0.002 + 2 * (1e-6 + 50e-9 * CHECK_EVERY)
        total, calls = total + ran, calls + 1
    assert engine.trainer.epoch == total == 600_001 and calls > 10
    # The first call's pieces grow from 1 epoch while the cost of one is learnt.
    later = [end for _, end in pieces if end > 4 * CHECK_EVERY]
    assert all(end % CHECK_EVERY == 0 for end in later[:-1]), later
    assert whole_chunks(100, 10_000) == 8_192 - 100 and whole_chunks(100, 5_000) == 4_096 - 100
    assert whole_chunks(100, 3_000) == 3_000  # no chunk ends among them: as asked
    assert whole_chunks(100, 3_000, whole_only=True) == 4_096 - 100  # the chunk's rest
    assert whole_chunks(4_096, 3_000, whole_only=True) == 4_096


def test_a_timed_run_stays_within_its_time_whatever_an_epoch_costs():
    """A batch sized for a cheap epoch must not be kept for an expensive one: a run
    asked for 2**20 epochs of batch size 1 ends near its 20 ms."""
    engine = Engine()
    cfg = TrainConfig(epochs=10**7)
    engine.load(cfg)
    ran, _ = engine.run(1 << 20, 0.02)
    assert ran > 10_000  # cheap epochs: many in 20 ms
    engine.update(replace(cfg, batch_size=1))
    began = time.perf_counter()
    ran, status = engine.run(1 << 20, 0.02)
    took = time.perf_counter() - began
    assert 1 <= ran < 10_000 and took < 0.1
    assert status.epoch == engine.trainer.epoch


def _same_run(a: Trainer, b: Trainer) -> None:
    assert a.epoch == b.epoch
    np.testing.assert_array_equal(a.theta, b.theta)
    ra, rb = a.history.rows(0), b.history.rows(0)
    np.testing.assert_array_equal(ra.epochs, rb.epochs)
    np.testing.assert_array_equal(ra.params, rb.params)
    np.testing.assert_array_equal(ra.loss, rb.loss)


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_an_interrupted_chunk_is_undone_and_the_run_goes_on_as_if_never_stopped(optimizer):
    from quadreg_gui.core import interrupt

    cfg = TrainConfig(batch_size=1, epochs=1000, optimizer=optimizer, lr=0.001)
    plain = Trainer(cfg)
    plain.run(400)
    stopped = Trainer(cfg)
    stopped.run(10)
    calls = []

    def requested():  # stops the mini-batch loop at its second check in this call
        calls.append(1)
        return len(calls) > 1

    interrupt.install(requested)
    try:
        with pytest.raises(interrupt.Interrupted):
            stopped.run(300)  # 30,000 steps: two chunks of 2**14
    finally:
        interrupt.install(None)
    assert len(calls) == 2
    assert stopped.epoch == 10 and len(stopped.history) == 10
    stopped.run(390)
    _same_run(plain, stopped)


def test_a_race_stopped_midway_stays_in_lock_step():
    from quadreg_gui.core import interrupt
    from quadreg_gui.core.analysis.race import Race

    cfg = TrainConfig(batch_size=1)
    data = make_dataset(cfg)
    trainer = Trainer(cfg, data)
    racers = default_race(cfg, trainer.objective.quadratic(), trainer.initial)[:3]
    whole, stopped = Race(racers, data), Race(racers, data)
    whole.run(250)
    first = []  # the checks the first racer makes in 200 epochs from the start
    interrupt.install(lambda: first.append(1) and False)
    try:
        Race(racers, data).trainers[0].run(200)
    finally:
        interrupt.install(None)
    calls = []
    # One check more: inside the second racer.
    interrupt.install(lambda: calls.append(1) or len(calls) > len(first))
    try:
        with pytest.raises(interrupt.Interrupted):
            stopped.run(200)
    finally:
        interrupt.install(None)
    assert stopped.epoch == 0 and [t.epoch for t in stopped.trainers] == [200, 0, 0]
    stopped.run(100)  # the first racer is ahead: its results are read at the race's epoch
    assert [t.epoch for t in stopped.trainers] == [200, 100, 100]
    at_100 = Race(racers, data)
    at_100.run(100)
    assert stopped.results() == at_100.results()
    stopped.run(150)
    assert [t.epoch for t in stopped.trainers] == [250, 250, 250]
    for a, b in zip(whole.trainers, stopped.trainers):
        _same_run(a, b)


def _cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (Linux's /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_waiting_command_stops_a_remote_run_within_its_check():
    """One epoch of batch size 1 on 10^6 points takes about half a second; a command
    sent meanwhile stops it within tens of ms, and nothing of it stays."""
    from quadreg_gui.core.training.engine_process import Waiting

    waiting = Waiting()
    remote = RemoteEngine(waiting=waiting)
    try:
        cfg = TrainConfig(n_points=10**6, batch_size=1)
        remote.load(cfg)
        answers = []

        def run():
            answers.append(remote.run(5))

        caller = threading.Thread(target=run)
        caller.start()
        # Until the engine's process has computed 0.15 s of this call: well inside its
        # first epoch (the load before it took less).
        started = _cpu_seconds(remote._process.pid)
        end = time.monotonic() + 10
        while _cpu_seconds(remote._process.pid) - started < 0.15 and time.monotonic() < end:
            caller.join(0.005)
        sent = time.perf_counter()
        waiting.add()
        caller.join(10)
        assert time.perf_counter() - sent < 0.1
        ran, status = answers[0]
        assert ran == 0 and status.epoch == 0
        waiting.take()
        assert remote.run(1)[0] == 1
    finally:
        remote.close()
        remote.join(5)


def test_pins_compare_runs_on_the_same_points_and_model_only():
    """A reload of the same data (a lesson's next step) keeps pins; other points, other
    scaling or another model do not."""
    base = Engine().load(TrainConfig())
    assert Engine().load(TrainConfig(lr=0.02, epochs=60, l2=0.01)).same_problem(base)
    assert not base.same_problem(None)
    for other in (TrainConfig(seed=7), TrainConfig(noise=0.3), TrainConfig(model="quadratic")):
        assert not Engine().load(other).same_problem(base), other


def _epochs_grow(engine, seconds: float = 2.0) -> bool:
    """Whether the engine's epoch moves over status round trips for ``seconds`` (each
    lets a piece run ahead: the first piece in a few ms; the engine's process runs at
    a lower priority, so on a busy machine it may wait much longer for a core).  That
    it does not move is asked over a shorter time: on an idle machine a piece run
    ahead would show in a few ms."""
    first = engine.status().epoch
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        if engine.status().epoch > first:
            return True
    return False


def test_the_engine_runs_ahead_between_calls_and_counts_every_epoch_once(remote):
    """At maximum speed the engine trains on between a run's answer and the next call
    (a report or a status leaves it running); each answer counts the epochs since the
    one before, and the numbers are the headless run's."""
    cfg = TrainConfig(epochs=300_000)
    remote.load(cfg)
    ran, status = remote.run_ahead(cfg.epochs, 0.002)
    assert 0 < ran == status.epoch
    assert _epochs_grow(remote)  # (status calls leave it running)
    told = ran
    while status.state == "paused":
        ran, status = remote.run_ahead(cfg.epochs, 0.002)
        told += ran
    assert status.state == "finished" and told == status.epoch == cfg.epochs
    assert not _epochs_grow(remote, 0.3)  # it stops at the run's end
    headless = Trainer(cfg)
    headless.run(cfg.epochs)
    there = remote.trainer
    np.testing.assert_array_equal(there.theta, headless.theta)
    assert there.history.rows(cfg.epochs - 1, cfg.epochs).loss[0] == \
        headless.history.rows(cfg.epochs - 1, cfg.epochs).loss[0]


def test_running_ahead_goes_on_through_a_request_to_warm_the_compiled_loops(remote):
    """The race dialog's request (Engine.warm_kernels) leaves a run going on running."""
    cfg = TrainConfig(epochs=10_000_000)
    remote.load(cfg)
    remote.run_ahead(cfg.epochs, 0.002)
    assert _epochs_grow(remote)
    remote.warm_kernels()
    assert _epochs_grow(remote)


@pytest.mark.parametrize("ender", ["update", "command waiting", "run"])
def test_running_ahead_ends_at_any_other_call_or_a_waiting_command(ender):
    from quadreg_gui.core.training.engine_process import Waiting
    waiting = Waiting()
    engine = RemoteEngine(waiting=waiting)
    try:
        cfg = TrainConfig(epochs=10_000_000)
        engine.load(cfg)
        engine.run_ahead(cfg.epochs, 0.002)
        assert _epochs_grow(engine)
        if ender == "update":
            engine.update(replace(cfg, lr=cfg.lr / 2))
        elif ender == "command waiting":
            waiting.add()  # (a Pause sent, not yet taken by the worker's thread)
        else:
            engine.run(10, None)
        engine.status()  # (a piece under way when it ended has ended now)
        assert not _epochs_grow(engine, 0.3)
        if ender == "command waiting":
            waiting.take()
            assert not _epochs_grow(engine, 0.3)  # ended, not paused: the next run says
    finally:
        engine.close()
        engine.join(5)


def test_an_engine_whose_process_could_not_start_has_no_sentinel(monkeypatch):
    """The worker watches the sentinel of the engine it just tried to start: one that
    could not start (no memory, no processes left) has none, and says so by None, not
    by multiprocessing's "process not started" error."""
    import multiprocessing.process

    def cannot(self):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", cannot)
    engine = RemoteEngine()
    with pytest.raises(EngineLost, match="could not start"):
        engine.load(TrainConfig(), None)
    assert engine.sentinel is None
    engine.close()
