"""Turn a solved `State` into a `Proposal`: explanations per member, alternatives per seat, the
reasons for uncovered skills, and stability (blocking pairs)."""

from __future__ import annotations

import numpy as np

from .coverage import role_coverage
from .model import Id
from .problem import Problem
from .result import (
    Alternative,
    BlockingPair,
    Link,
    Member,
    Objective,
    Proposal,
    RoleProposal,
    Seat,
    SkillMatch,
    TeamProposal,
    Uncovered,
    UncoveredReason,
)
from .state import EPS, State, breakdown

STRENGTH_WORDS = {1: "would do it", 2: "wants it", 3: "really wants it"}


def build_proposal(
    st: State,
    *,
    solver: str,
    upper_bound: float | None = None,
    optimal: bool = False,
    heuristic_total: float | None = None,
    alternatives: int = 3,
    seconds: float = 0.0,
    stats: dict | None = None,
    shown_fixed: np.ndarray | None = None,
) -> Proposal:
    pb = st.pb
    fixed = pb.fixed if shown_fixed is None else shown_fixed
    people = pb.inp.people
    booked = pb.free_hours - st.hours_left
    explainer = _Uncovered(pb, st)
    teams = []
    for t, project in enumerate(pb.inp.projects):
        roles = []
        members_t = sorted(st.team[t])
        for r in pb.project_roles[t]:
            r = int(r)
            role = project.roles[int(r - pb.project_roles[t][0])]
            seats = []
            for k in sorted(st.role_members[r], key=lambda k: (not fixed[k], -pb.fit[k])):
                p = int(pb.pair_person[k])
                member = _member(pb, st, k, bool(fixed[k]), people[p].free_hours, booked[p], members_t)
                seats.append(Seat(member, _alternatives(st, r, k, alternatives) if not fixed[k] else ()))
            for _ in range(int(pb.role_headcount[r]) - len(seats)):
                seats.append(Seat(None, _alternatives(st, r, -1, alternatives)))
            roles.append(
                RoleProposal(
                    role_id=role.id,
                    project_id=project.id,
                    headcount=int(role.headcount),
                    hours_per_week=float(role.hours_per_week),
                    seats=tuple(seats),
                    uncovered=explainer.role(r),
                )
            )
        people_t = np.array(members_t, dtype=np.int64)
        ties = float(pb.adj[people_t][:, people_t].sum()) / 2.0 if len(people_t) else 0.0
        depts = pb.dept[people_t] if len(people_t) else np.zeros(0, dtype=np.int64)
        teams.append(TeamProposal(project.id, tuple(roles), ties, len(np.unique(depts[depts >= 0]))))
    terms = breakdown(pb, st.sel)
    objective = Objective(
        covered=int(terms["covered"]),
        coverable=int(role_coverage(pb).sum()),
        requirements=pb.n_requirements,
        fit=terms["fit"],
        ties=terms["ties"],
        departments=int(terms["departments"]),
        total=terms["total"],
    )
    return Proposal(
        solver=solver,
        teams=tuple(teams),
        objective=objective,
        upper_bound=upper_bound,
        optimal=optimal,
        heuristic_total=heuristic_total,
        blocking_pairs=tuple(blocking_pairs(st)),
        warnings=tuple(pb.warnings),
        seconds=seconds,
        stats=dict(stats or {}),
    )


def _member(pb: Problem, st: State, k: int, fixed: bool, free: float, booked: float, team: list[int]) -> Member:
    p, r = int(pb.pair_person[k]), int(pb.pair_role[k])
    person = pb.inp.people[p]
    role = _role(pb, r)
    skills = tuple(
        SkillMatch(s, pb.inp.skill_name(s), int(person.skills.get(s, 0)), int(m))
        for s, m in role.required_skills.items()
    )
    covers = tuple(s.skill_id for s in skills if s.meets)
    tags = list(role.required_skills) + [
        t for t in pb.inp.projects[int(pb.role_project[r])].topics if t not in role.required_skills
    ]
    interests = tuple(t for t in tags if t in person.interests)
    nb, wt = pb.neighbours(p)
    in_team = np.isin(nb, team)
    links = sorted(
        (Link(pb.person_ids[int(b)], float(w)) for b, w in zip(nb[in_team], wt[in_team], strict=True)),
        key=lambda link: -link.weight,
    )
    strength = int(pb.pref[k])
    note = pb.notes.get((p, r), "")
    parts = [", ".join(f"{m.name} {m.level}/5 (needs {m.min_level})" for m in skills if m.level)]
    if interests:
        parts.append("interested in " + ", ".join(pb.inp.skill_name(t) for t in interests))
    if strength:
        parts.append(f"volunteered: {STRENGTH_WORDS[strength]}")
    if fixed:
        parts.append("fixed member")
    parts.append(f"{max(free - booked, 0.0):g} h free after this round")
    if links:
        parts.append(f"has worked with {len(links)} of the team")
    return Member(
        person_id=person.id,
        role_id=role.id,
        fixed=fixed,
        fit=float(pb.fit[k]),
        skills=skills,
        covers=covers,
        interest=float(pb.interest[k]),
        interests=interests,
        preference=strength,
        note=note,
        free_hours=float(free),
        hours_after=float(free - booked),
        links=tuple(links),
        summary="; ".join(part for part in parts if part),
    )


def _role(pb: Problem, r: int):
    t = int(pb.role_project[r])
    return pb.inp.projects[t].roles[r - int(pb.project_roles[t][0])]


def _covers(pb: Problem, k: int) -> tuple[Id, ...]:
    r = int(pb.pair_role[k])
    q = int(pb.qual[k])
    return tuple(pb.req_skill[j] for i, j in enumerate(range(int(pb.req_ptr[r]), int(pb.req_ptr[r + 1]))) if q >> i & 1)


