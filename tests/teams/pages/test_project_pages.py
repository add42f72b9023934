"""The project pages through the Django test client: the whole loop, form errors, access, query counts."""

import pytest
from django.urls import reverse

from accounts.models import Interest
from teams import services
from teams.models import Membership, Project, Proposal
from tests.accounts.factories import SkillFactory
from tests.ideas.factories import make_board, make_idea
from tests.teams.factories import make_person, make_project

pytestmark = pytest.mark.django_db


def test_manager_opens_a_project_adds_a_role_and_publishes(client, manager):
    python = SkillFactory(name="Python")
    client.force_login(manager)
    response = client.post(
        reverse("project_create"), {"title": "Churn dashboard", "goal": "See churn **early**.", "topics": "data viz"}
    )
    project = Project.objects.get(title="Churn dashboard")
    assert response.status_code == 302 and response["Location"] == reverse("role_add", args=[project.pk])
    response = client.post(
        reverse("role_add", args=[project.pk]),
        {"name": "Analyst", "headcount": 2, "hours_per_week": 5, "skill_0": python.pk, "level_0": 3, "level_1": 3,
         "level_2": 3, "level_3": 3, "level_4": 3},
    )  # fmt: skip
    assert response.status_code == 302
    role = project.roles.get()
    assert (role.headcount, role.hours_per_week, list(role.requirements.values_list("skill_id", "min_level"))) == (
        2, 5, [(python.pk, 3)],
    )  # fmt: skip
    client.post(reverse("project_publish", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN
    page = client.get(reverse("project_detail", args=[project.pk]))
    assert b"<strong>early</strong>" in page.content and b"Analyst" in page.content


def test_role_with_zero_hours_is_a_form_error_not_a_crash(client, manager):
    project = make_project(owner=manager, publish=False)
    client.force_login(manager)
    data = {"name": "Ghost", "headcount": 1, "hours_per_week": 0, **{f"level_{i}": 3 for i in range(5)}}
    response = client.post(reverse("role_add", args=[project.pk]), data)
    assert response.status_code == 200
    assert "hours_per_week" in response.context["form"].errors
    assert project.roles.filter(name="Ghost").count() == 0


def test_end_before_start_is_a_form_error(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("project_create"), {"title": "T", "goal": "G", "starts_on": "2026-12-10", "ends_on": "2026-12-01"}
    )
    assert response.status_code == 200 and "ends_on" in response.context["form"].errors
    assert not Project.objects.exists()


def test_employees_cannot_open_projects(client, employee):
    client.force_login(employee)
    assert client.get(reverse("project_create")).status_code == 403


def test_promote_an_idea_prefills_and_links_it(client, manager):
    board = make_board(owner=manager)
    idea = make_idea(board=board, author=manager, title="Self-serve analytics", body="Let people query.")
    client.force_login(manager)
    page = client.get(reverse("project_create") + f"?idea={idea.pk}")
    assert page.context["form"].initial["title"] == "Self-serve analytics"
    client.post(
        reverse("project_create"), {"title": "Self-serve analytics", "goal": "Let people query.", "idea_id": idea.pk}
    )
    assert Project.objects.get().idea_id == idea.pk


def test_open_calls_show_fit_and_reason(client, manager, employee):
    python = SkillFactory(name="Python")
    make_project(owner=manager, title="Data thing", roles=[{"name": "Dev", "skills": {python: 3}}], topics="data viz")
    employee.user_skills.create(skill=python, level=4)
    Interest.objects.create(user=employee, topic="Data viz")
    employee.weekly_availability = 10
    employee.save(update_fields=["weekly_availability"])
    client.force_login(employee)
    page = client.get(reverse("project_list"))
    fit = page.context["page"].object_list[0].best_fit
    assert fit.score > 50
    assert fit.reason == "You have Python 4/5 and want to work on data viz; 10 h free"
    assert "Fits you" in page.content.decode()


def test_volunteer_propose_swap_confirm_accept_shows_on_profile(client, manager):
    python = SkillFactory(name="Python")
    ann = make_person(skills={python: 4}, hours=10, first_name="Ann")
    bob = make_person(skills={python: 3}, hours=10, first_name="Bob")
    cat = make_person(skills={python: 3}, hours=10, first_name="Cat")
    project = make_project(
        owner=manager, roles=[{"name": "Dev", "headcount": 2, "hours_per_week": 4, "skills": {python: 3}}]
    )
    role = project.roles.get()
    for person in (ann, bob):
        client.force_login(person)
        assert (
            client.post(reverse("role_volunteer", args=[role.pk]), {"strength": 3, "note": "Pick me"}).status_code
            == 302
        )
    client.force_login(manager)
    response = client.post(reverse("proposal_create", args=[project.pk]))
    proposal = Proposal.objects.get(project=project)
    assert response["Location"] == reverse("proposal_detail", args=[proposal.pk])
    assert sorted(proposal.assignment[str(role.pk)]) == sorted([ann.pk, bob.pk])
    page = client.get(reverse("proposal_detail", args=[proposal.pk]))
    assert "Pick me" in page.content.decode()
    client.post(
        reverse("proposal_swap", args=[proposal.pk]),
        {"role_id": role.pk, "remove_person_id": bob.pk, "add_person_id": cat.pk},
    )
    proposal.refresh_from_db()
    assert sorted(proposal.assignment[str(role.pk)]) == sorted([ann.pk, cat.pk])
    client.post(reverse("proposal_confirm", args=[proposal.pk]))
    assert set(Membership.objects.values_list("person_id", "status")) == {(ann.pk, "invited"), (cat.pk, "invited")}
    client.force_login(cat)
    membership = Membership.objects.get(person=cat)
    client.post(reverse("membership_respond", args=[membership.pk]), {"answer": "accept"})
    profile = client.get(reverse("person_detail", args=[cat.pk]))
    assert project.title in profile.content.decode()
    project.refresh_from_db()
    assert project.space.memberships.filter(user=cat).exists()


def test_confirm_refused_lists_problems_and_writes_nothing(client, manager):
    python = SkillFactory(name="Python")
    ann = make_person(skills={python: 4}, hours=4)
    project = make_project(owner=manager, roles=[{"name": "Dev", "hours_per_week": 4, "skills": {python: 3}}])
    other = make_project(owner=manager, roles=[{"name": "Dev", "hours_per_week": 4, "skills": {python: 3}}])
    proposal = services.proposal_create(project_id=project.pk, actor=manager)
    services.member_invite(project_id=other.pk, role_id=other.roles.get().pk, person_id=ann.pk, actor=manager)
    client.force_login(manager)
    response = client.post(reverse("proposal_confirm", args=[proposal.pk]), follow=True)
    assert response.status_code == 200
    assert "has 0 h a week free" in response.content.decode()
    assert not Membership.objects.filter(project=project).exists()


def test_drafts_are_hidden_from_employees_and_guests_see_nothing(client, manager, employee):
    draft = make_project(owner=manager, publish=False)
    client.force_login(employee)
    assert client.get(reverse("project_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("round_list")).status_code == 404


def test_admin_runs_a_round_and_sees_the_summary(client, manager, admin_user, django_capture_on_commit_callbacks):
    python = SkillFactory(name="Python")
    for _ in range(4):
        make_person(skills={python: 4}, hours=8)
    first = make_project(owner=manager, roles=[{"name": "Dev", "hours_per_week": 8, "skills": {python: 3}}])
    second = make_project(owner=manager, roles=[{"name": "Dev", "hours_per_week": 8, "skills": {python: 3}}])
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("round_list"), {"project_ids": [first.pk, second.pk], "solver": "heuristic"})
    page = client.get(response["Location"])
    assert page.context["round"].status == "done"
    assert page.context["round"].summary["filled"] == 2
    proposals = Proposal.objects.filter(round=page.context["round"])
    seated = [p for proposal in proposals for people in proposal.assignment.values() for p in people]
    assert len(seated) == len(set(seated)) == 2  # nobody counted on twice


@pytest.mark.parametrize("projects", [2, 12])
def test_project_list_query_count_does_not_grow(client, manager, employee, django_assert_num_queries, projects):
    python = SkillFactory(name="Python")
    for _ in range(projects):
        make_project(owner=manager, roles=[{"name": "A", "skills": {python: 3}}, {"name": "B"}])
    client.force_login(employee)
    # session, user, the page's COUNT, the person's skills, interests and booked hours (the fit),
    # projects (+owner), their roles with seat and volunteer counts, the roles' required skills
    with django_assert_num_queries(9):
        client.get(reverse("project_list"))


@pytest.mark.parametrize("people", [2, 12])
def test_project_page_query_count_does_not_grow(client, manager, django_assert_num_queries, people):
    python = SkillFactory(name="Python")
    project = make_project(owner=manager, roles=[{"name": "A", "headcount": 20, "skills": {python: 3}}])
    role = project.roles.get()
    for _ in range(people):
        person = make_person(skills={python: 4})
        services.volunteer_set(role_id=role.pk, person=person)
    client.force_login(manager)
    # session, user, the topic's position, the project (+owner, idea, space), its roles with
    # counts, required skills, live members (+person), volunteers (+person), the latest draft
    with django_assert_num_queries(9):
        client.get(reverse("project_detail", args=[project.pk]))
    client.force_login(person)
    # the same, without the draft, with the person's skills, interests and booked hours (the fit)
    with django_assert_num_queries(11):
        client.get(reverse("project_detail", args=[project.pk]))


def test_idea_page_offers_promotion_then_links_the_project(client, manager, employee):
    board = make_board(owner=manager)
    idea = make_idea(board=board, author=employee)
    client.force_login(manager)
    page = client.get(reverse("idea_detail", args=[idea.pk])).content.decode()
    assert f"/projects/new/?idea={idea.pk}" in page
    project = make_project(owner=manager, idea_id=idea.pk, title="From the idea")
    client.force_login(employee)
    page = client.get(reverse("idea_detail", args=[idea.pk])).content.decode()
    assert reverse("project_detail", args=[project.pk]) in page and "/projects/new/" not in page


@pytest.mark.parametrize("seats", [2, 12])
def test_your_teams_page_query_count_does_not_grow(client, manager, django_assert_num_queries, seats):
    person = make_person(hours=60)
    for _ in range(seats):
        project = make_project(owner=manager, roles=[{"name": "A", "hours_per_week": 2}])
        services.member_invite(
            project_id=project.pk, role_id=project.roles.get().pk, person_id=person.pk, actor=manager
        )
    client.force_login(person)
    # session, user, the seats (+project, role, inviter), the volunteering (+role, project), booked hours
    with django_assert_num_queries(5):
        response = client.get(reverse("team_invitations"))
    assert len(response.context["invitations"]) == seats


@pytest.mark.parametrize("rounds", [2, 12])
def test_round_list_query_count_does_not_grow(client, manager, admin_user, django_assert_num_queries, rounds):
    from teams.models import FormationRound

    project = make_project(owner=manager)
    for _ in range(rounds):
        FormationRound.objects.create(created_by=admin_user, status="done").projects.add(project)
    client.force_login(admin_user)
    # session, user, the open projects with roles (+owner), the rounds (+starter, project count)
    with django_assert_num_queries(4):
        client.get(reverse("round_list"))
