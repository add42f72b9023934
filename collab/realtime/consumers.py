"""The one WebSocket endpoint, `/ws/`: a browser tab multiplexes all its topics over it.

Client -> server: `{"type": "subscribe", "topic": "thread.42", "after": 17}` (after: optional last
event id seen), `{"type": "unsubscribe", "topic": ...}`, `{"type": "ping"}`.
Server -> client: events `{"topic", "id", "type", "data"}`; `{"type": "subscribed", "topic",
"last_id"}` once replay is done; `{"type": "resync", "topic", "last_id"}` when the missed events are
gone (reload that part of the page); `{"type": "error", "code", "message"}`; `{"type": "pong"}`.

Delivery is exactly once and in order per topic: each socket remembers the last id it delivered
per topic, drops duplicates, and fills any gap from the event log.
"""

import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils.translation import gettext as _

from . import log
from .sockets import CLOSE_SIGNED_OUT, session_sockets_group, user_sockets_group
from .topics import can_subscribe, topic_group

CLOSE_TOO_LARGE = 1009
CLOSE_FLOODING = 4429

_can_subscribe = database_sync_to_async(can_subscribe)
_topic_last_seq = database_sync_to_async(log.topic_last_seq)
_events_after = database_sync_to_async(log.events_after)


class _TokenBucket:
    def __init__(self, rate: float, burst: int):
        self.rate, self.capacity, self.tokens, self.stamp = rate, burst, float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class RealtimeConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_SIGNED_OUT)
            return
        self.user = user
        self.delivered: dict[str, int] = {}  # topic -> last event id sent to this socket
        self.bucket = _TokenBucket(settings.REALTIME_RATE, settings.REALTIME_BURST)
        self.strikes = 0
        self.control_groups = [user_sockets_group(user.pk)]
        session = self.scope.get("session")
        if session is not None and session.session_key:
            self.control_groups.append(session_sockets_group(session.session_key))
        for group in self.control_groups:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "control_groups", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        for topic in getattr(self, "delivered", {}):
            await self.channel_layer.group_discard(topic_group(topic), self.channel_name)

    # --- client messages -----------------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        raw = text_data if text_data is not None else bytes_data
        size = len(raw.encode()) if isinstance(raw, str) else len(raw or b"")
        if size > settings.REALTIME_MAX_MESSAGE_BYTES:
            await self._error(
                "message_too_large",
                _("Messages are limited to %(n)d bytes.") % {"n": settings.REALTIME_MAX_MESSAGE_BYTES},
            )
            await self.close(code=CLOSE_TOO_LARGE)
            return
        if not self.bucket.take():
            self.strikes += 1
            if self.strikes > settings.REALTIME_MAX_STRIKES:
                await self.close(code=CLOSE_FLOODING)
                return
            await self._error("rate_limited", _("Too many messages: slow down."))
            return
        try:
            message = json.loads(raw)
        except (TypeError, ValueError):
            message = None
        if not isinstance(message, dict):
            await self._error("bad_message", _("Send a JSON object with a type."))
            return
        kind = message.get("type")
        if kind == "ping":
            await self._send({"type": "pong"})
        elif kind == "subscribe":
            await self._subscribe(message.get("topic"), message.get("after"))
        elif kind == "unsubscribe":
            await self._unsubscribe(message.get("topic"))
        else:
            await self._error("bad_message", _("Unknown message type."))

    async def _subscribe(self, topic, after):
        if after is not None and (type(after) is not int or after < 0):
            await self._error("bad_message", _("`after` is the id of the last event you saw."), topic=topic)
            return
        if topic not in self.delivered and len(self.delivered) >= settings.REALTIME_MAX_TOPICS:
            await self._error("too_many_topics", _("Too many topics on one connection."), topic=topic)
            return
        if not await _can_subscribe(self.user, topic):
            # Unknown, malformed and forbidden topics get the same answer.
            await self._error("forbidden_topic", _("This topic does not exist or you cannot follow it."), topic=topic)
            return
        # Join the group before reading the log: whatever commits from now on arrives live (and is
        # queued behind this handler), everything before is in the log; ids drop the overlap.
        await self.channel_layer.group_add(topic_group(topic), self.channel_name)
        if after is None:
            last = await _topic_last_seq(topic)
            self.delivered[topic] = last
            await self._send({"type": "subscribed", "topic": topic, "last_id": last})
            return
        replay = await _events_after(topic, after)
        if replay is None:
            await self._resync(topic)
            return
        events, _last = replay
        self.delivered[topic] = after
        for seq, text in events:
            await self.send(text_data=text)
            self.delivered[topic] = seq
        await self._send({"type": "subscribed", "topic": topic, "last_id": self.delivered[topic]})

    async def _unsubscribe(self, topic):
        if self.delivered.pop(topic, None) is not None:
            await self.channel_layer.group_discard(topic_group(topic), self.channel_name)

    async def _resync(self, topic):
        last = await _topic_last_seq(topic)
        self.delivered[topic] = last
        await self._send({"type": "resync", "topic": topic, "last_id": last})

    # --- channel layer messages ----------------------------------------------------------------

    async def rt_event(self, message):
        topic, seq = message["topic"], message["seq"]
        last = self.delivered.get(topic)
        if last is None or seq <= last:
            return  # not subscribed (any more), or already delivered by replay
        if seq > last + 1:
            # An earlier broadcast was lost or is still on its way: read the gap from the log.
            gap = await _events_after(topic, last, until=seq - 1)
            if gap is None:
                await self._resync(topic)
                return
            for gap_seq, text in gap[0]:
                await self.send(text_data=text)
                self.delivered[topic] = gap_seq
        await self.send(text_data=message["text"])
        self.delivered[topic] = seq

    async def rt_close(self, message):
        await self._send({"type": "closed", "reason": message.get("reason", "")})
        await self.close(code=CLOSE_SIGNED_OUT)

    # --- helpers -------------------------------------------------------------------------------

    async def _send(self, payload: dict) -> None:
        await self.send(text_data=json.dumps(payload, separators=(",", ":")))

    async def _error(self, code: str, message: str, topic=None) -> None:
        payload = {"type": "error", "code": code, "message": str(message)}
        if isinstance(topic, str):
            payload["topic"] = topic[:100]
        await self._send(payload)
