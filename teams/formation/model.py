"""The optimizer's input: people, projects with roles, volunteers, collaboration ties and weights.

Everything is a frozen dataclass of plain values (ids, numbers, sets): the Django `teams` app
builds them from its rows and never hands model instances in. Ids are whatever the caller uses
(database primary keys, slugs); people, projects and roles each need unique ids, and role ids are
unique across the whole input, not only inside their project.

`FormationInput` with one project is a manager's proposal; with many projects it is a company-wide
round, where a person's free hours are shared by every project of the round.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

Id: TypeAlias = int | str
"""A person, project, role, skill, topic or department id (any hashable value works)."""

MIN_LEVEL, MAX_LEVEL = 1, 5
MAX_PREFERENCE = 3
MAX_REQUIREMENTS_PER_ROLE = 64  # the heuristic keeps a role's covered skills in one 64-bit mask


@dataclass(frozen=True)
class Person:
    """Someone who may be put on a team.

    `skills` maps a skill id to a level from 1 (beginner) to 5 (expert). `interests` holds skill
    ids or topic ids the person wants to work on. `free_hours` is what is left of their week after
    the commitments they already have (confirmed teams): the optimizer never books more than that
    across all the roles it gives them. Inactive people are never assigned (a person deactivated
    while a round is being prepared is simply passed with `active=False`).
    """

    id: Id
    skills: Mapping[Id, int] = field(default_factory=dict)
    interests: frozenset[Id] = frozenset()
    free_hours: float = 0.0
    department_id: Id | None = None
    active: bool = True


@dataclass(frozen=True)
class Role:
    """A role of a project: `headcount` seats, each needing `hours_per_week` of the member.

    `required_skills` maps a skill id to the minimum level a member needs for that skill to count
    as covered. A role may have at most 64 required skills.
    """

    id: Id
    project_id: Id
    required_skills: Mapping[Id, int] = field(default_factory=dict)
    headcount: int = 1
    hours_per_week: float = 0.0


@dataclass(frozen=True)
class Project:
    """A project and its roles. `fixed_members` maps a role id to people already agreed on (kept
    as they are; they use seats and hours). `topics` are matched against people's interests, with
    the role's required skills."""

    id: Id
    roles: Sequence[Role] = ()
    fixed_members: Mapping[Id, Sequence[Id]] = field(default_factory=dict)
    topics: frozenset[Id] = frozenset()


@dataclass(frozen=True)
class Preference:
    """A volunteer: `person_id` wants `role_id`, with a strength from 1 (would do it) to 3 (really
    wants it), and the note they wrote."""

    person_id: Id
    role_id: Id
    strength: int = 1
    note: str = ""


@dataclass(frozen=True)
class Tie:
    """A collaboration tie between two people, `weight` in (0, 1]: how much they have already worked
    together (see `collaboration_weight`). Ties are undirected; ties naming people who are not in
    the input are ignored, and when a pair appears twice the stronger tie counts."""

    a: Id
    b: Id
    weight: float = 1.0


@dataclass(frozen=True)
class Weights:
    """How the objective trades its terms off (see docs/formation.md).

    - `coverage`: per required skill of a role covered at its minimum level. It is large on
      purpose, so that coverage comes first: one more covered skill is worth the best possible fit
      of 100 members (a member's fit is at most 1), so no trade of coverage for fit, communication
      or diversity pays unless it gains more than that at once.
    - `fit`: per member, times the member's fit (0.025 to 1: skill level x interest x preference).
    - `communication`: per pair of members of the same project team, times their tie weight: teams
      of people who already work together communicate at lower cost (Lappas, Liu & Terzi 2009).
    - `diversity`: per distinct department in a project team; 0 (off) by default.
    """

    coverage: float = 100.0
    fit: float = 1.0
    communication: float = 0.1
    diversity: float = 0.0


@dataclass(frozen=True)
class FormationInput:
    """One formation problem: a single project (a manager's proposal) or a company round.

    `skill_names` optionally maps skill ids to display names for the explanations ("Rust").
    """

    people: Sequence[Person]
    projects: Sequence[Project]
    preferences: Sequence[Preference] = ()
    ties: Sequence[Tie] = ()
    weights: Weights = field(default_factory=Weights)
    skill_names: Mapping[Id, str] = field(default_factory=dict)

    def skill_name(self, skill_id: Id) -> str:
        return self.skill_names.get(skill_id, str(skill_id))


def collaboration_weight(*, shared_threads: int = 0, shared_ideas: int = 0, past_teams: int = 0) -> float:
    """The tie weight of two people from what they did together: 1 - exp(-e / 4), where the evidence
    e = threads both posted in + 2 x ideas both co-authored or discussed + 4 x teams both were on.
    One past team gives 0.63, one shared thread 0.22; it saturates towards 1."""
    evidence = max(shared_threads, 0) + 2 * max(shared_ideas, 0) + 4 * max(past_teams, 0)
    return 1.0 - math.exp(-evidence / 4.0)


@dataclass(frozen=True)
class FieldError:
    """One problem with the input: `path` names the field ("projects[2].roles[0].headcount")."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FormationInputError(ValueError):
    """The input cannot be optimized as given. `errors` lists every problem found, each with the path
    of the field at fault, so a form or an API answer can point at them all at once."""

    def __init__(self, errors: Sequence[FieldError]):
        self.errors: tuple[FieldError, ...] = tuple(errors)
        shown = "; ".join(str(e) for e in self.errors[:10])
        more = f" (and {len(self.errors) - 10} more)" if len(self.errors) > 10 else ""
        super().__init__(f"invalid formation input: {shown}{more}")
