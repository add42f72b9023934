from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and organization")

    def ready(self) -> None:
        post_migrate.connect(_sync_role_groups, sender=self)


def _sync_role_groups(**_kwargs) -> None:
    from .roles import groups_sync

    groups_sync()
