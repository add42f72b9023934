"""Input validation: every problem is collected with the path of its field, then raised at once.

What is refused (FormationInputError): duplicate ids, unknown ids in fixed members and
preferences, levels outside 1-5, preference strengths outside 1-3, negative or non-finite hours,
headcounts or weights, a role listed under the wrong project, more fixed members than seats, a
person fixed in two roles of one project, fixed members booked beyond their free hours, tie
weights outside (0, 1].

What is handled instead (a warning on the proposal): an inactive fixed member is dropped (a person
deactivated while the round was being prepared is never assigned); ties to people who are not in
the input, and ties of a person with themselves, are ignored. Empty projects, roles without seats
or without required skills, people with zero free hours are all valid.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from numbers import Real

from .model import (
    MAX_LEVEL,
    MAX_PREFERENCE,
    MAX_REQUIREMENTS_PER_ROLE,
    MIN_LEVEL,
    FieldError,
    FormationInput,
    FormationInputError,
    Person,
    Preference,
    Project,
    Role,
    Tie,
    Weights,
)


def _is_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(float(value))


def _is_int(value: object) -> bool:
    return _is_number(value) and float(value) == int(value)  # type: ignore[arg-type]


def _hashable(value: object) -> bool:
    if not isinstance(value, Hashable):
        return False
    try:
        hash(value)
    except TypeError:
        return False
    return True


class _Checker:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []
        self.warnings: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def of_type(self, path: str, value: object, kind: type) -> bool:
        if isinstance(value, kind):
            return True
        self.error(path, f"must be a {kind.__name__}, got {type(value).__name__}")
        return False

    def number(self, path: str, value: object, *, low: float = 0.0) -> bool:
        if not _is_number(value):
            self.error(path, f"must be a finite number, got {value!r}")
            return False
        if float(value) < low:  # type: ignore[arg-type]
            self.error(path, f"must be at least {low:g}, got {value!r}")
            return False
        return True

    def level(self, path: str, value: object) -> None:
        if not _is_int(value) or not MIN_LEVEL <= int(value) <= MAX_LEVEL:  # type: ignore[call-overload]
            self.error(path, f"must be a whole level from {MIN_LEVEL} to {MAX_LEVEL}, got {value!r}")

    def skill_map(self, path: str, skills: object) -> None:
        if not isinstance(skills, Mapping):
            self.error(path, "must map skill ids to levels")
            return
        for skill_id, level in skills.items():
            if not _hashable(skill_id):
                self.error(path, f"skill id {skill_id!r} is not hashable")
            else:
                self.level(f"{path}[{skill_id!r}]", level)

    def unique_id(self, path: str, value: object, seen: dict, kind: str) -> bool:
        if not _hashable(value):
            self.error(path, f"{kind} id {value!r} is not hashable")
            return False
        if value in seen:
            self.error(path, f"duplicate {kind} id {value!r} (also {seen[value]})")
            return False
        seen[value] = path.removesuffix(".id")
        return True


def validate(inp: FormationInput) -> list[str]:
    """Check `inp`; raise FormationInputError listing every problem, or return the warnings."""
    check = _Checker()
    if not isinstance(inp, FormationInput):
        raise FormationInputError([FieldError("input", f"must be a FormationInput, got {type(inp).__name__}")])
    people = _check_people(check, inp)
    roles = _check_projects(check, inp, people)
    _check_preferences(check, inp, people, roles)
    _check_ties(check, inp, people)
    if not isinstance(inp.skill_names, Mapping):
        check.error("skill_names", "must map skill ids to names")
    if check.of_type("weights", inp.weights, Weights):
        for name in ("coverage", "fit", "communication", "diversity"):
            check.number(f"weights.{name}", getattr(inp.weights, name))
    if check.errors:
        raise FormationInputError(check.errors)
    return check.warnings


def _check_people(check: _Checker, inp: FormationInput) -> dict:
    seen: dict = {}
    people: dict = {}
    for i, person in enumerate(_sequence(check, "people", inp.people)):
        path = f"people[{i}]"
        if not check.of_type(path, person, Person):
            continue
        if check.unique_id(f"{path}.id", person.id, seen, "person"):
            people[person.id] = person
        check.skill_map(f"{path}.skills", person.skills)
        if not _id_set(person.interests):
            check.error(f"{path}.interests", "must be a set of skill or topic ids")
        check.number(f"{path}.free_hours", person.free_hours)
        if not isinstance(person.active, bool):
            check.error(f"{path}.active", f"must be true or false, got {person.active!r}")
    return people


def _check_projects(check: _Checker, inp: FormationInput, people: dict) -> dict:
    seen_projects: dict = {}
    seen_roles: dict = {}
    roles: dict = {}
    booked: dict = {}  # person id -> (hours of fixed roles, first path)
    for i, project in enumerate(_sequence(check, "projects", inp.projects)):
        path = f"projects[{i}]"
        if not check.of_type(path, project, Project):
            continue
        check.unique_id(f"{path}.id", project.id, seen_projects, "project")
        project_roles: dict = {}
        for j, role in enumerate(_sequence(check, f"{path}.roles", project.roles)):
            rpath = f"{path}.roles[{j}]"
            if not check.of_type(rpath, role, Role):
                continue
            if check.unique_id(f"{rpath}.id", role.id, seen_roles, "role"):
                roles[role.id] = role
                project_roles[role.id] = role
            if _hashable(project.id) and role.project_id != project.id:
                check.error(
                    f"{rpath}.project_id", f"is {role.project_id!r} but the role is listed under {project.id!r}"
                )
            check.skill_map(f"{rpath}.required_skills", role.required_skills)
            if isinstance(role.required_skills, Mapping) and len(role.required_skills) > MAX_REQUIREMENTS_PER_ROLE:
                check.error(f"{rpath}.required_skills", f"at most {MAX_REQUIREMENTS_PER_ROLE} skills per role")
            if not _is_int(role.headcount) or role.headcount < 0:
                check.error(f"{rpath}.headcount", f"must be a whole number >= 0, got {role.headcount!r}")
            check.number(f"{rpath}.hours_per_week", role.hours_per_week)
        if not _id_set(project.topics):
            check.error(f"{path}.topics", "must be a set of topic ids")
        if not isinstance(project.fixed_members, Mapping):
            check.error(f"{path}.fixed_members", "must map role ids to person ids")
            continue
        in_project: dict = {}
        for role_id, members in project.fixed_members.items():
            fpath = f"{path}.fixed_members[{role_id!r}]"
            role = project_roles.get(role_id) if _hashable(role_id) else None
            if role is None:
                check.error(fpath, f"role {role_id!r} is not a role of project {project.id!r}")
                continue
            members = list(_sequence(check, fpath, members))
            active = 0
            for k, person_id in enumerate(members):
                mpath = f"{fpath}[{k}]"
                person = people.get(person_id) if _hashable(person_id) else None
                if person is None:
                    check.error(mpath, f"unknown person {person_id!r}")
                    continue
                if person_id in in_project:
                    check.error(
                        mpath, f"person {person_id!r} is fixed twice in this project (also {in_project[person_id]})"
                    )
                    continue
                in_project[person_id] = mpath
                if not person.active:
                    check.warnings.append(f"{mpath}: person {person_id!r} is inactive and was dropped from the team")
                    continue
                active += 1
                if _is_number(role.hours_per_week):
                    hours, first = booked.get(person_id, (0.0, mpath))
                    booked[person_id] = (hours + float(role.hours_per_week), first)
            if _is_int(role.headcount) and active > role.headcount:
                check.error(fpath, f"{active} fixed members but the role has {role.headcount} seats")
    for person_id, (hours, first) in booked.items():
        free = people[person_id].free_hours
        if _is_number(free) and hours > float(free) + 1e-9:
            check.error(
                first, f"person {person_id!r} is fixed in roles of {hours:g} h/week but has {float(free):g} h free"
            )
    return roles


def _check_preferences(check: _Checker, inp: FormationInput, people: dict, roles: dict) -> None:
    seen: dict = {}
    for i, pref in enumerate(_sequence(check, "preferences", inp.preferences)):
        path = f"preferences[{i}]"
        if not check.of_type(path, pref, Preference):
            continue
        known = True
        if not _hashable(pref.person_id) or pref.person_id not in people:
            check.error(f"{path}.person_id", f"unknown person {pref.person_id!r}")
            known = False
        if not _hashable(pref.role_id) or pref.role_id not in roles:
            check.error(f"{path}.role_id", f"unknown role {pref.role_id!r}")
            known = False
        if not _is_int(pref.strength) or not 1 <= int(pref.strength) <= MAX_PREFERENCE:
            check.error(f"{path}.strength", f"must be 1, 2 or 3, got {pref.strength!r}")
        if known:
            key = (pref.person_id, pref.role_id)
            if key in seen:
                check.error(
                    path, f"person {pref.person_id!r} volunteered twice for role {pref.role_id!r} (also {seen[key]})"
                )
            else:
                seen[key] = path
        if not isinstance(pref.note, str):
            check.error(f"{path}.note", "must be text")


def _check_ties(check: _Checker, inp: FormationInput, people: dict) -> None:
    ignored = 0
    for i, tie in enumerate(_sequence(check, "ties", inp.ties)):
        path = f"ties[{i}]"
        if not check.of_type(path, tie, Tie):
            continue
        if not _is_number(tie.weight) or not 0.0 < float(tie.weight) <= 1.0:
            check.error(f"{path}.weight", f"must be in (0, 1], got {tie.weight!r}")
        if not (_hashable(tie.a) and _hashable(tie.b)) or tie.a not in people or tie.b not in people or tie.a == tie.b:
            ignored += 1
    if ignored:
        check.warnings.append(
            f"ties: {ignored} ties name people outside the input, or one person twice, and were ignored"
        )


def _id_set(value: object) -> bool:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return False
    return all(_hashable(v) for v in value)


def _sequence(check: _Checker, path: str, value: object) -> Iterable:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        check.error(path, "must be a list")
        return ()
    return value
