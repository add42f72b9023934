"""Events of project teams, published through the realtime engine after commit.

Topics: `project.<id>` (who may see the project: the team filling up, volunteers coming and
going), `person.<id>` (a person's public profile: the teams they are on), `user.<id>` (a
person's own notices: invitations) and `round.<id>` (admins: a company round's progress).
Payloads carry ids, counts and display fields only.
"""

from typing import TypedDict

from django.db.models import Count, Q
from django.urls import reverse

from accounts.events import person_topic, user_topic
from collab.realtime.publish import publish_on_commit

from .models import FormationRound, Membership, Project, ProjectRole


def project_topic(project_id: int) -> str:
    return f"project.{project_id}"


def round_topic(round_id: int) -> str:
    return f"round.{round_id}"


class Person(TypedDict):
    id: int
    display_name: str


class SeatChanged(TypedDict):
    """`team.member_invited` / `team.member_joined` / `team.member_declined` / `team.member_left`
    on `project.<id>`: one seat changed; the role's counts as they are now."""

    membership_id: int
    project_id: int
    role_id: int
    person: Person
    status: str
    live: int  # invited + accepted seats of the role
    accepted: int
    headcount: int


class TeamChanged(TypedDict):
    """`team.joined` / `team.left` on `person.<id>`: the teams on the person's profile changed."""

    project_id: int
    title: str


class TeamNotice(TypedDict):
    """`team.notice` on `user.<id>`: `kind` is invited, removed or project_closed (sent to the
    members and those still invited when the project closes)."""

    kind: str
    project_id: int
    title: str
    role: str
    url: str


class VolunteersChanged(TypedDict):
    """`volunteer.changed` on `project.<id>`: someone volunteered or withdrew."""

    project_id: int
    role_id: int
    volunteers: int


class ProjectChanged(TypedDict):
    """`project.updated` on `project.<id>`: the project, its roles or its status changed."""

    project_id: int
    status: str


class RoundProgress(TypedDict):
    """`round.progress` on `round.<id>`."""

    round_id: int
    status: str
    progress: int
    stage: str


def seat_changed(membership: Membership, event_type: str) -> None:
    role = membership.role
    counts = role.memberships.aggregate(
        live=Count("pk", filter=Q(status__in=Membership.LIVE)),
        accepted=Count("pk", filter=Q(status=Membership.Status.ACCEPTED)),
    )
    publish_on_commit(
        project_topic(membership.project_id),
        event_type,
        SeatChanged(
            membership_id=membership.pk,
            project_id=membership.project_id,
            role_id=role.pk,
            person=Person(id=membership.person_id, display_name=membership.person.display_name),
            status=membership.status,
            live=counts["live"],
            accepted=counts["accepted"],
            headcount=role.headcount,
        ),
    )


def team_changed(membership: Membership, event_type: str) -> None:
    publish_on_commit(
        person_topic(membership.person_id),
        event_type,
        TeamChanged(project_id=membership.project_id, title=membership.project.title),
    )


def team_notice(membership: Membership, kind: str) -> None:
    publish_on_commit(
        user_topic(membership.person_id),
        "team.notice",
        TeamNotice(
            kind=kind,
            project_id=membership.project_id,
            title=membership.project.title,
            role=membership.role.name,
            url=reverse("team_invitations"),
        ),
    )


def volunteers_changed(role: ProjectRole) -> None:
    publish_on_commit(
        project_topic(role.project_id),
        "volunteer.changed",
        VolunteersChanged(
            project_id=role.project_id, role_id=role.pk, volunteers=role.volunteers.filter(withdrawn_at=None).count()
        ),
    )


def project_updated(project: Project) -> None:
    publish_on_commit(
        project_topic(project.pk), "project.updated", ProjectChanged(project_id=project.pk, status=project.status)
    )


def round_progress(formation_round: FormationRound) -> None:
    publish_on_commit(
        round_topic(formation_round.pk),
        "round.progress",
        RoundProgress(
            round_id=formation_round.pk,
            status=formation_round.status,
            progress=formation_round.progress,
            stage=formation_round.stage,
        ),
    )
