"""Who may follow which live topic of this app (registered in AppConfig.ready)."""

from collab.exceptions import NotFound

from .selectors import is_teams_admin, project_get_for_user


def can_follow_project(user, key: str) -> bool:
    try:
        project_get_for_user(project_id=int(key), user=user)
    except (NotFound, ValueError):
        return False
    return True


def can_follow_round(user, key: str) -> bool:
    return key.isdigit() and is_teams_admin(user)
