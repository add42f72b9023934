from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThreadsConfig(AppConfig):
    name = "threads"
    verbose_name = _("Discussions")

    def ready(self) -> None:
        from collab.realtime.topics import register_topic_kind

        from . import home  # noqa: F401  (registers the home page section)
        from .access import can_follow_space, can_follow_thread

        register_topic_kind("thread", can_follow_thread)
        register_topic_kind("space", can_follow_space)
