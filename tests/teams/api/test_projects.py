"""Projects and roles through the API: listing with fit, opening, editing, publishing, closing, roles,
volunteering and the team's seats; bad input answers 400 with the field, never 500."""

import pytest

from accounts.models import Interest
from teams import services
from teams.models import Membership, Project, ProjectRole, RoleSkill, Volunteer
from tests.ideas.factories import make_board, make_idea
from tests.teams.factories import make_person, make_project

pytestmark = pytest.mark.django_db


# --- listing --------------------------------------------------------------------------------------


def test_list_shows_roles_counts_and_my_fit(client_for, project, draft, ana, python):
    Interest.objects.create(user=ana, topic="Data viz")
    services.volunteer_set(role_id=project.roles.get().pk, person=ana, strength=3)
    body = client_for(ana).get("/api/v1/projects/").json()
    assert body["count"] == 1  # the draft is its owner's
    listed = body["results"][0]
    assert (listed["id"], listed["status"], listed["topics"]) == (project.pk, "open", ["data viz", "sustainability"])
    role = listed["roles"][0]
    assert role["skills"] == [{"skill_id": python.pk, "name": "Python", "min_level": 3}]
    assert (role["headcount"], role["hours_per_week"], role["volunteer_count"], role["live_count"]) == (1, 4, 1, 0)
    fit = role["fit"]
    assert fit["enough_hours"] is True and 0 < fit["score"] <= 100
    assert fit["has"] == [{"name": "Python", "level": 4, "min_level": 3}]
    assert fit["wants"] == ["data viz"]
    assert "Python 4/5" in fit["reason"] and "data viz" in fit["reason"]
    assert listed["best_fit"] == fit


def test_fit_says_when_hours_are_short(client_for, project, python):
    busy = make_person(skills={python: 5}, hours=2)
    fit = client_for(busy).get("/api/v1/projects/").json()["results"][0]["roles"][0]["fit"]
    assert fit["enough_hours"] is False
    assert (fit["free_hours"], fit["hours_needed"]) == (2, 4)
    assert "2 h free of the 4 h" in fit["reason"]


def test_list_filters(client_for, owner, other_manager, project, draft):
    theirs = make_project(owner=other_manager, title="Onboarding buddies", goal="Pair newcomers.")
    services.project_close(project_id=theirs.pk, actor=other_manager)
    client = client_for(owner)

    def ids(query):
        response = client.get(f"/api/v1/projects/?{query}")
        assert response.status_code == 200, response.json()
        return {p["id"] for p in response.json()["results"]}

    assert ids("") == {project.pk, draft.pk, theirs.pk}
    assert ids("status=draft") == {draft.pk}
    assert ids("status=closed") == {theirs.pk}
    assert ids("owned=true") == {project.pk, draft.pk}
    assert ids("q=newcomers") == {theirs.pk}
    bad = client.get("/api/v1/projects/?status=secret")
    assert (bad.status_code, bad.json()["code"], list(bad.json()["fields"])) == (400, "invalid", ["status"])


def _projects(n, *, owner, python, viewer):
    for i in range(n):
        project = make_project(
            owner=owner,
            topics="ops",
            roles=[
                {"name": f"Dev {i}", "skills": {python: 3}},
                {"name": f"Ops {i}", "headcount": 2, "skills": {python: 1, f"Skill {i}": 2}},
            ],
        )
        roles = list(project.roles.all())
        services.volunteer_set(role_id=roles[0].pk, person=viewer)
        services.member_invite(
            project_id=project.pk, role_id=roles[1].pk, person_id=make_person(hours=10).pk, actor=owner
        )


def test_project_list_queries(client_for, owner, python, ana, django_assert_num_queries):
    _projects(5, owner=owner, python=python, viewer=ana)
    client = client_for(ana)
    # 1 count for the page, 1 projects (+owner, the visibility check inlined), 1 roles with seat and
    # volunteer counts, 1 required skills (+skill); the reader's fit: 1 skills, 1 interests, 1 booked hours
    with django_assert_num_queries(7):
        response = client.get("/api/v1/projects/")
    assert len(response.json()["results"]) == 5


