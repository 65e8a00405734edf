"""Closed-form analysis against lstsq, finite differences and real training."""

import numpy as np
import pytest
from oracle import features

from quadreg_gui.core.analysis.analysis import condition_number, eigenvalues, loss_grid, stable_lr_limit
from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.data import synthesize
from quadreg_gui.core.training.model import MODELS
from quadreg_gui.core.training.objective import Objective
from quadreg_gui.core.training.trainer import Trainer


def _objective(model="article", l2=0.0, **kw):
    cfg = TrainConfig(model=model, l2=l2, **kw)
    return Objective(MODELS[model], synthesize(cfg), l2)


def _phi(obj):
    return np.stack(features(obj.data.x, obj.model.name), axis=1)


def _explicit_loss(obj, theta):
    r = _phi(obj) @ theta - obj.data.y
    return 0.5 * r @ r + 0.5 * obj.l2 * float(np.sum(np.asarray(theta)[:-1] ** 2))


@pytest.mark.parametrize("model", MODELS)
def test_optimum_equals_lstsq(model):
    obj = _objective(model, x_min=-0.3, x_max=2.0)
    expected = np.linalg.lstsq(_phi(obj), obj.data.y, rcond=None)[0]
    np.testing.assert_allclose(obj.optimum, expected, rtol=1e-10)
    assert obj.min_loss == pytest.approx(_explicit_loss(obj, expected), rel=1e-10)


@pytest.mark.parametrize("model", MODELS)
def test_optimum_with_l2_solves_the_regularized_normal_equations(model):
    obj = _objective(model, l2=2.5)
    phi = _phi(obj)
    reg = np.diag([1.0] * (phi.shape[1] - 1) + [0.0])
    expected = np.linalg.solve(phi.T @ phi + 2.5 * reg, phi.T @ obj.data.y)
    np.testing.assert_allclose(obj.optimum, expected, rtol=1e-10)
    grad = np.array([(_explicit_loss(obj, expected + e) - _explicit_loss(obj, expected - e))
                     / 2e-6 for e in np.eye(phi.shape[1]) * 1e-6])
    np.testing.assert_allclose(grad, 0, atol=1e-5)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_gradient_and_loss_match_finite_differences(model, l2):
    obj = _objective(model, l2=l2)
    theta = np.array([0.3, -1.2, 4.0, 0.7][: obj.model.n_params])
    assert obj.loss(theta) == pytest.approx(_explicit_loss(obj, theta), rel=1e-12)
    h = 1e-5
    fd = [(_explicit_loss(obj, theta + e) - _explicit_loss(obj, theta - e)) / (2 * h)
          for e in np.eye(theta.size) * h]
    np.testing.assert_allclose(obj.grad(theta), fd, rtol=1e-7)


def test_hessian_eigenvalues_and_condition_number():
    obj = _objective("quadratic", l2=0.5)
    phi = _phi(obj)
    h = phi.T @ phi + np.diag([0.5, 0.5, 0.0])
    np.testing.assert_allclose(eigenvalues(obj), np.sort(np.linalg.eigvals(h).real), rtol=1e-10)
    assert condition_number(obj) == pytest.approx(np.linalg.cond(h), rel=1e-8)


def _diverges(cfg: TrainConfig, epochs: int = 20_000) -> bool:
    t = Trainer(cfg)
    t.run(epochs)
    return t.diverged_at is not None


@pytest.mark.parametrize("optimizer,beta", [("gd", 0.9), ("momentum", 0.9), ("momentum", 0.5),
                                            ("nesterov", 0.9), ("nesterov", 0.3)])
@pytest.mark.parametrize("model", MODELS)
def test_stable_limit_separates_convergence_from_divergence(optimizer, beta, model):
    cfg = TrainConfig(optimizer=optimizer, momentum=beta, model=model)
    limit = stable_lr_limit(Trainer(cfg).objective, cfg)
    assert not _diverges(cfg.replace(lr=0.99 * limit))
    assert _diverges(cfg.replace(lr=1.01 * limit))


def test_stable_limit_of_gd_is_two_over_the_largest_curvature():
    cfg = TrainConfig()
    obj = Trainer(cfg).objective
    x = obj.data.x
    h = np.array([[np.sum(x**4), np.sum(x**2)], [np.sum(x**2), x.size]])
    assert stable_lr_limit(obj, cfg) == pytest.approx(2 / np.linalg.eigvalsh(h)[-1], rel=1e-12)
    assert stable_lr_limit(obj, cfg.replace(optimizer="adam")) is None


def test_loss_grid_matches_explicit_losses():
    obj = _objective("quadratic")
    center = np.array([1.0, 0.5, 2.0])
    u, v = np.linspace(0, 5, 7), np.linspace(-1, 4, 5)
    grid = loss_grid(obj, center, 0, 2, u, v)
    assert grid.shape == (5, 7)
    for r, vj in enumerate(v):
        for c, ui in enumerate(u):
            assert grid[r, c] == pytest.approx(_explicit_loss(obj, [ui, 0.5, vj]), rel=1e-10)


