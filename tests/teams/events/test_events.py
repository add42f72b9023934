"""Every event of project teams: how many, on which topics, with which payload; and that a rolled
back or refused service publishes nothing. Read from the durable event log (what is logged is sent)."""

import pytest
from django.db import transaction
from django.urls import reverse

from collab.realtime.models import Event
from teams import services
from tests.teams.factories import make_person, make_project

pytestmark = pytest.mark.django_db


def team_events() -> list[tuple[str, str, dict]]:
    """Events of this app (the team space's own events left out)."""
    rows = Event.objects.exclude(topic__name__startswith="space.").exclude(topic__name__startswith="thread.")
    return list(rows.order_by("id").values_list("topic_id", "type", "data"))


@pytest.fixture
def project(manager):
    made = make_project(
        owner=manager,
        title="Atlas",
        roles=[{"name": "Dev", "hours_per_week": 4, "headcount": 2}, {"name": "Writer", "hours_per_week": 2}],
    )
    Event.objects.all().delete()
    return made


@pytest.fixture
def person():
    return make_person(hours=10, first_name="Ines", last_name="Invited")


def _seat(membership, status, live, accepted, headcount=2):
    return {
        "membership_id": membership.pk,
        "project_id": membership.project_id,
        "role_id": membership.role_id,
        "person": {"id": membership.person_id, "display_name": "Ines Invited"},
        "status": status,
        "live": live,
        "accepted": accepted,
        "headcount": headcount,
    }


def test_project_updated_on_publish_edit_roles_and_close(manager):
    project = make_project(owner=manager, publish=False)
    assert team_events() == []  # a draft is nobody's news
    services.project_publish(project_id=project.pk, actor=manager)
    services.project_update(project_id=project.pk, actor=manager, title="New title")
    services.project_update(project_id=project.pk, actor=manager)  # nothing changed: nothing said
    role = services.role_add(project_id=project.pk, actor=manager, name="Extra", hours_per_week=2)
    services.role_update(role_id=role.pk, actor=manager, name="Extra hands")
    services.role_remove(role_id=role.pk, actor=manager)
    services.project_close(project_id=project.pk, actor=manager)
    services.project_close(project_id=project.pk, actor=manager)  # already closed: nothing
    topic = f"project.{project.pk}"
    statuses = ["open"] * 5 + ["closed"]
    assert team_events() == [(topic, "project.updated", {"project_id": project.pk, "status": s}) for s in statuses]


def test_invitation_on_the_project_and_a_notice_to_the_person(project, manager, person):
    dev = project.roles.first()
    seat = services.member_invite(project_id=project.pk, role_id=dev.pk, person_id=person.pk, actor=manager)
    assert team_events() == [
        (f"project.{project.pk}", "team.member_invited", _seat(seat, "invited", 1, 0)),
        (
            f"user.{person.pk}",
            "team.notice",
            {
                "kind": "invited",
                "project_id": project.pk,
                "title": "Atlas",
                "role": "Dev",
                "url": reverse("team_invitations"),
            },
        ),
    ]


def test_accept_on_the_project_and_the_profile(project, manager, person):
    seat = services.member_invite(
        project_id=project.pk, role_id=project.roles.first().pk, person_id=person.pk, actor=manager
    )
    Event.objects.all().delete()
    services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    assert team_events() == [
        (f"project.{project.pk}", "team.member_joined", _seat(seat, "accepted", 1, 1)),
        (f"person.{person.pk}", "team.joined", {"project_id": project.pk, "title": "Atlas"}),
    ]


def test_decline_on_the_project_only(project, manager, person):
    seat = services.member_invite(
        project_id=project.pk, role_id=project.roles.first().pk, person_id=person.pk, actor=manager
    )
    Event.objects.all().delete()
    services.membership_respond(membership_id=seat.pk, user=person, accept=False)
    assert team_events() == [(f"project.{project.pk}", "team.member_declined", _seat(seat, "declined", 0, 0))]


def test_leaving_and_removal(project, manager, person):
    dev = project.roles.first()
    seat = services.member_invite(project_id=project.pk, role_id=dev.pk, person_id=person.pk, actor=manager)
    services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    Event.objects.all().delete()
    services.membership_end(membership_id=seat.pk, actor=person)
    assert team_events() == [
        (f"project.{project.pk}", "team.member_left", _seat(seat, "left", 0, 0)),
        (f"person.{person.pk}", "team.left", {"project_id": project.pk, "title": "Atlas"}),
    ]
    # A manager removing someone who was only invited: no profile change, a notice to them.
    again = services.member_invite(project_id=project.pk, role_id=dev.pk, person_id=person.pk, actor=manager)
    Event.objects.all().delete()
    services.membership_end(membership_id=again.pk, actor=manager)
    assert [(topic, kind) for topic, kind, _d in team_events()] == [
        (f"project.{project.pk}", "team.member_left"),
        (f"user.{person.pk}", "team.notice"),
    ]
    assert team_events()[1][2]["kind"] == "removed"


