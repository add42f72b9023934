"""Proposed teams: asking the optimizer, a manager's swaps, confirming (which invites people)."""

import dataclasses

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import Forbidden
from teams import formation

from ..models import Project, Proposal
from ..selectors import can_manage_project, formation_data, project_get_for_user
from .errors import InvalidAssignment, InvalidProject, ProjectNotOpen, ProposalClosed
from .seats import SeatRequest, seats_give

SOLVERS = ("auto", "exact", "heuristic", "greedy")
PROPOSAL_SECONDS = 5.0  # a manager waits for the answer: the heuristic's search stops by then


def proposal_json(result: formation.Proposal, project_id: int) -> dict:
    """The part of an optimizer result about one project, as plain JSON (ids, numbers, text)."""
    team = result.team(project_id)
    role_ids = {role.role_id for role in team.roles}
    return {
        "solver": result.solver,
        "optimal": result.optimal,
        "gap": result.gap,
        "seconds": round(result.seconds, 3),
        "ties": team.ties,
        "departments": team.departments,
        "warnings": list(result.warnings),
        "blocking_pairs": [dataclasses.asdict(bp) for bp in result.blocking_pairs if bp.role_id in role_ids],
        "roles": [
            {
                "role_id": role.role_id,
                "headcount": role.headcount,
                "hours_per_week": role.hours_per_week,
                "seats": [
                    {
                        "member": dataclasses.asdict(seat.member) if seat.member else None,
                        "alternatives": [dataclasses.asdict(a) for a in seat.alternatives],
                    }
                    for seat in role.seats
                ],
                "uncovered": [dataclasses.asdict(u) for u in role.uncovered],
                # Every member's `skills` lists all the role's requirements; with no member, all are uncovered.
                "required": len(role.seats[0].member.skills) if role.members else len(role.uncovered),
            }
            for role in team.roles
        ],
    }


def _figures(result_json: dict) -> dict:
    roles = result_json["roles"]
    members = [seat["member"] for role in roles for seat in role["seats"] if seat["member"]]
    return {
        "covered": _covered(roles),
        "required": sum(r["required"] for r in roles),
        "total_fit": round(sum(m["fit"] for m in members), 4),
    }


def _covered(roles: list[dict]) -> int:
    # From the members' own covers, not `uncovered`: that list is not updated when proposal_store
    # takes out someone deactivated meanwhile.
    return sum(
        len({skill for seat in r["seats"] if seat["member"] for skill in seat["member"]["covers"]}) for r in roles
    )


def proposal_store(
    *, project: Project, result: formation.Proposal, actor: User, formation_round=None, drop: set[int] = frozenset()
) -> Proposal:
    """Save the optimizer's team for `project` as a draft proposal (older drafts are superseded).
    People in `drop` (deactivated meanwhile) are taken out of their seats, with a warning."""
    data = proposal_json(result, project.pk)
    dropped = 0
    for role in data["roles"]:
        for seat in role["seats"]:
            if seat["member"] and seat["member"]["person_id"] in drop:
                seat["member"], dropped = None, dropped + 1
            seat["alternatives"] = [a for a in seat["alternatives"] if a["person_id"] not in drop]
    if dropped:
        data["warnings"].append(
            _("%(n)s proposed people were deactivated while the team was being formed; their seats are open.")
            % {"n": dropped}
        )
    Proposal.objects.filter(project=project, status=Proposal.Status.DRAFT).update(status=Proposal.Status.SUPERSEDED)
    return Proposal.objects.create(
        project=project,
        round=formation_round,
        created_by=actor,
        solver=result.solver,
        assignment=_assignment(data),
        result=data,
        seconds=result.seconds,
        **_figures(data),
    )


def _assignment(data: dict) -> dict[str, list[int]]:
    return {
        str(role["role_id"]): [seat["member"]["person_id"] for seat in role["seats"] if seat["member"]]
        for role in data["roles"]
    }


def _managed(project_id: int, actor: User, *, for_update: bool = True) -> Project:
    project = project_get_for_user(project_id=project_id, user=actor, for_update=for_update)
    if not can_manage_project(user=actor, project=project):
        raise Forbidden(_("Only the project's owner and admins can form its team."))
    if project.status == Project.Status.CLOSED:
        raise ProjectNotOpen(_("This project is closed."))
    return project


def _input_error(exc: formation.FormationInputError, error_class=InvalidProject):
    messages = [str(e) for e in exc.errors]
    return error_class("; ".join(messages[:5]), field="assignment", extra={"errors": messages})


@transaction.atomic
def proposal_create(*, project_id: int, actor: User, solver: str = "auto") -> Proposal:
    """Ask the optimizer for a team for one project (volunteers, people with the skills, current
    members kept). Roles nobody can fill come back as open seats with the reason, never an error."""
    if solver not in SOLVERS:
        raise InvalidProject(_("Unknown solver."), field="solver")
    project = _managed(project_id, actor)
    data = formation_data(projects=[project])
    if not data.roles:
        raise InvalidProject(_("Add at least one role first."), field="roles")
    try:
        result = formation.propose(data.input, solver=solver, time_limit=PROPOSAL_SECONDS)
    except formation.FormationInputError as exc:
        raise _input_error(exc) from exc
    return proposal_store(project=project, result=result, actor=actor)


