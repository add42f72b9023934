"""Events of discussions, published through the realtime engine.

Topics: `thread.<id>` (who may see the thread) and `space.<id>` (who may see the space); mentions
go to `user.<id>`. Payloads hold ids and display fields only: the page fetches what it shows.
"""

from typing import TypedDict

from django.db.models import Count

from collab.realtime.publish import publish_on_commit

from .models import Post, Reaction, Thread


def thread_topic(thread_id: int) -> str:
    return f"thread.{thread_id}"


def space_topic(space_id: int) -> str:
    return f"space.{space_id}"


class Author(TypedDict):
    id: int
    display_name: str


class ThreadStarted(TypedDict):
    """`thread.started` on `space.<id>`."""

    thread_id: int
    title: str
    author: Author


class ThreadActivity(TypedDict):
    """`thread.activity` on `space.<id>`: a thread got a reply."""

    thread_id: int
    reply_count: int
    last_activity_at: str


class ReplyPosted(TypedDict):
    """`reply.posted` on `thread.<id>`."""

    id: int
    parent_id: int | None
    depth: int
    author: Author


class PostChanged(TypedDict):
    """`post.edited`, `post.deleted`, `post.restored` on `thread.<id>`."""

    id: int
    version: int


class ReactionChanged(TypedDict):
    """`reaction.changed` on `thread.<id>`: the new count of one emoji on one post."""

    post_id: int
    emoji: str
    count: int


class ThreadUpdated(TypedDict):
    """`thread.updated` on `thread.<id>` and `space.<id>`: pinned, locked or accepted answer changed."""

    thread_id: int
    is_pinned: bool
    is_locked: bool
    accepted_post_id: int | None


class MentionCreated(TypedDict):
    """`mention.created` on `user.<id>`: someone mentioned you where you can read it."""

    post_id: int
    thread_id: int
    thread_title: str
    author: Author


def _author(post_or_thread) -> Author:
    return Author(id=post_or_thread.author_id, display_name=post_or_thread.author.display_name)


def thread_started(thread: Thread) -> None:
    publish_on_commit(
        space_topic(thread.space_id),
        "thread.started",
        ThreadStarted(thread_id=thread.pk, title=thread.title, author=_author(thread)),
    )


def reply_posted(post: Post) -> None:
    thread = post.thread
    publish_on_commit(
        thread_topic(thread.pk),
        "reply.posted",
        ReplyPosted(id=post.pk, parent_id=post.parent_id, depth=post.depth, author=_author(post)),
    )
    publish_on_commit(
        space_topic(thread.space_id),
        "thread.activity",
        ThreadActivity(
            thread_id=thread.pk, reply_count=thread.reply_count, last_activity_at=thread.last_activity_at.isoformat()
        ),
    )


def post_changed(post: Post, event_type: str) -> None:
    publish_on_commit(thread_topic(post.thread_id), event_type, PostChanged(id=post.pk, version=post.version))


def reaction_changed(post: Post, emoji: str) -> None:
    count = Reaction.objects.filter(post=post, emoji=emoji).aggregate(n=Count("id"))["n"]
    publish_on_commit(
        thread_topic(post.thread_id), "reaction.changed", ReactionChanged(post_id=post.pk, emoji=emoji, count=count)
    )


def thread_updated(thread: Thread) -> None:
    payload = ThreadUpdated(
        thread_id=thread.pk,
        is_pinned=thread.is_pinned,
        is_locked=thread.is_locked,
        accepted_post_id=thread.accepted_post_id,
    )
    publish_on_commit(thread_topic(thread.pk), "thread.updated", payload)
    publish_on_commit(space_topic(thread.space_id), "thread.updated", payload)


def mention_created(*, post: Post, user) -> None:
    payload = MentionCreated(
        post_id=post.pk, thread_id=post.thread_id, thread_title=post.thread.title, author=_author(post)
    )
    publish_on_commit(f"user.{user.pk}", "mention.created", payload)
