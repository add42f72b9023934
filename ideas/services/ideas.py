"""Ideas: posting and editing, tags, co-authors, followers, the status workflow, hiding."""

import difflib

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import Forbidden, NotFound
from collab.realtime.sockets import topic_access_recheck
from threads.services import thread_start

from .. import events, tasks
from ..models import (
    CLOSED_STATUSES,
    Board,
    CustomerAccount,
    Idea,
    IdeaCoauthor,
    IdeaFollow,
    IdeaRevision,
    IdeaStatusChange,
    Status,
    Tag,
    Vote,
)
from ..selectors import (
    board_get_for_user,
    can_capture_customer_voice,
    can_manage_board,
    idea_get_for_user,
    is_idea_editor,
    user_can_see_idea,
)
from ._common import MAX_TAGS, board_tags_changed, clean_title, render_body
from .errors import BoardClosed, InvalidIdea

# An edit is "material" (voters are told) when the title or the description changes by more than
# this share of its characters (difflib's ratio); fixing a typo is not.
MATERIAL_CHANGE_RATIO = 0.85


def _tags(names: list[str] | None) -> list[Tag]:
    wanted: dict[str, str] = {}
    for name in names or []:
        name = " ".join(str(name).split())[:40]
        slug = slugify(name)[:40]
        if slug and slug not in wanted:
            wanted[slug] = name
    if len(wanted) > MAX_TAGS:
        raise InvalidIdea(_("An idea has at most %(max)d tags.") % {"max": MAX_TAGS}, field="tags")
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    missing = [Tag(name=name, slug=slug) for slug, name in wanted.items() if slug not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    return [existing[slug] for slug in wanted]


def _follow(idea: Idea, user: User) -> None:
    _follow_row, created = IdeaFollow.objects.get_or_create(idea=idea, user=user)
    if created:
        Idea.objects.filter(pk=idea.pk).update(follower_count=F("follower_count") + 1)


@transaction.atomic
def idea_post(
    *,
    board_id: int,
    author: User,
    title: str,
    body: str,
    tags: list[str] | None = None,
    customer_id: int | None = None,
) -> Idea:
    """Post an idea with its discussion thread; the author follows it. With `customer_id`, staff
    who capture customer voice post on a customer's behalf.

    Publishes `idea.posted` on `board.<id>`. Raises BoardClosed, InvalidIdea, Forbidden, NotFound."""
    board = board_get_for_user(board_id=board_id, user=author)
    if not board.is_open:
        raise BoardClosed()
    title = clean_title(title)
    content = render_body(body)
    customer = None
    if customer_id is not None:
        if not can_capture_customer_voice(author):
            raise Forbidden(_("Only sales and support staff can post on behalf of a customer."))
        customer = CustomerAccount.objects.filter(pk=customer_id).first()
        if customer is None:
            raise InvalidIdea(_("Unknown customer account."), field="customer_id")
    tag_rows = _tags(tags)
    thread = thread_start(
        space_id=board.space_id,
        author=author,
        title=title,
        body=_("Discussion of an idea posted on the board [%(board)s](%(url)s).")
        % {"board": board.title.replace("[", "(").replace("]", ")"), "url": reverse("board_detail", args=[board.slug])},
    )
    now = timezone.now()
    idea = Idea(
        board=board,
        title=title,
        body=content.body,
        body_html=content.html,
        author=author,
        customer=customer,
        thread=thread,
        created_at=now,
    )
    from .votes import scores_for

    idea.score_top, idea.score_hot, idea.score_trending = scores_for(idea, board=board, upvote_times=[])
    idea.save()
    idea.tags.set(tag_rows)
    if tag_rows:
        board_tags_changed(board.pk)
    _follow(idea, author)
    Board.objects.filter(pk=board.pk).update(idea_count=F("idea_count") + 1)
    events.idea_posted(idea)
    return idea


def _is_material(old: str, new: str) -> bool:
    if old == new:
        return False
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() < MATERIAL_CHANGE_RATIO


@transaction.atomic
def idea_update(
    *, idea_id: int, editor: User, title: str | None = None, body: str | None = None, tags: list[str] | None = None
) -> Idea:
    """Edit an idea (authors, accepted co-authors, board managers). The previous text is kept as a
    revision; a material change bumps the version and tells the voters.

    Publishes `idea.updated`; enqueues `ideas.idea_voters_notify` on a material change."""
    idea = idea_get_for_user(idea_id=idea_id, user=editor, for_update=True)
    if not is_idea_editor(user=editor, idea=idea):
        raise Forbidden(_("Only the idea's authors can edit it."))
    if idea.is_merged:
        raise InvalidIdea(_("A merged idea cannot be edited: edit the idea it was merged into."))
    new_title = clean_title(title) if title is not None else idea.title
    new_body = render_body(body) if body is not None else None
    changed_text = new_title != idea.title or (new_body is not None and new_body.body != idea.body)
    fields = []
    if changed_text:
        IdeaRevision.objects.create(idea=idea, version=idea.version, title=idea.title, body=idea.body, edited_by=editor)
        material = _is_material(idea.title, new_title) or (
            new_body is not None and _is_material(idea.body, new_body.body)
        )
        idea.title = new_title
        if new_body is not None:
            idea.body, idea.body_html = new_body.body, new_body.html
        idea.edited_at = timezone.now()
        fields += ["title", "body", "body_html", "edited_at"]
        if material:
            idea.version += 1
            fields.append("version")
            # The editor has seen their own change: no "changed since you voted" for them.
            Vote.objects.filter(idea=idea, voter=editor).update(seen_version=idea.version)
            tasks.idea_voters_notify.delay_on_commit(idea_id=idea.pk, version=idea.version)
    if fields:
        idea.save(update_fields=fields)
    if tags is not None:
        idea.tags.set(_tags(tags))
        board_tags_changed(idea.board_id)
    if fields or tags is not None:
        events.idea_updated(idea)
    return idea


@transaction.atomic
def idea_vote_acknowledge(*, idea_id: int, voter: User) -> None:
    """The voter has seen the idea as it is now (the "changed since you voted" notice goes away)."""
    idea = idea_get_for_user(idea_id=idea_id, user=voter)
    Vote.objects.filter(idea=idea, voter=voter).update(seen_version=idea.version)


@transaction.atomic
def idea_status_change(*, idea_id: int, actor: User, status: str, response: str | None = None) -> Idea:
    """Move an idea through the workflow with an optional official response. Closing it (done,
    declined) ends voting and gives budgeted votes back to the voters.

    Publishes `idea.status_changed`; enqueues `ideas.idea_status_notify` (followers and voters)."""
    idea = idea_get_for_user(idea_id=idea_id, user=actor, for_update=True)
    if not can_manage_board(user=actor, board=idea.board):
        raise Forbidden(_("Only the board's owner, managers and moderators can change an idea's status."))
    if status not in Status.values:
        raise InvalidIdea(_("Unknown status."), field="status")
    if idea.is_merged:
        raise InvalidIdea(_("A merged idea has no status of its own."))
    rendered = render_body(response, field="response", required=False, max_length=5000) if response else None
    if status == idea.status and rendered is None:
        raise InvalidIdea(_("The idea already has this status."), field="status")
    old = idea.status
    now = timezone.now()
    fields = ["status"]
    idea.status = status
    if rendered is not None:
        idea.response, idea.response_html = rendered.body, rendered.html
        idea.responded_by, idea.responded_at = actor, now
        fields += ["response", "response_html", "responded_by", "responded_at"]
    idea.save(update_fields=fields)
    change = IdeaStatusChange.objects.create(
        idea=idea, old_status=old, new_status=status, response=rendered.body if rendered else "", changed_by=actor
    )
    if status in CLOSED_STATUSES and old not in CLOSED_STATUSES:
        Vote.objects.filter(idea=idea, holds_budget=True).update(holds_budget=False)
    events.idea_status_changed(idea)
    if status != old:
        tasks.idea_status_notify.delay_on_commit(idea_id=idea.pk, change_id=change.pk)
    return idea


@transaction.atomic
def idea_follow(*, idea_id: int, user: User) -> None:
    """Follow an idea: status changes and merges are sent to you."""
    idea = idea_get_for_user(idea_id=idea_id, user=user)
    _follow(idea, user)


@transaction.atomic
def idea_unfollow(*, idea_id: int, user: User) -> None:
    idea = idea_get_for_user(idea_id=idea_id, user=user)
    deleted, _rows = IdeaFollow.objects.filter(idea=idea, user=user).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk).update(follower_count=F("follower_count") - 1)


