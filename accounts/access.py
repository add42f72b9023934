"""Who may follow which live topic of this app (registered in AppConfig.ready)."""

from collab.exceptions import NotFound

from . import selectors


def can_follow_person(user, key: str) -> bool:
    if user.is_guest:
        return False  # guests see no one's profile
    try:
        selectors.person_get(viewer=user, user_id=int(key))
    except (NotFound, ValueError):
        return False
    return True


def can_follow_user(user, key: str) -> bool:
    return key == str(user.pk)
