"""Opening, editing, publishing and closing projects, and the rules of their roles."""

from datetime import date

import pytest

from accounts.models import Skill
from collab.exceptions import Forbidden, NotFound
from ideas import services as idea_services
from teams import services
from teams.models import Membership, Project, ProjectRole, RoleSkill
from teams.selectors import free_hours_for
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_idea
from tests.teams.factories import make_person, make_project, make_skill

pytestmark = pytest.mark.django_db


def _role(name="Developer", hours=4, headcount=1, skills=()):
    """A role as `project_create` takes it."""
    return {"name": name, "hours_per_week": hours, "headcount": headcount, "skills": list(skills)}


def _spec(name="Developer", hours=4, headcount=1):
    """A role as `make_project` takes it."""
    return {"name": name, "hours_per_week": hours, "headcount": headcount}


# --- create ---------------------------------------------------------------------------------------


def test_project_create_with_roles_is_a_draft_with_ordered_roles_and_skills(manager):
    python, sql = make_skill("Python"), make_skill("SQL")
    project = services.project_create(
        owner=manager,
        title="  Data portal ",
        goal="Make *data* findable.",
        topics="data viz, onboarding",
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 3, 1),
        roles=[
            _role("Backend", 6, 2, [{"skill_id": python.pk, "min_level": 4}, {"skill_id": sql.pk}]),
            _role("Designer", 3),
        ],
    )
    assert (project.title, project.status, project.owner, project.published_at) == (
        "Data portal",
        Project.Status.DRAFT,
        manager,
        None,
    )
    assert project.goal_html == "<p>Make <em>data</em> findable.</p>\n"
    assert project.topic_list == ["data viz", "onboarding"]
    roles = list(project.roles.all())
    assert [(r.name, r.headcount, r.hours_per_week, r.position) for r in roles] == [
        ("Backend", 2, 6, 1),
        ("Designer", 1, 3, 2),
    ]
    assert sorted(roles[0].requirements.values_list("skill__name", "min_level")) == [("Python", 4), ("SQL", 3)]
    assert not roles[1].requirements.exists()


@pytest.mark.parametrize("role", ["employee", "guest"])
def test_only_managers_open_projects(role):
    person = UserFactory(role=role)
    with pytest.raises(Forbidden):
        services.project_create(owner=person, title="Mine", goal="Mine.")
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 161}, "title"),
        ({"goal": ""}, "goal"),
        ({"topics": "t" * 301}, "topics"),
        ({"starts_on": date(2027, 5, 2), "ends_on": date(2027, 5, 1)}, "ends_on"),
    ],
)
def test_project_create_names_the_bad_field(manager, changes, field):
    kwargs = {"owner": manager, "title": "Fine title", "goal": "A goal.", **changes}
    with pytest.raises(services.InvalidProject) as exc:
        services.project_create(**kwargs)
    assert exc.value.field == field
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("role", "field"),
    [
        (_role(hours=0), "roles[0].hours_per_week"),
        (_role(hours=61), "roles[0].hours_per_week"),
        (_role(hours="lots"), "roles[0].hours_per_week"),
        (_role(headcount=0), "roles[0].headcount"),
        (_role(headcount=51), "roles[0].headcount"),
        (_role(name=" "), "roles[0].name"),
        (_role(skills=[{"skill_id": 987654, "min_level": 3}]), "roles[0].skills[0].skill_id"),
        (_role(skills=[{"skill_id": "python"}]), "roles[0].skills[0].skill_id"),
    ],
)
def test_bad_role_in_project_create_names_the_role_and_field_and_writes_nothing(manager, role, field):
    with pytest.raises(services.InvalidRole) as exc:
        services.project_create(owner=manager, title="Roles", goal="Roles.", roles=[role])
    assert exc.value.field == field
    assert not Project.objects.exists() and not ProjectRole.objects.exists()


