"""Proposed teams for one project: what the optimizer seats and why, a manager's swaps, and
confirming (which invites people, all or nothing)."""

import pytest
from django.db.models import Sum

from accounts.models import Interest
from accounts.services import user_deactivate
from collab.exceptions import Forbidden, NotFound
from teams import services
from teams.models import Membership, Proposal
from tests.accounts.factories import UserFactory
from tests.teams.factories import make_person, make_project, make_skill
from threads.models import SpaceMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager):
    """Backend (Python 3, SQL 2; 2 seats of 4 h), Rust dev (Rust 4: nobody has it), Ops
    (Kubernetes 3: only Dora, who has no free hours). Alice volunteered eagerly for Backend."""
    py, sql, rust, k8s = (make_skill(n) for n in ("Python", "SQL", "Rust", "Kubernetes"))
    project = make_project(
        owner=manager,
        title="Atlas",
        topics="Data viz",
        roles=[
            {"name": "Backend", "hours_per_week": 4, "headcount": 2, "skills": {py: 3, sql: 2}},
            {"name": "Rust dev", "hours_per_week": 4, "skills": {rust: 4}},
            {"name": "Ops", "hours_per_week": 4, "skills": {k8s: 3}},
        ],
    )
    backend, rust_dev, ops = project.roles.all()
    alice = make_person(skills={py: 4, sql: 3}, hours=10, first_name="Alice")
    bob = make_person(skills={py: 3}, hours=8, first_name="Bob")
    carl = make_person(skills={rust: 2}, hours=10, first_name="Carl")
    dora = make_person(skills={k8s: 5}, hours=0, first_name="Dora")
    Interest.objects.create(user=alice, topic="data viz")
    services.volunteer_set(role_id=backend.pk, person=alice, note="Pick me", strength=3)
    return {
        "project": project,
        "backend": backend,
        "rust_dev": rust_dev,
        "ops": ops,
        "alice": alice,
        "bob": bob,
        "carl": carl,
        "dora": dora,
        "skills": {"python": py, "sql": sql, "rust": rust, "k8s": k8s},
    }


def _role(proposal, role) -> dict:
    return next(r for r in proposal.result["roles"] if r["role_id"] == role.pk)


def _members(proposal, role) -> list[dict]:
    return [seat["member"] for seat in _role(proposal, role)["seats"] if seat["member"]]


def test_proposal_seats_the_volunteer_and_the_skilled_and_explains_why(world, manager):
    w = world
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager, solver="exact")
    proposal.refresh_from_db()  # as stored: plain JSON
    assert proposal.status == Proposal.Status.DRAFT and proposal.created_by == manager
    assert proposal.assignment == {
        str(w["backend"].pk): [w["alice"].pk, w["bob"].pk],
        str(w["rust_dev"].pk): [],
        str(w["ops"].pk): [],
    }
    alice, bob = _members(proposal, w["backend"])
    python, sql = w["skills"]["python"].pk, w["skills"]["sql"].pk
    assert (alice["person_id"], alice["covers"], alice["preference"], alice["note"]) == (
        w["alice"].pk,
        [python, sql],
        3,
        "Pick me",
    )
    # fit = (0.2 + 0.8 x mean(4/5, 3/5)) x (0.5 + 0.5 x 1/3 of {Python, SQL, data viz} wanted)
    assert alice["fit"] == pytest.approx(0.76 * (0.5 + 0.5 / 3))
    assert (alice["free_hours"], alice["hours_after"], alice["fixed"], alice["links"]) == (10, 6, False, [])
    assert "volunteered: really wants it" in alice["summary"]
    assert "interested in Data viz" in alice["summary"]
    assert (bob["person_id"], bob["covers"], bob["preference"]) == (w["bob"].pk, [python], 0)
    assert [s["level"] for s in bob["skills"]] == [3, 0]
    # Two of the four required skills are covered (Backend's); the figures say so.
    assert (proposal.covered, proposal.required) == (2, 4)
    assert proposal.total_fit == pytest.approx(alice["fit"] + bob["fit"], abs=1e-4)


def test_roles_nobody_can_fill_come_back_open_with_the_reason(world, manager):
    w = world
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    rust = _role(proposal, w["rust_dev"])
    assert [seat["member"] for seat in rust["seats"]] == [None]
    [uncovered] = rust["uncovered"]
    assert (uncovered["name"], uncovered["reason"], uncovered["best_level"]) == ("Rust", "nobody_qualified", 2)
    assert "best level is 2" in uncovered["message"]
    [ops] = _role(proposal, w["ops"])["uncovered"]
    assert (ops["name"], ops["reason"], ops["qualified"]) == ("Kubernetes", "no_free_hours", 1)
    assert "less than 4 h" in ops["message"]


