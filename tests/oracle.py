"""Independent reference implementations the tests compare against.

Nothing here imports quadreg_gui: these are the article's per-sample formulas,
written out plainly, so a bug in the core cannot hide in its own oracle.
"""

from __future__ import annotations

import math

import numpy as np


def article_run(lr: float = 0.001, epochs: int = 800, seed: int = 100, n: int = 100
                ) -> tuple[list[str], list[float], np.ndarray]:
    """The article's code, transcribed verbatim (print replaced by collecting lines).

    Returns the printed lines, the loss of every epoch and the final (w, b).
    """
    lines: list[str] = []
    losses: list[float] = []
    np.random.seed(seed)
    x = np.linspace(-1, 1, n).reshape(n, 1)
    y = 3 * np.power(x, 2) + 2 + 0.2 * np.random.rand(x.size).reshape(n, 1)
    w = np.random.rand(1, 1)
    b = np.random.rand(1, 1)
    lines.append(f"Initial parameters: w={w[0][0]:.4f}, b={b[0][0]:.4f}")
    for epoch in range(epochs):
        y_pred = np.power(x, 2) * w + b
        loss = 0.5 * (y_pred - y) ** 2
        total_loss = loss.sum()
        grad_w = np.sum((y_pred - y) * np.power(x, 2))
        grad_b = np.sum((y_pred - y))
        w -= lr * grad_w
        b -= lr * grad_b
        losses.append(float(total_loss))
        if epoch % 100 == 0:
            lines.append(f"Epoch {epoch}: w={w[0][0]:.4f}, b={b[0][0]:.4f}, Loss={total_loss:.4f}")
    return lines, losses, np.array([w[0][0], b[0][0]])


def features(x: np.ndarray, model: str) -> list[np.ndarray]:
    """Each model's columns, the intercept last."""
    one = np.ones_like(x)
    return {"article": [x**2, one], "line": [x, one], "quadratic": [x**2, x, one],
            "cubic": [x**3, x**2, x, one]}[model]


def schedule_lr(lr: float, epoch: int, kind: str, k: int, f: float) -> float:
    """The schedules as the issue states them, one branch each."""
    if kind == "constant":
        return lr
    if kind == "step":
        return lr * f ** math.floor(epoch / k)
    if kind == "exponential":
        return lr * math.exp(math.log(f) * epoch / k)
    return lr / (1.0 + (1.0 / f - 1.0) * epoch / k)


def reference_run(x, y, theta0, *, model="article", optimizer="gd", lr=0.001, epochs=800,
                  beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8, l2=0.0,
                  schedule="constant", k=200, f=0.8, lr_at_epoch=None, batches=None,
                  mean=False, v0=None):
    """Per-sample loop: returns (params after each epoch, loss before each epoch).

    ``lr_at_epoch`` overrides the schedule (for live changes); ``batches(epoch)``
    gives the index arrays of an epoch's mini-batches (default: one full batch).
    ``mean``: the loss divided by the number of points, and each batch's gradient by
    the batch's.  ``v0``: momentum's velocity at the start (default zero).
    """
    feats = features(np.asarray(x, float), model)
    y = np.asarray(y, float)
    p = len(feats)
    reg = [1.0] * (p - 1) + [0.0]  # every parameter but the intercept (last)
    theta = [float(t) for t in theta0]
    state = {"v": [0.0] * p if v0 is None else [float(v) for v in v0], "s": [0.0] * p,
             "m": [0.0] * p, "t": 0}
    params, losses = [], []
    for epoch in range(epochs):
        rate = lr_at_epoch(epoch) if lr_at_epoch else schedule_lr(lr, epoch, schedule, k, f)
        pred = sum(t * phi for t, phi in zip(theta, feats))
        loss = float(np.sum(0.5 * (pred - y) ** 2)) \
            + 0.5 * l2 * sum(r * t * t for r, t in zip(reg, theta))
        losses.append(loss / y.size if mean else loss)
        for rows in (batches(epoch) if batches else [np.arange(y.size)]):
            share = rows.size / y.size
            pred = sum(t * phi[rows] for t, phi in zip(theta, feats))
            grads = [float(np.sum((pred - y[rows]) * phi[rows])) + share * l2 * r * t
                     for phi, r, t in zip(feats, reg, theta)]
            if mean:
                grads = [g / rows.size for g in grads]
            theta = _update(optimizer, theta, grads, rate, state, beta, beta1, beta2, eps)
        params.append(list(theta))
    return np.array(params), np.array(losses)