def test_zero_hours_role_is_refused_with_the_reason(manager):
    with pytest.raises(services.InvalidRole) as exc:
        services.project_create(owner=manager, title="Roles", goal="Roles.", roles=[_role(hours=0)])
    assert "no hours" in exc.value.message


def test_second_bad_role_is_named_by_its_index(manager):
    skill = make_skill("Python")
    roles = [_role("Fine"), _role("Twice", skills=[{"skill_id": skill.pk}, {"skill_id": skill.pk, "min_level": 5}])]
    with pytest.raises(services.InvalidRole) as exc:
        services.project_create(owner=manager, title="Roles", goal="Roles.", roles=roles)
    assert exc.value.field == "roles[1].skills"
    assert not Project.objects.exists()


def test_skill_level_outside_1_to_5_is_refused(manager):
    skill = make_skill("Python")
    with pytest.raises(services.InvalidRole) as exc:
        services.project_create(
            owner=manager, title="Roles", goal="Roles.", roles=[_role(skills=[{"skill_id": skill.pk, "min_level": 6}])]
        )
    assert exc.value.field == "roles[0].skills[0].min_level"


# --- promote from an idea -------------------------------------------------------------------------


def test_project_promoted_from_an_idea_links_it(manager, employee):
    board = make_board(owner=manager)
    idea = make_idea(board=board, author=employee, title="Mentoring circles")
    project = services.project_create(owner=manager, title="Mentoring", goal="Circles.", idea_id=idea.pk)
    assert project.idea == idea
    assert idea.project == project


def test_an_idea_promoted_once_is_refused_the_second_time(manager, employee):
    board = make_board(owner=manager)
    idea = make_idea(board=board, author=employee)
    services.project_create(owner=manager, title="First", goal="One.", idea_id=idea.pk)
    with pytest.raises(services.InvalidProject) as exc:
        services.project_create(owner=manager, title="Second", goal="Two.", idea_id=idea.pk)
    assert exc.value.field == "idea_id"
    assert Project.objects.count() == 1


def test_a_merged_idea_is_refused(manager, employee):
    board = make_board(owner=manager)
    original, duplicate = make_idea(board=board, author=employee), make_idea(board=board, author=employee)
    idea_services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    with pytest.raises(services.InvalidProject) as exc:
        services.project_create(owner=manager, title="Dup", goal="Dup.", idea_id=duplicate.pk)
    assert (exc.value.field, "merged" in exc.value.message) == ("idea_id", True)


def test_a_missing_idea_is_refused(manager):
    with pytest.raises(services.InvalidProject) as exc:
        services.project_create(owner=manager, title="None", goal="None.", idea_id=987654)
    assert exc.value.field == "idea_id"


# --- update / publish / close -------------------------------------------------------------------


def test_project_update_changes_fields_and_renders_the_goal(manager):
    project = make_project(owner=manager, publish=False)
    project = services.project_update(
        project_id=project.pk, actor=manager, title="Renamed", goal="**Bold** goal", topics="a, b"
    )
    project.refresh_from_db()
    assert (project.title, project.topics) == ("Renamed", "a, b")
    assert project.goal_html == "<p><strong>Bold</strong> goal</p>\n"


def test_project_update_refuses_end_before_start_and_unknown_fields(manager):
    project = make_project(owner=manager, publish=False, starts_on=date(2027, 2, 1))
    with pytest.raises(services.InvalidProject) as exc:
        services.project_update(project_id=project.pk, actor=manager, ends_on=date(2027, 1, 1))
    assert exc.value.field == "ends_on"
    with pytest.raises(services.InvalidProject) as exc:
        services.project_update(project_id=project.pk, actor=manager, status="open")
    assert exc.value.field == "status"
    project.refresh_from_db()
    assert (project.ends_on, project.status) == (None, Project.Status.DRAFT)


