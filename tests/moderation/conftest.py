import pytest

from tests.accounts.factories import UserFactory
from tests.threads.factories import SpaceFactory
from threads import services as thread_services


@pytest.fixture(autouse=True)
def _eager_tasks():
    """Run Celery tasks in the test's process in both modes (services mode has no worker here)."""
    from collab.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(fn, **kwargs)`: call a service and run what it does after commit (events,
    listeners, tasks), as a real commit would."""

    def run(fn, /, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


@pytest.fixture
def space(db):
    return SpaceFactory(name="General", slug="general")


@pytest.fixture
def thread(space, employee):
    return thread_services.thread_start(
        space_id=space.pk, author=employee, title="Build times", body="Our CI takes forty minutes."
    )


@pytest.fixture
def reply(thread, other_employee):
    return thread_services.reply_post(
        thread_id=thread.pk, author=other_employee, body="Buy cheap watches at zebraquartz shop"
    )


@pytest.fixture
def reporters(db):
    return [UserFactory(username=f"reporter{i}") for i in range(4)]
