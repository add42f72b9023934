"""The constructive solvers: a plain greedy baseline, and greedy by marginal gain.

*Plain greedy* (the baseline the bench compares against) fills projects in input order, roles in
order, each seat with the available candidate of highest fit. It knows nothing of coverage,
collaboration or the other projects.

*Marginal-gain greedy* repeatedly makes the single assignment that raises the objective most
(coverage, fit, ties to the team so far, a new department), over all roles of all projects. It is
lazy: every role sits in a heap keyed by the best gain it had when last scored; a popped role is
re-scored (one numpy pass over its candidates) and takes its best candidate only when that still
beats the next role in the heap. Gains only fall as others are assigned, except ties and
departments inside one project, whose roles are re-scored when the project gains a member.

The marginal-gain greedy's assignment is then improved by `search.py` (local search),
`lns.py` (sub-problems re-solved exactly: coverage repair, team re-solve) and `perturb.py`
(iterated local search). Fixed members are seated first and never move.
"""

from __future__ import annotations

import heapq

import numpy as np

from .journal import best_of
from .problem import Problem
from .state import EPS, State


def plain_greedy(pb: Problem) -> State:
    """Each seat, project by project and role by role, to the available candidate of highest fit."""
    st = State(pb)
    for roles in pb.project_roles:
        for r in roles:
            seg = pb.role_pairs(int(r))
            while st.filled[r] < pb.role_headcount[r]:
                _, feasible = st.gains(int(r))
                i, _ = best_of(pb.fit[seg], feasible)
                if i < 0:
                    break
                st.add(seg.start + i)
    return st


def marginal_greedy(pb: Problem) -> State:
    """Greedy by marginal gain over all roles at once (lazy evaluation, one heap of roles)."""
    st = State(pb)
    version = np.zeros(pb.n_roles, dtype=np.int64)
    heap: list[tuple[float, int, int]] = []

    def push(r: int) -> None:
        if st.filled[r] >= pb.role_headcount[r]:
            return
        i, g = best_of(*st.gains(r))
        if i >= 0 and g > EPS:
            heapq.heappush(heap, (-g, int(version[r]), r))

    for r in range(pb.n_roles):
        push(r)
    while heap:
        _, ver, r = heapq.heappop(heap)
        if ver != version[r] or st.filled[r] >= pb.role_headcount[r]:
            continue
        i, g = best_of(*st.gains(r))
        if i < 0 or g <= EPS:
            continue
        if heap and g < -heap[0][0] - EPS:
            heapq.heappush(heap, (-g, ver, r))
            continue
        st.add(pb.role_pairs(r).start + i)
        for r2 in pb.project_roles[int(pb.role_project[r])]:
            version[r2] += 1
            push(int(r2))
    return st
