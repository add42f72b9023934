"""Background work of notifications. Each task takes primitive ids, returns quietly when its rows
are gone, and is safe to run again (acks_late): notifications are unique per (person, cause),
e-mails are claimed by a unique key before sending, deliveries are unique per (webhook, event)."""

import logging
import threading
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import OperationalError, connections

from accounts.models import User

from . import services

logger = logging.getLogger(__name__)

_NETWORK_ERRORS = (SMTPException, OSError)


@shared_task(
    name="notifications.event_handle",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def event_handle(*, topic: str, seq: int, event_type: str, data: dict) -> int:
    """Create the notifications one published event causes (see services.notifications_create_for_event)."""
    return len(services.notifications_create_for_event(topic=topic, seq=seq, event_type=event_type, data=data))


@shared_task(
    name="notifications.email_send",
    acks_late=True,
    ignore_result=True,
    autoretry_for=_NETWORK_ERRORS,
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=6,
    soft_time_limit=60,
    time_limit=90,
)
def email_send(*, notification_id: int) -> bool:
    """E-mail one notification at once (at most once; SMTP errors are retried with backoff)."""
    return services.email_instant_send(notification_id=notification_id)


@shared_task(name="notifications.digests_send", acks_late=True, ignore_result=True)
def digests_send(*, frequency: str) -> int:
    """Beat: enqueue the daily or weekly digest of every active person with an e-mail address. The
    period (day or ISO week) is fixed here, so a late or repeated run sends nobody a second digest."""
    period = services.digest_period(frequency)
    user_ids = User.objects.filter(is_active=True).exclude(email="").values_list("pk", flat=True).order_by("pk")
    count = 0
    for user_id in user_ids.iterator(chunk_size=1000):
        digest_send.delay(user_id=user_id, frequency=frequency, period=period)
        count += 1
    return count


@shared_task(
    name="notifications.digest_send",
    acks_late=True,
    ignore_result=True,
    autoretry_for=_NETWORK_ERRORS,
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=6,
    soft_time_limit=120,
    time_limit=150,
)
def digest_send(*, user_id: int, frequency: str, period: str) -> bool:
    """One person's digest for one period (at most once)."""
    return services.digest_send(user_id=user_id, frequency=frequency, period=period)


@shared_task(name="notifications.webhooks_dispatch", acks_late=True, ignore_result=True)
def webhooks_dispatch(*, topic: str, seq: int, event_type: str, data: dict) -> int:
    """Record one delivery per interested webhook and start each one separately."""
    ids = services.webhook_deliveries_create(topic=topic, seq=seq, event_type=event_type, data=data)
    for delivery_id in ids:
        delivery_start(delivery_id)
    return len(ids)


@shared_task(
    name="notifications.webhook_deliver",
    acks_late=True,
    ignore_result=True,
    soft_time_limit=60,
    time_limit=90,
)
def webhook_deliver(*, delivery_id: int) -> str:
    """One attempt at one delivery; failures schedule the next attempt (retried by webhook_retry_due)."""
    return services.webhook_deliver(delivery_id=delivery_id)


@shared_task(name="notifications.webhook_retry_due", acks_late=True, ignore_result=True)
def webhook_retry_due() -> int:
    """Beat: start the deliveries whose next attempt is due."""
    ids = services.webhook_deliveries_due()
    for delivery_id in ids:
        delivery_start(delivery_id)
    return len(ids)


def delivery_start(delivery_id: int) -> None:
    """Attempt a delivery away from the caller: a Celery task, or (embedded mode, where tasks run
    eagerly inside the request) a background thread, so a slow receiver never holds up a page."""
    if settings.WEBHOOK_DELIVERY_THREADS:
        threading.Thread(target=_deliver_in_thread, args=(delivery_id,), name="webhook", daemon=True).start()
    else:
        webhook_deliver.delay(delivery_id=delivery_id)


def _deliver_in_thread(delivery_id: int) -> None:
    try:
        services.webhook_deliver(delivery_id=delivery_id)
    except Exception:
        logger.exception("webhook delivery %s failed", delivery_id)
    finally:
        connections.close_all()  # this thread's own connections