def _alternatives(st: State, r: int, k: int, top: int) -> tuple[Alternative, ...]:
    if top <= 0:
        return ()
    pb = st.pb
    seg = pb.role_pairs(r)
    gain, feasible = st.gains(r, without=k)
    loss = -st.remove_delta(k) if k >= 0 else 0.0
    ok = np.flatnonzero(feasible)
    best = ok[np.argsort(-gain[ok], kind="stable")[:top]]
    return tuple(
        Alternative(
            person_id=pb.person_ids[int(pb.pair_person[seg.start + i])],
            fit=float(pb.fit[seg.start + i]),
            gain=float(gain[i] - loss),
            covers=_covers(pb, seg.start + int(i)),
            preference=int(pb.pref[seg.start + i]),
        )
        for i in best
    )


class _Uncovered:
    """Why a required skill is left uncovered, from the most basic cause to the most specific."""

    def __init__(self, pb: Problem, st: State):
        self.pb, self.st = pb, st
        self.levels: dict[Id, list[tuple[int, bool, float, int]]] = {}
        for i, person in enumerate(pb.inp.people):
            for s, level in person.skills.items():
                self.levels.setdefault(s, []).append((int(level), bool(person.active), float(person.free_hours), i))

    def role(self, r: int) -> tuple[Uncovered, ...]:
        pb, st = self.pb, self.st
        mask = int(st.role_mask[r])
        out = []
        for bit, j in enumerate(range(int(pb.req_ptr[r]), int(pb.req_ptr[r + 1]))):
            if mask >> bit & 1:
                continue
            out.append(self._explain(r, pb.req_skill[j], int(pb.req_min[j])))
        return tuple(out)

    def _explain(self, r: int, skill: Id, minimum: int) -> Uncovered:
        pb, st = self.pb, self.st
        name = pb.inp.skill_name(skill)
        holders = self.levels.get(skill, [])
        active = [h for h in holders if h[1]]
        best = max((h[0] for h in active), default=0)
        qualified = [h for h in active if h[0] >= minimum]
        hours = float(pb.role_hours[r])
        t = int(pb.role_project[r])

        def done(reason: UncoveredReason, message: str) -> Uncovered:
            return Uncovered(skill, name, minimum, reason, message, len(qualified), best)

        if pb.role_headcount[r] <= 0:
            return done(UncoveredReason.NO_SEATS, "the role has no seats")
        if not qualified:
            if any(h[0] >= minimum for h in holders):
                return done(UncoveredReason.ONLY_INACTIVE, f"only inactive people have {name} >= {minimum}")
            level = f" (the best level is {best})" if best else ""
            return done(UncoveredReason.NOBODY_QUALIFIED, f"nobody in the company has {name} >= {minimum}{level}")
        with_hours = [h for h in qualified if h[2] >= hours - EPS]
        if not with_hours:
            who = (
                f"the only person with {name} >= {minimum} has"
                if len(qualified) == 1
                else f"the only people with {name} >= {minimum} ({len(qualified)}) have"
            )
            return done(UncoveredReason.NO_FREE_HOURS, f"{who} less than {hours:g} h a week free")
        free_now = [h for h in with_hours if st.hours_left[h[3]] >= hours - EPS and h[3] not in st.team[t]]
        if free_now:
            seats = int(pb.role_headcount[r])
            taken = "the only seat went to someone" if seats == 1 else f"all {seats} seats went to people"
            n = len(free_now)
            still = f"{n} person with" if n == 1 else f"{n} people with"
            return done(
                UncoveredReason.HEADCOUNT_EXHAUSTED,
                f"headcount exhausted: {taken} covering other skills; {still} {name} >= {minimum} "
                f"{'is' if n == 1 else 'are'} still free",
            )
        same_team = sum(1 for h in with_hours if h[3] in st.team[t])
        elsewhere = len(with_hours) - same_team
        where = []
        if elsewhere:
            where.append(f"{elsewhere} committed to other seats of this round")
        if same_team:
            where.append(f"{same_team} already on this team in another role")
        return done(
            UncoveredReason.COMMITTED_ELSEWHERE,
            f"the people with {name} >= {minimum} and {hours:g} h free are taken: " + ", ".join(where),
        )


def blocking_pairs(st: State) -> list[BlockingPair]:
    """Volunteer-role pairs who would both rather have each other than what they got (see
    `BlockingPair`). Only volunteers can block: a person who did not ask for a role never prefers it."""
    pb = st.pb
    out = []
    volunteers = np.flatnonzero(pb.pref > 0)
    for k in volunteers:
        k = int(k)
        if st.sel[k]:
            continue
        p, r, t = int(pb.pair_person[k]), int(pb.pair_role[k]), int(pb.pair_project[k])
        held = st.team[t].get(p)
        held_strength = int(pb.pref[held]) if held is not None else 0
        if pb.pref[k] <= held_strength:
            continue
        if held is not None and pb.fixed[held]:
            continue
        free = st.hours_left[p] + (pb.pair_hours[held] if held is not None else 0.0)
        if free < pb.pair_hours[k] - EPS:
            continue
        if st.filled[r] < pb.role_headcount[r]:
            displaces = None
        else:
            movable = [m for m in st.role_members[r] if not pb.fixed[m]]
            if not movable:
                continue
            worst = min(movable, key=lambda m: pb.fit[m])
            if pb.fit[k] <= pb.fit[worst] + EPS:
                continue
            displaces = pb.person_ids[int(pb.pair_person[worst])]
        out.append(BlockingPair(pb.person_ids[p], pb.role_ids[r], int(pb.pref[k]), held_strength, displaces))
    return out
