"""What the log's neighbouring tabs (pins, race) share: a line on top, a list or
table, and a row of buttons below."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget


def push_button(text: str, name: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def lay_out(page: QWidget, top: QWidget, body: QWidget, buttons: list[QPushButton]) -> None:
    """``top`` above ``body`` (which takes the height), ``buttons`` in a row at the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(top)
    layout.addWidget(body, 1)
    layout.addLayout(row)
