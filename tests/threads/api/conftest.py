import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.threads.factories import SpaceFactory


@pytest.fixture
def space():
    return SpaceFactory(name="General", slug="general")


@pytest.fixture
def count_queries():
    """`count_queries(client, url)` -> (number of queries, JSON body) of a GET that must succeed."""

    def count(client, url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, response.content
        return len(ctx.captured_queries), response.json()

    return count
