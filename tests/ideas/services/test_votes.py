import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Count, Q
from django.utils import timezone

from collab.exceptions import Forbidden, NotFound
from ideas import ranking, services
from ideas.models import Board, CustomerVote, Idea, Vote, VoteWallet
from ideas.selectors import votes_left
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea

pytestmark = pytest.mark.django_db


def assert_counts_match(*ideas):
    """Every counter equals COUNT(*) of its rows."""
    for idea in ideas:
        idea.refresh_from_db()
        real = Vote.objects.filter(idea=idea).aggregate(
            up=Count("id", filter=Q(value=1)), down=Count("id", filter=Q(value=-1))
        )
        assert (idea.upvotes, idea.downvotes) == (real["up"], real["down"]), idea
        assert idea.customer_votes == CustomerVote.objects.filter(idea=idea).count()
        assert idea.follower_count == idea.follows.count()


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Updown", voting="updown")


@pytest.fixture
def idea(board, employee):
    return make_idea(board=board, author=employee, title="Solar panels on the roof")


def test_vote_twice_keeps_one_vote(idea, other_employee):
    first = services.vote_cast(idea_id=idea.pk, voter=other_employee)
    second = services.vote_cast(idea_id=idea.pk, voter=other_employee)
    assert (first.value, first.changed, second.value, second.changed) == (1, True, 1, False)
    assert Vote.objects.filter(idea=idea).count() == 1
    assert_counts_match(idea)
    assert idea.upvotes == 1


def test_switch_up_down_and_retract(idea, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    result = services.vote_cast(idea_id=idea.pk, voter=other_employee, value=-1)
    assert (result.value, result.changed, result.idea.upvotes, result.idea.downvotes) == (-1, True, 0, 1)
    assert_counts_match(idea)
    services.vote_cast(idea_id=idea.pk, voter=other_employee, value=1)
    assert_counts_match(idea)
    assert (idea.upvotes, idea.downvotes) == (1, 0)
    result = services.vote_retract(idea_id=idea.pk, voter=other_employee)
    assert (result.value, result.changed) == (None, True)
    assert_counts_match(idea)
    assert (idea.upvotes, idea.downvotes) == (0, 0)
    again = services.vote_retract(idea_id=idea.pk, voter=other_employee)
    assert (again.value, again.changed) == (None, False)
    assert_counts_match(idea)


def test_retract_down_vote(idea, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee, value=-1)
    services.vote_retract(idea_id=idea.pk, voter=other_employee)
    assert_counts_match(idea)
    assert (idea.upvotes, idea.downvotes) == (0, 0)


@pytest.mark.parametrize("value", [0, 2, -2])
def test_vote_value_is_plus_or_minus_one(idea, other_employee, value):
    with pytest.raises(services.InvalidIdea) as exc:
        services.vote_cast(idea_id=idea.pk, voter=other_employee, value=value)
    assert exc.value.field == "value"
    assert not Vote.objects.exists()


def test_down_vote_refused_on_up_only_board(manager, employee, other_employee):
    board = make_board(owner=manager, voting="up")
    idea = make_idea(board=board, author=employee)
    with pytest.raises(services.InvalidIdea) as exc:
        services.vote_cast(idea_id=idea.pk, voter=other_employee, value=-1)
    assert exc.value.field == "value"
    assert_counts_match(idea)
    assert idea.downvotes == 0 and not Vote.objects.exists()


@pytest.mark.parametrize("status", ["done", "declined"])
def test_voting_on_closed_idea_is_refused(idea, manager, other_employee, status):
    services.idea_status_change(idea_id=idea.pk, actor=manager, status=status)
    with pytest.raises(services.VotingClosed):
        services.vote_cast(idea_id=idea.pk, voter=other_employee)
    assert not Vote.objects.exists()


def test_voting_on_merged_idea_is_refused_with_the_original(board, idea, manager, employee, other_employee):
    duplicate = make_idea(board=board, author=employee, title="Solar roof panels")
    services.idea_merge(duplicate_id=duplicate.pk, original_id=idea.pk, actor=manager)
    with pytest.raises(services.IdeaMerged) as exc:
        services.vote_cast(idea_id=duplicate.pk, voter=other_employee)
    assert exc.value.extra == {"merged_into": idea.pk}
    with pytest.raises(services.IdeaMerged):
        services.vote_retract(idea_id=duplicate.pk, voter=other_employee)
    assert not Vote.objects.exists()


@pytest.mark.parametrize("when", ["before", "after", "archived"])
def test_voting_outside_the_campaign_dates_is_refused(manager, employee, other_employee, when):
    now = timezone.now()
    board = make_board(owner=manager, kind="campaign", closes_at=now + timedelta(days=3))
    idea = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=idea.pk, voter=employee)
    if when == "before":
        Board.objects.filter(pk=board.pk).update(opens_at=now + timedelta(days=1))
    elif when == "after":
        Board.objects.filter(pk=board.pk).update(closes_at=now - timedelta(seconds=1))
    else:
        Board.objects.filter(pk=board.pk).update(is_archived=True)
    with pytest.raises(services.BoardClosed):
        services.vote_cast(idea_id=idea.pk, voter=other_employee)
    with pytest.raises(services.BoardClosed):
        services.vote_retract(idea_id=idea.pk, voter=employee)
    assert_counts_match(idea)
    assert idea.upvotes == 1


