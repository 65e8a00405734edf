"""The teaching instruments' numbers against independent oracles: the per-sample
loop, explicit sums over the data and numpy.linalg.eigh on the features."""

import numpy as np
import pytest
from oracle import features, reference_run, ridge

from quadreg_gui.core.config import MODELS, TrainConfig
from quadreg_gui.core.decimate import min_max_indices, path_rows
from quadreg_gui.core.analysis.explain import explain, num, render
from quadreg_gui.core.analysis.landscape import ellipse, excess_grid, frame, levels, slice_of
from quadreg_gui.core.analysis.theory import (
    best_constant_lr,
    epochs_to_excess,
    gd_excess,
    near_optimum_excess,
    why_no_prediction,
)
from quadreg_gui.core.training.trainer import Trainer, train


def explicit_loss(x, y, theta, model, l2):
    """0.5 * sum((y_hat - y)^2) + 0.5 * l2 * (every coefficient but the intercept)^2."""
    pred = sum(t * phi for t, phi in zip(theta, features(x, model)))
    return 0.5 * np.sum((pred - y) ** 2) + 0.5 * l2 * sum(t * t for t in theta[:-1])


@pytest.mark.parametrize("model, l2", [("article", 0.0), ("article", 0.5),
                                       ("quadratic", 0.0), ("quadratic", 2.0)])
def test_predicted_gd_loss_equals_the_measured_curve(model, l2):
    cfg = TrainConfig(model=model, l2=l2, epochs=1000, lr=0.004)
    t = train(cfg)
    quad = t.objective.quadratic()
    predicted = quad.min_loss + gd_excess(quad, t.initial, cfg.lr, np.arange(1000))
    _, measured = reference_run(t.data.x, t.data.y, t.initial, model=model, l2=l2,
                                lr=cfg.lr, epochs=1000)
    np.testing.assert_allclose(predicted, measured, rtol=1e-9)


@pytest.mark.parametrize("model, lr", [("article", 0.001), ("article", 0.01),
                                       ("quadratic", 0.005)])
def test_epochs_to_near_the_optimum_predicted_and_measured_agree(model, lr):
    cfg = TrainConfig(model=model, lr=lr, epochs=20_000)
    t = train(cfg)
    quad = t.objective.quadratic()
    target = near_optimum_excess(quad.min_loss, t.objective.loss(t.initial))
    predicted = epochs_to_excess(quad, t.initial, lr, target)
    _, losses = reference_run(t.data.x, t.data.y, t.initial, model=model, lr=lr,
                              epochs=20_000)
    measured = int(np.argmax(losses <= quad.min_loss + target))
    assert losses[measured] <= quad.min_loss + target
    assert abs(predicted - measured) <= 1
    assert t.near_optimum_at == measured  # the trainer's own measurement


def test_epochs_to_excess_is_none_when_the_run_diverges_and_0_when_already_there():
    t = Trainer(TrainConfig(lr=0.05))
    quad = t.objective.quadratic()
    assert epochs_to_excess(quad, t.initial, 0.05, 1.0) is None
    assert epochs_to_excess(quad, quad.optimum, 0.001, 1e-12) == 0


def test_best_constant_lr_balances_the_extreme_directions():
    t = Trainer(TrainConfig())
    quad = t.objective.quadratic()
    x = t.data.x
    phi = np.stack(features(x, "article"), axis=1)
    values = np.linalg.eigvalsh(phi.T @ phi)
    lr = best_constant_lr(quad)
    assert lr == pytest.approx(2 / (values[0] + values[-1]), rel=1e-12)
    assert abs(1 - lr * values[0]) == pytest.approx(abs(1 - lr * values[-1]), rel=1e-9)
    # ...and it beats a rate a little off either way.
    excess = [float(gd_excess(quad, t.initial, r, 200)) for r in (0.9 * lr, lr, 1.1 * lr)]
    assert excess[1] < min(excess[0], excess[2])


def test_no_prediction_says_why():
    assert why_no_prediction(TrainConfig(), 100) is None
    assert "Adam" in why_no_prediction(TrainConfig(optimizer="adam"), 100)
    assert "changes" in why_no_prediction(TrainConfig(schedule="step"), 100)
    assert "mini-batch" in why_no_prediction(TrainConfig(batch_size=10), 100)
    assert why_no_prediction(TrainConfig(batch_size=100), 100) is None  # the full batch


