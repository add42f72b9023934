from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThreadsConfig(AppConfig):
    name = "threads"
    verbose_name = _("Discussions")

    def ready(self) -> None:
        from accounts.guests import allow_for_guests
        from collab.realtime.topics import register_topic_kind

        from . import home  # noqa: F401  (registers the home page section)
        from .access import can_follow_space, can_follow_thread

        register_topic_kind("thread", can_follow_thread)
        register_topic_kind("space", can_follow_space)
        # Guests discuss ideas of their boards: the threads of those boards' spaces (the selectors
        # let them see nothing else).
        allow_for_guests(
            "thread_detail", "reply_create", "post_permalink", "post_fragment", "post_edit", "post_delete",
            "post_restore", "post_history", "post_react", "thread_watch",
        )  # fmt: skip
        allow_for_guests(prefix="/api/v1/threads/")
        allow_for_guests(prefix="/api/v1/posts/")
