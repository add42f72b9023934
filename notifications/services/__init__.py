"""Every write of notifications (see the modules: notifications, emails, webhooks)."""

from .emails import digest_period, digest_render, digest_send, email_instant_send
from .notifications import (
    InvalidPreference,
    InvalidUnsubscribeLink,
    notification_mark_all_read,
    notification_mark_read,
    notification_open,
    notifications_create_for_event,
    preferences_set,
    unsubscribe,
    unsubscribe_token,
    unsubscribe_token_read,
)
from .webhooks import (
    WebhookUrlRefused,
    sign,
    webhook_deliver,
    webhook_deliveries_create,
    webhook_deliveries_due,
    webhook_delivery_retry_now,
    webhook_event_types,
    webhook_save,
    webhook_url_check,
)

__all__ = [
    "InvalidPreference",
    "InvalidUnsubscribeLink",
    "WebhookUrlRefused",
    "digest_period",
    "digest_render",
    "digest_send",
    "email_instant_send",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_open",
    "notifications_create_for_event",
    "preferences_set",
    "sign",
    "unsubscribe",
    "unsubscribe_token",
    "unsubscribe_token_read",
    "webhook_deliver",
    "webhook_deliveries_create",
    "webhook_deliveries_due",
    "webhook_delivery_retry_now",
    "webhook_event_types",
    "webhook_save",
    "webhook_url_check",
]
