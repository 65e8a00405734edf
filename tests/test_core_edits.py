"""Edited data: moved, added and deleted points, live, against lstsq on the edited
points after each edit; undo restores the data exactly."""

from __future__ import annotations

import numpy as np
import pytest
from oracle import features, reference_run

from quadreg_gui.core.config import ConfigError, TrainConfig
from quadreg_gui.core.data import make_dataset
from quadreg_gui.core.edits import EditedPoints, check_edits
from quadreg_gui.core.training.trainer import Trainer

EDITS = (("move", 10, 0.2, 9.0), ("add", 0.5, -3.0), ("delete", 3), ("move", 100, 0.7, 4.0),
         ("move", 10, -0.9, 1.0), ("delete", 0), ("add", 0.0, 2.0))


def lstsq(x, y, model, l2=0.0):
    phi = np.stack(features(x, model), axis=1)
    reg = np.array([1.0] * (phi.shape[1] - 1) + [0.0])
    a = np.vstack([phi, np.diag(np.sqrt(l2 * reg))])
    return np.linalg.lstsq(a, np.concatenate([y, np.zeros(phi.shape[1])]), rcond=None)[0]


def edited_by_hand(x, y, edits):
    """The edits written out on lists, independently of core.edits."""
    points = {i: (float(a), float(b)) for i, (a, b) in enumerate(zip(x, y))}
    count = len(points)
    for edit in edits:
        if edit[0] == "add":
            points[count] = (edit[1], edit[2])
            count += 1
        elif edit[0] == "move":
            points[edit[1]] = (edit[2], edit[3])
        else:
            del points[edit[1]]
    keys = sorted(points)
    return np.array([points[k][0] for k in keys]), np.array([points[k][1] for k in keys])


@pytest.mark.parametrize("model,l2,data", [("article", 0.0, ""), ("quadratic", 0.5, ""),
                                           ("quadratic", 0.0, "example:cars")])
def test_each_live_edit_moves_the_optimum_to_lstsqs(model, l2, data):
    cfg = TrainConfig(model=model, l2=l2, data=data, lr=0.001)
    t = Trainer(cfg)
    base_x, base_y = t.data.x_original.copy(), t.data.y.copy()
    for k in range(1, len(EDITS) + 1):
        if data and any(e[0] == "move" and e[1] == 100 for e in EDITS[:k]):
            break  # (the cars have 50 points)
        t.update(t.config.replace(edits=EDITS[:k]))
        x, y = edited_by_hand(base_x, base_y, EDITS[:k])
        np.testing.assert_allclose(t.data.x_original, x, rtol=1e-14, atol=1e-14)
        np.testing.assert_array_equal(t.data.y, y)
        expected = lstsq(t.data.x, y, model, l2)  # in training units
        np.testing.assert_allclose(t.objective.optimum, expected, rtol=1e-9, atol=1e-9)
        fresh = Trainer(t.config)  # made from scratch: the same statistics
        assert t.objective.min_loss == pytest.approx(fresh.objective.min_loss, rel=1e-9)
        assert t.objective.ss_tot == pytest.approx(fresh.objective.ss_tot, rel=1e-9)
        t.run(5)


def test_undo_restores_the_data_exactly_and_training_goes_on():
    t = Trainer(TrainConfig())
    x0, y0 = t.data.x.copy(), t.data.y.copy()
    optimum = t.objective.optimum.copy()
    t.run(100)
    t.update(t.config.replace(edits=EDITS[:3]))
    t.run(100)
    t.update(t.config.replace(edits=()))
    np.testing.assert_array_equal(t.data.x, x0)
    np.testing.assert_array_equal(t.data.y, y0)
    np.testing.assert_allclose(t.objective.optimum, optimum, rtol=1e-12)
    assert t.epoch == 200 and [names for _, names in t.changes] == [("edits",), ("edits",)]


def test_training_after_an_edit_is_the_oracles_on_the_edited_points():
    cfg = TrainConfig(epochs=300)
    t = Trainer(cfg)
    t.run(100)
    t.update(cfg.replace(edits=EDITS[:2]))
    theta = t.theta.copy()
    t.run(200)
    data = make_dataset(cfg)
    x, y = edited_by_hand(data.x, data.y, EDITS[:2])
    params, losses = reference_run(x, y, theta, epochs=200)
    np.testing.assert_allclose(t.history.params[100:], params, rtol=1e-9)
    np.testing.assert_allclose(t.history.loss[100:], losses, rtol=1e-9)


@pytest.mark.parametrize("edits,words", [
    ([["move", 200, 0.0, 0.0]], "edit 1 (move) names point 200, which is not there"),
    ([["delete", 4], ["move", 4, 0.0, 0.0]], "edit 2 (move) names point 4"),
    ([["jump", 1]], "edit 1 must be"),
    ([["add", "x", 1.0]], "edit 1 must be"),
    ([["add", float("nan"), 1.0]], "edit 1 must be"),
    ("move", "must be a list of edits"),
])
def test_bad_edits_are_named(edits, words):
    with pytest.raises(ConfigError) as info:
        make_dataset(TrainConfig(edits=edits))
    assert words in str(info.value) and "edits" in str(info.value)


def test_deleting_all_but_one_point_is_refused():
    edits = [["delete", i] for i in range(99)]
    with pytest.raises(ConfigError, match="fewer than two points"):
        make_dataset(TrainConfig(edits=edits))


def test_edits_survive_json():
    cfg = TrainConfig(edits=EDITS)
    again = TrainConfig.from_json(cfg.to_json())
    assert again.edits == check_edits(EDITS) and again == cfg
    assert EditedPoints.of(100, again.edits).touched == 5


def test_mini_batches_after_an_edit_see_the_edited_points():
    cfg = TrainConfig(batch_size=16, epochs=60)
    t = Trainer(cfg)
    t.run(10)
    t.update(cfg.replace(edits=(("add", 0.5, -3.0), ("delete", 7))))
    assert t.data.n == 100
    t.run(20)
    fresh = Trainer(t.config)  # the edited data from the start: the same batches' sums
    stats, fresh_stats = t.objective.point_statistics(), fresh.objective.point_statistics()
    np.testing.assert_array_equal(stats, fresh_stats)
    assert np.isfinite(t.history.loss).all()
