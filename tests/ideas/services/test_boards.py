from datetime import timedelta

import pytest
from django.utils import timezone

from collab.exceptions import Forbidden, NotFound
from ideas import services
from ideas.models import Board, BoardGuest, Idea
from ideas.selectors import board_get_for_user
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_idea
from threads.models import Space, SpaceMembership

pytestmark = pytest.mark.django_db


def _now():
    return timezone.now()


def test_board_create_opens_board_with_public_discussion_space(manager):
    board = services.board_create(owner=manager, title="  Better   offices ", question="What would help?")
    assert (board.title, board.slug, board.kind, board.voting, board.vote_budget) == (
        "Better offices",
        "better-offices",
        "open",
        "up",
        None,
    )
    assert board.space.visibility == Space.Visibility.PUBLIC
    assert board.space.slug == "ideas-better-offices"
    assert board.is_open


def test_only_managers_and_moderators_open_boards(employee, moderator):
    with pytest.raises(Forbidden):
        services.board_create(owner=employee, title="Mine")
    guest = UserFactory(role="guest")
    with pytest.raises(Forbidden):
        services.board_create(owner=guest, title="Guest board")
    assert services.board_create(owner=moderator, title="Moderated").owner == moderator


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "   "}, "title"),
        ({"kind": "forever"}, "kind"),
        ({"audience": "world"}, "audience"),
        ({"voting": "stars"}, "voting"),
        ({"kind": "campaign"}, "closes_at"),  # a campaign needs a closing date
        ({"vote_budget": 0}, "vote_budget"),
        ({"vote_budget": 1001}, "vote_budget"),
        ({"audience": "departments"}, "department_ids"),
        ({"audience": "departments", "department_ids": [987654]}, "department_ids"),
    ],
)
def test_board_create_refuses_bad_settings(manager, kwargs, field):
    kwargs = {"title": "Campaign", **kwargs}
    with pytest.raises(services.InvalidBoard) as exc:
        services.board_create(owner=manager, **kwargs)
    assert exc.value.field == field
    assert not Board.objects.exists()
    assert not Space.objects.exists()


def test_board_create_refuses_closing_before_opening(manager):
    opens = _now() + timedelta(days=2)
    for closes in (opens, opens - timedelta(hours=1)):
        with pytest.raises(services.InvalidBoard) as exc:
            services.board_create(owner=manager, title="Q3", kind="campaign", opens_at=opens, closes_at=closes)
        assert exc.value.field == "closes_at"
    assert not Board.objects.exists()


def test_board_create_accepts_budget_bounds_and_campaign(manager):
    a = services.board_create(owner=manager, title="A", vote_budget=1)
    b = services.board_create(owner=manager, title="B", vote_budget=1000)
    c = services.board_create(
        owner=manager, title="C", kind="campaign", opens_at=_now(), closes_at=_now() + timedelta(days=7)
    )
    assert (a.vote_budget, b.vote_budget, c.kind) == (1, 1000, "campaign")


def test_duplicate_slug_is_refused(manager):
    make_board(owner=manager, title="Same")
    with pytest.raises(services.InvalidBoard) as exc:
        make_board(owner=manager, title="Same")
    assert exc.value.field == "slug"


def test_department_board_space_follows_the_departments(manager):
    sales, ops = DepartmentFactory(name="Sales"), DepartmentFactory(name="Ops")
    board = make_board(owner=manager, audience="departments", department_ids=[sales.pk, ops.pk])
    assert set(board.departments.all()) == {sales, ops}
    assert board.space.visibility == Space.Visibility.DEPARTMENT
    assert set(board.space.departments.all()) == {sales, ops}


def test_board_update_changes_settings(manager):
    board = make_board(owner=manager, title="Old")
    updated = services.board_update(
        board_id=board.pk, actor=manager, title=" New  title ", question="Why?", description="**Bold**",
        vote_budget=3, is_archived=True,
    )  # fmt: skip
    board.refresh_from_db()
    assert updated.title == board.title == "New title"
    assert (board.question, board.vote_budget, board.is_archived) == ("Why?", 3, True)
    assert "<strong>Bold</strong>" in board.description_html
    assert not board.is_open


def test_board_update_is_for_owner_managers_and_moderators(manager, employee, moderator):
    board = make_board(owner=manager)
    with pytest.raises(Forbidden):
        services.board_update(board_id=board.pk, actor=employee, title="Taken")
    other_manager = UserFactory(role="manager")
    services.board_update(board_id=board.pk, actor=other_manager, title="By another manager")
    services.board_update(board_id=board.pk, actor=moderator, title="By a moderator")
    board.refresh_from_db()
    assert board.title == "By a moderator"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"vote_budget": 0}, "vote_budget"),
        ({"voting": "stars"}, "voting"),
        ({"audience": "world"}, "audience"),
        ({"audience": "departments"}, "department_ids"),
        ({"closes_at": "past"}, "closes_at"),
        ({"color": "red"}, None),
    ],
)
def test_board_update_refuses_bad_settings_and_changes_nothing(manager, changes, field):
    board = make_board(owner=manager, title="Kept", opens_at=_now() - timedelta(days=1))
    if changes.get("closes_at") == "past":
        changes = {"closes_at": board.opens_at - timedelta(hours=1)}
    with pytest.raises(services.InvalidBoard) as exc:
        services.board_update(board_id=board.pk, actor=manager, **changes)
    assert exc.value.field == field
    board.refresh_from_db()
    assert (board.title, board.vote_budget, board.voting, board.audience, board.closes_at) == (
        "Kept",
        None,
        "up",
        "company",
        None,
    )


