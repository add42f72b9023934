"""Seats on teams: inviting (one at a time or a whole confirmed proposal), accepting, declining,
leaving and removing, with capacity kept under row locks.

Capacity rule: a person's live seats (invited or accepted, on projects not closed) never book more
hours a week than `User.weekly_availability`, and a role never has more live seats than its
headcount. Every service that adds a live seat locks, in this order, the project's row, its roles'
rows and the people's rows (in id order), then counts: two managers confirming the same person at
once are serialized, and the second sees the first's seats. Anything else that locks a person and
then publishes to them keeps the same order (see notifications' `_hold_people`).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Role, User
from collab.exceptions import Forbidden
from threads.models import Space
from threads.services import space_create, space_member_add, space_member_remove

from .. import events
from ..models import Membership, Project, ProjectRole, Proposal, Volunteer
from ..selectors import can_manage_project, committed_hours, membership_get_for_user
from .errors import MembershipClosed, ProjectNotOpen, SeatsUnavailable


@dataclass(frozen=True)
class SeatRequest:
    role_id: int
    person_id: int


def _problem(request: SeatRequest, code: str, message: str) -> dict:
    return {"role_id": request.role_id, "person_id": request.person_id, "code": code, "message": message}


def seats_give(
    *, project: Project, requests: list[SeatRequest], actor: User, proposal: Proposal | None = None
) -> list[Membership]:
    """Invite each requested person to their role, all or nothing (call inside a transaction that
    holds the project's row). Raises SeatsUnavailable listing every seat that cannot be given:
    inactive or guest person, hours over their free time, role full, a second seat on the project."""
    roles = {
        r.pk: r
        for r in ProjectRole.objects.select_for_update()
        .filter(project=project, pk__in={r.role_id for r in requests})
        .order_by("pk")
    }
    person_ids = sorted({r.person_id for r in requests})
    people = {p.pk: p for p in User.objects.select_for_update().filter(pk__in=person_ids).order_by("pk")}
    booked = committed_hours(person_ids=person_ids)
    live = Membership.objects.live().filter(project=project)
    seated = set(live.values_list("person_id", flat=True))
    role_live = dict.fromkeys(roles, 0) | dict(
        live.filter(role_id__in=roles).values("role_id").annotate(n=Count("pk")).values_list("role_id", "n")
    )
    problems, accepted = [], []
    for request in requests:
        role, person = roles.get(request.role_id), people.get(request.person_id)
        if role is None:
            problems.append(_problem(request, "unknown_role", _("This role is not part of the project.")))
            continue
        if person is None:
            problems.append(_problem(request, "unknown_person", _("No such person.")))
            continue
        name = person.display_name
        if not person.is_active:
            problems.append(_problem(request, "inactive", _("%(name)s is no longer active.") % {"name": name}))
        elif person.role == Role.GUEST:
            problems.append(_problem(request, "guest", _("%(name)s is an external guest.") % {"name": name}))
        elif person.pk in seated:
            problems.append(
                _problem(request, "already_seated", _("%(name)s already has a seat on this team.") % {"name": name})
            )
        elif booked[person.pk] + role.hours_per_week > person.weekly_availability:
            free = max(0, person.weekly_availability - booked[person.pk])
            problems.append(
                _problem(
                    request,
                    "over_capacity",
                    _("%(name)s has %(free)s h a week free; %(role)s needs %(hours)s h.")
                    % {"name": name, "free": free, "role": role.name, "hours": role.hours_per_week},
                )
            )
        elif role_live[role.pk] >= role.headcount:
            problems.append(_problem(request, "role_full", _("%(role)s has no seat left.") % {"role": role.name}))
        else:
            seated.add(person.pk)
            booked[person.pk] += role.hours_per_week
            role_live[role.pk] += 1
            accepted.append((role, person))
    if problems:
        raise SeatsUnavailable(extra={"problems": problems})
    volunteered = set(
        Volunteer.objects.filter(role_id__in=roles, person_id__in=person_ids, withdrawn_at__isnull=True).values_list(
            "role_id", "person_id"
        )
    )
    memberships = Membership.objects.bulk_create(
        [
            Membership(
                project=project,
                role=role,
                person=person,
                hours_per_week=role.hours_per_week,
                from_volunteer=(role.pk, person.pk) in volunteered,
                proposal=proposal,
                invited_by=actor,
            )
            for role, person in accepted
        ]
    )
    team_space_ensure(project)
    for membership in memberships:
        events.seat_changed(membership, "team.member_invited")
        events.team_notice(membership, "invited")
    return memberships


def team_space_ensure(project: Project) -> Space:
    """The team's private discussion space, opened by the owner on the first confirmation."""
    if project.space_id:
        return project.space
    space = space_create(
        creator=project.owner,
        name=(_("Team: %(title)s") % {"title": project.title})[:120],
        description=_("Private discussions of the %(title)s team.") % {"title": project.title},
        visibility=Space.Visibility.PRIVATE,
        slug=f"team-{project.pk}-{slugify(project.title)[:80]}",
    )
    project.space = space
    project.save(update_fields=["space"])
    return space


@transaction.atomic
def member_invite(*, project_id: int, role_id: int, person_id: int, actor: User) -> Membership:
    """Invite one person to a role (a manager's direct pick). Raises SeatsUnavailable."""
    project = _managed_project(project_id, actor)
    return seats_give(project=project, requests=[SeatRequest(role_id, person_id)], actor=actor)[0]


def _managed_project(project_id: int, actor: User) -> Project:
    from ..selectors import project_get_for_user

    project = project_get_for_user(project_id=project_id, user=actor, for_update=True)
    if not can_manage_project(user=actor, project=project):
        raise Forbidden(_("Only the project's owner and admins can change its team."))
    if project.status != Project.Status.OPEN:
        raise ProjectNotOpen()
    return project


@transaction.atomic
def membership_respond(*, membership_id: int, user: User, accept: bool) -> Membership:
    """Accept or decline an invitation. Accepting joins the team's space and shows the team on the
    person's profile; declining frees the hours. Publishes the seat's change on the project."""
    membership = membership_get_for_user(membership_id=membership_id, user=user, for_update=True)
    if membership.person_id != user.pk:
        raise Forbidden(_("Only the person invited can answer."))
    if membership.status != Membership.Status.INVITED:
        raise MembershipClosed(_("This invitation was already answered."))
    project = Project.objects.select_for_update().get(pk=membership.project_id)
    if accept and project.status == Project.Status.CLOSED:
        raise ProjectNotOpen(_("This project is closed."))
    membership.status = Membership.Status.ACCEPTED if accept else Membership.Status.DECLINED
    membership.responded_at = timezone.now()
    membership.save(update_fields=["status", "responded_at"])
    if accept:
        space_member_add(space=team_space_ensure(project), user=user, actor=project.owner)
        events.seat_changed(membership, "team.member_joined")
        events.team_changed(membership, "team.joined")
    else:
        events.seat_changed(membership, "team.member_declined")
    return membership


@transaction.atomic
def membership_end(*, membership_id: int, actor: User) -> Membership:
    """A member leaves (or withdraws an accepted invitation), or a manager removes them. Their
    hours are free again and they leave the team's space; the seat stays on record."""
    membership = membership_get_for_user(membership_id=membership_id, user=actor, for_update=True)
    if not membership.is_live:
        raise MembershipClosed(_("This person is not on the team."))
    own = membership.person_id == actor.pk
    was_member = membership.status == Membership.Status.ACCEPTED
    membership.status = Membership.Status.LEFT if own else Membership.Status.REMOVED
    membership.ended_at = timezone.now()
    membership.save(update_fields=["status", "ended_at"])
    project = membership.project
    if project.space_id and was_member:
        space_member_remove(space=project.space, user=membership.person, actor=project.owner)
    events.seat_changed(membership, "team.member_left")
    if was_member:
        events.team_changed(membership, "team.left")
    if not own:
        events.team_notice(membership, "removed")
    return membership