@pytest.mark.parametrize("model, l2", [("article", 0.0), ("quadratic", 0.3)])
def test_landscape_grid_equals_the_explicit_loss_at_random_points(model, l2):
    t = Trainer(TrainConfig(model=model, l2=l2))
    quad = t.objective.quadratic()
    rng = np.random.default_rng(1)
    center = rng.normal(size=len(t.initial))
    sl = slice_of(quad, 0, len(center) - 1, center)
    u, v = rng.uniform(-5, 5, 7), rng.uniform(-5, 5, 5)
    values = sl.min_loss + excess_grid(sl, u, v)
    for a in range(7):
        for b in range(5):
            theta = center.copy()
            theta[0], theta[-1] = u[a], v[b]
            expected = explicit_loss(t.data.x, t.data.y, theta, model, l2)
            assert values[a, b] == pytest.approx(expected, rel=1e-10)


def test_slice_minimum_and_axes_against_lstsq_and_eigh():
    t = Trainer(TrainConfig(model="quadratic", l2=0.2))
    quad = t.objective.quadratic()
    center = np.array([1.0, -0.7, 0.4])
    sl = slice_of(quad, 0, 2, center)  # a and c, b held at -0.7
    x = t.data.x
    y = t.data.y - (-0.7) * x
    # Penalized least squares in (a, c) alone, written out.
    design = np.vstack([np.stack([x**2, np.ones_like(x)], axis=1), [np.sqrt(0.2), 0.0]])
    target = np.concatenate([y, [0.0]])
    best = np.linalg.lstsq(design, target, rcond=None)[0]
    np.testing.assert_allclose(sl.minimum, best, rtol=1e-9)
    full = np.array([best[0], -0.7, best[1]])
    assert sl.min_loss == pytest.approx(explicit_loss(t.data.x, t.data.y, full, "quadratic",
                                                      0.2), rel=1e-10)
    values, vectors = sl.axes()
    gram = design.T @ design
    ref_values, ref_vectors = np.linalg.eigh(gram)
    np.testing.assert_allclose(values, ref_values, rtol=1e-9)
    np.testing.assert_allclose(np.abs(vectors.T @ ref_vectors), np.eye(2), atol=1e-9)


def test_contours_are_exact_level_sets_spaced_evenly_in_log():
    t = Trainer(TrainConfig())
    quad = t.objective.quadratic()
    sl = slice_of(quad, 0, 1, t.initial)
    found = levels(sl, 100.0, 6)
    np.testing.assert_allclose(np.diff(np.log10(found - sl.min_loss)), -0.5)
    for level in found:
        points = ellipse(sl, level)
        np.testing.assert_allclose(quad.losses(sl.full(points)), level, rtol=1e-9)


def test_frame_holds_start_and_optimum_and_clips_a_diverging_path():
    t = Trainer(TrainConfig())
    quad = t.objective.quadratic()
    sl = slice_of(quad, 0, 1, t.initial)
    calm = frame(sl, t.initial, np.array([t.initial, quad.optimum]))
    assert not calm.clipped
    for k, point in enumerate((t.initial, quad.optimum)):
        assert calm.u[0] < point[0] < calm.u[1] and calm.v[0] < point[1] < calm.v[1], k
    wild = frame(sl, t.initial, np.array([t.initial, [1e300, -1e300], [np.inf, 0]]))
    assert wild.clipped
    reach = np.hypot(*(t.initial - quad.optimum))
    assert wild.u[1] - wild.u[0] < 10 * reach


def test_path_keeps_the_turning_points_of_a_long_zig_zag():
    cfg = TrainConfig(optimizer="momentum", momentum=0.95, lr=0.03, epochs=100_000)
    t = train(cfg)
    path = path_rows(t.history.curve(), buckets=500)
    assert len(path) <= 6 * 500 + 10  # turns, and each coordinate's extremes per bucket
    w = t.history.rows(0, 4096).params[:, 0]  # the early epochs, kept in full
    turns = np.flatnonzero(np.diff(np.sign(np.diff(w))) != 0) + 1
    visible = [k for k in turns if abs(w[k] - w[-1]) > 1e-3 * np.ptp(w)]
    assert len(visible) > 20
    kept = set(path.epochs.tolist())
    assert all(k in kept for k in visible)
    # Extremes per bucket alone would lose some: the turns come faster than buckets.
    curve = t.history.curve()
    by_bucket = set(curve.epochs[min_max_indices(curve.params[:, 0], 500)].tolist())
    assert not all(k in by_bucket for k in visible)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov", "adagrad", "rmsprop",
                                       "adam"])
