"""Who sees which project, seat and proposal; and list reads whose query count does not grow
with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Interest
from collab.exceptions import NotFound
from teams import services
from teams.selectors import (
    membership_get_for_user,
    membership_list_for_person,
    membership_list_for_user,
    project_detail_for_user,
    project_get_for_user,
    project_list_for_user,
    projects_with_fit,
    proposal_get_for_user,
    round_get_for_user,
    round_list_for_user,
    user_can_see_project,
)
from tests.accounts.factories import UserFactory
from tests.teams.factories import make_person, make_project, make_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(manager, employee, admin_user):
    return {
        "owner": manager,
        "employee": employee,
        "other_manager": UserFactory(role="manager"),
        "admin": admin_user,
        "guest": UserFactory(role="guest"),
    }


@pytest.mark.parametrize(
    ("status", "who", "sees"),
    [
        ("draft", "owner", True),
        ("draft", "admin", True),
        ("draft", "employee", False),
        ("draft", "other_manager", False),
        ("draft", "guest", False),
        ("open", "owner", True),
        ("open", "employee", True),
        ("open", "other_manager", True),
        ("open", "guest", False),
        ("closed", "employee", True),
        ("closed", "guest", False),
    ],
)
def test_project_visibility(people, status, who, sees):
    project = make_project(owner=people["owner"], publish=status != "draft")
    if status == "closed":
        services.project_close(project_id=project.pk, actor=people["owner"])
    user = people[who]
    assert user_can_see_project(user=user, project=project) is sees
    assert (project in project_list_for_user(user=user)) is sees
    if sees:
        assert project_get_for_user(project_id=project.pk, user=user) == project
    else:
        with pytest.raises(NotFound):
            project_get_for_user(project_id=project.pk, user=user)


def test_missing_and_malformed_ids_are_not_found(employee):
    for project_id in (987654, "abc", None):
        with pytest.raises(NotFound):
            project_get_for_user(project_id=project_id, user=employee)


def test_list_filters(manager, employee):
    mine = make_project(owner=manager, title="Garden club", topics="plants")
    other = make_project(owner=UserFactory(role="manager"), title="Office move")
    draft = make_project(owner=manager, title="Secret garden", publish=False)
    assert set(project_list_for_user(user=manager, q="garden")) == {mine, draft}
    assert set(project_list_for_user(user=manager, owned=True)) == {mine, draft}
    assert set(project_list_for_user(user=manager, status="open")) == {mine, other}
    assert set(project_list_for_user(user=employee, q="PLANTS")) == {mine}


def test_seats_and_proposals_are_for_the_person_and_the_managers(manager, employee, admin_user):
    project = make_project(owner=manager)
    person = make_person()
    seat = services.member_invite(
        project_id=project.pk, role_id=project.roles.get().pk, person_id=person.pk, actor=manager
    )
    for user in (person, manager, admin_user):
        assert membership_get_for_user(membership_id=seat.pk, user=user) == seat
    with pytest.raises(NotFound):
        membership_get_for_user(membership_id=seat.pk, user=employee)
    assert list(membership_list_for_user(user=person)) == [seat]
    proposal = services.proposal_create(project_id=project.pk, actor=manager)
    assert proposal_get_for_user(proposal_id=proposal.pk, user=admin_user) == proposal
    for user in (employee, person):
        with pytest.raises(NotFound):
            proposal_get_for_user(proposal_id=proposal.pk, user=user)


def test_rounds_are_for_admins(manager, admin_user):
    make_project(owner=manager)
    formation_round = services.round_start(actor=admin_user)
    assert round_get_for_user(round_id=formation_round.pk, user=admin_user) == formation_round
    assert list(round_list_for_user(user=admin_user)) == [formation_round]
    assert round_list_for_user(user=admin_user).get().project_count == 1
    with pytest.raises(NotFound):
        round_get_for_user(round_id=formation_round.pk, user=manager)
    assert list(round_list_for_user(user=manager)) == []


def test_a_profile_shows_accepted_teams_the_viewer_may_see(manager, employee):
    person = make_person(hours=20)
    seen = make_project(owner=manager, title="Seen")
    invited_only = make_project(owner=manager, title="Invited only")
    for project, accept in ((seen, True), (invited_only, None)):
        seat = services.member_invite(
            project_id=project.pk, role_id=project.roles.get().pk, person_id=person.pk, actor=manager
        )
        if accept:
            services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    guest = UserFactory(role="guest")
    assert [m.project.title for m in membership_list_for_person(person=person, viewer=employee)] == ["Seen"]
    assert list(membership_list_for_person(person=person, viewer=guest)) == []


# --- query counts ---------------------------------------------------------------------------------


def _populate(manager, count: int) -> None:
    """`count` open projects, each with two roles needing skills, a member and a volunteer."""
    python, sql = make_skill("Python"), make_skill("SQL")
    for _ in range(count):
        project = make_project(
            owner=manager,
            topics="data viz",
            roles=[
                {"name": "Dev", "hours_per_week": 2, "headcount": 2, "skills": {python: 3, sql: 2}},
                {"name": "Analyst", "hours_per_week": 2, "skills": {sql: 4}},
            ],
        )
        dev, analyst = project.roles.all()
        member = make_person(hours=4)
        services.member_invite(project_id=project.pk, role_id=dev.pk, person_id=member.pk, actor=manager)
        services.volunteer_set(role_id=analyst.pk, person=make_person(), strength=2)


def _count(read) -> int:
    with CaptureQueriesContext(connection) as ctx:
        read()
    return len(ctx.captured_queries)


def _list_with_fit(viewer):
    projects = projects_with_fit(project_list_for_user(user=viewer), viewer)
    for project in projects:
        for role in project.roles.all():
            read = [role.live_count, role.accepted_count, role.volunteer_count, role.fit.reason]
            read += [req.skill.name for req in role.requirements.all()]
        read.append(project.owner.display_name)
    return projects


@pytest.fixture
def viewer():
    person = make_person(skills={"Python": 4}, hours=6)
    Interest.objects.create(user=person, topic="Data viz")
    return person


@pytest.mark.parametrize("rows", [2, 20])
def test_project_list_with_fit_costs_six_queries_whatever_the_rows(manager, viewer, rows, django_assert_num_queries):
    _populate(manager, rows)
    # projects + owner; roles with counts; required skills with the skill; the viewer's skills;
    # their interests; their booked hours
    with django_assert_num_queries(6):
        assert len(_list_with_fit(viewer)) == rows


@pytest.mark.parametrize("roles", [2, 20])
def test_project_detail_costs_five_queries_whatever_the_roles(manager, roles, django_assert_num_queries):
    project = make_project(
        owner=manager, roles=[{"name": f"Role {i}", "hours_per_week": 1, "skills": {"Python": 2}} for i in range(roles)]
    )
    for role in project.roles.all():
        services.member_invite(project_id=project.pk, role_id=role.pk, person_id=make_person(hours=2).pk, actor=manager)
        services.volunteer_set(role_id=role.pk, person=make_person(), strength=1)
    # the project (access filter built in) + owner, idea, space; roles with counts; required
    # skills; live members with the person; active volunteers with the person
    with django_assert_num_queries(5):
        detail = project_detail_for_user(project_id=project.pk, user=manager)
        for role in detail.roles.all():
            assert len(role.live_members) == 1 and len(role.active_volunteers) == 1
            [m.person.display_name for m in role.live_members]
            [v.person.display_name for v in role.active_volunteers]
            [r.skill.name for r in role.requirements.all()]
        assert detail.owner.display_name and detail.space
    assert len(detail.roles.all()) == roles


@pytest.mark.parametrize("teams", [2, 20])
def test_membership_list_for_person_costs_one_query(manager, employee, teams, django_assert_num_queries):
    person = make_person(hours=teams)
    for _ in range(teams):
        project = make_project(owner=manager, roles=[{"name": "Seat", "hours_per_week": 1}])
        seat = services.member_invite(
            project_id=project.pk, role_id=project.roles.get().pk, person_id=person.pk, actor=manager
        )
        services.membership_respond(membership_id=seat.pk, user=person, accept=True)
    with django_assert_num_queries(1):  # seats + project + role
        seats = list(membership_list_for_person(person=person, viewer=employee))
        [(m.project.title, m.role.name) for m in seats]
    assert len(seats) == teams


def test_list_costs_are_the_same_for_2_and_20_rows(manager, viewer):
    _populate(manager, 2)
    small = _count(lambda: _list_with_fit(viewer))
    _populate(manager, 18)
    assert _count(lambda: _list_with_fit(viewer)) == small
