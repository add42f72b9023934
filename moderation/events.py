"""Events of moderation, published through the realtime engine after commit.

`moderation.notice` on `user.<id>`: a moderator warned you, or hid or restored something of yours
(the notifications app turns it into a "moderation" notification). Replies removed by a moderator
are already told by the threads app's own `post.deleted`, so no notice doubles them.
"""

from typing import TypedDict

from collab.realtime.publish import publish_on_commit


def user_topic(user_id: int) -> str:
    return f"user.{user_id}"


class ModerationNotice(TypedDict):
    """`moderation.notice` on `user.<id>`."""

    kind: str  # "warned", "hidden", "restored"
    title: str  # the item's title, or the person's name for a warning about them
    url: str
    reason: str


def moderation_notice(*, user_id: int, kind: str, title: str, url: str, reason: str = "") -> None:
    publish_on_commit(
        user_topic(user_id), "moderation.notice", ModerationNotice(kind=kind, title=title, url=url, reason=reason)
    )
