"""Company-wide formation rounds: starting one, the Celery task run on commit, the proposals and
figures it stores, its progress events, people deactivated meanwhile, bad input, and confirming
every project's proposal at once."""

import pytest

from accounts.models import Skill
from accounts.services import user_deactivate
from collab.exceptions import Forbidden
from collab.realtime.models import Event
from teams import formation, services, tasks
from teams.models import FormationRound, Membership, Proposal, RoleSkill
from tests.accounts.factories import SkillCategoryFactory
from tests.teams.factories import make_person, make_project, make_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager):
    """Two open projects needing Python; Ana (Python 5, 6 h: one seat) volunteered for the first, Ben
    (Python 3, 4 h) for nothing; a draft that no round takes."""
    python, sql = make_skill("Python"), make_skill("SQL")
    first = make_project(
        owner=manager, title="First", roles=[{"name": "Dev", "hours_per_week": 4, "skills": {python: 3}}]
    )
    second = make_project(
        owner=manager,
        title="Second",
        roles=[{"name": "Dev", "hours_per_week": 4, "skills": {python: 3}}, {"name": "DBA", "skills": {sql: 4}}],
    )
    draft = make_project(owner=manager, title="Draft", publish=False)
    ana = make_person(skills={python: 5}, hours=6, first_name="Ana")
    ben = make_person(skills={python: 3}, hours=4, first_name="Ben")
    services.volunteer_set(role_id=first.roles.get().pk, person=ana, strength=3)
    return {"first": first, "second": second, "draft": draft, "ana": ana, "ben": ben}


def _run(admin, django_capture_on_commit_callbacks, **kwargs) -> FormationRound:
    with django_capture_on_commit_callbacks(execute=True):
        formation_round = services.round_start(actor=admin, **kwargs)
    formation_round.refresh_from_db()
    return formation_round


def _progress_events(formation_round) -> list[tuple[str, int]]:
    return list(
        Event.objects.filter(topic_id=f"round.{formation_round.pk}")
        .order_by("seq")
        .values_list("data__status", "data__progress")
    )


def test_round_start_is_for_admins(world, manager):
    with pytest.raises(Forbidden):
        services.round_start(actor=manager)
    assert not FormationRound.objects.exists()


def test_a_round_runs_on_commit_and_stores_a_proposal_per_project(
    world, admin_user, django_capture_on_commit_callbacks
):
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    assert formation_round.status == FormationRound.Status.DONE
    assert (formation_round.progress, formation_round.stage, formation_round.error) == (100, "Done", "")
    assert formation_round.started_at <= formation_round.finished_at
    assert set(formation_round.projects.all()) == {world["first"], world["second"]}
    proposals = {p.project_id: p for p in Proposal.objects.filter(round=formation_round)}
    assert set(proposals) == {world["first"].pk, world["second"].pk}
    assert {p.status for p in proposals.values()} == {Proposal.Status.DRAFT}
    assert {p.created_by for p in proposals.values()} == {admin_user}
    # Ana goes where she volunteered, Ben to the other; the DBA seat stays open (nobody has SQL).
    assert proposals[world["first"].pk].assignment == {str(world["first"].roles.get().pk): [world["ana"].pk]}
    dev, dba = world["second"].roles.all()
    assert proposals[world["second"].pk].assignment == {str(dev.pk): [world["ben"].pk], str(dba.pk): []}
    summary = formation_round.summary
    assert {k: summary[k] for k in ("projects", "candidates", "seats", "filled", "deactivated")} == {
        "projects": 2,
        "candidates": 2,
        "seats": 3,
        "filled": 2,
        "deactivated": 0,
    }
    assert (summary["covered"], summary["requirements"]) == (2, 3)
    assert summary["fit"] > 0 and summary["blocking_pairs"] == 0
    # Nobody is invited until someone confirms.
    assert not Membership.objects.exists()


def test_round_progress_events_go_from_0_to_100_in_order(world, admin_user, django_capture_on_commit_callbacks):
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    events = _progress_events(formation_round)
    progress = [p for _s, p in events]
    assert progress[0] == 0 and progress[-1] == 100
    assert progress == sorted(progress) and len(progress) >= 4
    assert events[0][0] == "queued" and events[-1][0] == "done"
    assert {s for s, _p in events[1:-1]} == {"running"}


def test_one_round_at_a_time(world, admin_user):
    services.round_start(actor=admin_user)  # queued: its task runs on a commit that never comes here
    with pytest.raises(services.RoundBusy):
        services.round_start(actor=admin_user)
    assert FormationRound.objects.count() == 1


def test_only_open_projects_with_roles_go_in_a_round(world, manager, admin_user):
    empty = make_project(owner=manager, roles=[], publish=False)
    with pytest.raises(services.InvalidProject) as exc:
        services.round_start(actor=admin_user, project_ids=[world["first"].pk, world["draft"].pk, empty.pk])
    assert exc.value.field == "project_ids"
    assert str(world["draft"].pk) in exc.value.message and str(empty.pk) in exc.value.message
    assert str(world["first"].pk) not in exc.value.message.split("not:")[1]
    with pytest.raises(services.InvalidProject) as exc:
        services.round_start(actor=admin_user, solver="magic")
    assert exc.value.field == "solver"
    for project in (world["first"], world["second"]):
        services.project_close(project_id=project.pk, actor=manager)
    with pytest.raises(services.InvalidProject):
        services.round_start(actor=admin_user)
    assert not FormationRound.objects.exists()