def _lock_draft(proposal_id: int, actor: User) -> Proposal:
    from ..selectors import proposal_get_for_user

    proposal = proposal_get_for_user(proposal_id=proposal_id, user=actor, for_update=True)
    if proposal.status != Proposal.Status.DRAFT:
        raise ProposalClosed()
    return proposal


@transaction.atomic
def proposal_swap(
    *,
    proposal_id: int,
    actor: User,
    role_id: int,
    remove_person_id: int | None = None,
    add_person_id: int | None = None,
) -> Proposal:
    """Take someone out of a role's seats, put someone in, or both (a swap); the team is explained
    again (`teams.formation.evaluate`). Raises InvalidAssignment with every broken rule."""
    proposal = _lock_draft(proposal_id, actor)
    project = _managed(proposal.project_id, actor)
    assignment = {int(r): list(ps) for r, ps in proposal.assignment.items()}
    if role_id not in assignment:
        raise InvalidAssignment(_("This role is not part of the project."), field="role_id")
    if remove_person_id is None and add_person_id is None:
        raise InvalidAssignment(_("Say whom to take out, whom to put in, or both."), field="add_person_id")
    fixed = {
        seat["member"]["person_id"]
        for role in proposal.result.get("roles", [])
        if role["role_id"] == role_id
        for seat in role["seats"]
        if seat["member"] and seat["member"]["fixed"]
    }
    if remove_person_id is not None:
        if remove_person_id not in assignment[role_id]:
            raise InvalidAssignment(_("This person is not proposed for this role."), field="remove_person_id")
        if remove_person_id in fixed:
            raise InvalidAssignment(
                _("This person already holds the seat; remove them from the team instead."), field="remove_person_id"
            )
        assignment[role_id].remove(remove_person_id)
    if add_person_id is not None:
        if any(add_person_id in people for people in assignment.values()):
            raise InvalidAssignment(_("This person already has a seat in this team."), field="add_person_id")
        assignment[role_id].append(add_person_id)
    data = formation_data(projects=[project], extra_person_ids=[add_person_id] if add_person_id else [])
    if add_person_id is not None:
        _check_addition(data, role_id, add_person_id)
    try:
        result = formation.evaluate(data.input, assignment)
    except formation.FormationInputError as exc:
        raise _input_error(exc, InvalidAssignment) from exc
    result_json = proposal_json(result, project.pk)
    result_json["based_on"] = proposal.result.get("based_on", proposal.solver)
    proposal.result = result_json
    proposal.assignment = _assignment(result_json)
    proposal.swaps += 1
    for field, value in _figures(result_json).items():
        setattr(proposal, field, value)
    proposal.save(update_fields=["result", "assignment", "swaps", "covered", "required", "total_fit"])
    return proposal


def _check_addition(data, role_id: int, person_id: int) -> None:
    """The usual reasons a person cannot be put in a seat, said in words (the optimizer's own
    check_assignment catches the rest)."""
    person = next((p for p in data.input.people if p.id == person_id), None)
    if person is None:
        raise InvalidAssignment(_("No such employee."), field="add_person_id")
    name = User.objects.filter(pk=person_id).values_list("first_name", "last_name", "username").first()
    name = " ".join(part for part in name[:2] if part) or name[2]
    if not person.active:
        raise InvalidAssignment(_("%(name)s is no longer active.") % {"name": name}, field="add_person_id")
    role = data.roles[role_id]
    if person.free_hours < role.hours_per_week:
        raise InvalidAssignment(
            _("%(name)s has %(free)s h a week free; %(role)s needs %(hours)s h.")
            % {"name": name, "free": int(person.free_hours), "role": role.name, "hours": role.hours_per_week},
            field="add_person_id",
        )


@transaction.atomic
def proposal_confirm(*, proposal_id: int, actor: User) -> Proposal:
    """Invite everyone the proposal seats who is not on the team yet, all or nothing. Raises
    SeatsUnavailable (nothing written) when someone no longer has the hours, was deactivated or
    was seated elsewhere meanwhile; publishes `team.member_invited` and each person's notice."""
    proposal = _lock_draft(proposal_id, actor)
    project = _managed(proposal.project_id, actor)
    if project.status != Project.Status.OPEN:
        raise ProjectNotOpen(_("Publish the project before inviting people."))
    current = set(project.memberships.live().values_list("role_id", "person_id"))
    requests = [
        SeatRequest(int(role_id), person_id)
        for role_id, people in proposal.assignment.items()
        for person_id in people
        if (int(role_id), person_id) not in current
    ]
    if not requests:
        raise InvalidAssignment(_("Nobody new to invite: the proposal seats nobody."), field="assignment")
    seats_give(project=project, requests=requests, actor=actor, proposal=proposal)
    proposal.status = Proposal.Status.CONFIRMED
    proposal.confirmed_by = actor
    proposal.confirmed_at = timezone.now()
    proposal.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return proposal
