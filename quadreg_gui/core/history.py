"""Per-epoch records in preallocated arrays that grow in chunks."""

from __future__ import annotations

import numpy as np


class History:
    """Epoch, parameters after the epoch, loss and gradient before it, learning rate.

    The loss and gradient are those the epoch's step used (at the parameters the
    epoch started from), the parameters those it ended with: the article's log
    line pairs them the same way.
    """

    def __init__(self, n_params: int, capacity: int = 1024) -> None:
        self.n_params = n_params
        self._capacity = capacity
        self.clear()

    def clear(self) -> None:
        cap, p = self._capacity, self.n_params
        self._epoch = np.empty(cap, dtype=np.int64)
        self._params = np.empty((cap, p))
        self._loss = np.empty(cap)
        self._lr = np.empty(cap)
        self._grad = np.empty((cap, p))
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def append(self, epoch: int, params: np.ndarray, loss: float, lr: float,
               grad: np.ndarray) -> None:
        i = self.size
        if i == self._epoch.shape[0]:
            self._grow()
        self._epoch[i] = epoch
        self._params[i] = params
        self._loss[i] = loss
        self._lr[i] = lr
        self._grad[i] = grad
        self.size = i + 1

    def extend(self, epochs: np.ndarray, params: np.ndarray, loss: np.ndarray, lr: np.ndarray,
               grad: np.ndarray) -> None:
        """Append many rows at once (e.g. a batch received from a worker thread)."""
        i, k = self.size, len(epochs)
        while i + k > self._epoch.shape[0]:
            self._grow()
        self._epoch[i:i + k] = epochs
        self._params[i:i + k] = params
        self._loss[i:i + k] = loss
        self._lr[i:i + k] = lr
        self._grad[i:i + k] = grad
        self.size = i + k

    def rows(self, start: int, stop: int | None = None) -> tuple[np.ndarray, ...]:
        """Copies of rows start..stop-1: (epochs, params, loss, lr, grad)."""
        return tuple(a[start:stop].copy() for a in
                     (self.epochs, self.params, self.loss, self.lr, self.grad))

    def truncate(self, size: int) -> None:
        """Forget every row from ``size`` on."""
        self.size = min(self.size, size)

    def _grow(self) -> None:
        new = 2 * self._epoch.shape[0]
        for name in ("_epoch", "_params", "_loss", "_lr", "_grad"):
            old = getattr(self, name)
            arr = np.empty((new,) + old.shape[1:], dtype=old.dtype)
            arr[: old.shape[0]] = old
            setattr(self, name, arr)

    # Views of the filled part; copy them before keeping them across appends.
    @property
    def epochs(self) -> np.ndarray:
        return self._epoch[: self.size]

    @property
    def params(self) -> np.ndarray:
        return self._params[: self.size]

    @property
    def loss(self) -> np.ndarray:
        return self._loss[: self.size]

    @property
    def lr(self) -> np.ndarray:
        return self._lr[: self.size]

    @property
    def grad(self) -> np.ndarray:
        return self._grad[: self.size]