def test_explained_step_shows_the_trainers_numbers(optimizer):
    cfg = TrainConfig(optimizer=optimizer, l2=0.1)
    t = Trainer(cfg)
    t.run(2)
    state_before = {k: v.copy() for k, v in vars(t.optimizer).items()
                    if isinstance(v, np.ndarray)}
    t.run(1)
    record = t.last_step()
    text = render(explain(record, t.model, cfg, t.data.n), record.epoch)
    h = t.history
    assert text.splitlines()[0] == "Epoch 2"
    for value in (*h.params[1], *h.params[2], *h.grad[2], h.loss[2], h.lr[2]):
        assert num(value) in text, value
    for array in state_before.values():  # the state before the step, undone from after
        for value in array:
            assert num(value) in text or num(-value) in text or value == 0


def test_explained_step_of_a_mini_batch_epoch_names_its_steps():
    cfg = TrainConfig(batch_size=10)
    t = Trainer(cfg)
    t.run(2)
    text = render(explain(t.last_step(), t.model, cfg, t.data.n), 1)
    assert "after 10 steps of 10 points" in text
    assert f"{num(t.history.params[0, 0])} → {num(t.history.params[1, 0])}" in text


@pytest.mark.parametrize("loss", ["sum", "mean"])
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_a_batch_stepped_alone_is_explained_with_that_batch_s_gradient(optimizer, loss):
    """Shift+Step: the explanation is of the batch, its gradient the oracle's over its
    16 points (with its share of the penalty, over |b| for the mean), its step's
    parameters the run's."""
    cfg = TrainConfig(optimizer=optimizer, batch_size=16, l2=0.3, loss=loss)
    t = Trainer(cfg)
    t.run(1)
    t.step_batch()
    t.step_batch()
    record = t.last_step()
    assert record.batch == (2, 7, 16) and record.epoch == 1
    text = render(explain(record, t.model, cfg, t.data.n), record.epoch, record.batch)
    assert text.splitlines()[0] == "Epoch 1, batch 2 of 7: 16 of the points"
    rows = np.random.default_rng(cfg.seed)
    rows.permutation(100)  # (epoch 0's shuffle)
    rows = rows.permutation(100)[16:32]
    x, y, (w, b) = t.data.x[rows], t.data.y[rows], record.theta_before
    residual = w * x**2 + b - y
    grad = np.array([residual @ x**2 + 0.16 * 0.3 * w, residual.sum()])
    grad /= 16 if loss == "mean" else 1
    np.testing.assert_allclose(record.grad, grad, rtol=1e-12)
    for value in (*grad, *record.theta_before, *t.theta):
        assert num(value) in text, value
    assert "∂L/∂" not in text  # (every gradient the batch's)
    t.run(1)
    assert t.last_step().batch is None


def test_no_explanation_right_after_a_live_change():
    t = Trainer(TrainConfig(optimizer="momentum"))
    t.run(5)
    t.update(t.config.replace(optimizer="adam"))
    assert t.last_step() is None
    t.run(1)
    assert t.last_step() is not None


@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_fit_quality_equals_r2_and_rmse_computed_from_the_residuals(l2):
    t = Trainer(TrainConfig(l2=l2))
    quad = t.objective.quadratic()
    for theta in (t.initial, quad.optimum, np.array([2.5, 1.0])):
        pred = theta[0] * t.data.x**2 + theta[1]
        res = t.data.y - pred
        r2 = 1 - np.sum(res**2) / np.sum((t.data.y - t.data.y.mean()) ** 2)
        got_r2, got_rmse = quad.fit_quality(theta)
        assert got_r2 == pytest.approx(r2, rel=1e-9, abs=1e-12)
        assert got_rmse == pytest.approx(np.sqrt(np.mean(res**2)), rel=1e-9)


