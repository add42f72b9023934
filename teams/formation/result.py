"""The optimizer's output: a `Proposal` of teams, explained seat by seat.

Plain frozen dataclasses of ids, numbers and text, ready to be serialized by the Django layer.
Display text (`message`, `summary`) is English; every piece of it also comes as structured fields
(and `UncoveredReason` codes) so pages can phrase and translate it themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .model import Id


class UncoveredReason(StrEnum):
    NO_SEATS = "no_seats"  # the role has headcount 0
    NOBODY_QUALIFIED = "nobody_qualified"  # no active person has the skill at that level
    ONLY_INACTIVE = "only_inactive"  # only deactivated people have it
    NO_FREE_HOURS = "no_free_hours"  # those who have it have fewer free hours than the role needs
    COMMITTED_ELSEWHERE = "committed_elsewhere"  # their hours went to other seats of this round
    HEADCOUNT_EXHAUSTED = "headcount_exhausted"  # people with it are free, but every seat is taken


@dataclass(frozen=True)
class SkillMatch:
    """A required skill of the role, as a member has it (`level` 0: not at all)."""

    skill_id: Id
    name: str
    level: int
    min_level: int

    @property
    def meets(self) -> bool:
        return self.level >= self.min_level


@dataclass(frozen=True)
class Link:
    """A collaboration tie between a member and another member of the same project team."""

    person_id: Id
    weight: float


@dataclass(frozen=True)
class Member:
    """Why a person holds a seat: the data behind "you have Python 4/5 and want data viz; 10 h free"."""

    person_id: Id
    role_id: Id
    fixed: bool
    fit: float  # 0.025 to 1, see docs/formation.md
    skills: tuple[SkillMatch, ...]  # the role's required skills, as this member has them
    covers: tuple[Id, ...]  # required skills this member has at the minimum level
    interest: float  # share of the role's skills and the project's topics the member is interested in
    interests: tuple[Id, ...]  # which ones
    preference: int  # volunteered strength, 0 (did not volunteer) to 3
    note: str  # the volunteer's note
    free_hours: float  # before this round
    hours_after: float  # free hours left once every seat this proposal gives them is counted
    links: tuple[Link, ...]  # ties to other members of the team, strongest first
    summary: str


@dataclass(frozen=True)
class Alternative:
    """Someone who could take the seat instead: `gain` is the change of the objective if they did
    (negative: the proposal is better as it is); only people actually free to take it are listed."""

    person_id: Id
    fit: float
    gain: float
    covers: tuple[Id, ...]
    preference: int


@dataclass(frozen=True)
class Seat:
    member: Member | None  # None: the seat stays open
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class Uncovered:
    """A required skill no member of the role has at the minimum level, and why."""

    skill_id: Id
    name: str
    min_level: int
    reason: UncoveredReason
    message: str  # e.g. "nobody in the company has Rust >= 4 (the best level is 3)"
    qualified: int  # active people with the skill at the level
    best_level: int  # the highest level any active person has


@dataclass(frozen=True)
class RoleProposal:
    role_id: Id
    project_id: Id
    headcount: int
    hours_per_week: float
    seats: tuple[Seat, ...]  # filled seats first
    uncovered: tuple[Uncovered, ...]

    @property
    def members(self) -> tuple[Id, ...]:
        return tuple(s.member.person_id for s in self.seats if s.member is not None)

    @property
    def open_seats(self) -> int:
        return sum(1 for s in self.seats if s.member is None)


@dataclass(frozen=True)
class TeamProposal:
    project_id: Id
    roles: tuple[RoleProposal, ...]
    ties: float  # sum of tie weights between members
    departments: int  # distinct departments among members

    @property
    def members(self) -> tuple[Id, ...]:
        return tuple(p for role in self.roles for p in role.members)


@dataclass(frozen=True)
class Objective:
    """The objective, term by term. `total` = weights.coverage x covered + weights.fit x fit +
    weights.communication x ties + weights.diversity x departments."""

    covered: int  # required skills covered at their minimum level, over all roles
    coverable: int  # the most each role could cover with its own candidates, summed (an upper bound)
    requirements: int  # required skills over all roles
    fit: float
    ties: float
    departments: int
    total: float

    @property
    def coverage(self) -> float:
        """Covered share of what could be covered (1.0 when nothing could)."""
        return self.covered / self.coverable if self.coverable else 1.0


@dataclass(frozen=True)
class BlockingPair:
    """A volunteer and a role who would both rather have each other: the volunteer's strength for
    `role_id` beats the strength of the seat they hold in that project (0 if none), they have the
    hours, and the role has an open seat or a non-fixed member of lower fit (`displaces`)."""

    person_id: Id
    role_id: Id
    strength: int
    held_strength: int
    displaces: Id | None


@dataclass(frozen=True)
class Proposal:
    """Proposed teams for every project of the input.

    `upper_bound` is a proven bound on the objective of any assignment (the MILP's dual bound, or
    the LP relaxation), and `gap` = 1 - total / upper_bound. When the exact solver ran, the
    heuristic ran too and `heuristic_total` is its objective (`heuristic_gap` relative to this
    proposal). `optimal` means proven optimal (to HiGHS's relative tolerance of 1e-6).
    """

    solver: str  # "exact", "heuristic" or "greedy"
    teams: tuple[TeamProposal, ...]
    objective: Objective
    upper_bound: float | None
    optimal: bool
    heuristic_total: float | None
    blocking_pairs: tuple[BlockingPair, ...]
    warnings: tuple[str, ...]
    seconds: float
    stats: Mapping[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        if self.upper_bound is None or self.upper_bound <= 0:
            return None
        return max(0.0, 1.0 - self.objective.total / self.upper_bound)

    @property
    def heuristic_gap(self) -> float | None:
        if self.heuristic_total is None or self.objective.total <= 0:
            return None
        return max(0.0, 1.0 - self.heuristic_total / self.objective.total)

    def assignment(self) -> dict[Id, tuple[Id, ...]]:
        """Role id -> the person ids seated in it (fixed members included)."""
        return {role.role_id: role.members for team in self.teams for role in team.roles}

    def role(self, role_id: Id) -> RoleProposal:
        for team in self.teams:
            for role in team.roles:
                if role.role_id == role_id:
                    return role
        raise KeyError(role_id)

    def team(self, project_id: Id) -> TeamProposal:
        for team in self.teams:
            if team.project_id == project_id:
                return team
        raise KeyError(project_id)