def test_non_managers_cannot_change_a_project(manager, employee):
    other_manager = UserFactory(role="manager")
    draft = make_project(owner=manager, publish=False)
    open_ = make_project(owner=manager)
    with pytest.raises(NotFound):  # a draft is hidden from them
        services.project_update(project_id=draft.pk, actor=employee, title="Mine")
    for actor in (employee, other_manager):
        with pytest.raises(Forbidden):
            services.project_update(project_id=open_.pk, actor=actor, title="Mine")
        with pytest.raises(Forbidden):
            services.role_add(project_id=open_.pk, actor=actor, name="Extra", hours_per_week=2)
        with pytest.raises(Forbidden):
            services.project_close(project_id=open_.pk, actor=actor)
    open_.refresh_from_db()
    assert (open_.title, open_.status, open_.roles.count()) != ("Mine", Project.Status.CLOSED, 2)
    assert open_.roles.count() == 1 and open_.status == Project.Status.OPEN


def test_admins_manage_any_project(manager, admin_user):
    project = make_project(owner=manager, publish=False)
    services.project_update(project_id=project.pk, actor=admin_user, title="By the admin")
    services.project_publish(project_id=project.pk, actor=admin_user)
    project.refresh_from_db()
    assert (project.title, project.status) == ("By the admin", Project.Status.OPEN)


def test_publish_without_roles_is_refused(manager):
    project = make_project(owner=manager, roles=[], publish=False)
    with pytest.raises(services.InvalidProject) as exc:
        services.project_publish(project_id=project.pk, actor=manager)
    assert exc.value.field == "roles"
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT


def test_publish_opens_the_call_once(manager):
    project = make_project(owner=manager, publish=False)
    project = services.project_publish(project_id=project.pk, actor=manager)
    assert project.status == Project.Status.OPEN and project.published_at is not None
    with pytest.raises(services.ProjectNotOpen):
        services.project_publish(project_id=project.pk, actor=manager)


def test_close_lapses_invitations_and_frees_hours(manager):
    project = make_project(owner=manager, roles=[_spec("Dev", hours=6, headcount=2)])
    role = project.roles.get()
    member, invited = make_person(hours=10), make_person(hours=10)
    seat = services.member_invite(project_id=project.pk, role_id=role.pk, person_id=member.pk, actor=manager)
    services.membership_respond(membership_id=seat.pk, user=member, accept=True)
    pending = services.member_invite(project_id=project.pk, role_id=role.pk, person_id=invited.pk, actor=manager)
    assert (free_hours_for(member), free_hours_for(invited)) == (4, 4)

    closed = services.project_close(project_id=project.pk, actor=manager)

    assert closed.status == Project.Status.CLOSED and closed.closed_at is not None
    pending.refresh_from_db()
    seat.refresh_from_db()
    assert (pending.status, seat.status) == (Membership.Status.DECLINED, Membership.Status.ACCEPTED)
    assert pending.responded_at is not None
    assert (free_hours_for(member), free_hours_for(invited)) == (10, 10)
    # Closing again changes nothing; a closed project takes no edits or roles.
    assert services.project_close(project_id=project.pk, actor=manager).closed_at == closed.closed_at
    with pytest.raises(services.ProjectNotOpen):
        services.project_update(project_id=project.pk, actor=manager, title="Again")
    with pytest.raises(services.ProjectNotOpen):
        services.role_add(project_id=project.pk, actor=manager, name="Late", hours_per_week=2)


# --- roles ----------------------------------------------------------------------------------------


