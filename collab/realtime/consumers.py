"""The one WebSocket endpoint, `/ws/`: a browser tab multiplexes all its topics over it.

Client -> server: `{"type": "subscribe", "topic": "thread.42", "after": 17}` (after: optional last
event id seen), `{"type": "unsubscribe", "topic": ...}`, `{"type": "ping"}`.
Server -> client: events `{"topic", "id", "type", "data"}`; `{"type": "subscribed", "topic",
"last_id"}` once replay is done; `{"type": "resync", "topic", "last_id"}` when the missed events are
gone (reload that part of the page); `{"type": "unsubscribed", "topic", "reason": "access_changed"}`
when an access recheck found the user may no longer follow the topic (the socket stays open);
`{"type": "error", "code", "message"}`; `{"type": "pong"}`.

Delivery is exactly once and in order per topic: each socket remembers the last id it delivered
per topic, drops duplicates, and fills any gap from the event log.

Broadcasts reach a process once: its `_TopicHub` is the one member of each followed topic's group
and hands every event to the local sockets that follow the topic, and every access recheck
(`sockets.topic_access_recheck`) to the same sockets.
"""

import asyncio
import json
import logging
import time
import weakref

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from . import log
from .sockets import CLOSE_SIGNED_OUT, session_sockets_group, user_sockets_group
from .topics import can_subscribe, topic_group

logger = logging.getLogger(__name__)

CLOSE_TOO_LARGE = 1009
CLOSE_FLOODING = 4429
CLOSE_RECHECK_FAILED = 1011  # the client reconnects and subscribes again, checked afresh
_HAND_OUT_BATCH = 50  # sockets served between two turns of the event loop

_topic_last_seq = database_sync_to_async(log.topic_last_seq)
_events_after = database_sync_to_async(log.events_after)


def _user_reload_and_check(user_pk: int, topic: str) -> tuple[object | None, bool]:
    """The user as the database has it now (the one loaded at connect may be stale: a department
    move, a new role) and whether they may follow `topic`: one trip to the sync thread for both."""
    user = get_user_model()._default_manager.filter(pk=user_pk).first()
    return user, user is not None and can_subscribe(user, topic)


_user_reload_and_can_subscribe = database_sync_to_async(_user_reload_and_check)


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