@pytest.mark.parametrize("optimizer, beta", [("gd", 0.0), ("momentum", 0.5),
                                             ("momentum", 0.9), ("nesterov", 0.8)])
def test_no_oscillation_below_the_smooth_limit_and_oscillation_above(optimizer, beta):
    from quadreg_gui.core.analysis.analysis import smooth_lr_limit, stable_lr_limit
    base = TrainConfig(optimizer=optimizer, momentum=beta, epochs=300)
    t = Trainer(base)
    quad = t.objective.quadratic()
    smooth = smooth_lr_limit(t.objective, base)
    assert smooth < stable_lr_limit(t.objective, base)
    top = np.linalg.eigh(quad.hessian)[1][:, -1]  # the stiffest direction
    for factor, oscillates in ((0.97, False), (1.3, True)):
        run = train(base.replace(lr=smooth * factor))
        error = (run.history.params - quad.optimum) @ top
        flips = np.count_nonzero(np.diff(np.sign(error[np.abs(error) > 1e-9])))
        assert (flips > 0) == oscillates, factor


def test_stability_of_the_default_data():
    from quadreg_gui.core.analysis.theory import stability
    t = Trainer(TrainConfig())
    quad = t.objective.quadratic()
    s = stability(quad, t.config, t.initial)
    assert f"{s.limit:.4g}" == "0.01776"
    assert s.smooth == pytest.approx(s.limit / 2)
    excess = gd_excess(quad, t.initial, s.best_lr, [s.best_epochs - 1, s.best_epochs, 0])
    assert excess[1] <= 0.01 * excess[2] < excess[0]
    assert stability(quad, t.config.replace(optimizer="adam"), t.initial).limit is None


def test_a_click_is_snapped_to_its_pixel():
    from quadreg_gui.core.analysis.landscape import snap
    assert snap(1.0031, 0.0097) == 1.0
    assert snap(2.9987, 0.004) == 3.0
    assert snap(-0.123456, 0.0004) == -0.123
    assert snap(5.5, 0.0) == 5.5


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov"])
@pytest.mark.parametrize("model", MODELS)
def test_the_limit_shown_is_true_at_0_9_and_1_1_times_it(optimizer, model):
    """Below the limit shown the run converges; above it, it diverges (trial runs)."""
    from quadreg_gui.core.analysis.theory import lr_limit
    from quadreg_gui.core.training.trainer import train

    cfg = TrainConfig(optimizer=optimizer, model=model, epochs=20_000)
    trainer = Trainer(cfg)
    limit = lr_limit(trainer.objective, cfg, trainer.data.n)
    below = train(cfg.replace(lr=0.9 * limit))
    assert below.diverged_at is None
    assert below.loss - below.objective.min_loss < 1e-3 * (below.history.loss[0] -
                                                           below.objective.min_loss)
    assert train(cfg.replace(lr=1.1 * limit)).diverged_at is not None


