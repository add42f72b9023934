from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from django.contrib import admin

        from accounts.guests import allow_for_guests
        from accounts.services import register_account_change_recorder, register_inactive_reason
        from collab.realtime.publish import register_event_listener

        from . import profile  # noqa: F401  (the "Flag this person" link on profiles)
        from .listeners import event_published
        from .services import account_change_record, suspension_reason

        # Domain apps never import moderation: new and edited posts reach the spam scorer through
        # the realtime engine, and accounts asks why a suspended person's token is refused.
        register_event_listener(event_published)
        register_inactive_reason(suspension_reason)
        register_account_change_recorder(account_change_record)  # role changes, deactivations
        # Guests may flag what they can see on their boards (the selectors decide what that is).
        allow_for_guests("flag_post", "flag_idea")
        allow_for_guests(prefix="/api/v1/flags/")
        # The admin's index shows the review queue's size (a widget above the app list).
        admin.site.index_template = "moderation/admin/index.html"
