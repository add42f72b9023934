"""Merging a duplicate idea into its original."""

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import Forbidden, NotFound
from threads.services import ThreadLocked, reply_post

from .. import events, tasks
from ..models import Board, CustomerVote, Idea, IdeaFollow, Vote
from ..selectors import can_manage_board, idea_get_for_user
from ._common import board_tags_changed
from .errors import InvalidMerge
from .votes import _rebuild


@transaction.atomic
def idea_merge(*, duplicate_id: int, original_id: int, actor: User) -> Idea:
    """Merge a duplicate into its original (the board's owner, managers, moderators).

    Votes move without double counting (a person who voted for both keeps one vote, on the
    original), customers' votes likewise; followers and tags join the original; the duplicate's
    discussion stays where it is and the original's thread links to it; the duplicate's page
    redirects. Publishes `idea.merged` and `vote.changed`; enqueues `ideas.idea_merged_notify`.
    Raises InvalidMerge, Forbidden, NotFound."""
    if duplicate_id == original_id:
        raise InvalidMerge(_("An idea cannot be merged into itself."), field="original_id")
    # Lock both rows in id order (two merges of the same pair in opposite directions cannot deadlock).
    first, second = sorted([duplicate_id, original_id])
    locked = {first: idea_get_for_user(idea_id=first, user=actor, for_update=True)}
    locked[second] = idea_get_for_user(idea_id=second, user=actor, for_update=True)
    duplicate, original = locked[duplicate_id], locked[original_id]
    if not can_manage_board(user=actor, board=duplicate.board):
        raise Forbidden(_("Only the board's owner, managers and moderators can merge ideas."))
    if duplicate.board_id != original.board_id:
        raise InvalidMerge(_("Only ideas of the same board can be merged."), field="original_id")
    if duplicate.is_merged:
        raise InvalidMerge(_("This idea was already merged."), field="duplicate_id")
    if original.is_merged:
        raise InvalidMerge(
            _("The original was itself merged: merge into the idea it was merged into."), field="original_id"
        )

    # Votes: a person's vote on the original wins; the rest move (budgets: a moved vote keeps
    # holding one of the voter's votes unless the original is closed).
    # Who followed, voted for or authored the duplicate is told where it went (after commit).
    told = (
        set(Vote.objects.filter(idea=duplicate).values_list("voter_id", flat=True))
        | set(IdeaFollow.objects.filter(idea=duplicate).values_list("user_id", flat=True))
        | {duplicate.author_id}
    ) - {actor.pk}
    Vote.objects.filter(idea=duplicate, voter__in=Vote.objects.filter(idea=original).values("voter")).delete()
    moved = Vote.objects.filter(idea=duplicate)
    if original.is_closed:
        moved.update(idea=original, holds_budget=False)
    else:
        moved.update(idea=original)
    CustomerVote.objects.filter(
        idea=duplicate, customer__in=CustomerVote.objects.filter(idea=original).values("customer")
    ).delete()
    CustomerVote.objects.filter(idea=duplicate).update(idea=original)
    IdeaFollow.objects.filter(idea=duplicate, user__in=IdeaFollow.objects.filter(idea=original).values("user")).delete()
    IdeaFollow.objects.filter(idea=duplicate).update(idea=original)
    original.tags.add(*duplicate.tags.all())
    board_tags_changed(original.board_id)

    duplicate.merged_into = original
    duplicate.save(update_fields=["merged_into"])
    board = Board.objects.get(pk=original.board_id)
    _rebuild(original, board)
    _rebuild(duplicate, board)
    Board.objects.filter(pk=board.pk).update(idea_count=F("idea_count") - 1)

    note = _("Merged the duplicate idea **%(title)s** into this one. Its earlier discussion: [%(link)s](%(url)s).") % {
        "title": duplicate.title.replace("*", ""),
        "link": _("read it"),
        "url": reverse("thread_detail", args=[duplicate.thread_id]),
    }
    try:
        with transaction.atomic():
            reply_post(thread_id=original.thread_id, author=actor, body=note)
    except (ThreadLocked, NotFound):
        # The note is a courtesy: a discussion locked by a moderator (or one the actor cannot
        # reach) must not block the merge itself.
        pass
    events.idea_merged(duplicate, original)
    events.vote_changed(original)
    tasks.idea_merged_notify.delay_on_commit(duplicate_id=duplicate.pk, original_id=original.pk, user_ids=sorted(told))
    return original