def test_campaign_keeps_its_closing_date_on_update(manager):
    board = make_board(owner=manager, kind="campaign", closes_at=_now() + timedelta(days=3))
    with pytest.raises(services.InvalidBoard) as exc:
        services.board_update(board_id=board.pk, actor=manager, closes_at=None)
    assert exc.value.field == "closes_at"
    board.refresh_from_db()
    assert board.closes_at is not None


def test_switch_to_up_only_is_refused_while_down_votes_exist(manager, employee, other_employee):
    board = make_board(owner=manager, voting="updown")
    idea = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=idea.pk, voter=other_employee, value=-1)
    with pytest.raises(services.InvalidBoard) as exc:
        services.board_update(board_id=board.pk, actor=manager, voting="up")
    assert exc.value.field == "voting"
    board.refresh_from_db()
    assert board.voting == "updown"
    services.vote_retract(idea_id=idea.pk, voter=other_employee)
    services.board_update(board_id=board.pk, actor=manager, voting="up")
    board.refresh_from_db()
    assert board.voting == "up"


def test_switching_voting_rule_rescores_ideas(manager, employee, other_employee):
    board = make_board(owner=manager, voting="updown")
    idea = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=idea.pk, voter=employee)
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    idea.refresh_from_db()
    assert 0 < idea.score_top < 1  # Wilson lower bound of 2 up / 0 down
    services.board_update(board_id=board.pk, actor=manager, voting="up")
    idea.refresh_from_db()
    assert idea.score_top == 2.0  # up-votes only: the number of up-votes


def test_audience_change_updates_space_and_who_sees_the_board(manager, employee, other_employee):
    sales = DepartmentFactory(name="Sales")
    seller = UserFactory(department=sales)
    board = make_board(owner=manager)
    idea = make_idea(board=board, author=employee)
    services.board_update(board_id=board.pk, actor=manager, audience="departments", department_ids=[sales.pk])
    board.refresh_from_db()
    board.space.refresh_from_db()
    assert board.audience == "departments"
    assert board.space.visibility == Space.Visibility.DEPARTMENT
    assert list(board.space.departments.all()) == [sales]
    assert board_get_for_user(board_id=board.pk, user=seller) == board
    with pytest.raises(NotFound):
        board_get_for_user(board_id=board.pk, user=other_employee)
    with pytest.raises(NotFound):
        services.vote_cast(idea_id=idea.pk, voter=other_employee)

    services.board_update(board_id=board.pk, actor=manager, audience="company")
    board.refresh_from_db()
    board.space.refresh_from_db()
    assert board.space.visibility == Space.Visibility.PUBLIC
    assert not board.space.departments.exists()
    assert board_get_for_user(board_id=board.pk, user=other_employee) == board


def test_guest_invite_creates_guest_with_board_and_space_only(manager, mailoutbox):
    board = make_board(owner=manager)
    guest = services.board_guest_invite(board_id=board.pk, actor=manager, email=" Client@Example.com ")
    assert guest.is_guest and guest.email == "client@example.com"
    assert BoardGuest.objects.filter(board=board, user=guest, invited_by=manager).exists()
    assert SpaceMembership.objects.filter(space=board.space, user=guest).exists()
    again = services.board_guest_invite(board_id=board.pk, actor=manager, email="client@example.com")
    assert again == guest
    assert BoardGuest.objects.filter(user=guest).count() == 1


@pytest.mark.parametrize("email", ["", "not-an-email", "erin@example.com"])
def test_guest_invite_refuses_bad_addresses_and_employees(manager, employee, email):
    board = make_board(owner=manager)
    with pytest.raises(services.InvalidBoard) as exc:
        services.board_guest_invite(board_id=board.pk, actor=manager, email=email)
    assert exc.value.field == "email"
    assert not BoardGuest.objects.exists()


def test_guest_invite_and_remove_need_a_manager(manager, employee):
    board = make_board(owner=manager)
    with pytest.raises(Forbidden):
        services.board_guest_invite(board_id=board.pk, actor=employee, email="x@client.example")
    guest = services.board_guest_invite(board_id=board.pk, actor=manager, email="x@client.example")
    with pytest.raises(Forbidden):
        services.board_guest_remove(board_id=board.pk, actor=employee, user_id=guest.pk)


def test_guest_remove_keeps_their_ideas_and_votes(manager):
    board = make_board(owner=manager)
    guest = services.board_guest_invite(board_id=board.pk, actor=manager, email="x@client.example")
    idea = make_idea(board=board, author=guest)
    services.vote_cast(idea_id=idea.pk, voter=guest)
    services.board_guest_remove(board_id=board.pk, actor=manager, user_id=guest.pk)
    assert not BoardGuest.objects.filter(user=guest).exists()
    assert not SpaceMembership.objects.filter(user=guest).exists()
    idea.refresh_from_db()
    assert idea.upvotes == 1 and Idea.objects.filter(author=guest).exists()
    with pytest.raises(NotFound):
        board_get_for_user(board_id=board.pk, user=guest)