def test_project_list_costs_the_same_for_2_and_20_projects(client_for, owner, python, ana, count_queries):
    client = client_for(ana)
    _projects(2, owner=owner, python=python, viewer=ana)
    small, body_small = count_queries(client, "/api/v1/projects/?page_size=50")
    _projects(18, owner=owner, python=python, viewer=ana)
    large, body_large = count_queries(client, "/api/v1/projects/?page_size=50")
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert all(p["roles"][1]["live_count"] == 1 for p in body_large["results"])
    assert small == large


# --- opening and editing --------------------------------------------------------------------------


def _create_body(python, **overrides):
    return {
        "title": "Energy dashboard",
        "goal": "Show each office its **energy** use.",
        "topics": ["data viz", "sustainability"],
        "starts_on": "2026-01-05",
        "ends_on": "2026-03-27",
        "roles": [
            {"name": "Data engineer", "headcount": 2, "hours_per_week": 4, "skills": [{"skill_id": python.pk}]},
            {"name": "Designer", "hours_per_week": 2, "description": "Charts."},
        ],
        **overrides,
    }


def test_manager_opens_a_draft_with_roles(client_for, owner, python):
    response = client_for(owner).post("/api/v1/projects/", _create_body(python), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    project = Project.objects.get(pk=body["id"])
    assert (project.status, project.owner, project.topics) == ("draft", owner, "data viz, sustainability")
    assert body["can_manage"] is True and "<strong>energy</strong>" in body["goal_html"]
    assert [(r["name"], r["headcount"], r["hours_per_week"]) for r in body["roles"]] == [
        ("Data engineer", 2, 4),
        ("Designer", 1, 2),
    ]
    assert body["roles"][0]["skills"] == [{"skill_id": python.pk, "name": "Python", "min_level": 3}]
    assert body["roles"][0]["volunteers"] == [] and body["roles"][0]["members"] == []


def test_a_project_promotes_an_idea(client_for, owner, employee, python):
    idea = make_idea(board=make_board(owner=owner), author=employee)
    body = _create_body(python, idea_id=idea.pk, roles=[])
    response = client_for(owner).post("/api/v1/projects/", body, format="json")
    assert (response.status_code, response.json()["idea_id"]) == (201, idea.pk)
    again = client_for(owner).post("/api/v1/projects/", body, format="json")
    assert (again.status_code, again.json()["fields"]) == (400, {"idea_id": ["This idea already has a project."]})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"roles": [{"name": "Dev", "hours_per_week": 0}]}, "roles[0].hours_per_week"),
        ({"roles": [{"name": "Dev", "hours_per_week": 61}]}, "roles[0].hours_per_week"),
        ({"roles": [{"name": "Dev", "hours_per_week": 2, "headcount": 0}]}, "roles[0].headcount"),
        (
            {"roles": [{"name": "Dev", "hours_per_week": 2, "skills": [{"skill_id": 999999}]}]},
            "roles[0].skills[0].skill_id",
        ),
        (
            {"roles": [{"name": "Dev", "hours_per_week": 2, "skills": [{"skill_id": "x"}]}]},
            "roles[0].skills[0].skill_id",
        ),
        (
            {"roles": [{"name": "Dev", "hours_per_week": 2, "skills": [{"skill_id": 2**70}]}]},
            "roles[0].skills[0].skill_id",
        ),
        ({"roles": [{"name": "Dev", "hours_per_week": 2, "skills": "python"}]}, "roles[0].skills"),
        ({"roles": [{"name": " ", "hours_per_week": 2}]}, "roles[0].name"),
        ({"roles": [{"name": "Dev"}]}, "roles[0].hours_per_week"),
        ({"roles": [{"name": "Dev", "hours_per_week": "many"}]}, "roles[0].hours_per_week"),
        ({"roles": [{"name": "Dev", "hours_per_week": 2**40}]}, "roles[0].hours_per_week"),
        ({"roles": "all of them"}, "roles"),
        ({"starts_on": "2026-03-01", "ends_on": "2026-02-01"}, "ends_on"),
        ({"ends_on": "someday"}, "ends_on"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 161}, "title"),
        ({"topics": ["a, b"]}, "topics[0]"),
        ({"idea_id": 424242}, "idea_id"),
    ],
)
def test_bad_project_input_is_400_with_the_field(client_for, owner, python, change, field):
    response = client_for(owner).post("/api/v1/projects/", _create_body(python, **change), format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body["fields"], body
    assert body["code"] in {"invalid", "invalid_project", "invalid_role"}
    assert not Project.objects.exists()


def test_the_rules_speak_for_themselves(client_for, owner, python):
    body = _create_body(python, roles=[{"name": "Dev", "hours_per_week": 0}])
    response = client_for(owner).post("/api/v1/projects/", body, format="json")
    assert response.json()["code"] == "invalid_role"
    assert "nobody's time" in response.json()["fields"]["roles[0].hours_per_week"][0]


def test_employees_cannot_open_projects(client_for, employee, python):
    response = client_for(employee).post("/api/v1/projects/", _create_body(python), format="json")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_detail_shows_members_and_volunteers_to_managers_only(client_for, owner, project, ana, employee):
    role = project.roles.get()
    services.volunteer_set(role_id=role.pk, person=employee, note="Me!", strength=3)
    services.member_invite(project_id=project.pk, role_id=role.pk, person_id=ana.pk, actor=owner)
    managed = client_for(owner).get(f"/api/v1/projects/{project.pk}/").json()
    assert managed["can_manage"] is True
    [role_body] = managed["roles"]
    assert [m["person"]["username"] for m in role_body["members"]] == ["ana"]
    assert [(v["person"]["username"], v["strength"], v["note"]) for v in role_body["volunteers"]] == [
        ("erin", 3, "Me!")
    ]
    seen = client_for(employee).get(f"/api/v1/projects/{project.pk}/").json()
    assert seen["can_manage"] is False and seen["roles"][0]["volunteers"] is None
    assert seen["roles"][0]["my_volunteering"]["strength"] == 3
    assert [m["person"]["username"] for m in seen["roles"][0]["members"]] == ["ana"]


def test_owner_edits_publishes_and_closes(client_for, owner, draft, ana):
    client = client_for(owner)
    url = f"/api/v1/projects/{draft.pk}/"
    edited = client.patch(url, {"title": "Open plan", "topics": ["offices"], "ends_on": None}, format="json")
    assert edited.status_code == 200, edited.json()
    assert (edited.json()["title"], edited.json()["topics"]) == ("Open plan", ["offices"])
    assert client.patch(url, {}, format="json").status_code == 200
    bad = client.patch(url, {"starts_on": "2026-05-01", "ends_on": "2026-04-01"}, format="json")
    assert (bad.status_code, list(bad.json()["fields"])) == (400, ["ends_on"])
    published = client.post(f"{url}publish/")
    assert (published.status_code, published.json()["status"]) == (200, "open")
    again = client.post(f"{url}publish/")
    assert (again.status_code, again.json()["code"]) == (409, "project_not_open")
    role = draft.roles.get()
    invitation = services.member_invite(project_id=draft.pk, role_id=role.pk, person_id=ana.pk, actor=owner)
    closed = client.post(f"{url}close/")
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")
    invitation.refresh_from_db()
    assert invitation.status == Membership.Status.DECLINED  # pending invitations lapse
    late = client.patch(url, {"title": "Reopened?"}, format="json")
    assert (late.status_code, late.json()["code"]) == (409, "project_not_open")


def test_publishing_needs_a_role(client_for, owner):
    empty = make_project(owner=owner, roles=[], publish=False)
    response = client_for(owner).post(f"/api/v1/projects/{empty.pk}/publish/")
    assert (response.status_code, response.json()["fields"]) == (
        400,
        {"roles": ["Add at least one role before publishing."]},
    )


# --- roles ----------------------------------------------------------------------------------------


def test_roles_are_listed_added_changed_and_removed(client_for, owner, project, python, ana):
    client = client_for(owner)
    listed = client.get(f"/api/v1/projects/{project.pk}/roles/")
    assert listed.status_code == 200 and [r["name"] for r in listed.json()] == ["Data engineer"]
    added = client.post(
        f"/api/v1/projects/{project.pk}/roles/",
        {"name": "Tester", "hours_per_week": 2, "skills": [{"skill_id": python.pk, "min_level": 2}]},
        format="json",
    )
    assert added.status_code == 201, added.json()
    tester = added.json()
    assert (tester["headcount"], tester["skills"][0]["min_level"], tester["fit"]["hours_needed"]) == (1, 2, 2)
    changed = client.patch(f"/api/v1/roles/{tester['id']}/", {"headcount": 3, "skills": []}, format="json")
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["headcount"], changed.json()["skills"]) == (3, [])
    assert not RoleSkill.objects.filter(role_id=tester["id"]).exists()
    assert client.delete(f"/api/v1/roles/{tester['id']}/").status_code == 204
    assert not ProjectRole.objects.filter(pk=tester["id"]).exists()
    # A role someone was invited to stays on record; its hours no longer change.
    role = project.roles.get()
    services.member_invite(project_id=project.pk, role_id=role.pk, person_id=ana.pk, actor=owner)
    kept = client.delete(f"/api/v1/roles/{role.pk}/")
    assert (kept.status_code, kept.json()["code"]) == (400, "invalid_role")
    hours = client.patch(f"/api/v1/roles/{role.pk}/", {"hours_per_week": 6}, format="json")
    assert (hours.status_code, list(hours.json()["fields"])) == (400, ["hours_per_week"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "hours_per_week": 0}, "hours_per_week"),
        ({"name": "X", "hours_per_week": 2, "headcount": 0}, "headcount"),
        ({"name": "X", "hours_per_week": 2, "headcount": 51}, "headcount"),
        ({"name": "X", "hours_per_week": 2, "skills": [{"skill_id": 999999}]}, "skills[0].skill_id"),
        ({"name": "X", "hours_per_week": 2, "skills": [{"skill_id": 1, "min_level": 6}]}, "skills[0].min_level"),
        ({"hours_per_week": 2}, "name"),
    ],
)
def test_bad_role_input_is_400(client_for, owner, project, python, body, field):
    response = client_for(owner).post(f"/api/v1/projects/{project.pk}/roles/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"], response.json()
    assert project.roles.count() == 1


