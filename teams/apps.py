from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Project teams")

    def ready(self) -> None:
        from collab.realtime.topics import register_topic_kind

        from . import home, panels, profile  # noqa: F401  (register the home, idea page and profile sections)
        from .access import can_follow_project, can_follow_round

        register_topic_kind("project", can_follow_project)
        register_topic_kind("round", can_follow_round)
