"""The article's own loop, transcribed: the reference the window's self-test compares
its log with (quadreg-gui --self-test)."""

from __future__ import annotations

import numpy as np


def article_log() -> list[str]:
    """The article's code (its sections 1, 2 and 4), print collecting the lines."""
    np.random.seed(100)
    x = np.linspace(-1, 1, 100).reshape(100, 1)
    y = 3 * np.power(x, 2) + 2 + 0.2 * np.random.rand(x.size).reshape(100, 1)
    w = np.random.rand(1, 1)
    b = np.random.rand(1, 1)
    lr, epochs = 0.001, 800
    lines = [f"Initial parameters: w={w[0][0]:.4f}, b={b[0][0]:.4f}"]
    for epoch in range(epochs):
        y_pred = np.power(x, 2) * w + b
        loss = 0.5 * (y_pred - y) ** 2
        total_loss = loss.sum()
        grad_w = np.sum((y_pred - y) * np.power(x, 2))
        grad_b = np.sum((y_pred - y))
        w -= lr * grad_w
        b -= lr * grad_b
        if epoch % 100 == 0:
            lines.append(f"Epoch {epoch}: w={w[0][0]:.4f}, b={b[0][0]:.4f}, Loss={total_loss:.4f}")
    return lines
