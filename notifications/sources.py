"""From a domain event to the notifications it causes, and the visibility re-check.

The only module of this app that asks the domain apps (their selectors) about their rows. Recipients come from the event
(`user.<id>` notices name their person) or, for `reply.posted`, from the thread: the author of the
post replied to and the thread's watchers, minus who muted it, who wrote the reply and who the
reply mentions (the mention tells them). Everyone is checked with the domain's access selector.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from accounts.models import User
from collab.exceptions import NotFound
from ideas.selectors import idea_get_for_user
from teams.selectors import project_get_for_user
from threads import selectors as thread_selectors
from threads.selectors import thread_get_for_user

from .models import Kind

HANDLED_EVENTS = frozenset(
    {"reply.posted", "mention.created", "idea.notice", "team.notice", "post.deleted", "moderation.notice"}
)


@dataclass
class Draft:
    recipient_id: int
    kind: str
    cause: str
    verb: str
    group_key: str
    target_kind: str
    target_id: int
    title: str
    url: str
    actor_id: int | None = None
    extra: dict = field(default_factory=dict)


def user_id_of(topic: str) -> int | None:
    kind, _, key = topic.partition(".")
    return int(key) if kind == "user" and key.isdigit() else None


def drafts_for_event(topic: str, seq: int, event_type: str, data: dict) -> list[Draft]:
    handler = _HANDLERS.get(event_type)
    return handler(topic, seq, data) if handler else []


def _post_url(thread_id: int, post_id: int) -> str:
    return reverse("post_permalink", args=[thread_id, post_id])


def _reply_posted(topic: str, seq: int, data: dict) -> list[Draft]:
    post = thread_selectors.post_get(post_id=data["id"], deleted=False)
    if post is None or post.parent is None:
        return []
    thread = post.thread
    recipients = thread_selectors.reply_audience(post=post)
    extra = {"actor_name": post.author.display_name}
    return [
        Draft(
            recipient_id=uid,
            kind=Kind.REPLY,
            cause=f"reply:post:{post.pk}",
            verb="replied_to_you" if uid == post.parent.author_id else "replied",
            group_key=f"thread.{thread.pk}",
            target_kind="thread",
            target_id=thread.pk,
            title=thread.title,
            url=_post_url(thread.pk, post.pk),
            actor_id=post.author_id,
            extra=extra,
        )
        for uid in sorted(recipients)
    ]


def _mention_created(topic: str, seq: int, data: dict) -> list[Draft]:
    uid = user_id_of(topic)
    if uid is None:
        return []
    return [
        Draft(
            recipient_id=uid,
            kind=Kind.MENTION,
            cause=f"mention:post:{data['post_id']}",
            verb="mentioned",
            group_key=f"thread.{data['thread_id']}",
            target_kind="thread",
            target_id=data["thread_id"],
            title=data["thread_title"],
            url=_post_url(data["thread_id"], data["post_id"]),
            actor_id=data["author"]["id"],
            extra={"actor_name": data["author"]["display_name"]},
        )
    ]


def _idea_notice(topic: str, seq: int, data: dict) -> list[Draft]:
    uid = user_id_of(topic)
    if uid is None:
        return []
    return [
        Draft(
            recipient_id=uid,
            kind=Kind.IDEA,
            cause=f"idea.notice:{topic}:{seq}",  # the event itself: each notice is news once
            verb=data["kind"],
            group_key=f"idea.{data['idea_id']}",
            target_kind="idea",
            target_id=data["idea_id"],
            title=data["title"],
            url=data["url"],
            extra={"status_label": data.get("status_label", "")},
        )
    ]


def _team_notice(topic: str, seq: int, data: dict) -> list[Draft]:
    uid = user_id_of(topic)
    if uid is None:
        return []
    return [
        Draft(
            recipient_id=uid,
            kind=Kind.TEAM,
            cause=f"team.notice:{topic}:{seq}",
            verb=data["kind"],
            group_key=f"project.{data['project_id']}",
            # Someone taken off a team may no longer see its project; the notice is about them.
            target_kind="project" if data["kind"] == "invited" else "person",
            target_id=data["project_id"] if data["kind"] == "invited" else uid,
            title=data["title"],
            url=data["url"],
            extra={"role": data.get("role", "")},
        )
    ]


def _post_deleted(topic: str, seq: int, data: dict) -> list[Draft]:
    post = thread_selectors.post_get(post_id=data["id"], deleted=True)
    if post is None or post.deleted_by_id in (None, post.author_id):
        return []  # still there, or the author deleted it: nothing to tell
    return [
        Draft(
            recipient_id=post.author_id,
            kind=Kind.MODERATION,
            cause=f"moderation:{topic}:{seq}",
            verb="post_removed",
            group_key=f"thread.{post.thread_id}",
            target_kind="thread",
            target_id=post.thread_id,
            title=post.thread.title,
            url=reverse("thread_detail", args=[post.thread_id]),
            actor_id=post.deleted_by_id,
        )
    ]


def _moderation_notice(topic: str, seq: int, data: dict) -> list[Draft]:
    """A moderator warned the person, or hid or restored an idea or thread of theirs. The notice
    is about the person (they may no longer see what was hidden)."""
    uid = user_id_of(topic)
    if uid is None:
        return []
    return [
        Draft(
            recipient_id=uid,
            kind=Kind.MODERATION,
            cause=f"moderation.notice:{topic}:{seq}",
            verb=data["kind"],
            group_key=f"moderation.{uid}",
            target_kind="person",
            target_id=uid,
            title=data["title"],
            url=data["url"],
            extra={"reason": data.get("reason", "")},
        )
    ]


_HANDLERS = {
    "reply.posted": _reply_posted,
    "mention.created": _mention_created,
    "idea.notice": _idea_notice,
    "team.notice": _team_notice,
    "post.deleted": _post_deleted,
    "moderation.notice": _moderation_notice,
}


def can_see_target(*, user: User, target_kind: str, target_id: int) -> bool:
    """The domain's own access check for what a notification is about."""
    if not user.is_active:
        return False
    try:
        if target_kind == "thread":
            thread_get_for_user(thread_id=target_id, user=user)
        elif target_kind == "idea":
            idea_get_for_user(idea_id=target_id, user=user)
        elif target_kind == "project":
            project_get_for_user(project_id=target_id, user=user)
        elif target_kind == "person":
            return target_id == user.pk
        else:
            return False
    except NotFound:
        return False
    return True
