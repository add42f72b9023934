"""Topic kinds and who may subscribe to them.

A topic is `<kind>.<key>` (`thread.42`, `board.7`, `user.12`). Each app registers its kinds with
the one access function for that object type, usually in `AppConfig.ready()`. An unknown kind, a
malformed name and a forbidden topic look the same to the client.
"""

import re
from collections.abc import Callable

TOPIC_RE = re.compile(r"^(?P<kind>[a-z][a-z_]{0,31})\.(?P<key>[A-Za-z0-9_-]{1,64})$")

AccessCheck = Callable[[object, str], bool]  # (user, key) -> may subscribe
_kinds: dict[str, AccessCheck] = {}


def register_topic_kind(kind: str, can_subscribe: AccessCheck) -> None:
    if not re.fullmatch(r"[a-z][a-z_]{0,31}", kind):
        raise ValueError(f"bad topic kind {kind!r}")
    _kinds[kind] = can_subscribe


def topic_kinds() -> list[str]:
    return sorted(_kinds)


def is_valid_topic(topic: object) -> bool:
    return isinstance(topic, str) and TOPIC_RE.fullmatch(topic) is not None


def can_subscribe(user, topic: str) -> bool:
    """Runs the owning app's access check (it may query the database: call it from a thread)."""
    match = TOPIC_RE.fullmatch(topic) if isinstance(topic, str) else None
    if match is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    check = _kinds.get(match["kind"])
    return bool(check and check(user, match["key"]))


def topic_group(topic: str) -> str:
    """The Channels group for a topic's subscribers."""
    return f"rt.{topic}"