class _TopicHub:
    """One per event loop: the process's member of each followed topic's group.

    A broadcast is received and decoded once, then handed to each local socket following its topic
    (RealtimeConsumer._offer), instead of going through a channel-layer queue, a task wake-up and a
    decode per socket: those were most of a fan-out's time (bench/realtime.py, docs/realtime.md).
    Sockets are served one after another: under daphne a send never waits (Twisted buffers it).
    """

    def __init__(self, layer):
        self.layer = layer
        self.followers: dict[str, set[RealtimeConsumer]] = {}
        self.seen: dict[str, int] = {}  # topic -> highest event id handed out
        self.channel: str | None = None
        self.task: asyncio.Task | None = None
        self.lock = asyncio.Lock()

    async def follow(self, topic: str, consumer: "RealtimeConsumer") -> None:
        """Returns once the group is joined: from then on the topic's broadcasts reach `consumer`."""
        async with self.lock:
            if self.channel is None:
                self.channel = await self.layer.new_channel()
                self.task = asyncio.ensure_future(self._run(self.channel))
            # On every follow, not only the first: the in-memory layer drops members after a day.
            await self.layer.group_add(topic_group(topic), self.channel)
            self.followers.setdefault(topic, set()).add(consumer)

    async def unfollow(self, topic: str, consumer: "RealtimeConsumer") -> None:
        async with self.lock:
            followers = self.followers.get(topic)
            if followers is None:
                return
            followers.discard(consumer)
            if followers:
                return
            del self.followers[topic]
            self.seen.pop(topic, None)
            await self.layer.group_discard(topic_group(topic), self.channel)
            if not self.followers:
                # Nobody left: stop listening, so that nothing outlives the sockets.
                self.task.cancel()
                self.channel = self.task = None

    async def _run(self, channel: str) -> None:
        while True:
            try:
                message = await self.layer.receive(channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("realtime hub: receiving failed")
                await asyncio.sleep(1)
                continue
            kind = message.get("type")
            if kind == "rt.event":
                try:
                    await self._event(message)
                except Exception:
                    logger.exception("realtime hub: event %s#%s failed", message["topic"], message["seq"])
            elif kind == "rt.recheck":
                self._recheck(message["topic"])

    async def _event(self, message: dict) -> None:
        topic, seq = message["topic"], message["seq"]
        seen = self.seen.get(topic)
        if seen is not None and seq > seen + 1:
            # Broadcasts of concurrent publishers crossed on their way, or one was lost: read the
            # missing events once for all the sockets here, not once per socket. (A late one that
            # comes after all is dropped by each socket as a duplicate.) Should the read fail, each
            # socket fills the gap itself.
            try:
                gap = await _events_after(topic, seen, until=seq - 1)
            except Exception:
                logger.exception("realtime hub: reading %s after #%s failed", topic, seen)
                gap = None
            for gap_seq, text in gap[0] if gap is not None else ():
                await self._hand_out({"type": "rt.event", "topic": topic, "seq": gap_seq, "text": text})
        if seen is None or seq > seen:
            self.seen[topic] = seq
        await self._hand_out(message)

    def _recheck(self, topic: str) -> None:
        """Each local follower of `topic` checks its access again. The checks query the database:
        each socket runs its own in its turn, off this loop, and only that socket's events wait."""
        for consumer in tuple(self.followers.get(topic, ())):
            try:
                consumer._recheck_soon(topic)
            except Exception:
                logger.exception("realtime hub: recheck of %s on %s failed", topic, consumer.channel_name)

    async def _hand_out(self, message: dict) -> None:
        for n, consumer in enumerate(tuple(self.followers.get(message["topic"], ())), 1):
            try:
                text = consumer._offer(message)
                if text is not None:
                    await consumer.send(text_data=text)
            except Exception:
                logger.exception("realtime hub: delivery to %s failed", consumer.channel_name)
            if n % _HAND_OUT_BATCH == 0:
                # Let the server write what is queued so far (Twisted writes on the next turn of
                # the loop) and serve other sockets, rather than all of a big topic at once.
                await asyncio.sleep(0)


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _TopicHub]" = weakref.WeakKeyDictionary()


def _hub(layer) -> _TopicHub:
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None or hub.layer is not layer:
        hub = _hubs[loop] = _TopicHub(layer)
    return hub


class RealtimeConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_SIGNED_OUT)
            return
        self.user = user
        self.delivered: dict[str, int] = {}  # topic -> last event id sent to this socket
        self.hub = _hub(self.channel_layer)
        self.following: set[str] = set()  # topics this socket gets from the hub
        # Held while this socket's own work may change `delivered` (a client message, a gap being
        # filled); events that arrive meanwhile wait their turn, in order (`backlog` of them).
        self.turn = asyncio.Lock()
        self.backlog = 0
        self.waiting: set[asyncio.Task] = set()
        self.rechecks: set[str] = set()  # topics with an access recheck waiting for its turn
        self.gone = False
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
        self.gone = True
        for group in getattr(self, "control_groups", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        for topic in getattr(self, "following", ()):
            await self.hub.unfollow(topic, self)

    # --- client messages -----------------------------------------------------------------------

    async def dispatch(self, message):
        # A client message takes this socket's turn before Channels' dispatch (whose database
        # clean-up may wait for the sync thread): events broadcast meanwhile wait for it.
        turn = getattr(self, "turn", None)
        if turn is not None and message["type"] == "websocket.receive":
            async with turn:
                await super().dispatch(message)
        else:
            await super().dispatch(message)

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
        # The person as the database has them now, not as they were at connect (a department move,
        # a new role, a removal from a board since): one trip to the sync thread with the check.
        user, allowed = await _user_reload_and_can_subscribe(self.user.pk, topic)
        if user is not None:
            self.user = user
        if not allowed:
            # Unknown, malformed and forbidden topics get the same answer.
            await self._error("forbidden_topic", _("This topic does not exist or you cannot follow it."), topic=topic)
            return
        # Follow before reading the log: whatever commits from now on arrives live (and waits for
        # this handler to end), everything before is in the log; ids drop the overlap.
        await self.hub.follow(topic, self)
        self.following.add(topic)
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

    async def _unsubscribe(self, topic) -> bool:
        """Stop following `topic`; False when this socket did not follow it."""
        if self.delivered.pop(topic, None) is None:
            return False
        self.following.discard(topic)
        await self.hub.unfollow(topic, self)
        return True

    async def _resync(self, topic):
        last = await _topic_last_seq(topic)
        self.delivered[topic] = last
        await self._send({"type": "resync", "topic": topic, "last_id": last})

    # --- events ----------------------------------------------------------------------------------

    def _offer(self, message: dict) -> str | None:
        """From the hub: the text to send now when it is this socket's next event; otherwise None,
        the event being dropped (a duplicate, a topic not followed) or queued for its turn."""
        if self.gone:
            return None
        if self.backlog or self.turn.locked():
            self._queue(message)
            return None
        topic, seq = message["topic"], message["seq"]
        last = self.delivered.get(topic)
        if last is None or seq <= last:
            return None  # not subscribed (any more), or already delivered by replay
        if seq != last + 1:
            self._queue(message)  # the gap is read from the log in rt_event
            return None
        self.delivered[topic] = seq
        return message["text"]

    def _queue(self, message: dict) -> None:
        self.backlog += 1
        task = asyncio.ensure_future(self._in_turn(message))
        self.waiting.add(task)
        task.add_done_callback(self.waiting.discard)

    async def _in_turn(self, message: dict) -> None:
        try:
            async with self.turn:  # asyncio locks are fair: queued events keep their order
                if not self.gone:
                    await self.rt_event(message)
        except Exception:
            logger.exception("realtime: delivery to %s failed", self.channel_name)
        finally:
            self.backlog -= 1

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

    # --- access rechecks -------------------------------------------------------------------------

    def _recheck_soon(self, topic: str) -> None:
        """From the hub: check again, in this socket's turn, whether the user may follow `topic`.

        It queues like an event (`backlog`), so the events broadcast after it wait for the answer:
        none reaches a user who just lost access. Events on other sockets do not wait.
        """
        if self.gone or topic not in self.following or topic in self.rechecks:
            return  # a check still waiting for its turn will read the database after this change
        self.rechecks.add(topic)
        self.backlog += 1
        task = asyncio.ensure_future(self._recheck_in_turn(topic))
        self.waiting.add(task)
        task.add_done_callback(self.waiting.discard)

    async def _recheck_in_turn(self, topic: str) -> None:
        try:
            async with self.turn:  # after a subscribe of this topic in progress, if any
                self.rechecks.discard(topic)
                if not self.gone and topic in self.delivered:
                    await self._recheck(topic)
        except Exception:
            logger.exception("realtime: access recheck of %s on %s failed", topic, self.channel_name)
        finally:
            self.backlog -= 1

    async def _recheck(self, topic: str) -> None:
        try:
            user, allowed = await _user_reload_and_can_subscribe(self.user.pk, topic)
        except Exception:
            # Unknown answer: do not keep a feed the user may have lost. The client reconnects and
            # subscribes again, which runs the check afresh.
            logger.exception("realtime: access recheck of %s on %s failed", topic, self.channel_name)
            self.gone = True  # nothing more is sent, not even what waits behind this check
            await self.close(code=CLOSE_RECHECK_FAILED)
            return
        if user is not None:
            self.user = user  # later subscribes on this socket see the change too
        if allowed or self.gone:
            return
        if await self._unsubscribe(topic):
            await self._send({"type": "unsubscribed", "topic": topic, "reason": "access_changed"})

    # --- channel layer messages ----------------------------------------------------------------

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