@transaction.atomic
def idea_coauthor_invite(*, idea_id: int, actor: User, user_id: int) -> IdeaCoauthor:
    """Invite someone who can see the idea to co-author it. Publishes an `idea.notice` to them."""
    idea = idea_get_for_user(idea_id=idea_id, user=actor, for_update=True)
    is_author = (
        idea.author_id == actor.pk
        or IdeaCoauthor.objects.filter(idea=idea, user=actor, accepted_at__isnull=False).exists()
    )
    if not is_author:
        raise Forbidden(_("Only the idea's authors can invite co-authors."))
    invitee = User.objects.filter(pk=user_id, is_active=True).first()
    if invitee is None or not user_can_see_idea(user=invitee, idea=idea):
        raise InvalidIdea(_("This person cannot see the idea's board."), field="user_id")
    if invitee.pk == idea.author_id:
        raise InvalidIdea(_("The author is already an author."), field="user_id")
    coauthor, created = IdeaCoauthor.objects.get_or_create(idea=idea, user=invitee, defaults={"invited_by": actor})
    if created:
        events.idea_notice(user_id=invitee.pk, idea=idea, kind="coauthor_invited")
    return coauthor


@transaction.atomic
def idea_coauthor_accept(*, idea_id: int, user: User) -> IdeaCoauthor:
    """Accept an invitation to co-author: you may edit the idea and you follow it."""
    idea = idea_get_for_user(idea_id=idea_id, user=user)
    coauthor = IdeaCoauthor.objects.select_for_update().filter(idea=idea, user=user).first()
    if coauthor is None:
        raise NotFound()
    if coauthor.accepted_at is None:
        coauthor.accepted_at = timezone.now()
        coauthor.save(update_fields=["accepted_at"])
        _follow(idea, user)
        events.idea_updated(idea)
    return coauthor


