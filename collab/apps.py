from django.apps import AppConfig


class CollabConfig(AppConfig):
    """Platform plumbing (management commands, realtime); no domain models."""

    name = "collab"
    verbose_name = "Collab"
