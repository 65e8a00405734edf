"""Momentum's map against the explicit iteration matrices, brute force and real runs."""

from __future__ import annotations

import numpy as np
import pytest

from quadreg_gui.core.analysis.momentum import (
    critical_beta,
    momentum_map,
    optimal,
    radius,
)
from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.training.epochs import transition
from quadreg_gui.core.training.optimizers import Momentum, Nesterov
from quadreg_gui.core.training.trainer import Trainer

KINDS = {"momentum": Momentum, "nesterov": Nesterov}


def explicit_radius(kind, lr, beta, hessian):
    """The largest |eigenvalue| of the whole iteration matrix on (d, v)."""
    return max(abs(np.linalg.eigvals(transition(KINDS[kind](2), hessian, lr, beta))))


@pytest.mark.parametrize("kind", KINDS)
def test_the_radius_is_the_iteration_matrices(kind):
    hessian = Trainer(TrainConfig(model="article")).objective.hessian
    values = np.linalg.eigvalsh(hessian)
    rng = np.random.default_rng(3)
    for lr, beta in zip(10 ** rng.uniform(-4, -0.5, 60), rng.uniform(0, 0.995, 60)):
        assert radius(kind, lr, beta, values) == pytest.approx(
            explicit_radius(kind, lr, beta, hessian), rel=1e-7, abs=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_the_rate_is_what_a_run_does(kind):
    """From epoch 100 to 200 the error shrinks by the radius per epoch (in the long run:
    the slowest direction's share has taken over)."""
    cfg = TrainConfig(optimizer=kind, lr=0.01, momentum=0.6, epochs=200)
    t = Trainer(cfg)
    t.run(200)
    error = np.linalg.norm(t.history.params - t.objective.optimum, axis=1)
    measured = (error[199] / error[99]) ** (1 / 100)
    rate = radius(kind, 0.01, 0.6, np.linalg.eigvalsh(t.objective.hessian))
    assert measured == pytest.approx(float(rate), rel=0.02)


@pytest.mark.parametrize("kind", KINDS)
def test_the_optimal_pair_beats_every_pair_of_a_fine_grid(kind):
    values = np.linalg.eigvalsh(Trainer(TrainConfig(x_min=-0.5, x_max=2.0)).objective.hessian)
    best = optimal(kind, values)
    # (near critical damping a root is a square root of rounding: 1e-8, not 1e-16)
    assert float(radius(kind, best.lr, best.beta, values)) == pytest.approx(best.rate, rel=1e-6)
    lrs = best.lr * np.logspace(-1, 1, 301)
    betas = np.linspace(0, 0.999, 301)
    grid = radius(kind, lrs[None, :], betas[:, None], values)
    assert best.rate <= grid.min() + 1e-9
    if kind == "momentum":  # Polyak: the rate is (sqrt(k) - 1)/(sqrt(k) + 1)
        k = values[-1] / values[0]
        assert best.rate == pytest.approx((np.sqrt(k) - 1) / (np.sqrt(k) + 1), rel=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_critical_damping_is_where_the_roots_meet(kind):
    h = 37.0
    lrs = np.logspace(-4, -1.3, 40)
    betas = critical_beta(kind, lrs, h)
    found = np.isfinite(betas)
    assert found.sum() > 30
    for lr, beta in zip(lrs[found], betas[found]):
        t = transition(KINDS[kind](1), np.array([[h]]), lr, beta)
        trace, det = np.trace(t), np.linalg.det(t)
        assert abs(trace * trace - 4 * det) < 1e-6 * max(trace * trace, 1e-6), (lr, beta)
        below = np.linalg.eigvals(transition(KINDS[kind](1), np.array([[h]]), lr,
                                             max(0.0, beta - 0.02)))
        assert np.isreal(below).all()  # below the curve: no spiral


def test_the_map_marks_divergence_and_its_best_pair():
    values = np.array([2.0, 30.0])
    m = momentum_map("momentum", values, size=120)
    assert m.rate.shape == (120, 120)
    diverged = m.rate >= 1
    assert diverged.any() and (~diverged).any()
    # Divergence exactly where the stable-limit formula says: lr > 2(1+b)/((1-b) h_max)
    limit = 2 * (1 + m.betas[:, None]) / ((1 - m.betas[:, None]) * 30.0)
    clear = np.abs(m.lrs[None, :] / limit - 1) > 0.05
    np.testing.assert_array_equal(diverged[clear], (m.lrs[None, :] > limit)[clear])
    assert m.best is not None and m.best.rate == pytest.approx(m.rate.min(), abs=0.02)


@pytest.mark.parametrize("kind", KINDS)
def test_the_divergence_line_is_where_the_rate_reaches_one(kind):
    values = np.array([2.0, 30.0])
    m = momentum_map(kind, values, size=80)
    on_line = radius(kind, m.divergence, m.betas, values)
    np.testing.assert_allclose(on_line, 1.0, rtol=1e-9)
    assert (radius(kind, 0.99 * m.divergence, m.betas, values) < 1).all()


def test_epochs_to_shrink():
    from quadreg_gui.core.analysis.momentum import epochs_to_shrink
    assert epochs_to_shrink(0.9) == pytest.approx(np.log(0.01) / np.log(0.9))
    assert 0.9 ** float(epochs_to_shrink(0.9)) == pytest.approx(0.01)
    assert np.isinf(epochs_to_shrink(1.0)) and epochs_to_shrink(0.0) == 0