def test_role_update_refuses_fewer_seats_than_people(client_for, owner, project, ana):
    role = project.roles.get()
    services.member_invite(project_id=project.pk, role_id=role.pk, person_id=ana.pk, actor=owner)
    response = client_for(owner).patch(f"/api/v1/roles/{role.pk}/", {"headcount": 0}, format="json")
    assert (response.status_code, list(response.json()["fields"])) == (400, ["headcount"])


# --- volunteering ---------------------------------------------------------------------------------


def test_volunteer_and_withdraw(client_for, project, employee):
    role = project.roles.get()
    client = client_for(employee)
    url = f"/api/v1/roles/{role.pk}/volunteer/"
    response = client.put(url, {"note": "I built the old one.", "strength": 3}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["strength"], response.json()["person"]["id"]) == (3, employee.pk)
    again = client.put(url, {"strength": 1}, format="json")
    assert (again.json()["strength"], again.json()["note"]) == (1, "")
    assert Volunteer.objects.get().strength == 1
    assert client.delete(url).status_code == 204
    assert Volunteer.objects.get().withdrawn_at is not None
    assert client.delete(url).status_code == 204  # nothing to withdraw: no change


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"strength": 4}, "strength"),
        ({"strength": 0}, "strength"),
        ({"strength": "lots"}, "strength"),
        ({"note": "x" * 501}, "note"),
    ],
)
def test_bad_volunteering_is_400(client_for, project, employee, body, field):
    response = client_for(employee).put(f"/api/v1/roles/{project.roles.get().pk}/volunteer/", body, format="json")
    assert (response.status_code, list(response.json()["fields"])) == (400, [field])
    assert not Volunteer.objects.exists()


