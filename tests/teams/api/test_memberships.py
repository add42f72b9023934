"""Seats through the API: my invitations and teams, accepting, declining, leaving and removing."""

import pytest

from teams import services
from teams.models import Membership
from tests.teams.factories import make_person, make_project
from threads.models import SpaceMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(owner, project, ana):
    return services.member_invite(project_id=project.pk, role_id=project.roles.get().pk, person_id=ana.pk, actor=owner)


def test_my_seats_are_listed_and_filtered(client_for, owner, other_manager, project, ana, invitation):
    elsewhere = make_project(owner=other_manager, roles=[{"name": "Analyst", "hours_per_week": 2}])
    other = services.member_invite(
        project_id=elsewhere.pk, role_id=elsewhere.roles.get().pk, person_id=ana.pk, actor=other_manager
    )
    services.membership_respond(membership_id=other.pk, user=ana, accept=True)
    client = client_for(ana)
    body = client.get("/api/v1/memberships/").json()
    assert [(m["id"], m["status"]) for m in body["results"]] == [(other.pk, "accepted"), (invitation.pk, "invited")]
    first = body["results"][1]
    assert first["project"] == {"id": project.pk, "title": "Energy dashboard", "status": "open"}
    assert (first["role"]["name"], first["invited_by"]["id"], first["person"]["id"]) == (
        "Data engineer",
        owner.pk,
        ana.pk,
    )
    invited = client.get("/api/v1/memberships/?status=invited").json()["results"]
    assert [m["id"] for m in invited] == [invitation.pk]
    both = client.get("/api/v1/memberships/?status=invited&status=accepted").json()["results"]
    assert len(both) == 2
    bad = client.get("/api/v1/memberships/?status=sleeping")
    assert (bad.status_code, list(bad.json()["fields"])) == (400, ["status"])
    assert client_for(owner).get("/api/v1/memberships/").json()["count"] == 0  # only one's own


def test_accept_joins_the_team_and_its_space(client_for, project, ana, invitation):
    response = client_for(ana).post(f"/api/v1/memberships/{invitation.pk}/accept/")
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["responded_at"] is not None) == ("accepted", True)
    project.refresh_from_db()
    assert SpaceMembership.objects.filter(space=project.space, user=ana).exists()
    again = client_for(ana).post(f"/api/v1/memberships/{invitation.pk}/decline/")
    assert (again.status_code, again.json()["code"]) == (409, "membership_closed")


def test_decline_frees_the_hours(client_for, ana, invitation):
    response = client_for(ana).post(f"/api/v1/memberships/{invitation.pk}/decline/")
    assert (response.status_code, response.json()["status"], response.json()["is_live"]) == (200, "declined", False)
    assert client_for(ana).get("/api/v1/projects/").json()["results"][0]["roles"][0]["fit"]["free_hours"] == 10


def test_only_the_person_invited_answers(client_for, owner, employee, invitation):
    assert client_for(owner).post(f"/api/v1/memberships/{invitation.pk}/accept/").status_code == 403
    assert client_for(employee).post(f"/api/v1/memberships/{invitation.pk}/accept/").status_code == 404
    assert Membership.objects.get().status == "invited"


def test_a_member_leaves_and_a_manager_removes(client_for, owner, project, ana, python, invitation):
    services.membership_respond(membership_id=invitation.pk, user=ana, accept=True)
    left = client_for(ana).post(f"/api/v1/memberships/{invitation.pk}/leave/")
    assert (left.status_code, left.json()["status"], left.json()["ended_at"] is not None) == (200, "left", True)
    project.refresh_from_db()
    assert not SpaceMembership.objects.filter(space=project.space, user=ana).exists()
    again = client_for(ana).post(f"/api/v1/memberships/{invitation.pk}/leave/")
    assert (again.status_code, again.json()["code"]) == (409, "membership_closed")
    bo = make_person(skills={python: 3}, hours=10)
    seat = services.member_invite(project_id=project.pk, role_id=project.roles.get().pk, person_id=bo.pk, actor=owner)
    removed = client_for(owner).post(f"/api/v1/memberships/{seat.pk}/leave/")
    assert (removed.status_code, removed.json()["status"]) == (200, "removed")


def test_nobody_else_ends_a_seat(client_for, other_manager, employee, invitation):
    for user in (other_manager, employee):
        assert client_for(user).post(f"/api/v1/memberships/{invitation.pk}/leave/").status_code == 404
    assert client_for(employee).post("/api/v1/memberships/424242/leave/").status_code == 404
    assert Membership.objects.get().status == "invited"


def _seats(n, person):
    for _ in range(n):
        owner = make_person(role="manager")
        project = make_project(owner=owner, roles=[{"name": "Helper", "hours_per_week": 1}])
        services.member_invite(project_id=project.pk, role_id=project.roles.get().pk, person_id=person.pk, actor=owner)


def test_memberships_list_queries(client_for, django_assert_num_queries):
    person = make_person(hours=40)
    _seats(5, person)
    client = client_for(person)
    # 1 count for the page, 1 seats of the page (+project, role, person, invited_by)
    with django_assert_num_queries(2):
        response = client.get("/api/v1/memberships/")
    assert len(response.json()["results"]) == 5


def test_memberships_list_costs_the_same_for_2_and_20_seats(client_for, count_queries):
    person = make_person(hours=40)
    client = client_for(person)
    _seats(2, person)
    small, body_small = count_queries(client, "/api/v1/memberships/?status=invited")
    _seats(18, person)
    large, body_large = count_queries(client, "/api/v1/memberships/?status=invited")
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large
