"""Large-neighbourhood search: re-solve a few roles exactly, everything else held as it is.

Local moves change one or two seats at a time, so a required skill whose only free holders sit in
other roles, whose own skills those roles then miss, and so on (a chain of three or more moves
across projects), stays uncovered. This move frees a *neighbourhood* of roles around such a skill
and solves it as a small MILP (HiGHS) with the rest of the assignment fixed:

- the neighbourhood: the role missing the skill; the roles where the people who have it now sit;
  the roles where the people who could replace them (for the skills they alone cover there) sit;
  and so on, breadth first, up to `MAX_ROLES` roles and `MAX_PAIRS` candidate pairs;
- the sub-problem: every candidate of the freed roles may take their seats, within the hours the
  fixed part leaves them and one seat per project (a person holding a fixed seat in a project
  cannot take a freed one there); coverage, fit, departments and ties exactly as in `exact.py`,
  with the ties to the fixed members of each team as linear terms and the ties between two freed
  candidates linearized (y <= z[a], y <= z[b]).

`coverage_lns` leaves out the ties between two freed candidates (a few hundredths of a second a
sub-problem); `team_lns` frees one project's roles at a time with those ties in, which mostly
raises the ties.

The current assignment is a feasible point of the sub-problem, so its optimum is at least as good;
the new seats are applied through a journal and kept only if the objective rises (the state
recounts the change itself). Each sub-problem is small (HiGHS answers in a fraction of a second);
it has a time limit all the same.
"""

from __future__ import annotations

import time

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from .coverage import role_coverage
from .journal import Journal
from .state import EPS, State

MAX_ROLES = 30  # roles freed at once
MAX_PAIRS = 2_500  # candidate pairs of the freed roles
SUB_SECONDS = 2.0  # time limit of one sub-problem
TEAM_MAX_PAIRS = 600  # larger teams (a big project of a big company) are left to the local moves


def coverage_lns(st: State, *, deadline: float, coverable: np.ndarray | None = None) -> int:
    """For every role covering fewer skills than it could on its own, re-solve a neighbourhood
    around it exactly; repeat while that gains. Returns the sub-problems that improved the state."""
    pb = st.pb
    if coverable is None:
        coverable = role_coverage(pb)
    kept = 0
    tried: set[tuple[int, int]] = set()  # (role, its covered mask) already re-solved in vain
    while time.perf_counter() < deadline:
        short = [
            r
            for r in range(pb.n_roles)
            if int(st.role_mask[r]).bit_count() < coverable[r] and (r, int(st.role_mask[r])) not in tried
        ]
        if not short:
            break
        improved = False
        for r in sorted(short, key=lambda r: int(st.role_mask[r]).bit_count() - int(coverable[r])):
            if time.perf_counter() >= deadline:
                break
            key = (r, int(st.role_mask[r]))
            if key in tried:
                continue
            if resolve(st, neighbourhood(st, r), deadline=deadline, pair_ties=False):
                kept += 1
                improved = True
            else:
                tried.add(key)
        if not improved:
            break
    return kept


def team_lns(st: State, *, deadline: float, rounds: int = 3) -> int:
    """Re-solve each project's team exactly (its roles freed, ties between its candidates
    included), the rest of the round fixed; then again the teams whose surroundings changed (a
    project sharing a candidate with an improved team), while that gains. Returns the teams
    improved."""
    pb = st.pb
    kept = 0
    todo = list(range(len(pb.project_ids)))
    for _ in range(rounds):
        changed: set[int] = set()
        for t in todo:
            if time.perf_counter() >= deadline:
                return kept
            roles = [int(r) for r in pb.project_roles[t]]
            if not roles or sum(_n_pairs(pb, r) for r in roles) > TEAM_MAX_PAIRS:
                continue
            if resolve(st, roles, deadline=deadline, pair_ties=True):
                kept += 1
                changed |= _neighbour_projects(st, t)
        if not changed:
            break
        todo = sorted(changed)
    return kept


def _neighbour_projects(st: State, t: int) -> set[int]:
    """Projects whose candidates include a member of project t's team."""
    pb = st.pb
    out: set[int] = set()
    for p in st.team[t]:
        out.update(pb.pair_project[pb.person_pairs[pb.person_ptr[p] : pb.person_ptr[p + 1]]].tolist())
    out.discard(t)
    return out


