"""The teams admin: every page loads for admins, moderators and non-staff are kept out, the actions
publish, close and remove from team go through the services (events appear, refusals are reported
per row), edits of a project and of a role go through `project_update` and `role_update`, and
volunteers, seats, proposals and rounds cannot be written by hand."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collab.realtime.models import Event
from teams import services
from teams.models import FormationRound, Membership, Project, ProjectRole, Proposal, RoleSkill, Volunteer
from tests.accounts.factories import UserFactory
from tests.teams.factories import make_person, make_project, make_skill
from threads.models import SpaceMembership

pytestmark = pytest.mark.django_db

MODELS = [Project, ProjectRole, Volunteer, Membership, Proposal, FormationRound]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _events(project, event_type):
    return Event.objects.filter(topic_id=f"project.{project.pk}", type=event_type).count()


def _act(client, model, action, objs, **extra):
    data = {"action": action, "_selected_action": [obj.pk for obj in objs], **extra}
    return client.post(_url(model, "changelist"), data, follow=True)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def python():
    return make_skill("Python")


@pytest.fixture
def project(manager, python):
    return make_project(
        owner=manager,
        title="Carbon dashboard",
        topics="sustainability, data viz",
        roles=[{"name": "Backend developer", "headcount": 2, "hours_per_week": 4, "skills": {python: 3}}],
    )


@pytest.fixture
def member(project, manager, python):
    """Someone who volunteered, was invited and accepted: a member with a seat in the team's space."""
    person = make_person(skills={python: 4}, hours=10, username="vera", first_name="Vera", last_name="Volunteer")
    role = project.roles.get()
    services.volunteer_set(role_id=role.pk, person=person, note="I built the last one.", strength=3)
    seat = services.member_invite(project_id=project.pk, role_id=role.pk, person_id=person.pk, actor=manager)
    return services.membership_respond(membership_id=seat.pk, user=person, accept=True)


@pytest.fixture
def objects(project, member, manager, admin_user):
    proposal = services.proposal_create(project_id=project.pk, actor=manager)
    formation_round = services.round_start(actor=admin_user)
    services.round_run(round_id=formation_round.pk)
    return {
        Project: project,
        ProjectRole: project.roles.get(),
        Volunteer: Volunteer.objects.get(),
        Membership: member,
        Proposal: proposal,
        FormationRound: formation_round,
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_loads_for_admins(client, admin_user, objects, model):
    client.force_login(admin_user)
    assert model in admin.site._registry
    obj = objects[model]
    for url in (_url(model, "changelist"), _url(model, "changelist") + "?q=a", _url(model, "change", obj.pk)):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Project, "?status__exact=open&q=carbon"),
        (Project, "?q=mia"),
        (ProjectRole, "?project__status__exact=open&q=backend"),
        (Volunteer, "?active=yes&strength__exact=3&q=vera"),
        (Membership, "?status__exact=accepted&q=vera"),
        (Proposal, "?status__exact=draft&q=carbon"),
        (FormationRound, "?status__exact=done"),
    ],
)
def test_changelist_filters_and_search(client, admin_user, objects, model, query):
    client.force_login(admin_user)
    response = client.get(_url(model, "changelist") + query)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_membership_filter_by_project(client, admin_user, objects, project, manager, python):
    other = make_project(owner=manager, title="Something else", roles=[{"name": "Dev", "skills": {python: 2}}])
    person = make_person(skills={python: 2}, hours=10)
    services.member_invite(project_id=other.pk, role_id=other.roles.get().pk, person_id=person.pk, actor=manager)
    client.force_login(admin_user)
    for shown in (project, other):
        response = client.get(_url(Membership, "changelist") + f"?project__id__exact={shown.pk}")
        assert {m.project_id for m in response.context["cl"].result_list} == {shown.pk}


def test_project_page_shows_roles_with_skills_and_seats(client, admin_user, objects, project):
    client.force_login(admin_user)
    content = client.get(_url(Project, "change", project.pk)).content.decode()
    assert "Backend developer" in content
    assert "Python ≥ 3" in content
    assert "1 + 0 / 2" in content  # one member, nobody invited, two seats


