"""Events of notifications, on the person's own `user.<id>` topic (only they may follow it)."""

from typing import TypedDict

from accounts.events import user_topic
from collab.realtime.publish import publish_on_commit

from .models import Notification


class NotificationCreated(TypedDict):
    """`notification.created` on `user.<id>`: the bell's new unread count and what arrived."""

    id: int
    kind: str
    text: str
    url: str
    unread: int


class NotificationRead(TypedDict):
    """`notification.read` on `user.<id>`: some (`ids`) or all notifications were marked read."""

    ids: list[int]
    all: bool
    unread: int


def notification_created(notification: Notification, *, unread: int) -> None:
    publish_on_commit(
        user_topic(notification.recipient_id),
        "notification.created",
        NotificationCreated(
            id=notification.pk, kind=notification.kind, text=notification.text, url=notification.url, unread=unread
        ),
    )


def notification_read(*, user_id: int, ids: list[int], all_read: bool, unread: int) -> None:
    publish_on_commit(user_topic(user_id), "notification.read", NotificationRead(ids=ids, all=all_read, unread=unread))