def test_a_round_over_chosen_projects(world, admin_user, django_capture_on_commit_callbacks):
    formation_round = _run(admin_user, django_capture_on_commit_callbacks, project_ids=[world["second"].pk])
    assert list(formation_round.projects.all()) == [world["second"]]
    assert list(Proposal.objects.filter(round=formation_round).values_list("project_id", flat=True)) == [
        world["second"].pk
    ]


def test_someone_deactivated_during_the_round_is_taken_out_with_a_warning(
    world, admin_user, monkeypatch, django_capture_on_commit_callbacks
):
    real_propose = formation.propose

    def deactivate_then_propose(*args, **kwargs):
        # Between reading the input and storing the proposals, as an admin in another tab would.
        user_deactivate(user=world["ana"])
        return real_propose(*args, **kwargs)

    monkeypatch.setattr("teams.services.rounds.formation.propose", deactivate_then_propose)
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    assert formation_round.status == FormationRound.Status.DONE
    first = Proposal.objects.get(round=formation_round, project=world["first"])
    assert first.assignment == {str(world["first"].roles.get().pk): []}
    assert any("deactivated" in w for w in first.result["warnings"])
    assert all(
        a["person_id"] != world["ana"].pk
        for role in first.result["roles"]
        for seat in role["seats"]
        for a in seat["alternatives"]
    )
    assert (formation_round.summary["deactivated"], formation_round.summary["filled"]) == (1, 1)
    assert (first.covered, first.required) == (0, 1)  # the figures count the open seat


def test_someone_deactivated_from_two_seats_counts_twice_in_the_figures(
    manager, admin_user, monkeypatch, django_capture_on_commit_callbacks
):
    rust = make_skill("Rust")
    projects = [
        make_project(owner=manager, roles=[{"name": "Rust dev", "hours_per_week": 3, "skills": {rust: 3}}])
        for _ in range(2)
    ]
    only = make_person(skills={rust: 5}, hours=10)
    real_propose = formation.propose

    def deactivate_then_propose(*args, **kwargs):
        user_deactivate(user=only)
        return real_propose(*args, **kwargs)

    monkeypatch.setattr("teams.services.rounds.formation.propose", deactivate_then_propose)
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    summary = formation_round.summary
    assert (summary["filled"], summary["covered"], summary["deactivated"]) == (0, 0, 1)
    for project in projects:
        proposal = Proposal.objects.get(round=formation_round, project=project)
        assert proposal.assignment == {str(project.roles.get().pk): []}
        assert (proposal.covered, proposal.required) == (0, 1)


def test_a_round_with_bad_input_fails_with_the_error(world, admin_user, django_capture_on_commit_callbacks):
    # A role saved around the services with more skills than the optimizer takes.
    category = SkillCategoryFactory()
    many = Skill.objects.bulk_create(
        [Skill(name=f"Skill {i}", slug=f"skill-{i}", category=category) for i in range(65)]
    )
    role = world["second"].roles.last()
    RoleSkill.objects.bulk_create([RoleSkill(role=role, skill=s, min_level=1) for s in many])
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    assert formation_round.status == FormationRound.Status.FAILED
    assert "at most 64 skills per role" in formation_round.error
    assert formation_round.stage == "Failed" and formation_round.finished_at is not None
    assert not Proposal.objects.exists()
    assert _progress_events(formation_round)[-1][0] == "failed"
    # A failed round does not block the next one.
    role.requirements.filter(skill__in=many).delete()
    assert _run(admin_user, django_capture_on_commit_callbacks).status == FormationRound.Status.DONE


def test_running_a_finished_round_again_does_nothing(world, admin_user, django_capture_on_commit_callbacks):
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    events, proposals = Event.objects.count(), Proposal.objects.count()
    assert services.round_run(round_id=formation_round.pk) is None
    tasks.round_run(round_id=formation_round.pk)
    tasks.round_run(round_id=987654)
    assert (Event.objects.count(), Proposal.objects.count()) == (events, proposals)
    formation_round.refresh_from_db()
    assert formation_round.status == FormationRound.Status.DONE


def test_confirm_all_confirms_each_project_and_reports_problems_per_project(
    world, manager, admin_user, django_capture_on_commit_callbacks
):
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    with pytest.raises(Forbidden):
        services.round_confirm_all(round_id=formation_round.pk, actor=manager)
    user_deactivate(user=world["ben"])  # after the round: the second project cannot be confirmed
    outcome = services.round_confirm_all(round_id=formation_round.pk, actor=admin_user)
    assert outcome[world["first"].pk] == []
    [problem] = outcome[world["second"].pk]
    assert (problem["person_id"], problem["code"]) == (world["ben"].pk, "inactive")
    statuses = dict(Proposal.objects.filter(round=formation_round).values_list("project_id", "status"))
    assert statuses == {world["first"].pk: "confirmed", world["second"].pk: "draft"}
    assert list(Membership.objects.values_list("person_id", "project_id")) == [(world["ana"].pk, world["first"].pk)]
    # Again: the confirmed one is no longer a draft; the other is refused the same way.
    assert services.round_confirm_all(round_id=formation_round.pk, actor=admin_user) == {
        world["second"].pk: outcome[world["second"].pk]
    }


def test_confirm_all_reports_other_refusals_with_their_code(
    world, manager, admin_user, django_capture_on_commit_callbacks
):
    formation_round = _run(admin_user, django_capture_on_commit_callbacks)
    services.project_close(project_id=world["second"].pk, actor=manager)
    outcome = services.round_confirm_all(round_id=formation_round.pk, actor=admin_user)
    assert outcome[world["first"].pk] == []
    assert [p["code"] for p in outcome[world["second"].pk]] == ["project_not_open"]
