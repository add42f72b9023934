import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.accounts.factories import UserFactory
from tests.teams.factories import make_person, make_project, make_skill


@pytest.fixture
def python(db):
    return make_skill("Python")


@pytest.fixture
def owner(db):
    """The manager who runs the projects of these tests."""
    return UserFactory(username="olga", first_name="Olga", last_name="Owner", role="manager", weekly_availability=10)


@pytest.fixture
def other_manager(db):
    return UserFactory(username="max", first_name="Max", last_name="Other", role="manager")


@pytest.fixture
def guest(db):
    return UserFactory(username="gus", role="guest")


@pytest.fixture
def ana(python):
    """An employee with Python 4/5 and 10 hours a week."""
    return make_person(skills={python: 4}, hours=10, username="ana", first_name="Ana", last_name="Lytic")


@pytest.fixture
def project(owner, python):
    """An open project with one seat of 4 h a week needing Python 3/5."""
    return make_project(
        owner=owner,
        title="Energy dashboard",
        topics="data viz, sustainability",
        roles=[{"name": "Data engineer", "headcount": 1, "hours_per_week": 4, "skills": {python: 3}}],
    )


@pytest.fixture
def draft(owner, python):
    return make_project(
        owner=owner, title="Secret plan", publish=False, roles=[{"name": "Planner", "skills": {python: 2}}]
    )


@pytest.fixture
def client_for():
    """`client_for(user)` -> an API client authenticated as `user` (None: anonymous)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def count_queries():
    """`count_queries(client, url)` -> (number of queries, JSON body) of a GET that must succeed."""

    def count(client, url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, response.content
        return len(ctx.captured_queries), response.json()

    return count
