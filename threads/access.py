"""Who may follow which live topic of this app (registered in AppConfig.ready)."""

from collab.exceptions import NotFound

from .selectors import space_get_for_user, thread_get_for_user


def can_follow_thread(user, key: str) -> bool:
    try:
        thread_get_for_user(thread_id=int(key), user=user)
    except (NotFound, ValueError):
        return False
    return True


def can_follow_space(user, key: str) -> bool:
    try:
        space_get_for_user(space_id=int(key), user=user)
    except (NotFound, ValueError):
        return False
    return True