@pytest.mark.parametrize("batch_size", [1, 10, 50])
def test_no_limit_is_claimed_for_mini_batches(batch_size):
    """Full-batch theory does not bound them: batch 10 converges at 0.05, nearly three
    times the full-batch limit, so nothing may say "will diverge" for it."""
    from quadreg_gui.core.analysis.theory import lr_limit, stability

    cfg = TrainConfig(batch_size=batch_size)
    trainer = Trainer(cfg)
    quad = trainer.objective.quadratic()
    assert lr_limit(quad, cfg, trainer.data.n) is None
    s = stability(quad, cfg, trainer.initial)
    assert s.minibatch and s.limit is None and s.smooth is None
    assert lr_limit(quad, cfg.replace(batch_size=100), 100) is not None


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("x_range", [(100.0, 101.0), (1000.0, 1001.0)])
def test_the_landscape_on_ill_conditioned_data_is_the_true_one(model, x_range):
    """x in [1000, 1001]: the Hessian's condition number is about 1e13.  The slice's
    lowest point is lstsq's on the data itself, its loss never below the optimum's,
    and the excess near it is positive and right (no clipping to 1e-300)."""
    cfg = TrainConfig(model=model, x_min=x_range[0], x_max=x_range[1])
    t = Trainer(cfg)
    quad = t.objective.quadratic()
    optimum, min_loss = ridge(t.data.x, t.data.y, model=model)
    i, j = 0, len(optimum) - 1
    sl = slice_of(quad, i, j, optimum)
    assert sl.min_loss >= min_loss * (1 - 1e-8)  # lstsq itself rounds at about 1e-9
    np.testing.assert_allclose(sl.minimum, optimum[[i, j]], rtol=1e-6, atol=1e-6)
    step = 1e-6 * np.maximum(np.abs(optimum[[i, j]]), 1.0)
    u = optimum[i] + step[0] * np.array([-1.0, 1.0])
    v = optimum[j] + step[1] * np.array([-1.0, 1.0])
    excess = excess_grid(sl, u, v)
    for a in range(2):
        for b in range(2):
            theta = optimum.copy()
            theta[i], theta[j] = u[a], v[b]
            # The explicit loss in higher precision: the oracle's own rounding is
            # larger than this excess.
            feats = np.stack(features(t.data.x, model), axis=1).astype(np.longdouble)
            resid = feats @ theta.astype(np.longdouble) - t.data.y
            base = feats @ optimum.astype(np.longdouble) - t.data.y
            expected = float(0.5 * (resid @ resid - base @ base))
            assert excess[a, b] == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize("model, written",
                         [("article", "½·λ·w²"), ("quadratic", "½·λ·(a² + b²)")])
def test_the_step_explained_writes_the_penalty_as_computed(model, written):
    """The intercept is not penalized: the loss line names exactly the penalized
    parameters, and its value is the loss with that penalty."""
    t = Trainer(TrainConfig(model=model, l2=0.5))
    t.run(2)
    step = t.last_step()
    text = render(explain(step, t.model, t.config, t.data.n), step.epoch)
    assert f"½·Σ(ŷ − y)² + {written}" in text and "Σθ²" not in text
    expected = explicit_loss(t.data.x, t.data.y, step.theta_before, model, 0.5)
    assert step.loss_before == pytest.approx(expected, rel=1e-12)


def test_the_step_explained_divides_the_mean_loss_by_n():
    """The mean: each sum shown with its 1/n, the sums themselves the oracle's."""
    t = Trainer(TrainConfig(loss="mean", l2=0.5, lr=0.1))
    t.run(2)
    step = t.last_step()
    text = render(explain(step, t.model, t.config, t.data.n), step.epoch)
    n = t.data.n
    total = explicit_loss(t.data.x, t.data.y, step.theta_before, "article", 0.5)
    assert "L     = (½·Σ(ŷ − y)² + ½·λ·w²) / n" in text
    assert f"= {num(total)} / {n}" in text and f"= {num(total / n)}" in text
    residual = step.theta_before[0] * t.data.x**2 + step.theta_before[1] - t.data.y
    assert "∂L/∂w = (Σ(ŷ − y)·x² + λ·w) / n" in text
    assert f"= ({num(np.sum(residual * t.data.x**2))} + 0.5 × " in text
    assert f"= {num(np.sum(residual))} / {n}" in text
    assert f"= {num(np.sum(residual) / n)}" in text


@pytest.mark.parametrize("kind", ["momentum", "nesterov"])
@pytest.mark.parametrize("model, l2", [("article", 0.0), ("quadratic", 0.5), ("cubic", 0.0)])
def test_momentum_theory_equals_the_measured_curve(kind, model, l2):
    """Each eigen-direction a 2x2 recurrence: the predicted loss is the oracle's loop's
    over 1,000 epochs, and so is the first epoch near the optimum."""
    from quadreg_gui.core.analysis.theory import prediction
    cfg = TrainConfig(model=model, optimizer=kind, lr=0.004, momentum=0.8, l2=l2,
                      epochs=1000)
    t = Trainer(cfg)
    quad = t.objective.quadratic()
    _, measured = reference_run(t.data.x, t.data.y, t.initial, model=model, optimizer=kind,
                                lr=0.004, beta=0.8, l2=l2, epochs=1000)
    p = prediction(quad, cfg, t.initial, t.data.n, until=999)
    np.testing.assert_allclose(p.loss, measured[p.epochs], rtol=1e-9)
    near = quad.min_loss + near_optimum_excess(quad.min_loss, quad.loss(t.initial))
    t.run(1000)
    hits = np.flatnonzero(t.history.loss <= near)
    assert hits.size and p.near_optimum_at == hits[0]


