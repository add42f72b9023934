"""Writes: notifications from domain events, reading them, preferences, one-click unsubscribe."""

import logging

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import ApplicationError, NotFound

from .. import events, selectors, sources
from ..models import DIGEST_CHANNELS, Channel, Kind, Notification, Preference

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


class InvalidPreference(ApplicationError):
    code = "invalid_preference"


class InvalidUnsubscribeLink(ApplicationError):
    code = "invalid_unsubscribe_link"


def _hold_people(user_ids) -> None:
    """Share-lock the recipients' rows first, in id order (PostgreSQL). The foreign-key checks at
    commit would take these locks anyway, but after this transaction's `user.<id>` topic rows:
    the reverse order of services that lock a person, then publish to them (teams' seats_give),
    which deadlocked when both ran at once."""
    if connection.vendor != "postgresql" or not user_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {User._meta.db_table} WHERE id = ANY(%s) ORDER BY id FOR KEY SHARE",  # noqa: S608
            [sorted(user_ids)],
        )


@transaction.atomic
def notifications_create_for_event(*, topic: str, seq: int, event_type: str, data: dict) -> list[Notification]:
    """Turn one published domain event into notifications for the people it concerns.

    Safe to run again for the same event: (recipient, cause) is unique, so a re-run creates nothing.
    Skips people who chose "off" for the kind, inactive people and anyone the domain's access check
    refuses. Publishes `notification.created` on each recipient's `user.<id>` and, for those who
    chose instant e-mail, enqueues `notifications.email_send` on commit.
    """
    from .. import tasks

    drafts = sources.drafts_for_event(topic, seq, event_type, data)
    if not drafts:
        return []
    recipient_ids = {d.recipient_id for d in drafts}
    _hold_people(recipient_ids)
    people = {u.pk: u for u in User.objects.filter(pk__in=recipient_ids, is_active=True)}
    created = []
    for draft in drafts:
        person = people.get(draft.recipient_id)
        if person is None:
            continue
        channel = selectors.channel_for(user_id=person.pk, kind=draft.kind)
        if channel == Channel.OFF:
            continue
        if not sources.can_see_target(user=person, target_kind=draft.target_kind, target_id=draft.target_id):
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=person,
                    kind=draft.kind,
                    cause=draft.cause,
                    verb=draft.verb,
                    group_key=draft.group_key,
                    target_kind=draft.target_kind,
                    target_id=draft.target_id,
                    actor_id=draft.actor_id,
                    title=draft.title[:300],
                    extra=draft.extra,
                    url=draft.url,
                )
        except IntegrityError:
            continue  # already told about this cause (a re-run, or a duplicate event)
        events.notification_created(notification, unread=selectors.unread_count(user=person))
        if channel == Channel.INSTANT and person.email:
            tasks.email_send.delay_on_commit(notification_id=notification.pk)
        created.append(notification)
    return created


def _publish_read(user: User, ids: list[int], *, all_read: bool) -> None:
    events.notification_read(user_id=user.pk, ids=ids, all_read=all_read, unread=selectors.unread_count(user=user))


@transaction.atomic
def notification_mark_read(*, user: User, ids: list[int]) -> int:
    """Mark some of a person's notifications read (others' ids are ignored). Publishes
    `notification.read` when something changed. Returns how many changed."""
    rows = Notification.objects.filter(recipient=user, pk__in=ids, read_at__isnull=True)
    changed = sorted(rows.values_list("pk", flat=True))
    if changed:
        Notification.objects.filter(pk__in=changed).update(read_at=timezone.now())
        _publish_read(user, changed, all_read=False)
    return len(changed)


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of a person read. Publishes `notification.read` (all)."""
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if changed:
        _publish_read(user, [], all_read=True)
    return changed


@transaction.atomic
def notification_open(*, user: User, notification_id: int) -> Notification:
    """Jump to what a notification is about: it is marked read, with the unread replies of the same
    thread (they were shown as one line). Raises NotFound for someone else's notification."""
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is None:
        raise NotFound()
    ids = [notification.pk]
    if notification.kind == Kind.REPLY:
        ids += Notification.objects.filter(
            recipient=user, kind=Kind.REPLY, group_key=notification.group_key, read_at__isnull=True
        ).values_list("pk", flat=True)
    notification_mark_read(user=user, ids=ids)
    return notification


@transaction.atomic
def preferences_set(*, user: User, channels: dict[str, str]) -> dict[str, str]:
    """Choose the channel of some kinds. Raises InvalidPreference for an unknown kind or channel."""
    for kind, channel in channels.items():
        if kind not in Kind.values:
            raise InvalidPreference(_("Unknown kind of notification."), field=kind)
        if channel not in Channel.values:
            raise InvalidPreference(_("Unknown channel."), field=kind)
    for kind, channel in channels.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
    return selectors.preferences_for_user(user=user)


def unsubscribe_token(*, user_id: int, what: str) -> str:
    """A link token for one person and one kind (`mention`) or one digest (`daily`, `weekly`)."""
    return signing.dumps({"u": user_id, "w": what}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[User, str]:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=int(data["u"]), is_active=True)
        what = str(data["w"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, User.DoesNotExist):
        raise InvalidUnsubscribeLink(_("This unsubscribe link is not valid.")) from None
    if what not in Kind.values and what not in DIGEST_CHANNELS:
        raise InvalidUnsubscribeLink(_("This unsubscribe link is not valid."))
    return user, what


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[User, list[str]]:
    """Stop the e-mails a signed link names: one kind, or a digest (every kind sent in it). The
    kinds stay in the bell. Returns the person and the kinds changed. Raises InvalidUnsubscribeLink."""
    user, what = unsubscribe_token_read(token)
    current = selectors.preferences_for_user(user=user)
    if what in Kind.values:
        kinds = [what] if current[what] not in (Channel.IN_APP, Channel.OFF) else []
    else:
        kinds = [kind for kind, channel in current.items() if channel == what]
    if kinds:
        preferences_set(user=user, channels=dict.fromkeys(kinds, Channel.IN_APP))
    return user, kinds
