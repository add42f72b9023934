"""Proposed teams through the API: the optimizer's team explained, open seats with their reason,
a manager's swaps, confirming all or nothing."""

import pytest

from teams import services
from teams.models import Membership, Proposal
from tests.teams.factories import make_person, make_project

pytestmark = pytest.mark.django_db


def _propose(client, project, solver="auto"):
    response = client.post(f"/api/v1/projects/{project.pk}/proposals/", {"solver": solver}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.mark.parametrize("solver", ["auto", "exact", "heuristic", "greedy"])
def test_owner_gets_an_explained_team(client_for, owner, project, ana, python, solver):
    services.volunteer_set(role_id=project.roles.get().pk, person=ana, note="Pick me", strength=3)
    body = _propose(client_for(owner), project, solver)
    assert (body["status"], body["project"]["id"], body["created_by"]["id"]) == ("draft", project.pk, owner.pk)
    assert body["solver"] in {"exact", "heuristic", "greedy"}
    [role] = body["roles"]
    assert (role["name"], role["headcount"], role["open_seats"], role["required"], role["uncovered"]) == (
        "Data engineer",
        1,
        0,
        1,
        [],
    )
    member = role["seats"][0]["member"]
    assert member["person"] == {"id": ana.pk, "username": "ana", "display_name": "Ana Lytic"}
    assert (member["preference"], member["note"], member["fixed"]) == (3, "Pick me", False)
    assert member["skills"] == [{"skill_id": python.pk, "name": "Python", "level": 4, "min_level": 3, "meets": True}]
    assert (member["free_hours"], member["hours_after"]) == (10, 6)
    assert member["summary"]
    assert (body["covered"], body["required"]) == (1, 1)
    assert Proposal.objects.get(pk=body["id"]).assignment == {str(role["role_id"]): [ana.pk]}


def test_the_proposal_reads_back_with_alternatives_named(client_for, owner, project, ana, python):
    bo = make_person(skills={python: 3}, hours=10, username="bo", first_name="Bo", last_name="Data")
    client = client_for(owner)
    body = _propose(client, project)
    again = client.get(f"/api/v1/proposals/{body['id']}/")
    assert again.status_code == 200
    assert again.json() == body
    seat = body["roles"][0]["seats"][0]
    assert seat["member"]["person"]["id"] == ana.pk  # the better fit
    assert [a["person"] for a in seat["alternatives"]] == [{"id": bo.pk, "username": "bo", "display_name": "Bo Data"}]


def test_proposal_detail_costs_the_same_whatever_its_size(client_for, owner, python, count_queries):
    def world(n):
        project = make_project(
            owner=owner, roles=[{"name": f"R{i}", "headcount": 2, "skills": {python: 1}} for i in range(n)]
        )
        for _ in range(3 * n):
            make_person(skills={python: 2}, hours=8)
        return Proposal.objects.get(pk=_propose(client_for(owner), project)["id"])

    client = client_for(owner)
    small, body_small = count_queries(client, f"/api/v1/proposals/{world(1).pk}/")
    large, body_large = count_queries(client, f"/api/v1/proposals/{world(6).pk}/")
    assert (len(body_small["roles"]), len(body_large["roles"])) == (1, 6)
    # 1 proposal (+project, owner, created_by: the access check), 1 people named, 1 role names
    assert small == large == 3


def test_a_role_nobody_can_fill_comes_back_open_with_the_reason(client_for, owner, ana, python):
    project = make_project(owner=owner, roles=[{"name": "Compiler hacker", "hours_per_week": 4, "skills": {"Rust": 4}}])
    body = _propose(client_for(owner), project)
    [role] = body["roles"]
    assert role["open_seats"] == 1 and role["seats"] == [{"member": None, "alternatives": []}]
    [uncovered] = role["uncovered"]
    assert (uncovered["name"], uncovered["min_level"], uncovered["reason"]) == ("Rust", 4, "nobody_qualified")
    assert "Rust" in uncovered["message"] and uncovered["qualified"] == 0
    assert (body["covered"], body["required"]) == (0, 1)


def test_no_free_hours_is_the_reason_when_skilled_people_are_booked(client_for, owner, python):
    make_person(skills={python: 5}, hours=2)
    project = make_project(owner=owner, roles=[{"name": "Dev", "hours_per_week": 4, "skills": {python: 3}}])
    [uncovered] = _propose(client_for(owner), project)["roles"][0]["uncovered"]
    assert uncovered["reason"] == "no_free_hours"


@pytest.mark.parametrize(("body", "field"), [({"solver": "magic"}, "solver"), ({"solver": ["auto"]}, "solver")])
def test_bad_solver_is_400(client_for, owner, project, body, field):
    response = client_for(owner).post(f"/api/v1/projects/{project.pk}/proposals/", body, format="json")
    assert (response.status_code, list(response.json()["fields"])) == (400, [field])
    assert not Proposal.objects.exists()


def test_a_project_without_roles_is_400(client_for, owner):
    empty = make_project(owner=owner, roles=[], publish=False)
    response = client_for(owner).post(f"/api/v1/projects/{empty.pk}/proposals/", {}, format="json")
    assert (response.status_code, response.json()["code"], list(response.json()["fields"])) == (
        400,
        "invalid_project",
        ["roles"],
    )


def test_a_newer_proposal_supersedes_the_draft(client_for, owner, project, ana):
    client = client_for(owner)
    first, second = _propose(client, project), _propose(client, project)
    assert Proposal.objects.get(pk=first["id"]).status == Proposal.Status.SUPERSEDED
    confirm = client.post(f"/api/v1/proposals/{first['id']}/confirm/")
    assert (confirm.status_code, confirm.json()["code"]) == (409, "proposal_closed")
    assert client.get(f"/api/v1/proposals/{second['id']}/").json()["status"] == "draft"


# --- swaps ----------------------------------------------------------------------------------------


def test_owner_swaps_someone_in(client_for, owner, project, ana, python):
    bo = make_person(skills={python: 3}, hours=10, username="bo")
    client = client_for(owner)
    proposal = _propose(client, project)
    role_id = proposal["roles"][0]["role_id"]
    response = client.post(
        f"/api/v1/proposals/{proposal['id']}/swap/",
        {"role_id": role_id, "remove_person_id": ana.pk, "add_person_id": bo.pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["swaps"], body["solver"], body["based_on"]) == (1, proposal["solver"], proposal["solver"])
    assert body["roles"][0]["seats"][0]["member"]["person"]["username"] == "bo"
    assert Proposal.objects.get(pk=proposal["id"]).assignment == {str(role_id): [bo.pk]}


def test_swapping_in_someone_without_the_hours_is_400_on_the_field(client_for, owner, project, ana, python):
    busy = make_person(skills={python: 5}, hours=2, first_name="Busy", last_name="Bee")
    client = client_for(owner)
    proposal = _propose(client, project)
    role_id = proposal["roles"][0]["role_id"]
    response = client.post(
        f"/api/v1/proposals/{proposal['id']}/swap/",
        {"role_id": role_id, "remove_person_id": ana.pk, "add_person_id": busy.pk},
        format="json",
    )
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid_assignment"
    assert body["message"].startswith("Busy Bee has 2 h a week free;")
    assert body["fields"] == {"add_person_id": [body["message"]]}
    stored = Proposal.objects.get(pk=proposal["id"])
    assert (stored.swaps, stored.assignment) == (0, {str(role_id): [ana.pk]})


def test_overfilling_a_role_is_400(client_for, owner, project, ana, python):
    bo = make_person(skills={python: 3}, hours=10)
    client = client_for(owner)
    proposal = _propose(client, project)
    response = client.post(
        f"/api/v1/proposals/{proposal['id']}/swap/",
        {"role_id": proposal["roles"][0]["role_id"], "add_person_id": bo.pk},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "invalid_assignment")
    assert response.json()["errors"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"remove_person_id": "x"}, "remove_person_id"),
        ({}, "add_person_id"),  # neither: nothing to do
        ({"remove_person_id": "other"}, "remove_person_id"),  # not proposed for the role
        ({"add_person_id": "ana"}, "add_person_id"),  # already seated
        ({"add_person_id": "nobody"}, "add_person_id"),
        ({"role_id": 424242, "add_person_id": "other"}, "role_id"),
        ({"role_id": None}, "role_id"),
    ],
)
def test_bad_swaps_are_400_with_the_field(client_for, owner, project, ana, employee, change, field):
    client = client_for(owner)
    proposal = _propose(client, project)
    ids = {"ana": ana.pk, "other": employee.pk, "nobody": 424242}
    body = {"role_id": proposal["roles"][0]["role_id"]}
    body.update({k: ids.get(v, v) if isinstance(v, str) else v for k, v in change.items()})
    response = client.post(f"/api/v1/proposals/{proposal['id']}/swap/", body, format="json")
    assert response.status_code == 400, response.json()
    assert list(response.json()["fields"]) == [field]
    assert Proposal.objects.get(pk=proposal["id"]).swaps == 0


