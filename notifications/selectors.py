"""Reads: a person's notifications (grouped for display), unread count, preferences, digest content."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from ideas.selectors import idea_list_for_user

from .models import DEFAULT_CHANNELS, Kind, Notification, Preference
from .texts import group_text


def notification_list_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """A person's notifications, newest first (one query: no joins needed to display them)."""
    rows = Notification.objects.filter(recipient=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-id")


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for_user(*, user: User) -> dict[str, str]:
    """The channel of every kind for a person (their choice, else the default). One query."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind, DEFAULT_CHANNELS[kind]) for kind in Kind.values}


def channel_for(*, user_id: int, kind: str) -> str:
    chosen = Preference.objects.filter(user_id=user_id, kind=kind).values_list("channel", flat=True).first()
    return chosen or DEFAULT_CHANNELS[kind]


@dataclass
class NotificationGroup:
    """What one line of the list shows: one notification, or several replies in one thread."""

    kind: str
    group_key: str
    items: list[Notification] = field(default_factory=list)

    @property
    def latest(self) -> Notification:
        return self.items[0]

    @property
    def ids(self) -> list[int]:
        return [n.pk for n in self.items]

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def is_unread(self) -> bool:
        return any(n.is_unread for n in self.items)

    @property
    def created_at(self) -> datetime:
        return self.latest.created_at

    @property
    def url(self) -> str:
        return self.latest.url

    @property
    def text(self) -> str:
        if self.count == 1:
            return self.latest.text
        return group_text(self.kind, self.latest.title, self.count)


def group_notifications(rows) -> list[NotificationGroup]:
    """Replies in one thread are shown as one line ("5 new replies in …") at the place of the newest;
    everything else stands alone. Read and unread replies are not mixed."""
    groups: list[NotificationGroup] = []
    by_key: dict[tuple, NotificationGroup] = {}
    for n in rows:
        if n.kind == Kind.REPLY:
            key = (n.kind, n.group_key, n.is_unread)
            group = by_key.get(key)
            if group is None:
                group = by_key[key] = NotificationGroup(kind=n.kind, group_key=n.group_key)
                groups.append(group)
            group.items.append(n)
        else:
            groups.append(NotificationGroup(kind=n.kind, group_key=n.group_key, items=[n]))
    return groups


def digest_notifications(*, user: User, kinds: list[str], email_id: int | None = None) -> QuerySet[Notification]:
    """Unread notifications of these kinds not yet in any e-mail (or already in this one)."""
    rows = Notification.objects.filter(recipient=user, kind__in=kinds, read_at__isnull=True)
    if email_id is None:
        return rows.filter(email__isnull=True).order_by("-id")
    return rows.filter(email_id=email_id).order_by("-id")


def hot_in_department(*, user: User, since: datetime | None = None, limit: int = 5):
    """Ideas from the person's department that people voted for most lately (what they may see)."""
    if user.department_id is None:
        return []
    since = since or timezone.now() - timedelta(days=7)
    return list(
        idea_list_for_user(user=user)
        .filter(author__department_id=user.department_id, created_at__gte=since, merged_into__isnull=True)
        .exclude(is_hidden=True)
        .order_by("-upvotes", "-created_at")[:limit]
    )