def _update(name, theta, grads, lr, st, beta, beta1, beta2, eps):
    out = []
    st["t"] += 1
    for i, (t, g) in enumerate(zip(theta, grads)):
        if name == "gd":
            t = t - lr * g
        elif name == "momentum":
            st["v"][i] = beta * st["v"][i] + (1 - beta) * g
            t = t - lr * st["v"][i]
        elif name == "nesterov":
            # Look-ahead form: v' = beta*v + (1-beta)*g; step with beta*v' + (1-beta)*g.
            st["v"][i] = beta * st["v"][i] + (1 - beta) * g
            t = t - lr * (beta * st["v"][i] + (1 - beta) * g)
        elif name == "adagrad":
            st["s"][i] += g * g
            t = t - lr * g / (math.sqrt(st["s"][i]) + eps)
        elif name == "rmsprop":
            st["s"][i] = beta2 * st["s"][i] + (1 - beta2) * g * g
            t = t - lr * g / (math.sqrt(st["s"][i]) + eps)
        elif name == "adam":
            st["m"][i] = beta1 * st["m"][i] + (1 - beta1) * g
            st["s"][i] = beta2 * st["s"][i] + (1 - beta2) * g * g
            m_hat = st["m"][i] / (1 - beta1 ** st["t"])
            s_hat = st["s"][i] / (1 - beta2 ** st["t"])
            t = t - lr * m_hat / (math.sqrt(s_hat) + eps)
        out.append(t)
    return out


def ridge(x, y, *, model="article", l2=0.0, mean=False):
    """The closed-form optimum of the loss ½Σ(ŷ−y)² + ½·l2·Σθ² (intercept unpenalized)
    by lstsq on the penalty as extra rows, and the loss there (over n for the mean: the
    same optimum)."""
    feats = features(np.asarray(x, float), model)
    reg = np.array([1.0] * (len(feats) - 1) + [0.0])
    a = np.vstack([np.stack(feats, axis=1), np.diag(np.sqrt(l2 * reg))])
    rhs = np.concatenate([np.asarray(y, float), np.zeros(len(feats))])
    theta = np.linalg.lstsq(a, rhs, rcond=None)[0]
    loss = 0.5 * float(np.sum((a @ theta - rhs) ** 2))
    return theta, loss / len(x) if mean else loss


def diverges_above(initial_loss, min_loss, y, mean=False):
    """The divergence rule: the excess loss 1e10 times the start's (or, if larger, the
    optimal loss or the best constant's, ½Σ(y − ȳ)², over n for the mean)."""
    y = np.asarray(y, float)
    constant = 0.5 * float(np.sum((y - y.mean()) ** 2)) / (y.size if mean else 1)
    return min_loss + 1e10 * max(initial_loss - min_loss, min_loss, constant)


def loss_at(x, y, theta, *, model="article", l2=0.0, mean=False):
    """½Σ(ŷ − y)² + ½·l2·(every coefficient but the intercept)², written out; over n
    for the mean."""
    pred = sum(t * phi for t, phi in zip(theta, features(np.asarray(x, float), model)))
    loss = float(0.5 * np.sum((pred - np.asarray(y, float)) ** 2)
                 + 0.5 * l2 * sum(float(t) ** 2 for t in theta[:-1]))
    return loss / pred.size if mean else loss
