"""E-mail: one notification at once, or a daily/weekly digest. Never twice.

Each e-mail is an `OutgoingEmail` row with a unique key. It is claimed (status `sending`, committed)
before the SMTP conversation and marked `sent` after it. A task re-run after a crash finds the row
claimed and sends nothing: a crash between claim and send loses that one e-mail (it stays
`sending`, visible in the admin) rather than ever sending it twice. An SMTP error puts the row back
to `pending` so the task's retry can claim it again.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User

from .. import selectors, sources
from ..models import Channel, Notification, OutgoingEmail
from .notifications import unsubscribe_token

logger = logging.getLogger(__name__)


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def _visible(user: User, rows) -> list[Notification]:
    return [n for n in rows if sources.can_see_target(user=user, target_kind=n.target_kind, target_id=n.target_id)]


def _claim(
    *, key: str, user: User, kind: str, collect: Callable[[OutgoingEmail], list[Notification] | None]
) -> tuple[OutgoingEmail, list[Notification]] | None:
    """Take the e-mail `key` for sending, with the notifications `collect` puts in it; None when it
    is already taken or sent, or `collect` finds nothing to send (the row is then `skipped`)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                email, _created = OutgoingEmail.objects.get_or_create(
                    key=key, defaults={"recipient": user, "kind": kind}
                )
        except IntegrityError:  # created meanwhile by a concurrent run
            email = OutgoingEmail.objects.get(key=key)
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        if email.status != OutgoingEmail.Status.PENDING:
            return None
        rows = collect(email)
        if rows is None:
            email.status = OutgoingEmail.Status.SKIPPED
            email.save(update_fields=["status"])
            return None
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(email=email)
        email.status = OutgoingEmail.Status.SENDING
        email.attempts += 1
        email.claimed_at = timezone.now()
        email.save(update_fields=["status", "attempts", "claimed_at"])
    return email, rows


def _mark_sent(email: OutgoingEmail) -> None:
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.SENT, sent_at=timezone.now())


def _deliver(email: OutgoingEmail, message: EmailMultiAlternatives) -> None:
    try:
        message.send()
    except Exception as exc:
        # Not sent: let a retry claim it again.
        OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.PENDING, error=str(exc)[:2000])
        raise
    _mark_sent(email)


def _message(*, user: User, subject: str, template: str, context: dict, unsubscribe: str) -> EmailMultiAlternatives:
    unsubscribe_url = settings.SITE_URL + reverse(
        "notification_unsubscribe", args=[unsubscribe_token(user_id=user.pk, what=unsubscribe)]
    )
    context = {
        **context,
        "user": user,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": settings.SITE_URL + reverse("notification_preferences"),
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this address.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def email_instant_send(*, notification_id: int) -> bool:
    """E-mail one notification now, if the person still wants it by e-mail, has not read it yet and
    may still see what it is about. At most once (see the module). Raises SMTP/socket errors (the
    task retries them)."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.read_at is not None:
        return False
    user = notification.recipient
    if not user.is_active or not user.email:
        return False
    if selectors.channel_for(user_id=user.pk, kind=notification.kind) != Channel.INSTANT:
        return False

    def collect(email: OutgoingEmail) -> list[Notification] | None:
        return _visible(user, [notification]) or None

    claimed = _claim(key=f"instant:{notification.pk}", user=user, kind="instant", collect=collect)
    if claimed is None:
        return False
    email, _rows = claimed
    with translation.override(settings.LANGUAGE_CODE):
        message = _message(
            user=user,
            subject=notification.text,
            template="instant",
            context={"notification": notification, "url": _absolute(notification.url)},
            unsubscribe=notification.kind,
        )
    OutgoingEmail.objects.filter(pk=email.pk).update(subject=message.subject[:300])
    _deliver(email, message)
    return True


def digest_period(frequency: str, now=None) -> str:
    """The key of the digest that covers `now`: a day (2025-06-02) or an ISO week (2025-W23)."""
    now = timezone.localtime(now or timezone.now())
    if frequency == Channel.WEEKLY:
        year, week, _day = now.isocalendar()
        return f"{year}-W{week:02d}"
    return now.date().isoformat()


def digest_render(
    *, user: User, frequency: str, notifications: list[Notification], hot: list
) -> EmailMultiAlternatives:
    groups = selectors.group_notifications(notifications)
    for group in groups:
        group.absolute_url = _absolute(group.url)
    hot_items = [
        {"title": idea.title, "url": _absolute(reverse("idea_detail", args=[idea.pk])), "votes": idea.upvotes}
        for idea in hot
    ]
    count = len(notifications)
    if frequency == Channel.WEEKLY:
        subject = ngettext("Your week on %(site)s: %(count)d update", "Your week on %(site)s: %(count)d updates", count)
    else:
        subject = ngettext("Your day on %(site)s: %(count)d update", "Your day on %(site)s: %(count)d updates", count)
    subject = subject % {"site": settings.SITE_NAME, "count": count}
    return _message(
        user=user,
        subject=subject,
        template="digest",
        context={
            "groups": groups,
            "hot": hot_items,
            "frequency": frequency,
            "department": user.department.name if user.department_id else "",
            "list_url": settings.SITE_URL + reverse("notification_list"),
            "period_label": _("this week") if frequency == Channel.WEEKLY else _("today"),
        },
        unsubscribe=frequency,
    )


def digest_send(*, user_id: int, frequency: str, period: str) -> bool:
    """Send a person's daily or weekly digest for `period`: their unread notifications of the kinds
    they chose for it (each in one e-mail only) and the ideas hot in their department. A daily digest
    with no notification is not sent; a weekly one is sent if something is hot. At most once per
    person and period."""
    if frequency not in (Channel.DAILY, Channel.WEEKLY):
        raise ValueError(frequency)
    user = User.objects.select_related("department").filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    kinds = [kind for kind, channel in selectors.preferences_for_user(user=user).items() if channel == frequency]
    if not kinds:
        return False
    hot: list = []

    def collect(email: OutgoingEmail) -> list[Notification] | None:
        nonlocal hot
        # After a failed attempt the notifications are already tied to this e-mail.
        rows = list(selectors.digest_notifications(user=user, kinds=kinds, email_id=email.pk)) or list(
            selectors.digest_notifications(user=user, kinds=kinds)
        )
        rows = _visible(user, rows)
        days = 7 if frequency == Channel.WEEKLY else 1
        hot = selectors.hot_in_department(user=user, since=timezone.now() - timedelta(days=max(days, 7)))
        if not rows and (frequency == Channel.DAILY or not hot):
            return None
        return rows

    claimed = _claim(key=f"digest:{frequency}:{user.pk}:{period}", user=user, kind=frequency, collect=collect)
    if claimed is None:
        return False
    email, rows = claimed
    with translation.override(settings.LANGUAGE_CODE):
        message = digest_render(user=user, frequency=frequency, notifications=rows, hot=hot)
    OutgoingEmail.objects.filter(pk=email.pk).update(subject=message.subject[:300])
    _deliver(email, message)
    return True
