"""Closing live sockets when access ends: sign-out (that browser session), password change and
deactivation (every socket of the person). Each socket joins two control groups on connect."""

import hashlib
import logging
from functools import partial

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

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


def close_on_logout(sender, request, user, **kwargs) -> None:
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        sockets_close_for_session(session_key=session_key, reason="signed_out")


def _close(group: str, reason: str) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "rt.close", "reason": reason})
    except Exception:
        logger.exception("closing sockets of %s failed", group)
