from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Idea boards")

    def ready(self) -> None:
        from accounts.guests import allow_for_guests
        from collab.realtime.topics import register_topic_kind

        from . import home, search  # noqa: F401  (register the home page and search page sections)
        from .access import can_follow_board, can_follow_idea

        register_topic_kind("board", can_follow_board)
        register_topic_kind("idea", can_follow_idea)
        allow_for_guests(
            "board_list", "board_detail", "idea_create", "idea_detail", "idea_edit", "idea_vote", "idea_follow",
            "idea_similar", "idea_coauthor", "guest_accept",
        )  # fmt: skip
        allow_for_guests(prefix="/api/v1/boards/")
        allow_for_guests(prefix="/api/v1/ideas/")
