"""Company-wide formation rounds through the API (admins): starting one (the task runs on commit),
following it, confirming its proposals."""

import pytest

from teams import services
from teams.models import FormationRound, Membership, Proposal
from tests.teams.factories import make_person, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(owner, other_manager, python):
    # Four hours each: one seat per person.
    make_person(skills={python: 4}, hours=4, username="p1")
    make_person(skills={python: 3}, hours=4, username="p2")
    return [
        make_project(owner=owner, roles=[{"name": "Dev", "hours_per_week": 4, "skills": {python: 3}}]),
        make_project(owner=other_manager, roles=[{"name": "Ops", "hours_per_week": 4, "skills": {python: 2}}]),
    ]


def test_admin_starts_a_round_that_runs_on_commit(
    client_for, admin_user, projects, eager_tasks, django_capture_on_commit_callbacks
):
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/rounds/", {"solver": "heuristic"}, format="json")
    assert response.status_code == 202, response.json()
    body = response.json()
    assert (body["status"], body["project_count"], body["created_by"]["id"]) == ("queued", 2, admin_user.pk)
    done = client.get(f"/api/v1/rounds/{body['id']}/").json()
    assert (done["status"], done["progress"], done["error"]) == ("done", 100, "")
    assert (done["summary"]["projects"], done["summary"]["seats"], done["summary"]["filled"]) == (2, 2, 2)
    assert sorted(p["project"]["id"] for p in done["proposals"]) == sorted(p.pk for p in projects)
    assert {p["status"] for p in done["proposals"]} == {"draft"}
    # Each project's manager finds the round's proposal, explained.
    proposal = Proposal.objects.get(project=projects[0])
    explained = client_for(projects[0].owner).get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert (explained["round_id"], explained["roles"][0]["open_seats"]) == (body["id"], 0)


def test_admin_confirms_a_round_project_by_project(
    client_for, admin_user, other_manager, projects, eager_tasks, django_capture_on_commit_callbacks
):
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        round_id = client.post("/api/v1/rounds/", {}, format="json").json()["id"]
    # Someone proposed for the second project is booked elsewhere meanwhile.
    taken = Proposal.objects.get(project=projects[1]).assignment
    person_id = next(iter(taken.values()))[0]
    elsewhere = make_project(owner=other_manager, roles=[{"name": "Side job", "hours_per_week": 2}])
    services.member_invite(
        project_id=elsewhere.pk, role_id=elsewhere.roles.get().pk, person_id=person_id, actor=other_manager
    )
    response = client.post(f"/api/v1/rounds/{round_id}/confirm/")
    assert response.status_code == 200, response.json()
    outcome = {p["project_id"]: p for p in response.json()["projects"]}
    assert outcome[projects[0].pk] == {"project_id": projects[0].pk, "confirmed": True, "problems": []}
    refused = outcome[projects[1].pk]
    assert refused["confirmed"] is False
    assert [(p["person_id"], p["code"]) for p in refused["problems"]] == [(person_id, "over_capacity")]
    assert Membership.objects.filter(project=projects[0]).count() == 1
    assert not Membership.objects.filter(project=projects[1]).exists()
    assert Proposal.objects.get(project=projects[1]).status == Proposal.Status.DRAFT


def test_one_round_at_a_time(client_for, admin_user, projects):
    client = client_for(admin_user)
    # Without running the on-commit task, the first round stays queued.
    assert client.post("/api/v1/rounds/", {}, format="json").status_code == 202
    busy = client.post("/api/v1/rounds/", {}, format="json")
    assert (busy.status_code, busy.json()["code"]) == (409, "round_busy")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"solver": "auto"}, "solver"),
        ({"project_ids": "all"}, "project_ids"),
        ({"project_ids": [0]}, "project_ids[0]"),
        ({"project_ids": ["draft"]}, "project_ids"),
        ({"project_ids": [424242]}, "project_ids"),
    ],
)
def test_bad_round_input_is_400(client_for, admin_user, projects, draft, body, field):
    if body.get("project_ids") == ["draft"]:
        body = {"project_ids": [draft.pk]}
    response = client_for(admin_user).post("/api/v1/rounds/", body, format="json")
    assert response.status_code == 400, response.json()
    assert list(response.json()["fields"]) == [field]
    assert not FormationRound.objects.exists()


def test_no_open_project_is_400(client_for, admin_user):
    response = client_for(admin_user).post("/api/v1/rounds/", {}, format="json")
    assert (response.status_code, list(response.json()["fields"])) == (400, ["project_ids"])


def test_rounds_are_the_admins(client_for, admin_user, owner, employee, projects):
    formation_round = services.round_start(actor=admin_user)
    for user in (owner, employee):
        client = client_for(user)
        assert client.get("/api/v1/rounds/").json()["count"] == 0
        assert client.get(f"/api/v1/rounds/{formation_round.pk}/").status_code == 404
        assert client.post(f"/api/v1/rounds/{formation_round.pk}/confirm/").status_code == 404
        assert client.post("/api/v1/rounds/", {}, format="json").status_code == 403
    assert client_for(admin_user).get("/api/v1/rounds/").json()["count"] == 1
    assert client_for(admin_user).get("/api/v1/rounds/424242/").status_code == 404


def _rounds(n, admin, projects):
    for _ in range(n):
        formation_round = FormationRound.objects.create(created_by=admin, status=FormationRound.Status.DONE)
        formation_round.projects.set(projects)


def test_rounds_list_queries(client_for, admin_user, projects, django_assert_num_queries):
    _rounds(5, admin_user, projects)
    client = client_for(admin_user)
    # 1 count for the page, 1 rounds of the page (+created_by, project count annotated)
    with django_assert_num_queries(2):
        response = client.get("/api/v1/rounds/")
    results = response.json()["results"]
    assert [r["project_count"] for r in results] == [2] * 5
    assert [r["id"] for r in results] == sorted((r["id"] for r in results), reverse=True)  # newest first


def test_rounds_list_costs_the_same_for_2_and_20_rounds(client_for, admin_user, projects, count_queries):
    client = client_for(admin_user)
    _rounds(2, admin_user, projects)
    small, body_small = count_queries(client, "/api/v1/rounds/")
    _rounds(18, admin_user, projects)
    large, body_large = count_queries(client, "/api/v1/rounds/")
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large
