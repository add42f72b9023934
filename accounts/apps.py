from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and organization")

    def ready(self) -> None:
        from allauth.account.signals import password_changed, password_reset, password_set

        from collab.realtime.topics import register_topic_kind

        from .access import can_follow_person, can_follow_user
        from .services import sockets_close_on_password_change

        post_migrate.connect(_sync_role_groups, dispatch_uid="accounts.sync_role_groups")
        register_topic_kind("person", can_follow_person)
        register_topic_kind("user", can_follow_user)
        for signal in (password_changed, password_set, password_reset):
            signal.connect(sockets_close_on_password_change, dispatch_uid=f"accounts.sockets_close.{id(signal)}")


def _sync_role_groups(*, app_config, **_kwargs) -> None:
    """After the last app's post_migrate: roles hold permissions of apps that come after
    `accounts`, which exist only once their own post_migrate has run."""
    from django.apps import apps

    from .roles import groups_sync

    if app_config is [config for config in apps.get_app_configs() if config.models_module is not None][-1]:
        groups_sync()
