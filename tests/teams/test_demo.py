"""The demo projects: the plan alone, then the loader: counts, idempotency, what the services left
(spaces, proposals, events), and what the demo logins see: the employee has fits and one invitation.

Only "small" is loaded here; "large" is the same code with generated projects and is timed by hand.
"""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.demo import company
from accounts.demo.seed import seed_demo
from accounts.models import User
from collab.realtime.models import Event
from ideas.demo.seed import ideas_seed
from teams import services
from teams.demo import data
from teams.demo.seed import projects_plan, teams_seed
from teams.models import Membership, Project, ProjectRole, Proposal, RoleSkill, Volunteer
from teams.selectors import (
    membership_list_for_person,
    membership_list_for_user,
    project_list_for_user,
    projects_with_fit,
)
from threads.models import Space, SpaceMembership

SMALL = {
    "projects": 8,
    "open": 6,
    "draft": 1,
    "closed": 1,
    "roles": 22,
    "volunteers": 25,
    "teams": 1,
    "invited": 1,
    "spaces": 2,
}

TABLES = {
    Project: ("id", "title", "status", "owner_id", "idea_id", "space_id", "created_at", "published_at", "closed_at"),
    ProjectRole: ("id", "project_id", "name", "headcount", "hours_per_week"),
    RoleSkill: ("id", "role_id", "skill_id", "min_level"),
    Volunteer: ("id", "role_id", "person_id", "strength", "note", "created_at"),
    Membership: ("id", "project_id", "role_id", "person_id", "status", "invited_at", "responded_at"),
    Proposal: ("id", "project_id", "status", "assignment"),
    Space: ("id", "slug"),
    SpaceMembership: ("id", "space_id", "user_id"),
    Event: ("id",),
}


def snapshot() -> dict[str, list[tuple]]:
    return {model.__name__: sorted(model.objects.values_list(*fields), key=repr) for model, fields in TABLES.items()}


@pytest.fixture
def small(db):
    seed_demo(size="small")
    ideas_seed(size="small")
    return teams_seed(size="small")


# --- the plan, without the database -----------------------------------------------------------------


def test_plan_is_deterministic_and_small_is_the_start_of_large():
    small, large = projects_plan(size="small"), projects_plan(size="large")
    assert projects_plan(size="large") == large
    assert large[: len(small)] == small  # the same projects and the same number of volunteers
    assert (len(small), len(large)) == (8, 60)
    assert len({p.spec.title for p in large}) == 60
    assert [p.spec for p in projects_plan(size="large", seed=7)] != [p.spec for p in large]


@pytest.mark.parametrize("size", ["small", "large"])
def test_plan_follows_the_rules_of_the_services(size):
    skills = set(company.SKILL_NAMES)
    plan = projects_plan(size=size)
    for planned in plan:
        spec = planned.spec
        assert spec.state in {"open", "draft", "team", "closed"}
        assert 2 <= len(spec.roles) <= 3 and len(spec.title) <= 160
        for role in spec.roles:
            assert 1 <= role.headcount <= 3 and 2 <= role.hours_per_week <= 10
            assert role.skills and all(name in skills and 2 <= level <= 4 for name, level in role.skills)
            assert len({name for name, _level in role.skills}) == len(role.skills)
        if spec.state == "draft":
            assert not any(planned.volunteers)
    volunteers = sum(sum(p.volunteers) for p in plan) + len(data.EMPLOYEE_VOLUNTEERS)
    assert volunteers == {"small": 25, "large": 600}[size]
    states = Counter(p.spec.state for p in plan)
    assert states["team"] >= 1 and states["closed"] >= 1 and states["draft"] >= 1


# --- the loader ----------------------------------------------------------------------------------------


def test_small_counts(small):
    assert {key: small[key] for key in SMALL} == SMALL
    assert small["projects_created"] == 8 and small["volunteers_created"] == 25
    assert small["members"] >= 2 and small["past_members"] >= 2
    assert Project.objects.count() == 8
    assert Volunteer.objects.filter(withdrawn_at__isnull=True).count() == 25
    owners = set(Project.objects.values_list("owner__role", flat=True))
    assert owners == {"manager"}