@pytest.mark.parametrize("kind", ["momentum", "nesterov"])
def test_momentum_theory_after_a_live_change_starts_from_the_velocity_then(kind):
    """lr 0.002 for 150 epochs, then 0.006: predicted from epoch 150 with the velocity
    the run had, equal to the run itself."""
    from quadreg_gui.core.analysis.theory import prediction
    cfg = TrainConfig(optimizer=kind, lr=0.002, momentum=0.7, epochs=600)
    t = Trainer(cfg)
    t.run(150)
    t.update(cfg.replace(lr=0.006))
    epoch, theta, velocity = t.segment
    assert epoch == 150 and velocity is not None and np.abs(velocity).max() > 0
    t.run(450)
    quad = t.objective.quadratic()
    p = prediction(quad, t.config, t.initial, t.data.n, t.segment, until=599)
    np.testing.assert_allclose(p.loss, t.history.loss[p.epochs], rtol=1e-9)
    zero = prediction(quad, t.config, t.initial, t.data.n, (epoch, theta, None), until=599)
    assert not np.allclose(zero.loss, t.history.loss[zero.epochs], rtol=1e-3)


def test_momentum_theory_knows_no_nearness_when_it_diverges():
    from quadreg_gui.core.analysis.theory import prediction
    cfg = TrainConfig(optimizer="momentum", lr=0.5, momentum=0.9)
    t = Trainer(cfg)
    p = prediction(t.objective.quadratic(), cfg, t.initial, t.data.n)
    assert p.near_optimum_at is None and p.reason is None


def test_momentum_too_slow_to_see_is_not_called_never():
    from quadreg_gui.core.analysis.theory import MOMENTUM_HORIZON, prediction
    cfg = TrainConfig(optimizer="momentum", lr=1e-7, momentum=0.5)
    t = Trainer(cfg)
    p = prediction(t.objective.quadratic(), cfg, t.initial, t.data.n)
    assert p.near_optimum_at is None and p.beyond == MOMENTUM_HORIZON
    diverging = prediction(t.objective.quadratic(), cfg.replace(lr=0.5), t.initial, t.data.n)
    assert diverging.near_optimum_at is None and diverging.beyond is None


@pytest.mark.parametrize("kind", ["gd", "momentum"])
def test_the_loss_split_by_direction_adds_up_and_is_the_runs(kind):
    """Each direction's share, measured from the oracle's parameters (on the explicit
    Hessian's eigenvectors) and predicted, adds up to L - L*."""
    from quadreg_gui.core.analysis.theory import excess_by_direction, prediction
    cfg = TrainConfig(optimizer=kind, lr=0.01, momentum=0.5, epochs=300, model="quadratic")
    t = Trainer(cfg)
    quad = t.objective.quadratic()
    params, losses = reference_run(t.data.x, t.data.y, t.initial, model="quadratic",
                                   optimizer=kind, lr=0.01, beta=0.5, epochs=300)
    phi = np.stack(features(t.data.x, "quadratic"), axis=1)
    values, vectors = np.linalg.eigh(phi.T @ phi)
    optimum, min_loss = ridge(t.data.x, t.data.y, model="quadratic")
    explicit = 0.5 * values * ((params - optimum) @ vectors) ** 2
    measured = excess_by_direction(quad, params)
    np.testing.assert_allclose(measured, explicit, rtol=1e-6, atol=1e-12 * losses[0])
    np.testing.assert_allclose(measured.sum(axis=1)[:-1], losses[1:] - min_loss, rtol=1e-6,
                               atol=1e-12 * losses[0])
    p = prediction(quad, cfg, t.initial, t.data.n, until=300)
    np.testing.assert_allclose(p.by_direction[1:], explicit[p.epochs[1:] - 1], rtol=1e-6,
                               atol=1e-12 * losses[0])
    if kind == "gd":  # the steep direction is done first
        assert explicit[20, -1] < 1e-6 * explicit[20, 0]
