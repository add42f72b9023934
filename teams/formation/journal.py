"""Tentative changes to a `State`: applied at once, undone unless their total gain is positive."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .state import EPS, State


class Journal:
    """Changes applied tentatively; `settle` keeps them if they gained, else undoes them."""

    def __init__(self, st: State):
        self.st, self.steps, self.gain = st, [], 0.0

    def add(self, k: int) -> None:
        self.gain += self.st.add(k)
        self.steps.append((k, True))

    def remove(self, k: int) -> None:
        self.gain += self.st.remove(k)
        self.steps.append((k, False))

    def undo(self) -> None:
        for k, added in reversed(self.steps):
            if added:
                self.st.remove(k)
            else:
                self.st.add(k)
        self.steps, self.gain = [], 0.0

    def settle(self) -> bool:
        if self.gain > EPS:
            return True
        self.undo()
        return False


def sparse_triu(matrix) -> sparse.coo_matrix:
    return sparse.triu(matrix, k=1).tocoo()


def best_of(gain: np.ndarray, feasible: np.ndarray) -> tuple[int, float]:
    if not feasible.any():
        return -1, -np.inf
    masked = np.where(feasible, gain, -np.inf)
    i = int(np.argmax(masked))
    return i, float(masked[i])


def undo_to(journal: Journal, mark: int) -> None:
    st = journal.st
    while len(journal.steps) > mark:
        k, added = journal.steps.pop()
        journal.gain += st.remove(k) if added else st.add(k)
