from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealtimeConfig(AppConfig):
    name = "collab.realtime"
    label = "realtime"
    verbose_name = _("Real time")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from .sockets import close_on_logout

        user_logged_out.connect(close_on_logout, dispatch_uid="realtime.close_on_logout")
