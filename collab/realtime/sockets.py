"""Closing live sockets when access ends: sign-out (that browser session), password change and
deactivation (every socket of the person). Each socket joins two control groups on connect.

When the audience of one object changes, `topic_access_recheck` has every socket following its
topic run the topic's access check again; those no longer allowed are unsubscribed from it."""

import hashlib
import logging
from functools import partial

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .topics import is_valid_topic, topic_group

logger = logging.getLogger(__name__)

CLOSE_SIGNED_OUT = 4401


def user_sockets_group(user_id: int) -> str:
    return f"sockets.user.{user_id}"


def session_sockets_group(session_key: str) -> str:
    return "sockets.session." + hashlib.sha256(session_key.encode()).hexdigest()[:40]


def sockets_close_for_user(*, user_id: int, reason: str) -> None:
    """After commit, close every socket of a person (they may reconnect if still allowed)."""
    transaction.on_commit(partial(_close, user_sockets_group(user_id), reason), robust=True)


def sockets_close_for_session(*, session_key: str, reason: str) -> None:
    transaction.on_commit(partial(_close, session_sockets_group(session_key), reason), robust=True)


def topic_access_recheck(*, topic: str) -> None:
    """After commit, every socket following `topic` runs the topic's access check again.

    Call it from the service that changes who may follow the object (an idea board narrowed to
    some departments, a person moved out of a team). A socket whose user may no longer follow the
    topic is unsubscribed from it and gets `{"type": "unsubscribed", "topic", "reason":
    "access_changed"}`; the socket and its other topics stay open. Rolled back with the caller.
    """
    if not is_valid_topic(topic):
        raise ValueError(f"bad topic {topic!r}")
    message = {"type": "rt.recheck", "topic": topic}
    transaction.on_commit(partial(_group_send, topic_group(topic), message), robust=True)


def close_on_logout(sender, request, user, **kwargs) -> None:
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        sockets_close_for_session(session_key=session_key, reason="signed_out")


def _close(group: str, reason: str) -> None:
    _group_send(group, {"type": "rt.close", "reason": reason})


def _group_send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:
        logger.exception("sending %s to %s failed", message["type"], group)
