import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone

from ideas import ranking, services
from ideas.models import Idea, Vote
from ideas.selectors import IdeaFilters, board_list_for_user, idea_list_for_board, idea_list_for_user
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea

pytestmark = pytest.mark.django_db


def titles(queryset) -> list[str]:
    return [idea.title for idea in queryset]


@pytest.fixture
def ranked(manager):
    """Four ideas whose orders differ under every sort (docs: ideas.ranking)."""
    board = make_board(owner=manager, voting="updown")
    now = timezone.now()
    people = [UserFactory() for _ in range(10)]
    plan = {
        # title: (age, up, down, age of the votes)
        "Old favourite": (timedelta(days=10), 10, 0, timedelta(days=10)),
        "Fresh and liked": (timedelta(0), 2, 0, timedelta(0)),
        "Divisive": (timedelta(days=1), 5, 5, timedelta(days=1)),
        "Untouched": (timedelta(hours=1), 0, 0, None),
    }
    for title, (age, up, down, vote_age) in plan.items():
        idea = make_idea(board=board, author=manager, title=title)
        for n in range(up + down):
            services.vote_cast(idea_id=idea.pk, voter=people[n], value=1 if n < up else -1)
        Idea.objects.filter(pk=idea.pk).update(created_at=now - age)
        if vote_age is not None:
            Vote.objects.filter(idea=idea).update(created_at=now - vote_age)
        services.idea_counts_rebuild(idea_id=idea.pk)
    return board


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("hot", ["Fresh and liked", "Untouched", "Divisive", "Old favourite"]),
        ("top", ["Old favourite", "Fresh and liked", "Divisive", "Untouched"]),
        ("new", ["Fresh and liked", "Untouched", "Divisive", "Old favourite"]),
        ("trending", ["Divisive", "Fresh and liked", "Old favourite", "Untouched"]),
        ("nonsense", ["Fresh and liked", "Untouched", "Divisive", "Old favourite"]),  # falls back to hot
    ],
)
def test_sorts_give_the_documented_order(ranked, employee, sort, expected):
    assert titles(idea_list_for_board(board=ranked, user=employee, sort=sort)) == expected


def test_trending_today_means_decayed_votes(ranked, employee):
    now = timezone.now()
    decayed = {
        idea.title: ranking.decayed_votes(idea.score_trending, now)
        for idea in idea_list_for_board(board=ranked, user=employee)
    }
    assert decayed["Fresh and liked"] == pytest.approx(2, rel=1e-3)
    assert decayed["Divisive"] == pytest.approx(5 * 2 ** (-24 / ranking.TREND_HALF_LIFE_HOURS), rel=1e-3)
    assert decayed["Old favourite"] == pytest.approx(10 * 2 ** (-240 / ranking.TREND_HALF_LIFE_HOURS), rel=1e-3)
    assert decayed["Untouched"] == 0


def test_my_vote_is_annotated(ranked, employee):
    idea = Idea.objects.get(title="Untouched")
    services.vote_cast(idea_id=idea.pk, voter=employee, value=-1)
    votes = {i.title: i.my_vote for i in idea_list_for_board(board=ranked, user=employee)}
    assert votes == {"Fresh and liked": None, "Untouched": -1, "Divisive": None, "Old favourite": None}


@pytest.fixture
def many(manager):
    board = make_board(owner=manager)
    for n in range(20):
        make_idea(board=board, author=manager, title=f"Idea {n:02d}")
    return board


def _random_ids(board, user):
    return [idea.pk for idea in idea_list_for_board(board=board, user=user, sort="random")]


def test_random_sort_is_stable_within_a_day_for_a_person(many, employee):
    first = _random_ids(many, employee)
    assert first == _random_ids(many, employee)
    assert sorted(first) == sorted(Idea.objects.values_list("pk", flat=True))
    assert first != sorted(first) and first != sorted(first, reverse=True)


def test_random_sort_differs_between_people_and_days(many, employee, other_employee, monkeypatch):
    mine, theirs = _random_ids(many, employee), _random_ids(many, other_employee)
    assert mine != theirs
    # Not the same cyclic order started elsewhere: neighbours differ too.
    pairs = set(itertools.pairwise(mine))
    shared = sum(pair in pairs for pair in itertools.pairwise(theirs))
    assert shared < len(mine) // 2
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.today() + timedelta(days=1))
    assert _random_ids(many, employee) != mine


def test_random_key_matches_the_database(many, employee):
    multiplier = ranking.random_multiplier(employee.pk, timezone.localdate().toordinal())
    rows = idea_list_for_board(board=many, user=employee, sort="random")
    assert [int(idea.random_key) for idea in rows] == [ranking.random_key(idea.pk, multiplier) for idea in rows]


# --- filters --------------------------------------------------------------------------------------


