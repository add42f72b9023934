"""Who may do what through the project teams API: authentication, the guests' wall, and the
authorization matrix (every route x anonymous, employee, other employee, manager who does not own the
project, owner, admin, guest). A project, proposal, seat or round a person may not see answers 404
exactly like a missing one; a project they see but do not run answers 403 to changes."""

import pytest
from django.urls import reverse

from teams import services
from teams.models import FormationRound, Membership, Project, Proposal
from tests.teams.factories import make_person, make_project

pytestmark = pytest.mark.django_db

ROLES = ["employee", "other_employee", "manager", "owner", "admin"]


@pytest.fixture
def world(owner, other_manager, python, employee, admin_user):
    """An open project (a role of 2 seats: `employee` invited, `bo` proposed for the other seat), a
    draft, a proposal, a finished round."""
    ana = make_person(skills={python: 4}, hours=10, username="ana")
    bo = make_person(skills={python: 3}, hours=10, username="bo")
    project = make_project(owner=owner, roles=[{"name": "Dev", "headcount": 2, "skills": {python: 3}}])
    role = project.roles.get()
    invitation = services.member_invite(project_id=project.pk, role_id=role.pk, person_id=ana.pk, actor=owner)
    proposal = services.proposal_create(project_id=project.pk, actor=owner)
    assert proposal.assignment == {str(role.pk): [ana.pk, bo.pk]}
    draft = make_project(owner=owner, publish=False, roles=[{"name": "Planner"}])
    formation_round = FormationRound.objects.create(created_by=admin_user, status=FormationRound.Status.DONE)
    formation_round.projects.set([project])
    newcomer = make_person(hours=10, username="newcomer")
    return {
        "users": {
            "employee": ana,
            "other_employee": employee,
            "manager": other_manager,
            "owner": owner,
            "admin": admin_user,
        },
        "ids": {
            "project": project.pk,
            "draft": draft.pk,
            "role": role.pk,
            "draft_role": draft.roles.get().pk,
            "proposal": proposal.pk,
            "membership": invitation.pk,
            "round": formation_round.pk,
            "bo": bo.pk,
            "newcomer": newcomer.pk,
            "skill": python.pk,
        },
    }


_NEW_PROJECT = {"title": "New one", "goal": "Do it.", "roles": [{"name": "Dev", "hours_per_week": 2}]}

