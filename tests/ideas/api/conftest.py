import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ideas import services
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board


@pytest.fixture
def board(manager):
    """A company-wide, open-ended, up-votes-only board without a budget."""
    return make_board(owner=manager, title="Greener offices", slug="greener")


@pytest.fixture
def updown_board(manager):
    return make_board(owner=manager, title="Tooling", voting="updown", vote_budget=2)


@pytest.fixture
def sales_rep(db):
    """An employee given customer voice by an admin (managers have it through their role)."""
    user = UserFactory(username="sally", first_name="Sally", last_name="Sales")
    user.user_permissions.add(Permission.objects.get(codename="capture_customer_voice"))
    return user


@pytest.fixture
def guest(board, manager):
    return services.board_guest_invite(board_id=board.pk, actor=manager, email="jo@customer.example", first_name="Jo")


@pytest.fixture
def count_queries():
    """`count_queries(client, url)` -> (number of queries, JSON body) of a GET that must succeed."""

    def count(client, url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, response.content
        return len(ctx.captured_queries), response.json()

    return count