def test_seeding_twice_writes_nothing(small):
    before = snapshot()
    again = teams_seed(size="small")
    assert snapshot() == before
    assert (again["projects_created"], again["volunteers_created"], again["seats_created"]) == (0, 0, 0)
    assert {key: again[key] for key in SMALL} == SMALL


def test_every_project_was_made_by_the_services(small):
    for project in Project.objects.all():
        assert project.goal_html.startswith("<p>")
        assert project.roles.exists() and RoleSkill.objects.filter(role__project=project).exists()
        events = set(Event.objects.filter(topic_id=f"project.{project.pk}").values_list("type", flat=True))
        if project.status == Project.Status.DRAFT:
            assert project.published_at is None and not events
        else:
            assert project.published_at is not None and "project.updated" in events
            assert "volunteer.changed" in events
    draft = Project.objects.get(status=Project.Status.DRAFT)
    assert draft.owner.username == "manager"
    promoted = Project.objects.get(idea__isnull=False)
    assert promoted.idea.title == promoted.title == "Flaky test dashboard"


def test_the_confirmed_team_has_members_one_invitation_and_a_private_space(small):
    proposal = Proposal.objects.get(status=Proposal.Status.CONFIRMED)
    project = proposal.project
    assert project.status == Project.Status.OPEN
    seats = Counter(project.memberships.values_list("status", flat=True))
    assert seats[Membership.Status.INVITED] == 1 and seats[Membership.Status.ACCEPTED] >= 2
    assert project.space.visibility == Space.Visibility.PRIVATE
    members = set(SpaceMembership.objects.filter(space=project.space).values_list("user_id", flat=True))
    accepted = set(project.memberships.filter(status="accepted").values_list("person_id", flat=True))
    assert members == accepted | {project.owner_id}
    events = Counter(Event.objects.filter(topic_id=f"project.{project.pk}").values_list("type", flat=True))
    assert events["team.member_invited"] == sum(seats.values())
    assert events["team.member_joined"] == seats[Membership.Status.ACCEPTED]
    # The demo logins other than the invited employee are never seated at random.
    personas = {"manager", "moderator", "admin", "guest"}
    assert not Membership.objects.filter(person__username__in=personas).exists()


def test_the_closed_project_keeps_its_past_team(small, employee):
    project = Project.objects.get(status=Project.Status.CLOSED)
    assert project.created_at < project.published_at < project.closed_at < timezone.now()
    assert abs((project.closed_at.date() - project.ends_on).days) <= 1  # it ran until its end date
    past = project.memberships.filter(status=Membership.Status.ACCEPTED).select_related("person")
    assert past.count() >= 2
    assert not project.memberships.filter(status=Membership.Status.INVITED).exists()
    person = past[0].person
    assert project in [m.project for m in membership_list_for_person(person=person, viewer=employee)]


def test_the_demo_employee_sees_fits(small):
    employee = User.objects.get(username="employee")
    projects = projects_with_fit(project_list_for_user(user=employee, status=Project.Status.OPEN), employee)
    assert len(projects) == 6
    best = {p.title: p.best_fit for p in projects}
    fit = best["Kubernetes cost dashboard"]
    assert {name for name, _level, _minimum in fit.has} == {"Kubernetes", "Go"}
    assert "cost optimization" in fit.wants
    assert fit.score == max(f.score for f in best.values()) and fit.score >= 40


def test_the_demo_employee_has_one_pending_invitation(small, client):
    employee = User.objects.get(username="employee")
    (invitation,) = membership_list_for_user(user=employee).filter(status=Membership.Status.INVITED)
    assert invitation.project.title == "Flaky test dashboard" and invitation.from_volunteer
    assert invitation.role.name == "Test automation engineer"
    client.force_login(employee)
    assert "Flaky test dashboard" in client.get(reverse("team_invitations")).content.decode()
    services.membership_respond(membership_id=invitation.pk, user=employee, accept=True)
    assert SpaceMembership.objects.filter(space=invitation.project.space, user=employee).exists()


def test_command_prints_the_projects_line(db):
    out = StringIO()
    call_command("seed_demo", "--size", "small", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "Projects: 8 (6 open, 1 draft, 1 closed), 22 roles, 25 volunteers, 1 with a confirmed team (4 members, "
        "1 invited), 4 people in past teams."
    )
