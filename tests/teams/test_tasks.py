"""Background work of project teams, run as a worker would: `teams.round_run` is registered under
its stable name, enqueued only on commit, returns quietly when the round is gone or already run,
and a second delivery does nothing."""

import pytest
from django.db import transaction

from collab.celery import app as celery_app
from teams import services, tasks
from teams.models import FormationRound, Proposal
from tests.teams.factories import make_person, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(manager):
    made = make_project(owner=manager, roles=[{"name": "Dev", "hours_per_week": 2, "skills": {"Python": 2}}])
    make_person(skills={"Python": 4}, hours=5)
    return made


def test_round_run_is_registered_with_a_stable_name_and_limits():
    task = celery_app.tasks["teams.round_run"]
    assert task.name == tasks.round_run.name == "teams.round_run"
    assert task.acks_late and task.ignore_result
    assert (task.soft_time_limit, task.time_limit) == (300, 360)


def test_round_start_enqueues_the_run_on_commit_only(project, admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        formation_round = services.round_start(actor=admin_user)
    assert len(callbacks) >= 1
    formation_round.refresh_from_db()
    assert formation_round.status == FormationRound.Status.QUEUED  # not run until the callbacks are
    for callback in callbacks:
        callback()
    formation_round.refresh_from_db()
    assert formation_round.status == FormationRound.Status.DONE


def test_a_rolled_back_round_start_enqueues_nothing(project, admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        services.round_start(actor=admin_user)
        raise RuntimeError
    assert callbacks == []
    assert not FormationRound.objects.exists()


def test_the_task_returns_quietly_when_the_round_is_gone(db):
    assert tasks.round_run(round_id=987654) is None
    assert tasks.round_run.apply(kwargs={"round_id": 987654}).successful()


def test_a_second_delivery_does_nothing(project, admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        formation_round = services.round_start(actor=admin_user)
    proposal = Proposal.objects.get(round=formation_round)
    tasks.round_run.apply(kwargs={"round_id": formation_round.pk})
    tasks.round_run(round_id=formation_round.pk)
    assert list(Proposal.objects.all()) == [proposal]
    formation_round.refresh_from_db()
    assert (formation_round.status, formation_round.progress) == (FormationRound.Status.DONE, 100)


def test_a_round_found_running_is_left_alone(project, admin_user):
    formation_round = services.round_start(actor=admin_user)
    FormationRound.objects.filter(pk=formation_round.pk).update(status=FormationRound.Status.RUNNING)
    tasks.round_run(round_id=formation_round.pk)
    formation_round.refresh_from_db()
    assert (formation_round.status, formation_round.progress) == (FormationRound.Status.RUNNING, 0)
    assert not Proposal.objects.exists()