def test_a_project_nobody_fits_still_gets_a_proposal(manager):
    project = make_project(owner=manager, roles=[{"name": "Wizard", "skills": {"Magic": 5}}])
    proposal = services.proposal_create(project_id=project.pk, actor=manager)
    [role] = proposal.result["roles"]
    assert role["seats"] == [{"member": None, "alternatives": []}]
    assert role["uncovered"][0]["reason"] == "nobody_qualified"
    assert (proposal.covered, proposal.required, proposal.total_fit) == (0, 1, 0)


def test_a_newer_proposal_supersedes_the_draft(world, manager):
    first = services.proposal_create(project_id=world["project"].pk, actor=manager)
    second = services.proposal_create(project_id=world["project"].pk, actor=manager, solver="greedy")
    first.refresh_from_db()
    assert (first.status, second.status, second.solver) == ("superseded", "draft", "greedy")
    with pytest.raises(services.ProposalClosed):
        services.proposal_confirm(proposal_id=first.pk, actor=manager)
    with pytest.raises(services.ProposalClosed):
        services.proposal_swap(proposal_id=first.pk, actor=manager, role_id=world["backend"].pk, remove_person_id=1)


def test_proposals_are_for_the_projects_managers(world, manager, employee, admin_user):
    with pytest.raises(Forbidden):
        services.proposal_create(project_id=world["project"].pk, actor=employee)
    with pytest.raises(services.InvalidProject) as exc:
        services.proposal_create(project_id=world["project"].pk, actor=manager, solver="magic")
    assert exc.value.field == "solver"
    proposal = services.proposal_create(project_id=world["project"].pk, actor=admin_user)
    with pytest.raises(NotFound):
        services.proposal_confirm(proposal_id=proposal.pk, actor=employee)


def test_a_project_without_roles_gets_no_proposal(manager):
    project = make_project(owner=manager, roles=[], publish=False)
    with pytest.raises(services.InvalidProject) as exc:
        services.proposal_create(project_id=project.pk, actor=manager)
    assert exc.value.field == "roles"


# --- swaps ----------------------------------------------------------------------------------------


def test_swap_replaces_someone_and_explains_the_team_again(world, manager):
    w = world
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    helper = make_person(skills={w["skills"]["sql"]: 4}, hours=5, first_name="Hana")
    proposal = services.proposal_swap(
        proposal_id=proposal.pk,
        actor=manager,
        role_id=w["backend"].pk,
        remove_person_id=w["bob"].pk,
        add_person_id=helper.pk,
    )
    assert proposal.assignment[str(w["backend"].pk)] == [w["alice"].pk, helper.pk]
    assert proposal.swaps == 1 and proposal.result["based_on"] in ("exact", "heuristic")
    proposal.refresh_from_db()
    members = {m["person_id"]: m for m in _members(proposal, w["backend"])}
    assert members[helper.pk]["covers"] == [w["skills"]["sql"].pk]
    assert members[helper.pk]["hours_after"] == 1
    assert proposal.result["solver"] == "manual"


def test_swap_in_someone_without_the_hours_is_refused_with_the_errors(world, manager):
    w = world
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    with pytest.raises(services.InvalidAssignment) as exc:
        services.proposal_swap(proposal_id=proposal.pk, actor=manager, role_id=w["ops"].pk, add_person_id=w["dora"].pk)
    assert exc.value.field == "add_person_id"
    assert exc.value.message == f"{w['dora'].display_name} has 0 h a week free; {w['ops'].name} needs 4 h."
    proposal.refresh_from_db()
    assert (proposal.swaps, proposal.assignment[str(w["ops"].pk)]) == (0, [])


def test_swap_rules(world, manager):
    w = world
    fixed = services.member_invite(
        project_id=w["project"].pk, role_id=w["backend"].pk, person_id=w["bob"].pk, actor=manager
    )
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    assert [m["fixed"] for m in _members(proposal, w["backend"]) if m["person_id"] == fixed.person_id] == [True]
    backend = w["backend"].pk

    def refused(field, **kwargs):
        with pytest.raises(services.InvalidAssignment) as exc:
            services.proposal_swap(proposal_id=proposal.pk, actor=manager, **{"role_id": backend, **kwargs})
        assert exc.value.field == field

    refused("remove_person_id", remove_person_id=w["bob"].pk)  # holds the seat already
    refused("remove_person_id", remove_person_id=w["carl"].pk)  # not proposed there
    refused("add_person_id", add_person_id=w["alice"].pk)  # already seated in the team
    refused("add_person_id")  # nothing asked
    refused("role_id", role_id=987654, add_person_id=w["carl"].pk)
    refused("add_person_id", add_person_id=UserFactory(role="guest").pk)  # not an employee
    refused("add_person_id", add_person_id=987654)
    proposal.refresh_from_db()
    assert proposal.swaps == 0