def neighbourhood(st: State, r0: int, *, max_roles: int = MAX_ROLES, max_pairs: int = MAX_PAIRS) -> list[int]:
    """Roles to free around role r0, breadth first: from a role, the roles held by the candidates
    who have the skills it misses or covers through one member only."""
    pb = st.pb
    chosen = [r0]
    seen = {r0}
    pairs = _n_pairs(pb, r0)
    frontier = [r0]
    while frontier and len(chosen) < max_roles:
        nxt: list[int] = []
        for r in frontier:
            seg = pb.role_pairs(r)
            if seg.start == seg.stop:
                continue
            start = int(pb.req_ptr[r])
            wanted = int(np.bitwise_or.reduce(pb.qual[seg])) & ~int(st.role_mask[r])  # missing
            for j in range(start, int(pb.req_ptr[r + 1])):
                if st.cover[j] == 1:
                    wanted |= 1 << (j - start)  # covered by one member only: at risk if they go
            if not wanted:
                continue
            holders = seg.start + np.flatnonzero(pb.qual[seg] & np.uint64(wanted))
            holders = holders[np.argsort(-pb.fit[holders], kind="stable")]
            for k in holders.tolist():
                p = int(pb.pair_person[k])
                for b in pb.person_pairs[pb.person_ptr[p] : pb.person_ptr[p + 1]].tolist():
                    if not st.sel[b] or pb.fixed[b]:
                        continue
                    r2 = int(pb.pair_role[b])
                    if r2 in seen:
                        continue
                    seen.add(r2)
                    n = _n_pairs(pb, r2)
                    if pairs + n > max_pairs or len(chosen) >= max_roles:
                        continue
                    chosen.append(r2)
                    pairs += n
                    nxt.append(r2)
        frontier = nxt
    return chosen


def _n_pairs(pb, r: int) -> int:
    return int(pb.role_ptr[r + 1] - pb.role_ptr[r])