@transaction.atomic
def idea_coauthor_remove(*, idea_id: int, actor: User, user_id: int) -> None:
    """Withdraw an invitation or a co-authorship (the author, a board manager, or the co-author)."""
    idea = idea_get_for_user(idea_id=idea_id, user=actor)
    if not (actor.pk in (idea.author_id, user_id) or can_manage_board(user=actor, board=idea.board)):
        raise Forbidden()
    if IdeaCoauthor.objects.filter(idea=idea, user_id=user_id).delete()[0]:
        events.idea_updated(idea)


def _set_hidden(idea_id: int, actor: User, hidden: bool) -> Idea:
    if not actor.is_moderator:
        raise Forbidden(_("Only moderators can do this."))
    idea = idea_get_for_user(idea_id=idea_id, user=actor, for_update=True)
    if idea.is_hidden != hidden:
        idea.is_hidden = hidden
        idea.save(update_fields=["is_hidden"])
        events.idea_visibility_changed(idea)
        if hidden:
            # Sockets of people who may no longer see the idea stop following it.
            topic_access_recheck(topic=events.idea_topic(idea.pk))
        from threads.services import thread_hidden_set

        thread_hidden_set(thread_id=idea.thread_id, actor=actor, hidden=hidden)
    return idea


@transaction.atomic
def idea_hide(*, idea_id: int, actor: User) -> Idea:
    """Hide an idea (moderators): it and its discussion disappear for everyone else; votes are kept."""
    return _set_hidden(idea_id, actor, True)


@transaction.atomic
def idea_restore(*, idea_id: int, actor: User) -> Idea:
    """Bring a hidden idea back as it was, with its votes and discussion."""
    return _set_hidden(idea_id, actor, False)
