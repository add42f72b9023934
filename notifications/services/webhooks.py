"""Outgoing webhooks: events of chosen types POSTed to an admin-configured URL, signed, retried.

A delivery is a row (`WebhookDelivery`, unique per webhook and event) attempted by a Celery task
(`notifications.webhook_deliver`) with a short timeout; a failed attempt schedules the next one with
exponential backoff (`next_attempt_at`), which the beat task `notifications.webhook_retry_due`
picks up, until WEBHOOK_MAX_ATTEMPTS. Nothing waits for a receiver: the publisher only enqueues.

Receivers verify `X-Collab-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Collab-Timestamp>.<body>")>`
and drop repeats by `X-Collab-Delivery` (a retry after a timeout may deliver twice).
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab.exceptions import ApplicationError

from ..models import Webhook, WebhookDelivery

logger = logging.getLogger(__name__)

_TYPES_CACHE_KEY = "notifications:webhook-event-types"
# Personal events never leave the company.
PRIVATE_EVENT_PREFIXES = ("notification.",)


class WebhookUrlRefused(ApplicationError):
    code = "webhook_url_refused"


def webhook_url_check(url: str) -> None:
    """Refuse URLs that are not http(s) or that point at loopback, private, link-local or reserved
    addresses (the server's own network), unless WEBHOOK_ALLOW_PRIVATE_URLS is set. Resolves the
    host name; checked when the webhook is saved and again before every attempt."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookUrlRefused(_("Webhook URLs must be http:// or https:// with a host."), field="url")
    if settings.WEBHOOK_ALLOW_PRIVATE_URLS:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError):
        raise WebhookUrlRefused(_("The webhook's host name does not resolve."), field="url") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if getattr(address, "ipv4_mapped", None):
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise WebhookUrlRefused(
                _("Webhook URLs may not point at loopback or private addresses (%(address)s).") % {"address": address},
                field="url",
            )


@transaction.atomic
def webhook_save(*, webhook: Webhook) -> Webhook:
    """Create or change a webhook after checking its URL. Raises WebhookUrlRefused."""
    webhook_url_check(webhook.url)
    webhook.event_types = sorted({str(t).strip() for t in webhook.event_types if str(t).strip()})
    webhook.save()
    transaction.on_commit(lambda: cache.delete(_TYPES_CACHE_KEY))
    return webhook


def webhook_event_types() -> frozenset[str]:
    """Event types some active webhook wants (cached a minute: checked on every published event)."""
    types = cache.get(_TYPES_CACHE_KEY)
    if types is None:
        types = sorted(
            {t for types in Webhook.objects.filter(is_active=True).values_list("event_types", flat=True) for t in types}
        )
        cache.set(_TYPES_CACHE_KEY, types, 60)
    return frozenset(types)


@transaction.atomic
def webhook_deliveries_create(*, topic: str, seq: int, event_type: str, data: dict) -> list[int]:
    """One pending delivery per active webhook that wants `event_type` (a re-run adds nothing).
    Returns the ids of the deliveries to attempt."""
    if event_type.startswith(PRIVATE_EVENT_PREFIXES):
        return []
    hooks = [h for h in Webhook.objects.filter(is_active=True) if event_type in h.event_types]
    if not hooks:
        return []
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(webhook=h, topic=topic, seq=seq, event_type=event_type, payload=data) for h in hooks],
        ignore_conflicts=True,
    )
    return list(
        WebhookDelivery.objects.filter(
            webhook__in=hooks, topic=topic, seq=seq, status=WebhookDelivery.Status.PENDING, attempts=0
        ).values_list("pk", flat=True)
    )


def sign(secret: str, timestamp: int, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect could lead to a private address: treat it as the answer


_opener = urllib.request.build_opener(_NoRedirect)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_RETRY_BASE_SECONDS * 4 ** (attempts - 1))


def webhook_deliver(*, delivery_id: int) -> str:
    """Make one attempt at a delivery that is due. Returns its status afterwards ("" if nothing was
    due). Never raises for the receiver's failures: they schedule the next attempt (backoff) or, after
    WEBHOOK_MAX_ATTEMPTS, mark it failed."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("webhook")
            .filter(pk=delivery_id, status__in=[WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING])
            .first()
        )
        if delivery is None:
            return ""
        if delivery.next_attempt_at and delivery.next_attempt_at > timezone.now():
            return ""
        delivery.attempts += 1
        # Claimed until then: a concurrent run of the same delivery finds it not due.
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS * 2)
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    webhook = delivery.webhook
    body = json.dumps(
        {
            "delivery": delivery.pk,
            "type": delivery.event_type,
            "topic": delivery.topic,
            "seq": delivery.seq,
            "data": delivery.payload,
            "created_at": delivery.created_at,
        },
        cls=DjangoJSONEncoder,
        separators=(",", ":"),
    ).encode()
    timestamp = int(time.time())
    status_code, error, final = None, "", False
    try:
        webhook_url_check(webhook.url)
        request = urllib.request.Request(  # noqa: S310  (the scheme is checked above)
            webhook.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": f"{settings.SITE_NAME}-webhooks/1",
                "X-Collab-Event": delivery.event_type,
                "X-Collab-Delivery": str(delivery.pk),
                "X-Collab-Timestamp": str(timestamp),
                "X-Collab-Signature": sign(webhook.secret, timestamp, body),
            },
        )
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            status_code = response.status
    except WebhookUrlRefused as exc:
        error, final = exc.message, True
    except urllib.error.HTTPError as exc:
        status_code, error = exc.code, f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:  # refused, unreachable, timed out, bad URL
        error = f"{type(exc).__name__}: {exc}"
    now = timezone.now()
    update: dict = {"response_status": status_code, "error": error[:2000]}
    if status_code is not None and 200 <= status_code < 300:
        update.update(status=WebhookDelivery.Status.SUCCEEDED, delivered_at=now, next_attempt_at=None, error="")
    elif final or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        update.update(status=WebhookDelivery.Status.FAILED, next_attempt_at=None)
    else:
        update.update(status=WebhookDelivery.Status.RETRYING, next_attempt_at=now + _backoff(delivery.attempts))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**update)
    if update["status"] != WebhookDelivery.Status.SUCCEEDED:
        logger.warning("webhook %s delivery %s: %s", webhook.pk, delivery.pk, error or status_code)
    return update["status"]


def webhook_deliveries_due(*, limit: int = 500) -> list[int]:
    return list(
        WebhookDelivery.objects.filter(
            status__in=[WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING],
            next_attempt_at__lte=timezone.now(),
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def webhook_delivery_retry_now(*, delivery_id: int) -> None:
    """Admin: attempt a failed or waiting delivery again at once (one more attempt allowed)."""
    WebhookDelivery.objects.filter(pk=delivery_id).exclude(status=WebhookDelivery.Status.SUCCEEDED).update(
        status=WebhookDelivery.Status.RETRYING, next_attempt_at=None
    )