def test_close_declines_pending_invitations_on_the_project(project, manager, person):
    seat = services.member_invite(
        project_id=project.pk, role_id=project.roles.first().pk, person_id=person.pk, actor=manager
    )
    Event.objects.all().delete()
    services.project_close(project_id=project.pk, actor=manager)
    assert [(topic, kind) for topic, kind, _d in team_events()][:3] == [
        (f"project.{project.pk}", "team.member_declined"),
        (f"user.{person.pk}", "team.notice"),
        (f"project.{project.pk}", "project.updated"),
    ]
    assert team_events()[0][2] == _seat(seat, "declined", 0, 0)
    assert team_events()[1][2]["kind"] == "project_closed"


def test_confirm_publishes_one_invitation_per_new_seat(project, manager):
    people = [make_person(hours=10) for _ in range(2)]
    dev = project.roles.first()
    proposal = services.proposal_create(project_id=project.pk, actor=manager)
    assignment = {str(r.pk): [] for r in project.roles.all()}
    assignment[str(dev.pk)] = [p.pk for p in people]
    type(proposal).objects.filter(pk=proposal.pk).update(assignment=assignment)
    Event.objects.all().delete()
    services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    kinds = [(topic, kind) for topic, kind, _d in team_events()]
    assert sorted(kinds) == sorted(
        [(f"project.{project.pk}", "team.member_invited")] * 2 + [(f"user.{p.pk}", "team.notice") for p in people]
    )
    # Both seats were written before the events were composed: each carries the role's counts now.
    assert {d["live"] for _t, kind, d in team_events() if kind == "team.member_invited"} == {2}


def test_volunteer_changed_counts_active_volunteers(project, person, other_employee):
    role = project.roles.first()
    services.volunteer_set(role_id=role.pk, person=person, strength=3)
    services.volunteer_set(role_id=role.pk, person=other_employee)
    services.volunteer_withdraw(role_id=role.pk, person=person)
    services.volunteer_withdraw(role_id=role.pk, person=person)  # nothing to withdraw: nothing said
    topic = f"project.{project.pk}"
    assert team_events() == [
        (topic, "volunteer.changed", {"project_id": project.pk, "role_id": role.pk, "volunteers": n}) for n in (1, 2, 1)
    ]
    assert "Ines" not in str(team_events())  # who volunteered is not broadcast


def test_round_progress_goes_to_the_round_topic(project, admin_user):
    with transaction.atomic():
        formation_round = services.round_start(actor=admin_user)
    [(topic, kind, data)] = [e for e in team_events() if e[1] == "round.progress"][:1]
    assert (topic, kind) == (f"round.{formation_round.pk}", "round.progress")
    assert data == {"round_id": formation_round.pk, "status": "queued", "progress": 0, "stage": "Queued"}


# --- nothing on rollback or refusal ----------------------------------------------------------------


class Rollback(Exception):
    pass


def test_a_rolled_back_service_publishes_nothing(project, manager, person):
    dev = project.roles.first()
    with pytest.raises(Rollback), transaction.atomic():
        services.member_invite(project_id=project.pk, role_id=dev.pk, person_id=person.pk, actor=manager)
        services.volunteer_set(role_id=dev.pk, person=make_person())
        services.project_update(project_id=project.pk, actor=manager, title="Rolled back")
        services.project_close(project_id=project.pk, actor=manager)
        assert len(team_events()) == 7  # logged inside the transaction...
        raise Rollback
    assert team_events() == []  # ...and gone with it


def test_refused_services_publish_nothing(project, manager, person):
    writer = project.roles.last()
    services.member_invite(project_id=project.pk, role_id=writer.pk, person_id=person.pk, actor=manager)
    Event.objects.all().delete()
    with pytest.raises(services.SeatsUnavailable):
        services.member_invite(project_id=project.pk, role_id=writer.pk, person_id=make_person().pk, actor=manager)
    with pytest.raises(services.InvalidVolunteer):
        services.volunteer_set(role_id=writer.pk, person=make_person(), strength=9)
    with pytest.raises(services.InvalidRole):
        services.role_add(project_id=project.pk, actor=manager, name="Bad", hours_per_week=0)
    assert team_events() == []
