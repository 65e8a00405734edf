"""Pinned runs: labels name what differs; colours are distinct and reused."""

import numpy as np
import pytest

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.describe import difference_label
from quadreg_gui.core.pins import MAX_PINS, PinBoard


def pin(board, config=TrainConfig(), changed=False):
    rows = np.arange(3.0)
    return board.add(config, rows, rows, np.zeros(2), np.zeros((3, 2)), np.ones(2), 3, 1.0,
                     changed)


@pytest.mark.parametrize("pinned, current, label", [
    (TrainConfig(lr=0.005), TrainConfig(lr=0.01), "lr 0.005"),
    (TrainConfig(optimizer="momentum", lr=0.005), TrainConfig(lr=0.005),
     "momentum, lr 0.005, β 0.9"),
    (TrainConfig(optimizer="momentum", momentum=0.5), TrainConfig(optimizer="momentum"), "β 0.5"),
    (TrainConfig(momentum=0.5), TrainConfig(), "same settings"),  # GD does not read β
    (TrainConfig(init={"w": 1.5, "b": 0.2}, batch_size=10), TrainConfig(),
     "batch 10, start (1.5, 0.2)"),
    (TrainConfig(schedule="step", lr_decay_factor=0.5), TrainConfig(),
     "schedule step, factor 0.5"),
])
def test_labels_name_what_differs_from_now(pinned, current, label):
    assert difference_label(pinned, current) == label


def test_board_gives_each_pin_a_free_colour_and_a_number():
    board = PinBoard()
    first = pin(board)
    second = pin(board, TrainConfig(lr=0.002), changed=True)
    assert (first.color, second.color) == (0, 1) and (first.number, second.number) == (1, 2)
    assert second.label(TrainConfig()) == "Pin 2: lr 0.002 (changed while running)"
    board.remove(0)
    assert pin(board).color == 0  # the freed colour comes back
    while not board.full:
        pin(board)
    assert len({p.color for p in board.pins}) == MAX_PINS
    with pytest.raises(ValueError):
        pin(board)
    board.clear()
    assert pin(board).number == 1


def test_pins_keep_copies():
    board = PinBoard()
    loss = np.arange(3.0)
    p = board.add(TrainConfig(), np.arange(3.0), loss, np.zeros(2), np.zeros((3, 2)),
                  np.ones(2), 3, 1.0, False)
    loss[0] = 99
    assert p.loss[0] == 0


def test_discard_removes_those_very_pins_only():
    board = PinBoard()
    first, second, third = pin(board), pin(board), pin(board)
    assert board.discard([second, pin(PinBoard())]) is True
    assert board.pins == [first, third]
    assert board.discard([second]) is False and board.pins == [first, third]
