from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from accounts.guests import allow_for_guests
        from collab.realtime.publish import register_event_listener

        from .listeners import event_published

        # Domain apps never import notifications: their events reach it through the realtime engine.
        register_event_listener(event_published)
        # Guests are told about what they may see (the domain selectors decide), like everyone.
        allow_for_guests(
            "notification_list", "notification_read", "notification_read_all", "notification_open",
            "notification_preferences", "notification_unsubscribe",
        )  # fmt: skip
        allow_for_guests(prefix="/api/v1/notifications/")