def test_proposal_page_shows_a_readable_summary(client, admin_user, objects):
    client.force_login(admin_user)
    content = client.get(_url(Proposal, "change", objects[Proposal].pk)).content.decode()
    assert "Backend developer" in content and "Vera Volunteer" in content


@pytest.mark.parametrize("who", ["moderator", "employee", "manager"])
def test_others_cannot_open_the_teams_admin(client, request, who, objects, project):
    client.force_login(request.getfixturevalue(who))
    for model in MODELS:
        response = client.get(_url(model, "changelist"))
        assert response.status_code in (302, 403), model
    client.post(_url(Project, "changelist"), {"action": "close", "_selected_action": [project.pk]})
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN


def test_nothing_is_added_or_deleted_by_hand(client, admin_user, objects):
    client.force_login(admin_user)
    for model in MODELS:
        assert client.get(_url(model, "add")).status_code == 403, model
        assert client.get(_url(model, "delete", objects[model].pk)).status_code == 403, model
    for model in (Volunteer, Membership, Proposal, FormationRound):
        assert client.post(_url(model, "change", objects[model].pk), {}).status_code == 403, model
    actions = {
        name for name, _ in client.get(_url(Project, "changelist")).context["action_form"].fields["action"].choices
    }
    assert "delete_selected" not in actions and {"publish", "close"} <= actions
    actions = {
        name for name, _ in client.get(_url(Membership, "changelist")).context["action_form"].fields["action"].choices
    }
    assert actions == {"", "remove_from_team"}


# --- actions through the services ----------------------------------------------------------------


def test_publish_goes_through_the_service_and_reports_refusals(client, admin_user, manager, project):
    draft = make_project(owner=manager, title="Draft one", publish=False)
    empty = make_project(owner=manager, title="No roles yet", roles=[], publish=False)
    client.force_login(admin_user)
    response = _act(client, Project, "publish", [draft, empty, project])
    messages = _messages(response)
    assert "Published: 1." in messages
    assert any(m.startswith("No roles yet: ") and "role" in m for m in messages)
    assert any(m.startswith("Carbon dashboard: ") for m in messages)  # already open
    draft.refresh_from_db()
    empty.refresh_from_db()
    assert (draft.status, empty.status) == (Project.Status.OPEN, Project.Status.DRAFT)
    assert draft.published_at is not None
    assert _events(draft, "project.updated") == 1
    assert _events(empty, "project.updated") == 0


def test_close_goes_through_the_service_and_lapses_invitations(client, admin_user, manager, project, python, member):
    invited = make_person(skills={python: 3}, hours=8)
    seat = services.member_invite(
        project_id=project.pk, role_id=project.roles.get().pk, person_id=invited.pk, actor=manager
    )
    client.force_login(admin_user)
    response = _act(client, Project, "close", [project])
    assert "Closed: 1." in _messages(response)
    project.refresh_from_db()
    seat.refresh_from_db()
    member.refresh_from_db()
    assert project.status == Project.Status.CLOSED and project.closed_at is not None
    assert seat.status == Membership.Status.DECLINED
    assert member.status == Membership.Status.ACCEPTED  # stays on their profile as a past team
    assert _events(project, "team.member_declined") == 1
    _act(client, Project, "close", [project])  # closing again does nothing
    assert _events(project, "project.updated") == 2  # published, closed


def test_remove_from_team_goes_through_membership_end(client, admin_user, project, member):
    project.refresh_from_db()
    assert SpaceMembership.objects.filter(space=project.space, user=member.person).exists()
    client.force_login(admin_user)
    response = _act(client, Membership, "remove_from_team", [member])
    assert "Removed from their teams: 1." in _messages(response)
    member.refresh_from_db()
    assert member.status == Membership.Status.REMOVED and member.ended_at is not None
    assert not SpaceMembership.objects.filter(space=project.space, user=member.person).exists()
    assert _events(project, "team.member_left") == 1
    assert (
        Event.objects.filter(topic_id=f"user.{member.person_id}", type="team.notice").count() == 2
    )  # invited, removed
    _act(client, Membership, "remove_from_team", [member])  # an ended seat is left alone
    assert _events(project, "team.member_left") == 1