@pytest.fixture
def filtered(manager, employee, other_employee):
    board = make_board(owner=manager)
    acme = make_customer("Acme")
    mine = make_idea(board=board, author=employee, title="Mine", tags=["green"])
    coauthored = make_idea(board=board, author=other_employee, title="Co-authored")
    invited = make_idea(board=board, author=other_employee, title="Only invited", tags=["green", "cost"])
    for_acme = make_idea(board=board, author=manager, title="For Acme", customer_id=acme.pk)
    acme_voted = make_idea(board=board, author=manager, title="Acme voted")
    services.idea_coauthor_invite(idea_id=coauthored.pk, actor=other_employee, user_id=employee.pk)
    services.idea_coauthor_accept(idea_id=coauthored.pk, user=employee)
    services.idea_coauthor_invite(idea_id=invited.pk, actor=other_employee, user_id=employee.pk)
    services.vote_cast(idea_id=for_acme.pk, voter=employee)
    services.vote_cast(idea_id=invited.pk, voter=other_employee)
    services.customer_vote_add(idea_id=acme_voted.pk, recorder=manager, customer_id=acme.pk)
    services.customer_vote_add(idea_id=for_acme.pk, recorder=manager, customer_id=acme.pk)
    services.idea_status_change(idea_id=mine.pk, actor=manager, status="planned")
    return board, acme


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"Mine", "Co-authored", "Only invited", "For Acme", "Acme voted"}),
        ({"status": "planned"}, {"Mine"}),
        ({"status": "new"}, {"Co-authored", "Only invited", "For Acme", "Acme voted"}),
        ({"tag": "green"}, {"Mine", "Only invited"}),
        ({"tag": "cost"}, {"Only invited"}),
        ({"tag": "unknown"}, set()),
        ({"mine": True}, {"Mine", "Co-authored"}),  # accepted co-authorship counts, an invitation does not
        ({"voted": True}, {"For Acme"}),
        ({"customer": "acme"}, {"For Acme", "Acme voted"}),
        ({"customer_voice": True}, {"For Acme", "Acme voted"}),
        ({"query": "acme"}, {"For Acme", "Acme voted"}),
        ({"tag": "green", "mine": True}, {"Mine"}),
    ],
)
def test_filters(filtered, employee, filters, expected):
    board, acme = filtered
    if filters.get("customer") == "acme":
        filters = {**filters, "customer": acme.pk}
    rows = titles(idea_list_for_board(board=board, user=employee, filters=IdeaFilters(**filters)))
    assert len(rows) == len(set(rows))  # joins through tags and customer votes make no duplicates
    assert set(rows) == expected


def test_filters_apply_to_every_sort(filtered, employee):
    board, _acme = filtered
    for sort in ("hot", "top", "new", "trending", "random"):
        rows = idea_list_for_board(board=board, user=employee, sort=sort, filters=IdeaFilters(tag="green"))
        assert set(titles(rows)) == {"Mine", "Only invited"}


# --- query counts ---------------------------------------------------------------------------------


def test_board_page_costs_the_same_for_2_and_20_ideas_in_every_sort(manager, employee, django_assert_num_queries):
    board = make_board(owner=manager)
    for n in range(22):
        idea = make_idea(board=board, author=employee, tags=[f"t{n % 3}"], title=f"Idea {n}")
        services.vote_cast(idea_id=idea.pk, voter=employee)
    for sort in ("hot", "top", "new", "trending", "random"):
        for size in (2, 20):
            # 1: the ideas with author, customer and the person's vote; 2: their tags.
            with django_assert_num_queries(2):
                rows = list(idea_list_for_board(board=board, user=employee, sort=sort)[:size])
                for idea in rows:
                    (idea.author.display_name, idea.customer, list(idea.tags.all()), idea.my_vote)
            assert len(rows) == size


def test_idea_list_for_user_costs_the_same_for_2_and_20(manager, employee, django_assert_num_queries):
    board = make_board(owner=manager)
    for n in range(22):
        make_idea(board=board, author=employee, tags=["x"], title=f"Idea {n}")
    for size in (2, 20):
        # 1: the ideas with board, author, customer and the person's vote; 2: their tags.
        with django_assert_num_queries(2):
            rows = list(idea_list_for_user(user=employee).order_by("-id")[:size])
            for idea in rows:
                (idea.board.title, idea.author.display_name, list(idea.tags.all()))


def test_board_list_costs_one_query(manager, employee, django_assert_num_queries):
    for n in range(20):
        make_board(owner=manager, title=f"Board {n}")
    for size in (2, 20):
        with django_assert_num_queries(1):  # the boards with their owners
            rows = list(board_list_for_user(user=employee)[:size])
            assert all(board.owner.display_name for board in rows)
        assert len(rows) == size
