"""Who may follow which live topic of this app (registered in AppConfig.ready)."""

from collab.exceptions import NotFound

from .selectors import board_get_for_user, idea_get_for_user


def can_follow_board(user, key: str) -> bool:
    try:
        board_get_for_user(board_id=int(key), user=user)
    except (NotFound, ValueError):
        return False
    return True


def can_follow_idea(user, key: str) -> bool:
    try:
        idea_get_for_user(idea_id=int(key), user=user)
    except (NotFound, ValueError):
        return False
    return True
