"""Who sees which boards and ideas: the one access check per object type."""

import pytest

from collab.exceptions import NotFound
from ideas import services
from ideas.selectors import (
    board_get_for_user,
    board_list_for_user,
    can_capture_customer_voice,
    can_manage_board,
    idea_get_for_user,
    idea_list_for_board,
    idea_list_for_user,
    idea_list_latest_for_user,
    idea_similar,
    user_can_see_idea,
)
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager, moderator):
    sales, ops = DepartmentFactory(name="Sales"), DepartmentFactory(name="Ops")
    seller, operator = UserFactory(department=sales), UserFactory(department=ops)
    owner = UserFactory(role="manager", department=ops)
    company = make_board(owner=manager, title="Company")
    sales_board = make_board(owner=owner, title="Sales", audience="departments", department_ids=[sales.pk])
    archived = make_board(owner=manager, title="Archived")
    services.board_update(board_id=archived.pk, actor=manager, is_archived=True)
    guest = services.board_guest_invite(board_id=sales_board.pk, actor=owner, email="g@client.example")
    ideas = {
        "company": make_idea(board=company, author=seller, title="Company idea"),
        "sales": make_idea(board=sales_board, author=seller, title="Sales idea"),
        "hidden": make_idea(board=company, author=seller, title="Hidden idea"),
    }
    services.idea_hide(idea_id=ideas["hidden"].pk, actor=moderator)
    return {
        "seller": seller,
        "operator": operator,
        "owner": owner,
        "guest": guest,
        "moderator": moderator,
        "company": company,
        "sales": sales_board,
        "archived": archived,
        "ideas": ideas,
    }


def _board_titles(user, **kwargs):
    return {board.title for board in board_list_for_user(user=user, **kwargs)}


def _idea_titles(user):
    return {idea.title for idea in idea_list_for_user(user=user)}


def test_company_and_department_boards(world):
    assert _board_titles(world["seller"]) == {"Company", "Sales"}
    assert _board_titles(world["operator"]) == {"Company"}
    assert _board_titles(world["operator"], include_archived=True) == {"Company", "Archived"}
    assert _idea_titles(world["seller"]) == {"Company idea", "Sales idea"}
    assert _idea_titles(world["operator"]) == {"Company idea"}


def test_owner_sees_their_board_outside_its_departments(world):
    assert _board_titles(world["owner"]) == {"Company", "Sales"}
    assert board_get_for_user(board_id=world["sales"].pk, user=world["owner"]) == world["sales"]
    assert can_manage_board(user=world["owner"], board=world["sales"])


def test_guest_sees_only_their_board(world):
    guest = world["guest"]
    assert _board_titles(guest, include_archived=True) == {"Sales"}
    assert _idea_titles(guest) == {"Sales idea"}
    with pytest.raises(NotFound):
        board_get_for_user(board_id=world["company"].pk, user=guest)
    with pytest.raises(NotFound):
        idea_get_for_user(idea_id=world["ideas"]["company"].pk, user=guest)
    assert [i.title for i in idea_list_latest_for_user(user=guest)] == ["Sales idea"]
    assert not can_manage_board(user=guest, board=world["sales"])
    assert not can_capture_customer_voice(guest)


def test_moderators_see_everything_including_hidden_ideas(world):
    moderator = world["moderator"]
    assert _board_titles(moderator, include_archived=True) == {"Company", "Sales", "Archived"}
    assert _idea_titles(moderator) == {"Company idea", "Sales idea", "Hidden idea"}
    hidden = world["ideas"]["hidden"]
    assert idea_get_for_user(idea_id=hidden.pk, user=moderator) == hidden
    listed = {i.title for i in idea_list_for_board(board=world["company"], user=moderator)}
    assert listed == {"Company idea", "Hidden idea"}


def test_hidden_ideas_are_missing_for_everyone_else(world, manager):
    hidden = world["ideas"]["hidden"]
    for person in (world["seller"], world["operator"], manager):
        with pytest.raises(NotFound):
            idea_get_for_user(idea_id=hidden.pk, user=person)
        assert not user_can_see_idea(user=person, idea=hidden)
        assert "Hidden idea" not in {i.title for i in idea_list_for_board(board=world["company"], user=person)}
        assert "Hidden idea" not in {i.title for i in idea_list_latest_for_user(user=person)}
        assert idea_similar(board=world["company"], user=person, title="Hidden idea") == []


def test_missing_and_forbidden_answer_alike(world):
    operator = world["operator"]
    for board_id in (world["sales"].pk, 987654):
        with pytest.raises(NotFound):
            board_get_for_user(board_id=board_id, user=operator)
    with pytest.raises(NotFound):
        board_get_for_user(slug="sales", user=operator)
    for idea_id in (world["ideas"]["sales"].pk, 987654):
        with pytest.raises(NotFound):
            idea_get_for_user(idea_id=idea_id, user=operator)


def test_inactive_and_anonymous_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    seller = world["seller"]
    type(seller).objects.filter(pk=seller.pk).update(is_active=False)
    seller.refresh_from_db()
    assert _board_titles(seller) == set()
    assert _board_titles(AnonymousUser()) == set()
    assert _idea_titles(AnonymousUser()) == set()


def test_department_move_changes_what_one_sees(world):
    operator = world["operator"]
    sales = world["sales"].departments.get()
    type(operator).objects.filter(pk=operator.pk).update(department=sales)
    operator.refresh_from_db()
    assert _board_titles(operator) == {"Company", "Sales"}