def test_voting_on_an_invisible_idea_is_not_found(manager, employee):
    sales = DepartmentFactory(name="Sales")
    board = make_board(owner=manager, audience="departments", department_ids=[sales.pk])
    idea = make_idea(board=board, author=UserFactory(department=sales))
    with pytest.raises(NotFound):
        services.vote_cast(idea_id=idea.pk, voter=employee)
    with pytest.raises(NotFound):
        services.vote_retract(idea_id=idea.pk, voter=employee)
    with pytest.raises(NotFound):
        services.vote_cast(idea_id=987654, voter=employee)
    assert not Vote.objects.exists() and not VoteWallet.objects.exists()


def test_budget_exhausted_then_freed_by_retract(manager, employee, other_employee):
    board = make_board(owner=manager, vote_budget=2)
    a, b, c = (make_idea(board=board, author=employee) for _ in range(3))
    assert services.vote_cast(idea_id=a.pk, voter=other_employee).votes_left == 1
    assert services.vote_cast(idea_id=b.pk, voter=other_employee).votes_left == 0
    assert services.vote_cast(idea_id=b.pk, voter=other_employee).votes_left == 0  # no change, no cost
    with pytest.raises(services.VoteBudgetExhausted) as exc:
        services.vote_cast(idea_id=c.pk, voter=other_employee)
    assert exc.value.extra == {"vote_budget": 2}
    assert votes_left(board=board, user=other_employee) == 0
    assert services.vote_retract(idea_id=a.pk, voter=other_employee).votes_left == 1
    assert services.vote_cast(idea_id=c.pk, voter=other_employee).votes_left == 0
    assert_counts_match(a, b, c)
    assert [a.upvotes, b.upvotes, c.upvotes] == [0, 1, 1]
    # Someone else's budget is their own.
    assert services.vote_cast(idea_id=a.pk, voter=employee).votes_left == 1


def test_switching_direction_costs_no_budget(manager, employee, other_employee):
    board = make_board(owner=manager, voting="updown", vote_budget=1)
    idea = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    result = services.vote_cast(idea_id=idea.pk, voter=other_employee, value=-1)
    assert (result.changed, result.votes_left) == (True, 0)
    assert_counts_match(idea)


def test_budget_is_per_board(manager, employee, other_employee):
    one = make_board(owner=manager, vote_budget=1)
    two = make_board(owner=manager, vote_budget=1)
    services.vote_cast(idea_id=make_idea(board=one, author=employee).pk, voter=other_employee)
    assert services.vote_cast(idea_id=make_idea(board=two, author=employee).pk, voter=other_employee).changed


@pytest.mark.parametrize("status", ["done", "declined"])
def test_closing_an_idea_returns_budget(manager, employee, other_employee, status):
    board = make_board(owner=manager, vote_budget=1)
    a, b = make_idea(board=board, author=employee), make_idea(board=board, author=employee)
    services.vote_cast(idea_id=a.pk, voter=other_employee)
    with pytest.raises(services.VoteBudgetExhausted):
        services.vote_cast(idea_id=b.pk, voter=other_employee)
    services.idea_status_change(idea_id=a.pk, actor=manager, status=status)
    assert votes_left(board=board, user=other_employee) == 1
    assert services.vote_cast(idea_id=b.pk, voter=other_employee).votes_left == 0
    assert_counts_match(a, b)
    assert a.upvotes == 1  # the vote stays on the closed idea, it just no longer uses the budget


def test_non_closing_status_keeps_budget(manager, employee, other_employee):
    board = make_board(owner=manager, vote_budget=1)
    a = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=a.pk, voter=other_employee)
    services.idea_status_change(idea_id=a.pk, actor=manager, status="planned")
    assert votes_left(board=board, user=other_employee) == 0


