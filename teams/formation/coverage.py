"""What one role can cover on its own: the most required skills its seats could cover together.

A role with 2 seats and 4 required skills covers all 4 only if two candidates' skills add up to
them. `role_coverage` solves this small set-cover problem exactly by enumerating combinations of
the distinct, maximal skill patterns of the role's candidates (at most a few dozen in practice),
ignoring the rest of the round (other roles may want the same people). The sum over roles is the
*coverable* count the proposal's coverage is measured against, and the heuristic's repair move
aims at the best combinations.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from .problem import Problem

MAX_COMBINATIONS = 20_000


def maximal_patterns(masks: np.ndarray) -> list[int]:
    """The distinct non-zero masks that are not a strict subset of another one."""
    distinct = sorted({int(m) for m in np.unique(masks) if m}, key=lambda m: -m.bit_count())
    kept: list[int] = []
    for m in distinct:
        if not any(m | k == k for k in kept):
            kept.append(m)
    return kept


def best_combinations(patterns: list[int], seats: int, *, top: int = 8) -> tuple[int, list[tuple[int, ...]]]:
    """(the most bits `seats` patterns can cover, up to `top` combinations by bits covered, best
    first). Falls back to an upper bound with no combinations when there are too many to try."""
    k = min(seats, len(patterns))
    if k <= 0:
        return 0, []
    union_all = 0
    for m in patterns:
        union_all |= m
    if k == len(patterns):
        return union_all.bit_count(), [tuple(patterns)]
    count = 1
    for i in range(k):
        count = count * (len(patterns) - i) // (i + 1)
        if count > MAX_COMBINATIONS:
            bound = min(union_all.bit_count(), sum(sorted((m.bit_count() for m in patterns), reverse=True)[:k]))
            return bound, []
    scored: list[tuple[int, tuple[int, ...]]] = []
    for combo in combinations(patterns, k):
        union = 0
        for m in combo:
            union |= m
        scored.append((union.bit_count(), combo))
    scored.sort(key=lambda item: -item[0])
    return scored[0][0], [combo for _, combo in scored[:top]]


def role_coverage(pb: Problem) -> np.ndarray:
    """The most requirements each role could cover by itself (int[R])."""
    out = np.zeros(pb.n_roles, dtype=np.int64)
    for r in range(pb.n_roles):
        seg = pb.role_pairs(r)
        if pb.role_headcount[r] <= 0 or seg.start == seg.stop:
            continue
        fixed = pb.fixed[seg]
        base = int(np.bitwise_or.reduce(pb.qual[seg][fixed])) if fixed.any() else 0
        seats = int(pb.role_headcount[r]) - int(fixed.sum())
        masks = pb.qual[seg][~fixed] & np.uint64(~base & (2**64 - 1))
        best, _ = best_combinations(maximal_patterns(masks), seats)
        out[r] = base.bit_count() + best
    return out
