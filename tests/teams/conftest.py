import pytest

from collab.celery import app as celery_app


@pytest.fixture(autouse=True)
def eager_tasks():
    """Celery tasks (a formation round) run in the process, as in embedded mode, also in services
    mode, where `.delay` would otherwise go to Redis with no worker listening."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before
