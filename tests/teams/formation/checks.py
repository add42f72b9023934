"""Independent checks for the optimizer's tests: the hard constraints and the objective,
recomputed from the input and a proposal's assignment with plain Python (no optimizer code)."""

from __future__ import annotations

import math
from itertools import combinations

from teams.formation import FormationInput, Proposal


def hard_constraint_violations(inp: FormationInput, proposal: Proposal) -> list[str]:
    people = {p.id: p for p in inp.people}
    problems = []
    booked: dict = {}
    assignment = proposal.assignment()
    for project in inp.projects:
        seen_in_project: set = set()
        for role in project.roles:
            members = assignment.get(role.id, ())
            if len(members) > role.headcount:
                problems.append(f"role {role.id}: {len(members)} members for {role.headcount} seats")
            for person_id in members:
                person = people[person_id]
                if not person.active:
                    problems.append(f"role {role.id}: inactive person {person_id}")
                if person_id in seen_in_project:
                    problems.append(f"project {project.id}: person {person_id} has two seats")
                seen_in_project.add(person_id)
                booked[person_id] = booked.get(person_id, 0.0) + role.hours_per_week
            for person_id in project.fixed_members.get(role.id, ()):
                if people[person_id].active and person_id not in members:
                    problems.append(f"role {role.id}: fixed member {person_id} missing")
    for person_id, hours in booked.items():
        if hours > people[person_id].free_hours + 1e-9:
            problems.append(f"person {person_id}: {hours} h booked, {people[person_id].free_hours} h free")
    return problems


def fit(inp: FormationInput, person_id, role_id) -> float:
    """The documented fit formula (docs/formation.md), written out again."""
    person = next(p for p in inp.people if p.id == person_id)
    project = next(p for p in inp.projects if any(r.id == role_id for r in p.roles))
    role = next(r for r in project.roles if r.id == role_id)
    required = role.required_skills
    skill = sum(min(person.skills.get(s, 0), 5) / 5 for s in required) / len(required) if required else 0.5
    tags = set(required) | set(project.topics)
    interest = len(tags & set(person.interests)) / len(tags) if tags else 0.0
    strength = next((p.strength for p in inp.preferences if p.person_id == person_id and p.role_id == role_id), 0)
    return (0.2 + 0.8 * skill) * (0.5 + 0.5 * interest) * (1 + strength) / 4


def objective(inp: FormationInput, assignment: dict) -> float:
    w = inp.weights
    people = {p.id: p for p in inp.people}
    ties: dict = {}
    for tie in inp.ties:
        if tie.a in people and tie.b in people and tie.a != tie.b:
            key = frozenset((tie.a, tie.b))
            ties[key] = max(ties.get(key, 0.0), tie.weight)
    total = 0.0
    for project in inp.projects:
        team = []
        for role in project.roles:
            members = assignment.get(role.id, ())
            team.extend(members)
            for skill, minimum in role.required_skills.items():
                if any(people[m].skills.get(skill, 0) >= minimum for m in members):
                    total += w.coverage
            total += w.fit * sum(fit(inp, m, role.id) for m in members)
        total += w.communication * sum(ties.get(frozenset(pair), 0.0) for pair in combinations(team, 2))
        departments = {people[m].department_id for m in team} - {None}
        total += w.diversity * len(departments)
    return total


def close(a: float, b: float, tol: float = 1e-6) -> bool:
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