# --- confirming -----------------------------------------------------------------------------------


def test_confirm_invites_everyone_proposed(client_for, owner, project, ana, python, django_capture_on_commit_callbacks):
    client = client_for(owner)
    proposal = _propose(client, project)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/api/v1/proposals/{proposal['id']}/confirm/")
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["confirmed_by"]["id"]) == ("confirmed", owner.pk)
    assert response.json()["confirmed_at"]
    seat = Membership.objects.get()
    assert (seat.person, seat.status, seat.proposal_id, seat.hours_per_week) == (ana, "invited", proposal["id"], 4)
    assert callbacks  # the invitation's events go out after commit
    mine = client_for(ana).get("/api/v1/memberships/").json()["results"]
    assert [(m["project"]["id"], m["status"], m["proposal_id"]) for m in mine] == [
        (project.pk, "invited", proposal["id"])
    ]
    again = client.post(f"/api/v1/proposals/{proposal['id']}/confirm/")
    assert (again.status_code, again.json()["code"]) == (409, "proposal_closed")


def test_confirm_when_someone_was_taken_meanwhile_is_409_and_writes_nothing(
    client_for, owner, other_manager, project, ana, python
):
    client = client_for(owner)
    proposal = _propose(client, project)
    elsewhere = make_project(owner=other_manager, roles=[{"name": "Analyst", "hours_per_week": 8}])
    services.member_invite(
        project_id=elsewhere.pk, role_id=elsewhere.roles.get().pk, person_id=ana.pk, actor=other_manager
    )
    response = client.post(f"/api/v1/proposals/{proposal['id']}/confirm/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "seats_unavailable"
    [problem] = body["problems"]
    assert (problem["person_id"], problem["role_id"], problem["code"]) == (
        ana.pk,
        proposal["roles"][0]["role_id"],
        "over_capacity",
    )
    assert "2 h" in problem["message"]
    assert not Membership.objects.filter(project=project).exists()
    assert Proposal.objects.get(pk=proposal["id"]).status == Proposal.Status.DRAFT
    assert Membership.objects.filter(person=ana).count() == 1


def test_confirm_needs_an_open_project(client_for, owner, draft, ana):
    client = client_for(owner)
    proposal = _propose(client, draft)
    response = client.post(f"/api/v1/proposals/{proposal['id']}/confirm/")
    assert (response.status_code, response.json()["code"]) == (409, "project_not_open")
    assert not Membership.objects.exists()


def test_confirm_with_nobody_to_invite_is_400(client_for, owner, python):
    project = make_project(owner=owner, roles=[{"name": "Dev", "skills": {"Cobol": 5}}])
    client = client_for(owner)
    proposal = _propose(client, project)
    response = client.post(f"/api/v1/proposals/{proposal['id']}/confirm/")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_assignment")