def resolve(st: State, roles: list[int], *, deadline: float, pair_ties: bool = True) -> bool:
    """Solve the sub-problem of `roles` (everything else fixed) and apply it if the objective rises."""
    pb = st.pb
    roles = sorted(set(roles))
    free_role = np.zeros(pb.n_roles, dtype=bool)
    free_role[roles] = True
    ks = np.concatenate([np.arange(*pb.role_pairs(r).indices(pb.n_pairs)) for r in roles])
    if len(ks) == 0:
        return False
    n_projects = len(pb.project_ids)
    persons = pb.pair_person[ks]
    projects = pb.pair_project[ks]
    hours = pb.pair_hours[ks]

    # what the freed seats give back: hours, and the people's seats in the freed roles
    current = ks[st.sel[ks]]
    cap = st.hours_left.copy()
    np.add.at(cap, pb.pair_person[current], pb.pair_hours[current])
    # a person seated in a project outside the freed roles cannot take a freed seat there
    blocked = np.zeros(len(ks), dtype=bool)
    for i, (p, t) in enumerate(zip(persons.tolist(), projects.tolist(), strict=True)):
        k = st.team[t].get(p)
        if k is not None and not free_role[pb.pair_role[k]]:
            blocked[i] = True
    upper = np.where(blocked | (hours > cap[persons] + EPS), 0.0, 1.0)
    lower = pb.fixed[ks].astype(float)
    upper = np.maximum(upper, lower)
    n = len(ks)
    obj = [st.w_fit * pb.fit[ks]]
    rows: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # (row, col, val, rhs)
    n_rows = 0

    def add(row, col, val, rhs):
        nonlocal n_rows
        rows.append((np.asarray(row) + n_rows, np.asarray(col), np.asarray(val, dtype=float), np.asarray(rhs, float)))
        n_rows += len(rhs)

    # headcount
    local_role = np.searchsorted(np.array(roles), pb.pair_role[ks])
    add(local_role, np.arange(n), np.ones(n), pb.role_headcount[roles].astype(float))
    # hours, where the freed pairs of a person could exceed what they have
    people, inv = np.unique(persons, return_inverse=True)
    demand = np.bincount(inv, weights=hours * upper)
    tight = np.flatnonzero(demand > cap[people] + EPS)
    if len(tight):
        loc = np.full(len(people), -1)
        loc[tight] = np.arange(len(tight))
        pick = np.flatnonzero(loc[inv] >= 0)
        add(loc[inv[pick]], pick, hours[pick], cap[people[tight]])
    # one seat per person per project
    key = persons * n_projects + projects
    _, kinv, counts = np.unique(key, return_inverse=True, return_counts=True)
    multi = np.flatnonzero(counts[kinv] > 1)
    if len(multi):
        _, loc = np.unique(kinv[multi], return_inverse=True)
        add(loc, multi, np.ones(len(multi)), np.ones(int(loc.max()) + 1))
    n_vars = n
    # coverage
    if st.w_cov > 0:
        cov_r, cov_c = [], []
        n_c = 0
        for r in roles:
            seg = pb.role_pairs(r)
            lo = int(np.searchsorted(ks, seg.start))
            q = pb.qual[seg]
            for bit in range(int(pb.req_ptr[r + 1] - pb.req_ptr[r])):
                has = np.flatnonzero((q >> np.uint64(bit)) & np.uint64(1))
                if len(has) == 0:
                    continue
                cov_r.append(np.full(len(has) + 1, n_c))
                cov_c.append(np.concatenate([[n_vars + n_c], lo + has]))
                n_c += 1
        if n_c:
            cols = np.concatenate(cov_c)
            add(np.concatenate(cov_r), cols, np.where(cols >= n_vars, 1.0, -1.0), np.zeros(n_c))
            obj.append(np.full(n_c, st.w_cov))
            n_vars += n_c
    # ties: to the fixed part of the team (linear), between freed candidates (linearized)
    if st.w_comm > 0 and pb.adj.nnz:
        comm = st.comm[ks].copy()
        for r in roles:
            for k in st.role_members[r]:
                p, t = int(pb.pair_person[k]), int(pb.pair_project[k])
                nb, wt = pb.neighbours(p)
                for b, w in zip(nb.tolist(), wt.tolist(), strict=True):
                    for k2 in pb.person_project_pairs.get(b * n_projects + t, ()):
                        comm_pos = np.searchsorted(ks, k2)
                        if comm_pos < n and ks[comm_pos] == k2:
                            comm[comm_pos] -= w
        obj[0] = obj[0] + st.w_comm * comm
        for t in np.unique(projects).tolist() if pair_ties else ():
            idx = np.flatnonzero((projects == t) & (upper > 0))
            team, local = np.unique(persons[idx], return_inverse=True)
            if len(team) < 2:
                continue
            sub = sparse.triu(pb.adj[team][:, team], k=1).tocoo()
            if sub.nnz == 0:
                continue
            m = sub.nnz
            y = n_vars + np.arange(m)
            obj.append(st.w_comm * sub.data)
            n_vars += m
            order = np.argsort(local, kind="stable")
            ptr = np.zeros(len(team) + 1, dtype=np.int64)
            np.cumsum(np.bincount(local, minlength=len(team)), out=ptr[1:])
            ends = np.concatenate([sub.row, sub.col])
            cnt = ptr[ends + 1] - ptr[ends]
            row_ids = np.repeat(np.arange(2 * m), cnt)
            offs = np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            x_cols = idx[order[np.repeat(ptr[ends], cnt) + offs]]
            add(
                np.concatenate([np.arange(2 * m), row_ids]),
                np.concatenate([y, y, x_cols]),
                np.concatenate([np.ones(2 * m), -np.ones(len(x_cols))]),
                np.zeros(2 * m),
            )
    # departments new to a team
    if st.w_div > 0:
        for t in np.unique(projects).tolist():
            present = {int(pb.dept[p]) for p, k in st.team[t].items() if not free_role[pb.pair_role[k]]}
            idx = np.flatnonzero(projects == t)
            depts = pb.dept[persons[idx]]
            for g in np.unique(depts[depts >= 0]).tolist():
                if g in present:
                    continue
                members = idx[depts == g]
                add(
                    np.zeros(len(members) + 1, dtype=np.int64),
                    np.concatenate([[n_vars], members]),
                    np.concatenate([[1.0], -np.ones(len(members))]),
                    [0.0],
                )
                obj.append(np.array([st.w_div]))
                n_vars += 1

    c = np.concatenate(obj)
    r_, c_, v_, rhs = (np.concatenate(parts) for parts in zip(*rows, strict=True))
    matrix = sparse.csr_matrix((v_, (r_, c_)), shape=(n_rows, n_vars))
    lb = np.zeros(n_vars)
    ub = np.ones(n_vars)
    lb[:n], ub[:n] = lower, upper
    integrality = np.zeros(n_vars, dtype=np.uint8)
    integrality[:n] = 1
    limit = min(SUB_SECONDS, deadline - time.perf_counter())
    if limit <= 0.05:
        return False
    res = milp(
        -c,
        integrality=integrality,
        bounds=Bounds(lb, ub),
        constraints=LinearConstraint(matrix, -np.inf, rhs),
        options={"time_limit": limit, "mip_rel_gap": 1e-7, "disp": False},
    )
    if res.x is None:
        return False
    chosen = ks[res.x[:n] > 0.5]
    if np.array_equal(np.sort(chosen), np.sort(current)):
        return False
    journal = Journal(st)
    for k in current.tolist():
        if not pb.fixed[k]:
            journal.remove(k)
    for k in chosen.tolist():
        if st.sel[k]:
            continue
        if not st.can_add(k):
            journal.undo()
            return False
        journal.add(k)
    return journal.settle()