def test_a_hidden_idea_does_not_hold_its_voters_budget(manager, moderator, employee, other_employee):
    """A vote on an idea hidden by moderation cannot be taken back (the idea is gone for the voter),
    so it must not block their other votes; after a restore it counts again."""
    board = make_board(owner=manager, vote_budget=1)
    a, b = make_idea(board=board, author=employee), make_idea(board=board, author=employee)
    services.vote_cast(idea_id=a.pk, voter=other_employee)
    services.idea_hide(idea_id=a.pk, actor=moderator)
    assert votes_left(board=board, user=other_employee) == 1
    assert services.vote_cast(idea_id=b.pk, voter=other_employee).votes_left == 0
    services.idea_restore(idea_id=a.pk, actor=moderator)
    assert votes_left(board=board, user=other_employee) == 0
    a.refresh_from_db()
    assert a.upvotes == 1  # the vote was kept through hide and restore


def test_counts_equal_count_star_after_random_operations(board, manager):
    ideas = [make_idea(board=board, author=manager) for _ in range(3)]
    people = [UserFactory() for _ in range(6)]
    rng = random.Random(5)
    for _ in range(120):
        idea, person = rng.choice(ideas), rng.choice(people)
        if rng.random() < 0.3:
            services.vote_retract(idea_id=idea.pk, voter=person)
        else:
            services.vote_cast(idea_id=idea.pk, voter=person, value=rng.choice([1, -1]))
        assert_counts_match(idea)
    for idea in ideas:
        rebuilt = services.idea_counts_rebuild(idea_id=idea.pk)
        before = Idea.objects.get(pk=idea.pk)
        assert (rebuilt.upvotes, rebuilt.downvotes) == (before.upvotes, before.downvotes)
    # The trending score moved vote by vote equals the one computed from the votes' times.
    for idea in ideas:
        idea.refresh_from_db()
        times = list(Vote.objects.filter(idea=idea, value=1).values_list("created_at", flat=True))
        assert idea.score_trending == pytest.approx(ranking.trend_score(times), abs=1e-6)


