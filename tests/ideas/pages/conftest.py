import pytest
from django.contrib.auth.models import Permission

from ideas import services
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Office life", slug="office-life")


@pytest.fixture
def sales():
    return DepartmentFactory(name="Sales", slug="sales")


@pytest.fixture
def seller(sales):
    return UserFactory(username="sally", first_name="Sally", last_name="Seller", department=sales)


@pytest.fixture
def sales_board(manager, sales):
    return make_board(
        owner=manager, title="Sales only", slug="sales-only", audience="departments", department_ids=[sales.pk]
    )


@pytest.fixture
def guest(manager, board):
    """An external guest let into `board` only."""
    return services.board_guest_invite(
        board_id=board.pk, actor=manager, email="gina@customer.example", first_name="Gina"
    )


@pytest.fixture
def other_board(manager):
    return make_board(owner=manager, title="Another board", slug="another-board")


@pytest.fixture
def support_agent(db):
    """An employee who captures customers' voices (the permission an admin gives to sales/support)."""
    person = UserFactory(username="suzy", first_name="Suzy", last_name="Support")
    person.user_permissions.add(Permission.objects.get(codename="capture_customer_voice"))
    return type(person).objects.get(pk=person.pk)  # fresh: permissions are cached per instance
