"""Entry points: `propose` (optimize), `evaluate` (explain a given assignment), `check_assignment`."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

from .exact import lp_bound, solve_exact
from .explain import build_proposal
from .heuristic import marginal_greedy, plain_greedy
from .lns import coverage_lns, team_lns
from .model import FieldError, FormationInput, FormationInputError, Id
from .perturb import perturb_search
from .problem import Problem, compile_problem
from .result import Proposal
from .search import local_search
from .state import EPS, State
from .validate import validate

Solver = Literal["auto", "exact", "heuristic", "greedy"]

AUTO_EXACT_PAIRS = 300  # "auto" solves exactly up to this many candidate (person, role) pairs
HEURISTIC_SECONDS = 5.0  # default time of the heuristic's search
EXACT_SECONDS = 30.0  # default time of the exact mode, heuristic included
EXACT_HEURISTIC_SHARE = 0.1  # in exact mode the heuristic gets at most this share of the time


def propose(
    inp: FormationInput,
    *,
    solver: Solver = "auto",
    time_limit: float | None = None,
    alternatives: int = 3,
    bound: bool = False,
    kicks: int = 100,
) -> Proposal:
    """Propose teams for every project of `inp`.

    - `solver="heuristic"`: greedy by marginal gain, then local search for at most `time_limit`
      seconds (default 5): local moves to a local optimum; a large-neighbourhood repair that
      re-solves the roles around each skill still missing as a small MILP (`lns.py`: coverage
      that needs a chain of moves across projects); each project's team re-solved exactly with
      the rest fixed (ties); then `kicks` perturbations of iterated local search (seeded). Up to about
      a thousand people it usually ends before the time limit and the proposal depends only on
      the input; on larger rounds (or a loaded machine) the clock may cut it.
    - `solver="exact"`: the heuristic (a tenth of the time, at most 5 s), then the MILP (HiGHS),
      started from the heuristic's assignment, for the rest of `time_limit` (default 30 s in all).
      The proposal is the better of the two; `upper_bound` is the MILP's proven bound,
      `heuristic_total` the heuristic's objective. If the MILP finds nothing in time, the
      heuristic's proposal is returned with a warning.
    - `solver="auto"`: exact up to 300 candidate (person, role) pairs (a few people per
      role: answers in well under a second), else heuristic.
    - `solver="greedy"`: the plain greedy baseline (each seat to the highest-fit available person,
      project by project), for comparison.
    - `bound=True` (heuristic and greedy): also solve the LP relaxation for a proven upper bound
      (slow on large rounds: about 30 s for 10,000 people and 200 projects).

    Raises FormationInputError (every problem, with field paths) when the input is invalid.
    """
    started = time.perf_counter()
    warnings = validate(inp)
    pb = compile_problem(inp, warnings)
    stats: dict[str, float] = {"compile_seconds": time.perf_counter() - started, "pairs": float(pb.n_pairs)}
    if solver == "auto":
        solver = "exact" if pb.n_pairs <= AUTO_EXACT_PAIRS else "heuristic"
    if solver not in ("exact", "heuristic", "greedy"):
        raise FormationInputError([FieldError("solver", f"unknown solver {solver!r}")])
    upper, optimal, heuristic_total = None, False, None
    tick = time.perf_counter()
    if solver == "greedy":
        st = plain_greedy(pb)
    else:
        st = marginal_greedy(pb)
        if solver == "heuristic":
            budget = HEURISTIC_SECONDS if time_limit is None else time_limit
        else:
            budget = min(
                HEURISTIC_SECONDS, EXACT_HEURISTIC_SHARE * (EXACT_SECONDS if time_limit is None else time_limit)
            )
        deadline = time.perf_counter() + budget
        stats["moves"] = float(local_search(st, deadline=deadline))
        stats["lns_kept"] = float(coverage_lns(st, deadline=deadline))
        if stats["lns_kept"]:
            stats["moves"] += local_search(st, deadline=deadline)
        if st.w_comm > 0 and pb.adj.nnz and time.perf_counter() < deadline:
            stats["teams_resolved"] = float(team_lns(st, deadline=deadline))
        if kicks > 0 and time.perf_counter() < deadline:
            stats["kicks_kept"] = float(perturb_search(st, deadline=deadline, kicks=kicks))
            if stats["kicks_kept"]:
                stats["moves"] += local_search(st, deadline=deadline)
    stats["heuristic_seconds"] = time.perf_counter() - tick
    if solver == "exact":
        heuristic_total = st.total
        tick = time.perf_counter()
        limit = (EXACT_SECONDS if time_limit is None else time_limit) - (time.perf_counter() - started)
        result = solve_exact(pb, time_limit=max(limit, 1.0), start=st.sel)
        stats["exact_seconds"] = time.perf_counter() - tick
        upper, optimal = result.bound, result.optimal
        exact_state = _state_of(pb, result.selected) if result.selected is not None else None
        if exact_state is None:
            warnings.append(f"the exact solver found no assignment in time ({result.message}); this is the heuristic's")
            solver = "heuristic"
        elif exact_state.total >= st.total - EPS:
            st = exact_state
        else:
            optimal = False
            warnings.append("the exact solver stopped before matching the heuristic; this is the heuristic's")
    elif bound:
        tick = time.perf_counter()
        upper = lp_bound(pb)
        stats["bound_seconds"] = time.perf_counter() - tick
    tick = time.perf_counter()
    proposal = build_proposal(
        st,
        solver=solver,
        upper_bound=upper,
        optimal=optimal,
        heuristic_total=heuristic_total,
        alternatives=alternatives,
        stats=stats,
    )
    stats["explain_seconds"] = time.perf_counter() - tick
    return dataclasses.replace(proposal, seconds=time.perf_counter() - started, stats=stats)


def _state_of(pb: Problem, selected: np.ndarray) -> State | None:
    """A State holding `selected`, or None if it breaks a hard constraint (solver tolerances)."""
    st = State(pb)
    for k in np.flatnonzero(selected & ~pb.fixed):
        if not st.can_add(int(k)):
            return None
        st.add(int(k))
    return st


def check_assignment(inp: FormationInput, assignment: Mapping[Id, Sequence[Id]]) -> list[FieldError]:
    """Every hard constraint `assignment` (role id -> person ids) breaks, with paths
    "assignment[<role id>][<i>]". Fixed members must be included; roles left out count as empty."""
    errors: list[FieldError] = []
    people = {p.id: p for p in inp.people}
    roles = {role.id: (project, role) for project in inp.projects for role in project.roles}
    hours: dict[Id, float] = {}
    seat_in_project: dict[tuple[Id, Id], str] = {}
    for role_id, members in assignment.items():
        path = f"assignment[{role_id!r}]"
        if role_id not in roles:
            errors.append(FieldError(path, f"unknown role {role_id!r}"))
            continue
        project, role = roles[role_id]
        members = list(members)
        if len(members) > role.headcount:
            errors.append(FieldError(path, f"{len(members)} people for {role.headcount} seats"))
        for i, person_id in enumerate(members):
            mpath = f"{path}[{i}]"
            person = people.get(person_id)
            if person is None:
                errors.append(FieldError(mpath, f"unknown person {person_id!r}"))
                continue
            if not person.active:
                errors.append(FieldError(mpath, f"person {person_id!r} is inactive"))
            key = (project.id, person_id)
            if key in seat_in_project:
                errors.append(
                    FieldError(
                        mpath, f"person {person_id!r} already has a seat in this project ({seat_in_project[key]})"
                    )
                )
            seat_in_project[key] = mpath
            hours[person_id] = hours.get(person_id, 0.0) + float(role.hours_per_week)
    for project in inp.projects:
        for role_id, fixed in project.fixed_members.items():
            given = set(assignment.get(role_id, ()))
            for person_id in fixed:
                if person_id in people and people[person_id].active and person_id not in given:
                    errors.append(FieldError(f"assignment[{role_id!r}]", f"fixed member {person_id!r} is missing"))
    for person_id, booked in hours.items():
        free = float(people[person_id].free_hours)
        if booked > free + EPS:
            errors.append(FieldError(f"people[{person_id!r}]", f"booked {booked:g} h a week but has {free:g} h free"))
    return errors


def evaluate(inp: FormationInput, assignment: Mapping[Id, Sequence[Id]], *, alternatives: int = 3) -> Proposal:
    """Explain a given assignment (a manager's swaps) as a Proposal with solver "manual": objective,
    explanations, uncovered skills, alternatives per seat, blocking pairs. Raises
    FormationInputError if the input is invalid or the assignment breaks a hard constraint."""
    started = time.perf_counter()
    validate(inp)
    errors = check_assignment(inp, assignment)
    if errors:
        raise FormationInputError(errors)
    originally_fixed = {
        (role_id, p) for project in inp.projects for role_id, ps in project.fixed_members.items() for p in ps
    }
    projects = []
    for project in inp.projects:
        pinned = {role.id: list(assignment.get(role.id, ())) for role in project.roles}
        projects.append(dataclasses.replace(project, fixed_members={r: ps for r, ps in pinned.items() if ps}))
    pinned_input = dataclasses.replace(inp, projects=projects)
    pb = compile_problem(pinned_input, validate(pinned_input))
    st = State(pb)
    shown = np.zeros(pb.n_pairs, dtype=bool)
    for k in np.flatnonzero(pb.fixed):
        shown[k] = (pb.role_ids[int(pb.pair_role[k])], pb.person_ids[int(pb.pair_person[k])]) in originally_fixed
    proposal = build_proposal(st, solver="manual", alternatives=alternatives, shown_fixed=shown)
    return dataclasses.replace(proposal, seconds=time.perf_counter() - started)