def test_counts_rebuild_repairs_drifted_counters(idea, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    Idea.objects.filter(pk=idea.pk).update(upvotes=40, downvotes=3, customer_votes=9, follower_count=0)
    services.idea_counts_rebuild(idea_id=idea.pk)
    assert_counts_match(idea)
    assert (idea.upvotes, idea.downvotes, idea.customer_votes, idea.follower_count) == (1, 0, 0, 1)


def test_wilson_orders_updown_board_by_confidence_not_difference(board, manager):
    people = [UserFactory() for _ in range(12)]
    sure = make_idea(board=board, author=manager, title="Many up few down")
    lucky = make_idea(board=board, author=manager, title="Two up none down")
    split = make_idea(board=board, author=manager, title="Half and half")
    for n, person in enumerate(people):
        services.vote_cast(idea_id=sure.pk, voter=person, value=-1 if n < 2 else 1)  # 10 up, 2 down
        services.vote_cast(idea_id=split.pk, voter=person, value=-1 if n % 2 else 1)  # 6 up, 6 down
    for person in people[:2]:
        services.vote_cast(idea_id=lucky.pk, voter=person)
    for idea in (sure, lucky, split):
        idea.refresh_from_db()
    assert sure.score_top > lucky.score_top > split.score_top
    assert sure.score_top == pytest.approx(ranking.wilson_lower_bound(10, 2))
    assert sure.net_votes == 8 and lucky.net_votes == 2 and split.net_votes == 0


def test_up_only_board_tops_by_upvotes(manager, employee):
    board = make_board(owner=manager, voting="up")
    idea = make_idea(board=board, author=employee)
    for person in [UserFactory() for _ in range(3)]:
        services.vote_cast(idea_id=idea.pk, voter=person)
    idea.refresh_from_db()
    assert idea.score_top == 3.0


def test_hot_and_trending_rise_with_each_upvote_and_fall_back(board, manager):
    idea = make_idea(board=board, author=manager)
    idea.refresh_from_db()
    hot, trending = [idea.score_hot], [idea.score_trending]
    people = [UserFactory() for _ in range(5)]
    for person in people:
        services.vote_cast(idea_id=idea.pk, voter=person)
        idea.refresh_from_db()
        hot.append(idea.score_hot)
        trending.append(idea.score_trending)
    assert trending == sorted(set(trending))  # strictly rising
    assert hot == sorted(hot) and hot[-1] > hot[0]
    for person in reversed(people):
        services.vote_retract(idea_id=idea.pk, voter=person)
    idea.refresh_from_db()
    assert idea.score_trending == ranking.TREND_EMPTY
    assert idea.score_hot == pytest.approx(hot[0])


@pytest.mark.parametrize("days", [1, 55, 75, 200])
def test_trending_survives_retracting_a_vote_much_newer_than_another(board, manager, other_employee, days):
    """Removing an up-vote cast weeks after another must neither leave rounding residue once no
    up-vote is left nor lose the older vote while it remains."""
    idea = make_idea(board=board, author=manager)
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    Vote.objects.filter(idea=idea).update(created_at=timezone.now() - timedelta(days=days))
    services.idea_counts_rebuild(idea_id=idea.pk)
    services.vote_cast(idea_id=idea.pk, voter=manager)
    services.vote_retract(idea_id=idea.pk, voter=manager)
    idea.refresh_from_db()
    old_vote = Vote.objects.get(idea=idea).created_at
    assert idea.score_trending == pytest.approx(ranking.trend_score([old_vote]), abs=1e-3)
    services.vote_retract(idea_id=idea.pk, voter=other_employee)
    idea.refresh_from_db()
    assert idea.score_trending == ranking.TREND_EMPTY


def test_down_votes_lower_hot(board, manager):
    up, down = make_idea(board=board, author=manager), make_idea(board=board, author=manager)
    for person in [UserFactory() for _ in range(3)]:
        services.vote_cast(idea_id=up.pk, voter=person)
        services.vote_cast(idea_id=down.pk, voter=person, value=-1)
    up.refresh_from_db()
    down.refresh_from_db()
    assert up.score_hot > down.score_hot
    assert down.score_trending == ranking.TREND_EMPTY  # trending counts up-votes only


# --- customer votes -------------------------------------------------------------------------------


@pytest.fixture
def capturer():
    user = UserFactory(username="sam")
    user.user_permissions.add(Permission.objects.get(codename="capture_customer_voice"))
    return type(user).objects.get(pk=user.pk)


def test_customer_vote_is_one_per_customer_and_counted_apart(idea, capturer, manager):
    acme, globex = make_customer("Acme"), make_customer("Globex")
    services.customer_vote_add(idea_id=idea.pk, recorder=capturer, customer_id=acme.pk, note="  Asked twice ")
    services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=acme.pk)
    services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=globex.pk)
    assert_counts_match(idea)
    assert (idea.customer_votes, idea.upvotes) == (2, 0)
    vote = CustomerVote.objects.get(idea=idea, customer=acme)
    assert (vote.recorded_by, vote.note) == (capturer, "Asked twice")
    services.customer_vote_remove(idea_id=idea.pk, recorder=capturer, customer_id=acme.pk)
    services.customer_vote_remove(idea_id=idea.pk, recorder=capturer, customer_id=acme.pk)
    assert_counts_match(idea)
    assert idea.customer_votes == 1


def test_customer_vote_needs_permission_and_a_customer(idea, employee, capturer):
    acme = make_customer("Acme")
    with pytest.raises(Forbidden):
        services.customer_vote_add(idea_id=idea.pk, recorder=employee, customer_id=acme.pk)
    with pytest.raises(Forbidden):
        services.customer_vote_remove(idea_id=idea.pk, recorder=employee, customer_id=acme.pk)
    with pytest.raises(services.InvalidIdea) as exc:
        services.customer_vote_add(idea_id=idea.pk, recorder=capturer, customer_id=987654)
    assert exc.value.field == "customer_id"
    assert not CustomerVote.objects.exists()


def test_customer_vote_on_merged_idea_is_refused(board, idea, manager, employee):
    duplicate = make_idea(board=board, author=employee)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=idea.pk, actor=manager)
    with pytest.raises(services.IdeaMerged):
        services.customer_vote_add(idea_id=duplicate.pk, recorder=manager, customer_id=make_customer().pk)


def test_customer_votes_close_with_the_idea_and_the_board(board, idea, manager):
    acme = make_customer("Acme")
    services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=acme.pk)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="declined")
    with pytest.raises(services.VotingClosed):
        services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=make_customer().pk)
    with pytest.raises(services.VotingClosed):
        services.customer_vote_remove(idea_id=idea.pk, recorder=manager, customer_id=acme.pk)
    other = make_idea(board=board, author=manager)
    Board.objects.filter(pk=board.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.BoardClosed):
        services.customer_vote_add(idea_id=other.pk, recorder=manager, customer_id=acme.pk)
    assert_counts_match(idea, other)
    assert (idea.customer_votes, other.customer_votes) == (1, 0)