def test_no_volunteering_on_a_closed_project(client_for, owner, project, employee):
    services.project_close(project_id=project.pk, actor=owner)
    response = client_for(employee).put(f"/api/v1/roles/{project.roles.get().pk}/volunteer/", {}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "project_not_open")


# --- the team's seats -----------------------------------------------------------------------------


def test_owner_invites_and_everyone_sees_the_team(client_for, owner, project, ana, employee):
    role = project.roles.get()
    url = f"/api/v1/projects/{project.pk}/members/"
    response = client_for(owner).post(url, {"role_id": role.pk, "person_id": ana.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["person"]["username"], body["role"]["id"], body["status"], body["hours_per_week"]) == (
        "ana",
        role.pk,
        "invited",
        4,
    )
    assert body["invited_by"]["id"] == owner.pk and body["is_live"] is True
    team = client_for(employee).get(url).json()
    assert [m["person"]["id"] for m in team["results"]] == [ana.pk]


def test_inviting_onto_a_full_role_is_409_with_problems(client_for, owner, project, ana, python):
    role = project.roles.get()
    client = client_for(owner)
    url = f"/api/v1/projects/{project.pk}/members/"
    assert client.post(url, {"role_id": role.pk, "person_id": ana.pk}, format="json").status_code == 201
    bo = make_person(skills={python: 3}, hours=10)
    response = client.post(url, {"role_id": role.pk, "person_id": bo.pk}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "seats_unavailable"
    assert body["problems"] == [
        {"role_id": role.pk, "person_id": bo.pk, "code": "role_full", "message": "Data engineer has no seat left."}
    ]
    assert Membership.objects.count() == 1


@pytest.mark.parametrize("body", [{"role_id": "x", "person_id": 1}, {"person_id": 1}, {"role_id": 1, "person_id": -1}])
def test_bad_invitation_is_400(client_for, owner, project, body):
    response = client_for(owner).post(f"/api/v1/projects/{project.pk}/members/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_members_list_queries(client_for, owner, project, employee, python, django_assert_num_queries):
    role = services.role_add(project_id=project.pk, actor=owner, name="Crowd", headcount=20, hours_per_week=1)
    for _ in range(5):
        services.member_invite(project_id=project.pk, role_id=role.pk, person_id=make_person().pk, actor=owner)
    client = client_for(employee)
    # 1 project (+owner, idea, space: the access check), 1 count for the page, 1 seats of the page
    # (+project, role, person, invited_by)
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/projects/{project.pk}/members/")
    assert len(response.json()["results"]) == 5


def test_members_list_costs_the_same_for_2_and_20_seats(client_for, owner, project, employee, count_queries):
    role = services.role_add(project_id=project.pk, actor=owner, name="Crowd", headcount=30, hours_per_week=1)
    client, url = client_for(employee), f"/api/v1/projects/{project.pk}/members/"
    people = [make_person() for _ in range(20)]
    for person in people[:2]:
        services.member_invite(project_id=project.pk, role_id=role.pk, person_id=person.pk, actor=owner)
    small, body_small = count_queries(client, url)
    for person in people[2:]:
        services.member_invite(project_id=project.pk, role_id=role.pk, person_id=person.pk, actor=owner)
    large, body_large = count_queries(client, url)
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large
