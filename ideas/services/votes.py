"""Votes: one per person per idea (a database constraint), tallies moved with F() under the idea's
row lock, budgets checked under the person's per-board wallet lock.

Lock order, always: the voter's wallet row, then the idea row. `idea_merge` locks idea rows only.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import Forbidden

from .. import events, ranking
from ..models import Board, CustomerAccount, CustomerVote, Idea, Vote, VoteWallet
from ..selectors import can_capture_customer_voice, idea_get_for_user, votes_left
from .errors import BoardClosed, IdeaMerged, InvalidIdea, VoteBudgetExhausted, VotingClosed


@dataclass
class VoteResult:
    idea: Idea
    value: int | None  # the person's vote now: 1, -1 or None
    changed: bool
    votes_left: int | None  # on a budgeted board


def scores_for(idea: Idea, *, board: Board, upvote_times: list[datetime] | None = None) -> tuple[float, float, float]:
    """(top, hot, trending) from the idea's tallies; trending from the given up-vote times, or
    carried over from the stored score when None."""
    top = ranking.top_score(idea.upvotes, idea.downvotes, updown=board.allows_downvotes)
    hot = ranking.hot_score(idea.upvotes, idea.downvotes, idea.created_at)
    trending = ranking.trend_score(upvote_times) if upvote_times is not None else idea.score_trending
    return top, hot, trending


def _lock_wallet(board: Board, voter: User) -> None:
    wallet, _created = VoteWallet.objects.get_or_create(board=board, voter=voter)
    VoteWallet.objects.select_for_update().filter(pk=wallet.pk).first()


def _lock_idea(idea_id: int, voter: User) -> Idea:
    idea = idea_get_for_user(idea_id=idea_id, user=voter, for_update=True)
    if idea.is_merged:
        raise IdeaMerged(extra={"merged_into": idea.merged_into_id})
    if idea.is_closed:
        raise VotingClosed()
    if not idea.board.is_open:
        raise BoardClosed()
    return idea


def _apply(idea: Idea, *, up: int = 0, down: int = 0, trend_added: datetime | None = None,
           trend_removed: datetime | None = None) -> Idea:  # fmt: skip
    """Move the tallies with F() (the idea row is locked), then store the new scores."""
    Idea.objects.filter(pk=idea.pk).update(upvotes=F("upvotes") + up, downvotes=F("downvotes") + down)
    idea.refresh_from_db(fields=["upvotes", "downvotes", "customer_votes", "score_trending"])
    trending = idea.score_trending
    if trend_removed is not None:
        trending = ranking.trend_remove(trending, trend_removed)
    if trend_added is not None:
        trending = ranking.trend_add(trending, trend_added)
    if idea.upvotes == 0:
        # Subtracting the last term leaves float residue (a vote weeks older than another one).
        trending = ranking.TREND_EMPTY
    elif trending <= ranking.TREND_EMPTY:
        # Up-votes remain but their sum was lost to float precision (one vote far older than the
        # one just removed): count them again.
        times = Vote.objects.filter(idea=idea, value=1).values_list("created_at", flat=True)
        trending = ranking.trend_score(list(times))
    idea.score_trending = trending
    idea.score_top, idea.score_hot, _trend = scores_for(idea, board=idea.board)
    idea.save(update_fields=["score_top", "score_hot", "score_trending"])
    events.vote_changed(idea)
    return idea


@transaction.atomic
def vote_cast(*, idea_id: int, voter: User, value: int = 1) -> VoteResult:
    """Vote for an idea (+1), or against it (-1) on up/down boards. Casting the vote you already
    have changes nothing; casting the other direction switches it. On a budgeted board a new vote
    needs a vote left.

    Publishes `vote.changed`. Raises VotingClosed, BoardClosed, IdeaMerged, VoteBudgetExhausted,
    InvalidIdea, NotFound."""
    if value not in (1, -1):
        raise InvalidIdea(_("A vote is +1 or -1."), field="value")
    board_id = idea_get_for_user(idea_id=idea_id, user=voter).board_id
    board = Board.objects.get(pk=board_id)
    if value == -1 and not board.allows_downvotes:
        raise InvalidIdea(_("This board takes up-votes only."), field="value")
    _lock_wallet(board, voter)
    idea = _lock_idea(idea_id, voter)
    now = timezone.now()
    vote = Vote.objects.filter(idea=idea, voter=voter).first()
    if vote is not None and vote.value == value:
        return VoteResult(idea, value, False, votes_left(board=board, user=voter))
    if vote is not None:
        was_up = vote.value == 1
        vote.value, old_time, vote.created_at, vote.seen_version = value, vote.created_at, now, idea.version
        vote.save(update_fields=["value", "created_at", "seen_version"])
        if was_up:
            _apply(idea, up=-1, down=1, trend_removed=old_time)
        else:
            _apply(idea, up=1, down=-1, trend_added=now)
        return VoteResult(idea, value, True, votes_left(board=board, user=voter))
    left = votes_left(board=board, user=voter)
    if left is not None and left <= 0:
        raise VoteBudgetExhausted(extra={"vote_budget": board.vote_budget})
    Vote.objects.create(idea=idea, voter=voter, value=value, seen_version=idea.version, created_at=now)
    if value == 1:
        _apply(idea, up=1, trend_added=now)
    else:
        _apply(idea, down=1)
    return VoteResult(idea, value, True, None if left is None else left - 1)


@transaction.atomic
def vote_retract(*, idea_id: int, voter: User) -> VoteResult:
    """Take your vote back (a budgeted vote returns to you). Retracting when you have no vote
    changes nothing. Publishes `vote.changed`. Raises VotingClosed, BoardClosed, IdeaMerged."""
    board_id = idea_get_for_user(idea_id=idea_id, user=voter).board_id
    board = Board.objects.get(pk=board_id)
    _lock_wallet(board, voter)
    idea = _lock_idea(idea_id, voter)
    vote = Vote.objects.filter(idea=idea, voter=voter).first()
    if vote is None:
        return VoteResult(idea, None, False, votes_left(board=board, user=voter))
    vote.delete()
    if vote.value == 1:
        _apply(idea, up=-1, trend_removed=vote.created_at)
    else:
        _apply(idea, down=-1)
    return VoteResult(idea, None, True, votes_left(board=board, user=voter))


def _customer_voice(idea_id: int, recorder: User, customer_id: int) -> tuple[Idea, CustomerAccount]:
    if not can_capture_customer_voice(recorder):
        raise Forbidden(_("Only sales and support staff can vote on behalf of a customer."))
    idea = idea_get_for_user(idea_id=idea_id, user=recorder, for_update=True)
    if idea.is_merged:
        raise IdeaMerged(extra={"merged_into": idea.merged_into_id})
    # A customer's vote is a vote: closed like employees' on closed ideas and outside the dates.
    if idea.is_closed:
        raise VotingClosed()
    if not idea.board.is_open:
        raise BoardClosed()
    customer = CustomerAccount.objects.filter(pk=customer_id).first()
    if customer is None:
        raise InvalidIdea(_("Unknown customer account."), field="customer_id")
    return idea, customer


@transaction.atomic
def customer_vote_add(*, idea_id: int, recorder: User, customer_id: int, note: str = "") -> CustomerVote:
    """Record a customer's vote (one per customer per idea; counted apart from employees' votes).
    Publishes `vote.changed`. Raises Forbidden, IdeaMerged, VotingClosed, BoardClosed, InvalidIdea."""
    idea, customer = _customer_voice(idea_id, recorder, customer_id)
    vote, created = CustomerVote.objects.get_or_create(
        idea=idea, customer=customer, defaults={"recorded_by": recorder, "note": (note or "").strip()[:300]}
    )
    if created:
        Idea.objects.filter(pk=idea.pk).update(customer_votes=F("customer_votes") + 1)
        idea.refresh_from_db(fields=["customer_votes"])
        events.vote_changed(idea)
    return vote


@transaction.atomic
def customer_vote_remove(*, idea_id: int, recorder: User, customer_id: int) -> None:
    idea, customer = _customer_voice(idea_id, recorder, customer_id)
    if CustomerVote.objects.filter(idea=idea, customer=customer).delete()[0]:
        Idea.objects.filter(pk=idea.pk).update(customer_votes=F("customer_votes") - 1)
        idea.refresh_from_db(fields=["customer_votes"])
        events.vote_changed(idea)


def _rebuild(idea: Idea, board: Board) -> Idea:
    tallies = Vote.objects.filter(idea=idea).aggregate(
        up=Count("id", filter=Q(value=1)), down=Count("id", filter=Q(value=-1))
    )
    idea.upvotes, idea.downvotes = tallies["up"], tallies["down"]
    idea.customer_votes = CustomerVote.objects.filter(idea=idea).count()
    idea.follower_count = idea.follows.count()
    times = list(Vote.objects.filter(idea=idea, value=1).values_list("created_at", flat=True))
    idea.score_top, idea.score_hot, idea.score_trending = scores_for(idea, board=board, upvote_times=times)
    idea.save(
        update_fields=[
            "upvotes",
            "downvotes",
            "customer_votes",
            "follower_count",
            "score_top",
            "score_hot",
            "score_trending",
        ]
    )
    return idea


@transaction.atomic
def idea_counts_rebuild(*, idea_id: int) -> Idea:
    """Recount an idea's tallies from COUNT(*) and recompute its scores (after a merge, or to
    repair). Publishes `vote.changed`."""
    idea = Idea.objects.select_for_update().select_related("board").get(pk=idea_id)
    _rebuild(idea, idea.board)
    events.vote_changed(idea)
    return idea


def board_scores_rebuild(*, board: Board) -> None:
    """Recompute every idea's scores on a board (its voting rule changed)."""
    for idea in Idea.objects.select_for_update().filter(board=board).order_by("pk"):
        idea.board = board
        idea.score_top, idea.score_hot, idea.score_trending = scores_for(idea, board=board)
        idea.save(update_fields=["score_top", "score_hot", "score_trending"])