# (method, URL name, URL kwargs, body, expected status by role). `{name}` in kwargs and bodies are ids
# of the world.
MATRIX = [
    ("get", "api-projects", {}, None, dict.fromkeys(ROLES, 200)),
    (
        "post",
        "api-projects",
        {},
        _NEW_PROJECT,
        {"employee": 403, "other_employee": 403, "manager": 201, "owner": 201, "admin": 201},
    ),
    ("get", "api-project", {"project_id": "project"}, None, dict.fromkeys(ROLES, 200)),
    (
        "get",
        "api-project",
        {"project_id": "draft"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    (
        "patch",
        "api-project",
        {"project_id": "project"},
        {"title": "Renamed"},
        {"employee": 403, "other_employee": 403, "manager": 403, "owner": 200, "admin": 200},
    ),
    (
        "patch",
        "api-project",
        {"project_id": "draft"},
        {"title": "Renamed"},
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    (
        "post",
        "api-project-publish",
        {"project_id": "draft"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    (
        "post",
        "api-project-close",
        {"project_id": "project"},
        None,
        {"employee": 403, "other_employee": 403, "manager": 403, "owner": 200, "admin": 200},
    ),
    ("get", "api-project-roles", {"project_id": "project"}, None, dict.fromkeys(ROLES, 200)),
    (
        "get",
        "api-project-roles",
        {"project_id": "draft"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    (
        "post",
        "api-project-roles",
        {"project_id": "project"},
        {"name": "QA", "hours_per_week": 2},
        {"employee": 403, "other_employee": 403, "manager": 403, "owner": 201, "admin": 201},
    ),
    (
        "post",
        "api-project-roles",
        {"project_id": "draft"},
        {"name": "QA", "hours_per_week": 2},
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 201, "admin": 201},
    ),
    (
        "patch",
        "api-role",
        {"role_id": "role"},
        {"name": "Developer"},
        {"employee": 403, "other_employee": 403, "manager": 403, "owner": 200, "admin": 200},
    ),
    (
        "delete",
        "api-role",
        {"role_id": "draft_role"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 204, "admin": 204},
    ),
    # The invited employee already has a seat on the team: volunteering is refused (400).
    (
        "put",
        "api-role-volunteer",
        {"role_id": "role"},
        {"strength": 2},
        {"employee": 400, "other_employee": 200, "manager": 200, "owner": 200, "admin": 200},
    ),
    (
        "put",
        "api-role-volunteer",
        {"role_id": "draft_role"},
        {"strength": 2},
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 409, "admin": 409},
    ),
    ("delete", "api-role-volunteer", {"role_id": "role"}, None, dict.fromkeys(ROLES, 204)),
    (
        "delete",
        "api-role-volunteer",
        {"role_id": "draft_role"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 204, "admin": 204},
    ),
    ("get", "api-project-members", {"project_id": "project"}, None, dict.fromkeys(ROLES, 200)),
    (
        "get",
        "api-project-members",
        {"project_id": "draft"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    (
        "post",
        "api-project-members",
        {"project_id": "project"},
        {"role_id": "role", "person_id": "newcomer"},
        {"employee": 403, "other_employee": 403, "manager": 403, "owner": 201, "admin": 201},
    ),
    (
        "post",
        "api-project-proposals",
        {"project_id": "project"},
        {},
        {"employee": 403, "other_employee": 403, "manager": 403, "owner": 201, "admin": 201},
    ),
    (
        "post",
        "api-project-proposals",
        {"project_id": "draft"},
        {},
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 201, "admin": 201},
    ),
    (
        "get",
        "api-proposal",
        {"proposal_id": "proposal"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    (
        "post",
        "api-proposal-swap",
        {"proposal_id": "proposal"},
        {"role_id": "role", "remove_person_id": "bo"},
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    (
        "post",
        "api-proposal-confirm",
        {"proposal_id": "proposal"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    ("get", "api-memberships", {}, None, dict.fromkeys(ROLES, 200)),
    # Only the person invited answers; the project's managers see the seat (403), others do not (404).
    (
        "post",
        "api-membership-accept",
        {"membership_id": "membership"},
        None,
        {"employee": 200, "other_employee": 404, "manager": 404, "owner": 403, "admin": 403},
    ),
    (
        "post",
        "api-membership-decline",
        {"membership_id": "membership"},
        None,
        {"employee": 200, "other_employee": 404, "manager": 404, "owner": 403, "admin": 403},
    ),
    (
        "post",
        "api-membership-leave",
        {"membership_id": "membership"},
        None,
        {"employee": 200, "other_employee": 404, "manager": 404, "owner": 200, "admin": 200},
    ),
    ("get", "api-rounds", {}, None, dict.fromkeys(ROLES, 200)),
    (
        "post",
        "api-rounds",
        {},
        {},
        {"employee": 403, "other_employee": 403, "manager": 403, "owner": 403, "admin": 202},
    ),
    (
        "get",
        "api-round",
        {"round_id": "round"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 404, "admin": 200},
    ),
    (
        "post",
        "api-round-confirm",
        {"round_id": "round"},
        None,
        {"employee": 404, "other_employee": 404, "manager": 404, "owner": 404, "admin": 200},
    ),
]


def _request(client, world, method, name, kwargs, body):
    ids = world["ids"]
    url = reverse(name, kwargs={k: ids[v] for k, v in kwargs.items()})
    if body is not None:
        body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    return getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)


def _label(entry):
    method, name, kwargs, _body, _expected = entry
    return f"{method}-{name}-{'-'.join(kwargs.values())}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("entry", MATRIX, ids=[_label(e) for e in MATRIX])
def test_authorization_matrix(client_for, world, entry, role):
    method, name, kwargs, body, expected = entry
    response = _request(client_for(world["users"][role]), world, method, name, kwargs, body)
    assert response.status_code == expected[role], response.content
    if response.status_code >= 400:
        assert response.json()["code"], response.json()


def test_the_matrix_covers_every_route():
    from teams.api.urls import urlpatterns

    covered = {(method, name) for method, name, *_rest in MATRIX}
    for pattern in urlpatterns:
        for method in set(pattern.callback.actions) - {"head"}:
            assert (method, pattern.name) in covered, (method, pattern.name)


def test_hidden_and_missing_look_the_same(client_for, world):
    client = client_for(world["users"]["manager"])
    for url in (
        f"/api/v1/projects/{world['ids']['draft']}/",
        "/api/v1/projects/424242/",
        f"/api/v1/proposals/{world['ids']['proposal']}/",
        "/api/v1/proposals/424242/",
    ):
        response = client.get(url)
        assert (response.status_code, response.json()) == (404, {"code": "not_found", "message": "Not found."}), url


def test_refused_writes_change_nothing(client_for, world):
    client = client_for(world["users"]["manager"])
    ids = world["ids"]
    client.post(f"/api/v1/projects/{ids['project']}/close/")
    client.post(f"/api/v1/proposals/{ids['proposal']}/confirm/")
    client.post(f"/api/v1/memberships/{ids['membership']}/leave/")
    assert Project.objects.get(pk=ids["project"]).status == "open"
    assert Proposal.objects.get(pk=ids["proposal"]).status == "draft"
    assert Membership.objects.get(pk=ids["membership"]).status == "invited"


@pytest.mark.parametrize("entry", MATRIX, ids=[_label(e) for e in MATRIX])
def test_anonymous_is_401_everywhere(api_client, world, entry):
    method, name, kwargs, body, _expected = entry
    response = _request(api_client, world, method, name, kwargs, body)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("entry", MATRIX, ids=[_label(e) for e in MATRIX])
def test_guests_get_404_everywhere(client_for, world, guest, entry):
    # Teams routes are not on the guests' allow-list (accounts.guests), whatever the guest holds.
    method, name, kwargs, body, _expected = entry
    response = _request(client_for(guest), world, method, name, kwargs, body)
    assert response.status_code == 404, response.content
    assert (Membership.objects.count(), Project.objects.count()) == (1, 2)


def test_guests_cannot_be_invited_or_open_projects(client_for, owner, project, guest):
    response = client_for(owner).post(
        f"/api/v1/projects/{project.pk}/members/",
        {"role_id": project.roles.get().pk, "person_id": guest.pk},
        format="json",
    )
    assert response.status_code == 409
    assert [p["code"] for p in response.json()["problems"]] == ["guest"]


def test_a_manager_turned_guest_loses_the_api(client_for, owner, project):
    # Access is decided per request: demoting a user closes the routes at once.
    client = client_for(owner)
    assert client.get(f"/api/v1/projects/{project.pk}/").status_code == 200
    owner.role = "guest"
    owner.save(update_fields=["role"])
    assert client.get(f"/api/v1/projects/{project.pk}/").status_code == 404


def test_session_writes_need_csrf(owner, project):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.get(f"/api/v1/projects/{project.pk}/").status_code == 200
    response = client.post(f"/api/v1/projects/{project.pk}/close/")
    assert response.status_code == 403 and "CSRF" in response.json()["message"]
    assert Project.objects.get(pk=project.pk).status == "open"
