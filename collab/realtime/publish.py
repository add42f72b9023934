"""publish_on_commit(): write an event to the log in the caller's transaction, broadcast after commit."""

import asyncio
import json
import logging
import os
import threading
from collections.abc import Callable, Mapping
from functools import partial

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from .models import Event
from .topics import is_valid_topic, topic_group

logger = logging.getLogger(__name__)

# One statement takes the next number and keeps the topic row locked until commit.
_NEXT_SEQ_SQL = (
    "INSERT INTO realtime_topic (name, last_seq) VALUES (%s, 1) "
    "ON CONFLICT (name) DO UPDATE SET last_seq = realtime_topic.last_seq + 1 "
    "RETURNING last_seq"
)


# (topic, seq, event_type, data) -> None, called after commit for every event published.
EventListener = Callable[[str, int, str, Mapping], None]
_listeners: list[EventListener] = []


def register_event_listener(listener: EventListener) -> None:
    """Call `listener(topic, seq, event_type, data)` after commit for every event published.

    Cross-cutting apps (notifications, webhooks) register one in `AppConfig.ready()` instead of
    being imported by the domain apps. A listener must be quick (enqueue a task); one that raises
    is logged and never breaks the publisher or the other listeners. Registering twice is a no-op.
    """
    if listener not in _listeners:
        _listeners.append(listener)


def unregister_event_listener(listener: EventListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _notify_listeners(topic: str, seq: int, event_type: str, data: Mapping) -> None:
    for listener in list(_listeners):
        try:
            listener(topic, seq, event_type, data)
        except Exception:
            logger.exception("realtime: event listener %r failed on %s#%s %s", listener, topic, seq, event_type)


def encode_event(topic: str, seq: int, event_type: str, data: Mapping) -> str:
    """The event as the client receives it, encoded once for every socket."""
    return json.dumps(
        {"topic": topic, "id": seq, "type": event_type, "data": data}, cls=DjangoJSONEncoder, separators=(",", ":")
    )


def publish_on_commit(topic: str, event_type: str, data: Mapping) -> int:
    """Log an event on `topic` and send it to the topic's sockets once the transaction commits.

    Returns the event's number in its topic. Rolled back with the caller: nothing is logged or sent.
    `data` must be JSON-serializable and hold only what every subscriber of the topic may see.
    """
    if not is_valid_topic(topic):
        raise ValueError(f"bad topic {topic!r}")
    if "." not in event_type:
        raise ValueError(f"event types are <noun>.<past_tense>, got {event_type!r}")
    payload = json.loads(json.dumps(data, cls=DjangoJSONEncoder))  # what is logged is what is sent
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_NEXT_SEQ_SQL, [topic])
            (seq,) = cursor.fetchone()
        Event.objects.create(topic_id=topic, seq=seq, type=event_type, data=payload)
    message = {"type": "rt.event", "topic": topic, "seq": seq, "text": encode_event(topic, seq, event_type, payload)}
    # One callback per event: the broadcast, then the listeners (each guarded: neither raises).
    transaction.on_commit(
        partial(_after_commit, topic_group(topic), message, (topic, seq, event_type, payload)), robust=True
    )
    return seq


def _after_commit(group: str, message: dict, event: tuple) -> None:
    _broadcast(group, message)
    if _listeners:
        _notify_listeners(*event)


_SEND_TIMEOUT = 10  # seconds; the Redis client's own timeouts normally fire first


def _broadcast(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        if isinstance(layer, InMemoryChannelLayer):
            # Its queues belong to the loop its consumers run on (embedded mode: the server's).
            async_to_sync(layer.group_send)(group, message)
        else:
            _sender().send(layer.group_send(group, message))
    except Exception:
        # At most once by design: a socket that misses this reads it from the log.
        logger.exception("realtime broadcast to %s failed", group)


class _Sender:
    """One event loop thread per process that sends every broadcast over one Redis connection.

    async_to_sync() from a thread without an event loop (Celery tasks, management commands) starts
    a thread, a loop and a new Redis connection for each call: 4-10 ms per event (bench/realtime.py).
    The caller still waits for the PUBLISH, so its broadcasts leave in order.
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="realtime-broadcast", daemon=True).start()

    def send(self, coroutine) -> None:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            future.result(_SEND_TIMEOUT)
        except TimeoutError:
            future.cancel()
            raise


_sender_instance: _Sender | None = None
_sender_lock = threading.Lock()


def _sender() -> _Sender:
    global _sender_instance
    with _sender_lock:
        # A forked child (Celery's prefork pool) inherits the object but not the thread.
        if _sender_instance is None or _sender_instance.pid != os.getpid():
            _sender_instance = _Sender()
        return _sender_instance
