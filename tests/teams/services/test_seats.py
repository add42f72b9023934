"""Seats on teams: inviting, accepting, declining, leaving and removal, with capacity and role
headcount kept; a refusal lists every problem and writes nothing."""

import pytest
from django.db import transaction

from collab.exceptions import Forbidden, NotFound
from collab.realtime.models import Event
from teams import services
from teams.models import Membership
from teams.selectors import free_hours_for, membership_list_for_person
from tests.accounts.factories import UserFactory
from tests.teams.factories import make_person, make_project
from threads.models import SpaceMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(manager):
    return make_project(
        owner=manager,
        title="Atlas",
        roles=[{"name": "Dev", "hours_per_week": 6, "headcount": 2}, {"name": "Writer", "hours_per_week": 3}],
    )


def _roles(project):
    return list(project.roles.all())


def _invite(project, role, person, actor):
    return services.member_invite(project_id=project.pk, role_id=role.pk, person_id=person.pk, actor=actor)


def test_invite_books_hours_and_opens_the_private_space_with_the_owner(project, manager):
    dev, _writer = _roles(project)
    person = make_person(hours=10)
    seat = _invite(project, dev, person, manager)
    assert (seat.status, seat.hours_per_week, seat.invited_by, seat.from_volunteer) == ("invited", 6, manager, False)
    assert free_hours_for(person) == 4
    project.refresh_from_db()
    space = project.space
    assert space.visibility == "private"
    assert list(SpaceMembership.objects.filter(space=space).values_list("user_id", flat=True)) == [manager.pk]


def test_accept_joins_the_space_and_the_profile(project, manager, employee):
    dev, _writer = _roles(project)
    person = make_person(hours=10)
    seat = _invite(project, dev, person, manager)
    Event.objects.all().delete()
    seat = services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    assert seat.status == Membership.Status.ACCEPTED and seat.responded_at is not None
    project.refresh_from_db()
    assert SpaceMembership.objects.filter(space=project.space, user=person).exists()
    assert list(membership_list_for_person(person=person, viewer=employee)) == [seat]
    joined = Event.objects.get(topic_id=f"person.{person.pk}")
    assert (joined.type, joined.data) == ("team.joined", {"project_id": project.pk, "title": "Atlas"})
    assert free_hours_for(person) == 4  # accepting does not book twice


def test_decline_frees_the_hours_and_cannot_be_answered_twice(project, manager):
    dev, _writer = _roles(project)
    person = make_person(hours=6)
    seat = _invite(project, dev, person, manager)
    assert free_hours_for(person) == 0
    services.membership_respond(membership_id=seat.pk, user=person, accept=False)
    assert free_hours_for(person) == 6
    with pytest.raises(services.MembershipClosed):
        services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    project.refresh_from_db()
    assert not SpaceMembership.objects.filter(space=project.space, user=person).exists()


def test_only_the_invited_person_answers(project, manager, employee):
    dev, _writer = _roles(project)
    person = make_person()
    seat = _invite(project, dev, person, manager)
    with pytest.raises(NotFound):
        services.membership_respond(membership_id=seat.pk, user=employee, accept=True)
    with pytest.raises(Forbidden):  # the manager sees the seat but cannot answer for them
        services.membership_respond(membership_id=seat.pk, user=manager, accept=True)
    seat.refresh_from_db()
    assert seat.status == Membership.Status.INVITED


@pytest.mark.parametrize("who", ["person", "manager"])
def test_leaving_or_removal_frees_hours_and_the_space(project, manager, who):
    dev, _writer = _roles(project)
    person = make_person(hours=6)
    seat = _invite(project, dev, person, manager)
    services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    project.refresh_from_db()
    assert SpaceMembership.objects.filter(space=project.space, user=person).exists()

    ended = services.membership_end(membership_id=seat.pk, actor=person if who == "person" else manager)

    assert ended.status == (Membership.Status.LEFT if who == "person" else Membership.Status.REMOVED)
    assert ended.ended_at is not None
    assert free_hours_for(person) == 6
    assert not SpaceMembership.objects.filter(space=project.space, user=person).exists()
    assert SpaceMembership.objects.filter(space=project.space, user=manager).exists()
    with pytest.raises(services.MembershipClosed):
        services.membership_end(membership_id=seat.pk, actor=manager)
    # The seat is free again: they can be invited back.
    assert _invite(project, dev, person, manager).status == Membership.Status.INVITED


def test_someone_else_cannot_end_a_seat(project, manager, employee):
    dev, _writer = _roles(project)
    seat = _invite(project, dev, make_person(), manager)
    with pytest.raises(NotFound):
        services.membership_end(membership_id=seat.pk, actor=employee)


