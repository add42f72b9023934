"""Events of idea boards, published through the realtime engine after commit.

Topics: `board.<id>` (who may see the board), `idea.<id>` (who may see the idea) and, for
personal notices, `user.<id>`. Payloads carry ids, counts and display fields, never who voted.
"""

from typing import TypedDict

from django.urls import reverse

from collab.realtime.publish import publish_on_commit

from .models import Idea


def board_topic(board_id: int) -> str:
    return f"board.{board_id}"


def idea_topic(idea_id: int) -> str:
    return f"idea.{idea_id}"


def user_topic(user_id: int) -> str:
    return f"user.{user_id}"


class Author(TypedDict):
    id: int
    display_name: str


class IdeaPosted(TypedDict):
    """`idea.posted` on `board.<id>`."""

    idea_id: int
    title: str
    author: Author


class VoteChanged(TypedDict):
    """`vote.changed` on `board.<id>` and `idea.<id>`: the idea's new tallies."""

    idea_id: int
    upvotes: int
    downvotes: int
    net_votes: int
    customer_votes: int


class IdeaUpdated(TypedDict):
    """`idea.updated` on `board.<id>` and `idea.<id>`: title, description or tags edited."""

    idea_id: int
    title: str
    version: int


class IdeaStatusChanged(TypedDict):
    """`idea.status_changed` on `board.<id>` and `idea.<id>`."""

    idea_id: int
    status: str
    status_label: str


class IdeaMerged(TypedDict):
    """`idea.merged` on `board.<id>` and on the duplicate's `idea.<id>` (its page moves to the original)."""

    idea_id: int
    into_id: int
    into_url: str


class IdeaVisibility(TypedDict):
    """`idea.hidden` / `idea.restored` on `board.<id>` and `idea.<id>`."""

    idea_id: int


class IdeaNotice(TypedDict):
    """`idea.notice` on `user.<id>`: something happened to an idea you follow, voted for or
    were invited to. `kind` is status_changed, changed_after_vote, merged or coauthor_invited."""

    kind: str
    idea_id: int
    title: str
    url: str
    status_label: str


def _counts(idea: Idea) -> VoteChanged:
    return VoteChanged(
        idea_id=idea.pk,
        upvotes=idea.upvotes,
        downvotes=idea.downvotes,
        net_votes=idea.upvotes - idea.downvotes,
        customer_votes=idea.customer_votes,
    )


def _both(idea: Idea, event_type: str, payload) -> None:
    # A hidden idea is no news to its board's followers (they may not see it): only its own topic,
    # which moderators alone may follow once it is hidden, hears of it (its hiding excepted).
    if not idea.is_hidden or event_type == "idea.hidden":
        publish_on_commit(board_topic(idea.board_id), event_type, payload)
    publish_on_commit(idea_topic(idea.pk), event_type, payload)


def idea_posted(idea: Idea) -> None:
    publish_on_commit(
        board_topic(idea.board_id),
        "idea.posted",
        IdeaPosted(
            idea_id=idea.pk, title=idea.title, author=Author(id=idea.author_id, display_name=idea.author.display_name)
        ),
    )


def vote_changed(idea: Idea) -> None:
    _both(idea, "vote.changed", _counts(idea))


def idea_updated(idea: Idea) -> None:
    _both(idea, "idea.updated", IdeaUpdated(idea_id=idea.pk, title=idea.title, version=idea.version))


def idea_status_changed(idea: Idea) -> None:
    _both(
        idea,
        "idea.status_changed",
        IdeaStatusChanged(idea_id=idea.pk, status=idea.status, status_label=str(idea.get_status_display())),
    )


def idea_merged(duplicate: Idea, original: Idea) -> None:
    _both(
        duplicate,
        "idea.merged",
        IdeaMerged(idea_id=duplicate.pk, into_id=original.pk, into_url=reverse("idea_detail", args=[original.pk])),
    )


def idea_visibility_changed(idea: Idea) -> None:
    _both(idea, "idea.hidden" if idea.is_hidden else "idea.restored", IdeaVisibility(idea_id=idea.pk))


def idea_notice(*, user_id: int, idea: Idea, kind: str) -> None:
    publish_on_commit(
        user_topic(user_id),
        "idea.notice",
        IdeaNotice(
            kind=kind,
            idea_id=idea.pk,
            title=idea.title,
            url=reverse("idea_detail", args=[idea.pk]),
            status_label=str(idea.get_status_display()),
        ),
    )
