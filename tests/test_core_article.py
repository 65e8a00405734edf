"""With default settings the core reproduces the article's code, digit for digit."""

import numpy as np
import pytest
from oracle import article_run, reference_run

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.data import synthesize
from quadreg_gui.core.logformat import initial_line, log_lines
from quadreg_gui.core.training.trainer import Trainer, train


def test_data_and_initial_parameters_are_the_articles():
    np.random.seed(100)
    x = np.linspace(-1, 1, 100).reshape(100, 1)
    y = 3 * np.power(x, 2) + 2 + 0.2 * np.random.rand(x.size).reshape(100, 1)
    w, b = np.random.rand(1, 1), np.random.rand(1, 1)
    data = synthesize(TrainConfig())
    np.testing.assert_array_equal(data.x, x.ravel())
    np.testing.assert_array_equal(data.y, y.ravel())
    np.testing.assert_array_equal(Trainer(TrainConfig()).initial, [w[0][0], b[0][0]])


def test_default_run_prints_the_articles_lines():
    lines, losses, final = article_run()
    t = train(TrainConfig())
    ours = [initial_line(t.model.params, t.initial),
            *log_lines(t.history, t.model.params, 100)]
    assert ours == lines
    assert ours[1] == "Epoch 0: w=0.8692, b=0.9866, Loss=237.1448"
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)
    np.testing.assert_allclose(t.theta, final, rtol=1e-9)


@pytest.mark.parametrize("lr", [0.0005, 0.005, 0.015])
def test_other_learning_rates_match_the_articles_loop(lr):
    _, losses, final = article_run(lr=lr, epochs=400)
    t = train(TrainConfig(lr=lr, epochs=400))
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)
    np.testing.assert_allclose(t.theta, final, rtol=1e-9)


def test_large_data_matches_per_sample_formulas():
    cfg = TrainConfig(n_points=200_000, lr=1e-6, epochs=50)
    t = train(cfg)
    params, losses = reference_run(t.data.x, t.data.y, t.initial, lr=1e-6, epochs=50)
    np.testing.assert_allclose(t.history.params, params, rtol=1e-9)
    np.testing.assert_allclose(t.history.loss, losses, rtol=1e-9)


@pytest.mark.parametrize("noise_kind", ["uniform", "gaussian"])
def test_data_drawn_in_chunks_is_the_articles_single_draw(noise_kind):
    """Synthesis goes chunk by chunk (so a load can stop); the numbers must be those
    of the article's one draw, also past the first chunk."""
    from quadreg_gui.core.data import CHUNK
    from quadreg_gui.core.training.model import N_INIT_DRAWS

    cfg = TrainConfig(n_points=2 * CHUNK + 7, seed=7, noise_kind=noise_kind)
    np.random.seed(7)
    x = np.linspace(cfg.x_min, cfg.x_max, cfg.n_points)
    noise = cfg.noise * (np.random.rand(x.size) if noise_kind == "uniform"
                         else np.random.standard_normal(x.size))
    y = cfg.true_w * np.power(x, 2) + cfg.true_b + noise
    draws = np.random.rand(N_INIT_DRAWS)
    data = synthesize(cfg)
    assert np.array_equal(data.x, x) and np.array_equal(data.y, y)
    assert np.array_equal(data.draws, draws)


@pytest.mark.parametrize("start, stop", [(-1, 1), (-3.7, 12.1), (1000, 1001), (5, -5),
                                         (-1e-300, 1e-300), (2.5, 2.5)])
def test_x_made_in_chunks_is_numpys_linspace_bit_for_bit(start, stop):
    from quadreg_gui.core.data import CHUNK, linspace
    for num in (1, 2, CHUNK, CHUNK + 1, 3 * CHUNK + 5):
        assert np.array_equal(linspace(start, stop, num), np.linspace(start, stop, num))