def test_role_add_appends_with_skills(manager):
    project = make_project(owner=manager)
    skill = make_skill("Figma")
    role = services.role_add(
        project_id=project.pk,
        actor=manager,
        name="Designer",
        hours_per_week=5,
        headcount=3,
        skills=[{"skill_id": skill.pk, "min_level": 2}],
    )
    assert (role.position, role.headcount, role.hours_per_week) == (2, 3, 5)
    assert list(role.requirements.values_list("skill__name", "min_level")) == [("Figma", 2)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"hours_per_week": None}, "hours_per_week"),
        ({"headcount": 0}, "headcount"),
        ({"headcount": 51}, "headcount"),
        ({"skills": [{"skill_id": 987654}]}, "skills[0].skill_id"),
        ({"description": "d" * 2001}, "description"),
    ],
)
def test_role_add_refuses_bad_input_with_the_field(manager, kwargs, field):
    project = make_project(owner=manager)
    with pytest.raises(services.InvalidRole) as exc:
        services.role_add(project_id=project.pk, actor=manager, **{"name": "Role", "hours_per_week": 3, **kwargs})
    assert exc.value.field == field
    assert project.roles.count() == 1


def test_role_add_refuses_a_duplicate_skill(manager):
    project = make_project(owner=manager)
    skill = make_skill("Go")
    with pytest.raises(services.InvalidRole) as exc:
        services.role_add(
            project_id=project.pk,
            actor=manager,
            name="Role",
            hours_per_week=3,
            skills=[{"skill_id": skill.pk, "min_level": 2}, {"skill_id": skill.pk, "min_level": 4}],
        )
    assert exc.value.field == "skills"
    assert not RoleSkill.objects.filter(skill=skill).exists()


def test_role_update_changes_fields_and_replaces_skills(manager):
    project = make_project(owner=manager, roles=[{"name": "Dev", "skills": {"Python": 3}}])
    role = project.roles.get()
    rust = make_skill("Rust")
    role = services.role_update(
        role_id=role.pk, actor=manager, name="Rustacean", headcount=2, skills=[{"skill_id": rust.pk, "min_level": 4}]
    )
    role.refresh_from_db()
    assert (role.name, role.headcount) == ("Rustacean", 2)
    assert list(role.requirements.values_list("skill__name", "min_level")) == [("Rust", 4)]
    assert Skill.objects.filter(name="Python").exists()  # the skill itself stays


def test_role_update_refuses_fewer_seats_than_people_and_new_hours_while_seated(manager):
    project = make_project(owner=manager, roles=[_spec("Dev", hours=4, headcount=2)])
    role = project.roles.get()
    for person in (make_person(), make_person()):
        services.member_invite(project_id=project.pk, role_id=role.pk, person_id=person.pk, actor=manager)
    with pytest.raises(services.InvalidRole) as exc:
        services.role_update(role_id=role.pk, actor=manager, headcount=1)
    assert exc.value.field == "headcount"
    with pytest.raises(services.InvalidRole) as exc:
        services.role_update(role_id=role.pk, actor=manager, hours_per_week=5)
    assert exc.value.field == "hours_per_week"
    with pytest.raises(services.InvalidRole) as exc:
        services.role_update(role_id=role.pk, actor=manager, colour="blue")
    assert exc.value.field == "colour"
    role.refresh_from_db()
    assert (role.headcount, role.hours_per_week) == (2, 4)


def test_role_update_by_a_non_manager_is_refused(manager, employee):
    project = make_project(owner=manager)
    with pytest.raises(Forbidden):
        services.role_update(role_id=project.roles.get().pk, actor=employee, name="Mine")
    with pytest.raises(NotFound):
        services.role_update(role_id=987654, actor=manager, name="Gone")


def test_role_remove_only_while_nobody_was_invited(manager):
    project = make_project(owner=manager, roles=[_spec("Kept"), _spec("Dropped")])
    kept, dropped = project.roles.all()
    person = make_person()
    seat = services.member_invite(project_id=project.pk, role_id=kept.pk, person_id=person.pk, actor=manager)
    services.membership_respond(membership_id=seat.pk, user=person, accept=False)
    services.role_remove(role_id=dropped.pk, actor=manager)
    with pytest.raises(services.InvalidRole):
        services.role_remove(role_id=kept.pk, actor=manager)  # a declined seat still keeps the record
    assert list(project.roles.values_list("name", flat=True)) == ["Kept"]