# --- confirm --------------------------------------------------------------------------------------


def test_confirm_invites_everyone_new_and_marks_volunteers(world, manager):
    w = world
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    proposal = services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    assert (proposal.status, proposal.confirmed_by) == (Proposal.Status.CONFIRMED, manager)
    seats = {m.person_id: m for m in Membership.objects.filter(project=w["project"])}
    assert set(seats) == {w["alice"].pk, w["bob"].pk}
    assert (seats[w["alice"].pk].from_volunteer, seats[w["bob"].pk].from_volunteer) == (True, False)
    assert {m.status for m in seats.values()} == {Membership.Status.INVITED}
    assert {m.proposal_id for m in seats.values()} == {proposal.pk}
    assert {m.hours_per_week for m in seats.values()} == {4}
    w["project"].refresh_from_db()
    space = w["project"].space
    assert space is not None and space.visibility == "private"
    assert list(SpaceMembership.objects.filter(space=space).values_list("user_id", flat=True)) == [manager.pk]
    with pytest.raises(services.ProposalClosed):
        services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    assert Membership.objects.count() == 2


def test_confirm_skips_people_already_on_the_team(world, manager):
    w = world
    services.member_invite(project_id=w["project"].pk, role_id=w["backend"].pk, person_id=w["bob"].pk, actor=manager)
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    assert Membership.objects.filter(person=w["bob"]).count() == 1
    assert Membership.objects.filter(person=w["alice"], proposal=proposal).exists()


def test_confirm_refuses_someone_deactivated_since_the_proposal(world, manager):
    w = world
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    user_deactivate(user=w["bob"])
    with pytest.raises(services.SeatsUnavailable) as exc:
        services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    [problem] = exc.value.extra["problems"]
    assert (problem["person_id"], problem["code"]) == (w["bob"].pk, "inactive")
    assert "no longer active" in problem["message"]
    assert not Membership.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DRAFT
    # The manager swaps Bob out and confirms the rest.
    services.proposal_swap(
        proposal_id=proposal.pk, actor=manager, role_id=w["backend"].pk, remove_person_id=w["bob"].pk
    )
    services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    assert list(Membership.objects.values_list("person_id", flat=True)) == [w["alice"].pk]


def test_confirm_refuses_hours_given_elsewhere_meanwhile(world, manager):
    w = world
    proposal = services.proposal_create(project_id=w["project"].pk, actor=manager)
    elsewhere = make_project(owner=manager, roles=[{"name": "Other", "hours_per_week": 6}])
    services.member_invite(
        project_id=elsewhere.pk, role_id=elsewhere.roles.get().pk, person_id=w["bob"].pk, actor=manager
    )
    with pytest.raises(services.SeatsUnavailable) as exc:
        services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    assert [(p["person_id"], p["code"]) for p in exc.value.extra["problems"]] == [(w["bob"].pk, "over_capacity")]
    assert not Membership.objects.filter(project=w["project"]).exists()
    assert Membership.objects.live().filter(person=w["bob"]).aggregate(h=Sum("hours_per_week"))["h"] == 6


def test_confirm_needs_a_published_project_and_someone_new(manager):
    person = make_person(skills={"Python": 4}, hours=10)
    draft = make_project(owner=manager, roles=[{"name": "Dev", "skills": {"Python": 3}}], publish=False)
    proposal = services.proposal_create(project_id=draft.pk, actor=manager)
    assert proposal.assignment == {str(draft.roles.get().pk): [person.pk]}
    with pytest.raises(services.ProjectNotOpen):
        services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    empty = make_project(owner=manager, roles=[{"name": "Wizard", "skills": {"Magic": 5}}])
    proposal = services.proposal_create(project_id=empty.pk, actor=manager)
    with pytest.raises(services.InvalidAssignment):
        services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
    assert not Membership.objects.exists()


def test_closed_projects_get_no_proposals(world, manager):
    proposal = services.proposal_create(project_id=world["project"].pk, actor=manager)
    services.project_close(project_id=world["project"].pk, actor=manager)
    with pytest.raises(services.ProjectNotOpen):
        services.proposal_create(project_id=world["project"].pk, actor=manager)
    with pytest.raises(services.ProjectNotOpen):
        services.proposal_confirm(proposal_id=proposal.pk, actor=manager)
