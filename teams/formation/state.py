"""An assignment being built, with the objective kept up to date move by move.

`State.add(k)` and `State.remove(k)` put a candidate pair on or off a seat and return the exact
change of the objective; `gains(r)` scores every candidate of a role at once (numpy) against the
current teams. The heuristics are written in these terms; `objective()` recomputes the total from
scratch (the tests check the two agree).
"""

from __future__ import annotations

import numpy as np

from .problem import Problem

EPS = 1e-6


def popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values).astype(np.int64)


class State:
    def __init__(self, pb: Problem):
        self.pb = pb
        w = pb.inp.weights
        self.w_cov, self.w_fit, self.w_comm, self.w_div = (
            float(w.coverage),
            float(w.fit),
            float(w.communication),
            float(w.diversity),
        )
        self.sel = np.zeros(pb.n_pairs, dtype=bool)
        self.taken = np.zeros(pb.n_pairs, dtype=np.int64)  # the pair's person has a seat in its project
        self.comm = np.zeros(pb.n_pairs)  # ties of the pair's person to the members of its project
        self.hours_left = pb.free_hours.copy()
        self.cover = [0] * pb.n_requirements  # members qualifying, per requirement
        self.role_mask = np.zeros(pb.n_roles, dtype=np.uint64)  # requirements covered, as bits
        self.filled = np.zeros(pb.n_roles, dtype=np.int64)
        self.role_members: list[set[int]] = [set() for _ in range(pb.n_roles)]  # pair indices
        self.team: list[dict[int, int]] = [{} for _ in pb.project_ids]  # person -> pair
        self.dept_count: list[dict[int, int]] = [{} for _ in pb.project_ids]
        self.total = 0.0
        self.touched: set[int] = set()  # projects whose team changed (for focused searches)
        self._qual = pb.qual.tolist()
        self._req_start = pb.req_ptr.tolist()
        self._fit = pb.fit.tolist()
        self._person = pb.pair_person.tolist()
        self._role = pb.pair_role.tolist()
        self._project = pb.pair_project.tolist()
        self._dept = pb.dept.tolist()
        for k in np.flatnonzero(pb.fixed):
            self.add(int(k))

    # -- one pair on or off -------------------------------------------------------------------
    def _bits(self, k: int) -> list[int]:
        """The requirement indices pair k qualifies for."""
        q, start, out, i = self._qual[k], self._req_start[self._role[k]], [], 0
        while q:
            if q & 1:
                out.append(start + i)
            q >>= 1
            i += 1
        return out

    def _spread_ties(self, p: int, t: int, sign: float) -> None:
        nb, wt = self.pb.neighbours(p)
        if len(nb) == 0:
            return
        index = self.pb.person_project_pairs
        n_projects = len(self.pb.project_ids)
        comm = self.comm
        for b, w in zip(nb.tolist(), wt.tolist(), strict=True):
            for k in index.get(b * n_projects + t, ()):
                comm[k] += sign * w

    def _mark_taken(self, p: int, t: int, sign: int) -> None:
        for k in self.pb.person_project_pairs.get(p * len(self.pb.project_ids) + t, ()):
            self.taken[k] += sign

    def add_delta(self, k: int) -> float:
        p, r, t = self._person[k], self._role[k], self._project[k]
        new_bits = self._qual[k] & ~int(self.role_mask[r])
        d = self._dept[p]
        div = 1 if d >= 0 and self.dept_count[t].get(d, 0) == 0 else 0
        return (
            self.w_cov * new_bits.bit_count()
            + self.w_fit * self._fit[k]
            + self.w_comm * float(self.comm[k])
            + self.w_div * div
        )

    def remove_delta(self, k: int) -> float:
        p, t = self._person[k], self._project[k]
        lost = sum(1 for j in self._bits(k) if self.cover[j] == 1)
        d = self._dept[p]
        div = 1 if d >= 0 and self.dept_count[t].get(d, 0) == 1 else 0
        return -(self.w_cov * lost + self.w_fit * self._fit[k] + self.w_comm * float(self.comm[k]) + self.w_div * div)

    def can_add(self, k: int) -> bool:
        pb = self.pb
        r = self._role[k]
        return (
            not self.sel[k]
            and self.taken[k] == 0
            and self.filled[r] < pb.role_headcount[r]
            and self.hours_left[self._person[k]] >= pb.pair_hours[k] - EPS
        )

    def add(self, k: int) -> float:
        pb = self.pb
        delta = self.add_delta(k)
        p, r, t = self._person[k], self._role[k], self._project[k]
        self.sel[k] = True
        self.touched.add(t)
        self.hours_left[p] -= pb.pair_hours[k]
        self.filled[r] += 1
        self.role_members[r].add(k)
        self.team[t][p] = k
        start = self._req_start[r]
        mask = int(self.role_mask[r])
        for j in self._bits(k):
            self.cover[j] += 1
            mask |= 1 << (j - start)
        self.role_mask[r] = mask
        d = self._dept[p]
        if d >= 0:
            self.dept_count[t][d] = self.dept_count[t].get(d, 0) + 1
        self._mark_taken(p, t, 1)
        self._spread_ties(p, t, 1.0)
        self.total += delta
        return delta

    def remove(self, k: int) -> float:
        pb = self.pb
        delta = self.remove_delta(k)
        p, r, t = self._person[k], self._role[k], self._project[k]
        self.sel[k] = False
        self.touched.add(t)
        self.hours_left[p] += pb.pair_hours[k]
        self.filled[r] -= 1
        self.role_members[r].discard(k)
        del self.team[t][p]
        start = self._req_start[r]
        mask = int(self.role_mask[r])
        for j in self._bits(k):
            self.cover[j] -= 1
            if self.cover[j] == 0:
                mask &= ~(1 << (j - start))
        self.role_mask[r] = mask
        d = self._dept[p]
        if d >= 0:
            self.dept_count[t][d] -= 1
            if self.dept_count[t][d] == 0:
                del self.dept_count[t][d]
        self._mark_taken(p, t, -1)
        self._spread_ties(p, t, -1.0)
        self.total += delta
        return delta

    # -- a whole role at once -----------------------------------------------------------------
    def gains(self, r: int, *, without: int = -1) -> tuple[np.ndarray, np.ndarray]:
        """(gain, feasible) of putting each candidate of role r on a seat, optionally after taking
        member pair `without` off the role (the gain then does not count what it loses)."""
        pb = self.pb
        seg = pb.role_pairs(r)
        persons = pb.pair_person[seg]
        mask = self.role_mask[r]
        comm = self.comm[seg]
        taken = self.taken[seg]
        hours_left = self.hours_left[persons]
        t = int(pb.role_project[r])
        if without >= 0:
            start = self._req_start[r]
            only = 0
            for j in self._bits(without):
                if self.cover[j] == 1:
                    only |= 1 << (j - start)
            mask = mask & np.uint64(~only & (2**64 - 1))
            p = int(pb.pair_person[without])
            nb, wt = pb.neighbours(p)
            if len(nb):
                comm = comm.copy()
                pos = np.minimum(np.searchsorted(persons, nb), len(persons) - 1)
                hit = persons[pos] == nb
                comm[pos[hit]] -= wt[hit]
        gain = self.w_fit * pb.fit[seg] + self.w_cov * popcount(pb.qual[seg] & ~mask) + self.w_comm * comm
        if self.w_div > 0:
            present = [d for d, n in self.dept_count[t].items() if n > 0]
            if without >= 0:
                d = int(pb.dept[pb.pair_person[without]])
                if d >= 0 and self.dept_count[t].get(d, 0) == 1:
                    present.remove(d)
            depts = pb.dept[persons]
            gain = gain + self.w_div * ((depts >= 0) & ~np.isin(depts, present))
        feasible = (taken == 0) & (hours_left >= pb.role_hours[r] - EPS) & ~self.sel[seg]
        return gain, feasible

    # -- from scratch -------------------------------------------------------------------------
    def objective(self) -> float:
        return breakdown(self.pb, self.sel)["total"]


def breakdown(pb: Problem, sel: np.ndarray) -> dict[str, float]:
    """The objective of a selection of pairs, term by term, computed from scratch."""
    w = pb.inp.weights
    chosen = np.flatnonzero(sel)
    roles = pb.pair_role[chosen]
    covered = 0
    for r in np.unique(roles):
        covered += int(np.bitwise_or.reduce(pb.qual[chosen[roles == r]])).bit_count()
    fit = float(pb.fit[chosen].sum())
    ties = 0.0
    depts = 0
    projects = pb.pair_project[chosen]
    for t in np.unique(projects):
        people = pb.pair_person[chosen[projects == t]]
        ties += float(pb.adj[people][:, people].sum()) / 2.0
        d = pb.dept[people]
        depts += len(np.unique(d[d >= 0]))
    total = w.coverage * covered + w.fit * fit + w.communication * ties + w.diversity * depts
    return {
        "covered": covered,
        "fit": fit,
        "ties": ties,
        "departments": depts,
        "total": float(total),
    }