def test_over_capacity_is_refused_with_the_hours(project, manager):
    dev, _writer = _roles(project)
    person = make_person(hours=8)
    _invite(project, dev, person, manager)
    other = make_project(owner=manager, roles=[{"name": "Helper", "hours_per_week": 3}])
    before = Membership.objects.count()
    with pytest.raises(services.SeatsUnavailable) as exc:
        _invite(other, other.roles.get(), person, manager)
    [problem] = exc.value.extra["problems"]
    assert problem["code"] == "over_capacity"
    assert (problem["person_id"], problem["role_id"]) == (person.pk, other.roles.get().pk)
    assert "2 h a week free" in problem["message"] and "3 h" in problem["message"]
    assert Membership.objects.count() == before
    assert free_hours_for(person) == 2


def test_a_full_role_is_refused(project, manager):
    _dev, writer = _roles(project)
    _invite(project, writer, make_person(), manager)
    late = make_person()
    with pytest.raises(services.SeatsUnavailable) as exc:
        _invite(project, writer, late, manager)
    assert [p["code"] for p in exc.value.extra["problems"]] == ["role_full"]
    assert not Membership.objects.filter(person=late).exists()


def test_seats_give_lists_every_problem_and_writes_nothing(project, manager):
    dev, writer = _roles(project)
    fine, busy, guest, gone = make_person(hours=10), make_person(hours=2), UserFactory(role="guest"), make_person()
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    seated = make_person()
    _invite(project, writer, seated, manager)
    before = (Membership.objects.count(), Event.objects.count())
    requests = [
        services.SeatRequest(dev.pk, fine.pk),
        services.SeatRequest(dev.pk, busy.pk),
        services.SeatRequest(dev.pk, guest.pk),
        services.SeatRequest(dev.pk, gone.pk),
        services.SeatRequest(dev.pk, seated.pk),
        services.SeatRequest(987654, fine.pk),
        services.SeatRequest(dev.pk, 987654),
    ]
    with pytest.raises(services.SeatsUnavailable) as exc, transaction.atomic():
        services.seats_give(project=project, requests=requests, actor=manager)
    codes = [(p["person_id"], p["code"]) for p in exc.value.extra["problems"]]
    assert codes == [
        (busy.pk, "over_capacity"),
        (guest.pk, "guest"),
        (gone.pk, "inactive"),
        (seated.pk, "already_seated"),
        (fine.pk, "unknown_role"),
        (987654, "unknown_person"),
    ]
    assert "no longer active" in exc.value.extra["problems"][2]["message"]
    assert (Membership.objects.count(), Event.objects.count()) == before


def test_the_third_request_for_a_two_seat_role_is_refused(project, manager):
    dev, _writer = _roles(project)
    people = [make_person(hours=6) for _ in range(3)]
    with pytest.raises(services.SeatsUnavailable) as exc, transaction.atomic():
        services.seats_give(
            project=project, requests=[services.SeatRequest(dev.pk, p.pk) for p in people], actor=manager
        )
    assert [(p["person_id"], p["code"]) for p in exc.value.extra["problems"]] == [(people[2].pk, "role_full")]
    assert not Membership.objects.exists()


def test_a_second_seat_in_the_same_request_is_refused(project, manager):
    dev, writer = _roles(project)
    person = make_person(hours=20)
    with pytest.raises(services.SeatsUnavailable) as exc, transaction.atomic():
        services.seats_give(
            project=project,
            requests=[services.SeatRequest(dev.pk, person.pk), services.SeatRequest(writer.pk, person.pk)],
            actor=manager,
        )
    assert [p["code"] for p in exc.value.extra["problems"]] == ["already_seated"]


def test_invites_need_an_open_project_and_its_manager(manager, employee):
    draft = make_project(owner=manager, publish=False)
    person = make_person()
    with pytest.raises(services.ProjectNotOpen):
        _invite(draft, draft.roles.get(), person, manager)
    project = make_project(owner=manager)
    with pytest.raises(Forbidden):
        _invite(project, project.roles.get(), person, employee)
    assert not Membership.objects.exists()


def test_accepting_after_the_project_closed_is_refused(project, manager):
    dev, _writer = _roles(project)
    person = make_person()
    seat = _invite(project, dev, person, manager)
    services.project_close(project_id=project.pk, actor=manager)
    with pytest.raises(services.MembershipClosed):  # the invitation lapsed with the project
        services.membership_respond(membership_id=seat.pk, user=person, accept=True)


def test_hours_on_a_closed_project_do_not_count(project, manager):
    dev, _writer = _roles(project)
    person = make_person(hours=6)
    seat = _invite(project, dev, person, manager)
    services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    services.project_close(project_id=project.pk, actor=manager)
    other = make_project(owner=manager, roles=[{"name": "Next", "hours_per_week": 6}])
    assert _invite(other, other.roles.get(), person, manager).status == Membership.Status.INVITED
