"""Iterated local search: kick the assignment, repair around the kick, keep it only if better."""

from __future__ import annotations

import time

import numpy as np

from .journal import Journal
from .search import fill, greedy_team, repair, replace, seat_with_ejection
from .state import EPS, State


def perturb_search(st: State, *, deadline: float, kicks: int, seed: int = 0) -> int:
    """Iterated local search: up to `kicks` times (or until the deadline), shake the assignment and
    repair it with the cheap moves; keep the result if it beats the best so far, else go back.
    Kicks first go through every missing skill a role's candidates have: each of its three best
    holders is forced into the role (in place of each non-fixed member in turn), whoever is in the
    way ejected two levels deep; then random teams are rebuilt around a random member. Seeded:
    the same input and time give the same proposal. Returns the kicks kept."""
    pb = st.pb
    rng = np.random.default_rng(seed)
    plan = _coverage_kicks(st)
    pool = list(plan)  # once the plan is through, random picks from it alternate with team kicks
    kept = 0
    for _ in range(kicks):
        if time.perf_counter() >= deadline:
            break
        saved, before = st.sel.copy(), st.total
        st.touched = set()
        if plan:
            r, q, out = plan.pop()
            _kick_role(st, r, q, out)
        elif pool and rng.random() < 0.5:
            r, q, out = pool[int(rng.integers(len(pool)))]
            _kick_role(st, r, q, out)
        elif len(pb.project_ids):
            _kick_team(st, int(rng.integers(len(pb.project_ids))), rng)
        _focused_search(st, deadline=deadline)
        if st.total > before + EPS:
            kept += 1
            plan = _coverage_kicks(st)
            pool = list(plan)
        else:
            _restore(st, saved)
    return kept


def _coverage_kicks(st: State, *, holders: int = 3) -> list[tuple[int, int, int]]:
    """(role, candidate pair, member pair to displace or -1) for every uncovered requirement that
    some candidate of the role has; the most promising last (they are popped first)."""
    pb = st.pb
    plan = []
    for r in range(pb.n_roles):
        if pb.role_headcount[r] <= 0:
            continue
        seg = pb.role_pairs(r)
        if seg.stop == seg.start:
            continue
        missing = int(np.bitwise_or.reduce(pb.qual[seg])) & ~int(st.role_mask[r])
        if not missing:
            continue
        movable = [k for k in st.role_members[r] if not pb.fixed[k]]
        outs = movable if st.filled[r] >= pb.role_headcount[r] else [-1]
        bit = 0
        while missing:
            if missing & 1:
                has = np.flatnonzero((pb.qual[seg] >> np.uint64(bit)) & np.uint64(1))
                has = has[~st.sel[seg][has]]
                for i in has[np.argsort(pb.fit[seg][has])][-holders:]:
                    plan.extend((r, seg.start + int(i), out) for out in outs)
            missing >>= 1
            bit += 1
    return plan


def _kick_role(st: State, r: int, q: int, out: int) -> None:
    journal = Journal(st)
    if out >= 0 and st.sel[out]:
        journal.remove(out)
    seat_with_ejection(journal, q, depth=2)


def _focused_search(st: State, *, deadline: float, passes: int = 4) -> None:
    """The cheap moves (fill, replace, eject, repair one level deep) on the roles of the projects
    whose teams changed, then on those that changed in turn: a kick's repair, not a full search."""
    pb = st.pb
    for _ in range(passes):
        projects, st.touched = st.touched, set()
        if not projects or time.perf_counter() >= deadline:
            return
        for t in sorted(projects):
            for r in pb.project_roles[t]:
                fill(st, int(r))
                replace(st, int(r), 2)
                repair(st, int(r), depth=1)


def _kick_team(st: State, t: int, rng: np.random.Generator) -> None:
    pb = st.pb
    roles = [int(r) for r in pb.project_roles[t]]
    journal = Journal(st)
    for k in [k for k in st.team[t].values() if not pb.fixed[k]]:
        journal.remove(k)
    open_roles = [r for r in roles if st.filled[r] < pb.role_headcount[r]]
    if open_roles:
        r = int(rng.choice(open_roles))
        _, feasible = st.gains(r)
        options = np.flatnonzero(feasible)
        if len(options):
            journal.add(pb.role_pairs(r).start + int(rng.choice(options)))
    greedy_team(journal, roles)


def _restore(st: State, saved: np.ndarray) -> None:
    for k in np.flatnonzero(st.sel & ~saved):
        st.remove(int(k))
    for k in np.flatnonzero(saved & ~st.sel):
        st.add(int(k))