def test_a_moderator_cannot_run_teams_actions(client, moderator, project, member):
    client.force_login(moderator)
    client.post(_url(Membership, "changelist"), {"action": "remove_from_team", "_selected_action": [member.pk]})
    member.refresh_from_db()
    assert member.status == Membership.Status.ACCEPTED


# --- edits through the services ------------------------------------------------------------------


def test_editing_a_project_goes_through_project_update(client, admin_user, project):
    client.force_login(admin_user)
    data = {
        "title": "Carbon dashboard 2", "goal": "Show our **footprint**.", "topics": project.topics,
        "starts_on": "", "ends_on": "", "roles-TOTAL_FORMS": 1, "roles-INITIAL_FORMS": 1,
    }  # fmt: skip
    response = client.post(_url(Project, "change", project.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project.refresh_from_db()
    assert project.title == "Carbon dashboard 2"
    assert project.goal_html == "<p>Show our <strong>footprint</strong>.</p>\n"
    assert _events(project, "project.updated") == 2  # published, then edited


def test_project_dates_are_checked(client, admin_user, project):
    client.force_login(admin_user)
    data = {
        "title": project.title, "goal": project.goal, "topics": "", "starts_on": "2030-02-01",
        "ends_on": "2030-01-01", "roles-TOTAL_FORMS": 1, "roles-INITIAL_FORMS": 1,
    }  # fmt: skip
    response = client.post(_url(Project, "change", project.pk), data)
    assert response.status_code == 200
    assert "ends_on" in response.context["adminform"].form.errors


def _role_form(role, requirements, **overrides):
    data = {
        "name": role.name, "description": role.description, "headcount": role.headcount,
        "hours_per_week": role.hours_per_week, "requirements-TOTAL_FORMS": len(requirements),
        "requirements-INITIAL_FORMS": role.requirements.count(),
    }  # fmt: skip
    for index, (pk, skill, level) in enumerate(requirements):
        data.update({f"requirements-{index}-id": pk or "", f"requirements-{index}-role": role.pk,
                     f"requirements-{index}-skill": skill.pk, f"requirements-{index}-min_level": level})  # fmt: skip
    data.update(overrides)
    return data


def test_editing_a_role_and_its_skills_goes_through_role_update(client, admin_user, project, python):
    role = project.roles.get()
    sql = make_skill("SQL")
    requirement = role.requirements.get()
    client.force_login(admin_user)
    data = _role_form(role, [(requirement.pk, python, 4), (None, sql, 2)], name="Backend engineer")
    response = client.post(_url(ProjectRole, "change", role.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    role.refresh_from_db()
    assert role.name == "Backend engineer"
    assert set(role.requirements.values_list("skill__name", "min_level")) == {("Python", 4), ("SQL", 2)}
    assert _events(project, "project.updated") == 2  # published, then the role changed


def test_role_update_refusals_are_reported(client, admin_user, project, python, member):
    role = project.roles.get()
    client.force_login(admin_user)
    requirement = role.requirements.get()
    data = _role_form(role, [(requirement.pk, python, 3)], hours_per_week=6)
    response = client.post(_url(ProjectRole, "change", role.pk), data, follow=True)
    assert any("hours cannot change" in m for m in _messages(response))
    role.refresh_from_db()
    assert role.hours_per_week == 4
    assert RoleSkill.objects.filter(role=role).count() == 1


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [Project, ProjectRole, Volunteer, Membership, Proposal], ids=lambda m: m.__name__)
def test_changelists_do_not_grow_with_rows(client, admin_user, model):
    client.force_login(admin_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(model, "changelist")).status_code == 200
        return len(captured)

    def add() -> None:
        skill = make_skill("Python")
        project = make_project(owner=UserFactory(role="manager"), roles=[{"name": "Dev", "skills": {skill: 2}}])
        role = project.roles.get()
        person = make_person(skills={skill: 3}, hours=10)
        services.volunteer_set(role_id=role.pk, person=person)
        services.member_invite(project_id=project.pk, role_id=role.pk, person_id=person.pk, actor=project.owner)
        services.proposal_create(project_id=project.pk, actor=project.owner)

    add()
    few = queries()
    for _n in range(5):
        add()
    assert queries() == few