# --- the optimum from the Gram matrix, against exact rational arithmetic ------------
def _exact_fit(x, y, columns, penalty):
    """theta* and the minimal loss of a regularized least-squares fit, in Fractions."""
    from fractions import Fraction
    xs = [Fraction(float(v)) for v in x]
    ys = [Fraction(float(v)) for v in y]
    phi = [[Fraction(1) if k == 0 else v**k for k in columns] for v in xs]
    p = len(columns)
    a = [[sum(row[i] * row[j] for row in phi) + (Fraction(penalty[i]) if i == j else 0)
          for j in range(p)] + [sum(row[i] * t for row, t in zip(phi, ys))] for i in range(p)]
    for i in range(p):  # Gauss-Jordan, exact
        pivot = next(r for r in range(i, p) if a[r][i] != 0)
        a[i], a[pivot] = a[pivot], a[i]
        a[i] = [v / a[i][i] for v in a[i]]
        for r in range(p):
            if r != i and a[r][i] != 0:
                a[r] = [vr - a[r][i] * vi for vr, vi in zip(a[r], a[i])]
    theta = [a[i][p] for i in range(p)]
    residual = [sum(c * t for c, t in zip(row, theta)) - t_y for row, t_y in zip(phi, ys)]
    loss = sum(r * r for r in residual) / 2 + sum(
        Fraction(penalty[i]) * theta[i] ** 2 for i in range(p)) / 2
    return np.array([float(t) for t in theta]), float(loss)


@pytest.mark.parametrize("model_name", MODELS)
@pytest.mark.parametrize("x_range", [(-1.0, 1.0), (1000.0, 1001.0), (-300.0, 500.0)])
@pytest.mark.parametrize("l2", [0.0, 0.5])
def test_optimum_and_min_loss_match_exact_arithmetic_on_ill_conditioned_data(
        model_name, x_range, l2):
    from quadreg_gui.core.data import Dataset
    from quadreg_gui.core.training.model import MODELS
    if model_name == "cubic" and x_range[0] == 1000.0:
        pytest.skip("x³, x², x and 1 on [1000, 1001] are collinear to float precision "
                    "(condition above 1e16): only standardized x fits a cubic there")
    rng = np.random.default_rng(7)
    x = np.linspace(*x_range, 40)
    y = 0.5 * x**2 - 3.0 * x + 7.0 + rng.normal(0, 1.0, x.size)
    model = MODELS[model_name]
    obj = Objective(model, Dataset.from_arrays(x, y), l2)
    penalty = l2 * model.regularized
    theta, loss = _exact_fit(x, y, model.powers, penalty)
    # Norm-wise, as least squares is judged: a coefficient near 0 has few exact digits.
    def distance(a, b):
        return np.linalg.norm(a - b) / np.linalg.norm(b)

    # Exact arithmetic bounds what float data allows: lstsq itself is 0.8e-9 (NumPy 2.4)
    # to 2e-9 (NumPy 2.5) from it for a*x^2 + b*x + c on [1000, 1001].
    assert distance(obj.optimum, theta) < 1e-8
    assert obj.min_loss == pytest.approx(loss, rel=1e-9)
    stacked = np.vstack([model.design(x), np.diag(np.sqrt(penalty))])
    lstsq = np.linalg.lstsq(stacked, np.concatenate([y, np.zeros(model.n_params)]), rcond=None)
    assert distance(obj.optimum, lstsq[0]) < 1e-9


def test_a_live_l2_change_does_not_touch_the_data():
    obj = Objective(MODELS["quadratic"], synthesize(TrainConfig(n_points=1000)), 0.0)
    before = obj.optimum.copy()
    obj.data = None  # any O(n) work would fail now
    obj.set_l2(3.0)
    assert obj.optimum[0] < before[0]
    obj.set_l2(0.0)
    np.testing.assert_array_equal(obj.optimum, before)


@pytest.mark.parametrize("model", MODELS)
def test_the_mean_loss_is_the_sum_over_n(model):
    """Loss, gradient, Hessian and the instruments' quadratic form over n; the optimum,
    R² and RMSE the same; the stable limit n times the sum's."""
    cfg = TrainConfig(model=model, n_points=250, l2=0.4, x_min=-0.5, x_max=1.5)
    data = synthesize(cfg)
    total, mean = Objective(MODELS[model], data, 0.4), Objective(MODELS[model], data, 0.4, True)
    theta = np.array([0.3, -1.2, 4.0, 0.7][: total.model.n_params])
    assert mean.loss(theta) == pytest.approx(_explicit_loss(total, theta) / 250, rel=1e-12)
    np.testing.assert_allclose(mean.grad(theta), total.grad(theta) / 250, rtol=1e-12)
    np.testing.assert_allclose(mean.optimum, total.optimum, rtol=1e-12)
    assert mean.min_loss == pytest.approx(total.min_loss / 250, rel=1e-12)
    assert stable_lr_limit(mean, cfg) == pytest.approx(250 * stable_lr_limit(total, cfg))
    q_sum, q_mean = total.quadratic(), mean.quadratic()
    np.testing.assert_allclose(q_mean.root.T @ q_mean.root, mean.hessian, rtol=1e-10,
                               atol=1e-12 * np.abs(mean.hessian).max())
    assert q_mean.loss(theta) == pytest.approx(mean.loss(theta), rel=1e-12)
    np.testing.assert_allclose(q_mean.fit_quality(theta), q_sum.fit_quality(theta), rtol=1e-10)
    assert q_mean.constant_loss == pytest.approx(
        0.5 * np.sum((data.y - data.y.mean()) ** 2) / 250, rel=1e-12)
