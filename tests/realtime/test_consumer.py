import asyncio
import threading

import pytest
from channels.db import database_sync_to_async
from django.db import transaction

from collab.realtime.models import Event
from collab.realtime.publish import publish_on_commit
from collab.realtime.tasks import events_prune

from .helpers import closed_with, connected, nothing_more, publish_many, receive_events, socket_for, subscribe

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]


@pytest.fixture
def topic(other_employee):
    return f"person.{other_employee.pk}"


async def test_anonymous_is_refused():
    socket = await socket_for(None)
    connected_, code = await socket.connect()
    assert (connected_, code) == (False, 4401)


async def test_foreign_origin_is_refused(employee):
    socket = await socket_for(employee, origin=b"http://evil.example.com")
    connected_, _code = await socket.connect()
    assert not connected_


async def test_ping(employee):
    socket = await connected(employee)
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    await socket.disconnect()


@pytest.mark.parametrize("topic", ["user.{other}", "nope.1", "person.999999", "person", "person.1;drop", 42, None])
async def test_forbidden_unknown_and_malformed_topics_get_the_same_error(employee, other_employee, topic):
    socket = await connected(employee)
    topic = topic.format(other=other_employee.pk) if isinstance(topic, str) else topic
    replies = await subscribe(socket, topic)
    assert replies[-1]["type"] == "error"
    assert replies[-1]["code"] == "forbidden_topic"
    await socket.disconnect()


async def test_own_user_topic_is_allowed(employee):
    socket = await connected(employee)
    replies = await subscribe(socket, f"user.{employee.pk}")
    assert replies == [{"type": "subscribed", "topic": f"user.{employee.pk}", "last_id": 0}]
    await socket.disconnect()


async def test_delivered_after_commit_and_not_before(employee, topic):
    socket = await connected(employee)
    await subscribe(socket, topic)
    inside, release = threading.Event(), threading.Event()

    def publish_and_wait():
        with transaction.atomic():
            publish_on_commit(topic, "test.happened", {"n": 1})
            inside.set()
            release.wait(5)

    task = asyncio.ensure_future(database_sync_to_async(publish_and_wait, thread_sensitive=False)())
    await asyncio.to_thread(inside.wait, 5)
    assert await nothing_more(socket, 0.3), "an event left before its transaction committed"
    release.set()
    await task
    assert await socket.receive_json_from(timeout=5) == {
        "topic": topic,
        "id": 1,
        "type": "test.happened",
        "data": {"n": 1},
    }
    await socket.disconnect()


async def test_nothing_after_rollback(employee, topic):
    socket = await connected(employee)
    await subscribe(socket, topic)

    def publish_then_fail():
        with transaction.atomic():
            publish_on_commit(topic, "test.happened", {"n": 1})
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        await database_sync_to_async(publish_then_fail)()
    assert await nothing_more(socket, 0.3)
    assert await database_sync_to_async(Event.objects.count)() == 0
    # The number was rolled back too: the next event is 1, no gap.
    await publish_many(topic, 1)
    assert (await socket.receive_json_from(timeout=5))["id"] == 1
    await socket.disconnect()


async def test_replay_after_reconnect_without_gap_or_duplicate(employee, topic):
    socket = await connected(employee)
    await subscribe(socket, topic)
    await publish_many(topic, 3)
    seen = [e["id"] for e in await receive_events(socket, 3)]
    await socket.disconnect()

    await publish_many(topic, 3)  # missed while away

    socket = await connected(employee)
    replies = await subscribe(socket, topic, after=seen[-1])
    assert [m.get("id") for m in replies] == [4, 5, 6, None]
    assert replies[-1] == {"type": "subscribed", "topic": topic, "last_id": 6}
    await publish_many(topic, 1)
    assert [e["id"] for e in await receive_events(socket, 1)] == [7]
    assert await nothing_more(socket)
    await socket.disconnect()


async def test_subscribe_without_after_starts_from_now(employee, topic):
    await publish_many(topic, 2)
    socket = await connected(employee)
    assert await subscribe(socket, topic) == [{"type": "subscribed", "topic": topic, "last_id": 2}]
    await publish_many(topic, 1)
    assert [e["id"] for e in await receive_events(socket, 1)] == [3]
    await socket.disconnect()


async def test_resync_when_too_far_behind(employee, topic, settings):
    settings.REALTIME_REPLAY_MAX = 5
    await publish_many(topic, 10)
    socket = await connected(employee)
    assert await subscribe(socket, topic, after=2) == [{"type": "resync", "topic": topic, "last_id": 10}]
    assert (await subscribe(socket, topic, after=6))[-1] == {"type": "subscribed", "topic": topic, "last_id": 10}
    await socket.disconnect()


async def test_resync_past_the_pruned_window(employee, topic, settings):
    settings.REALTIME_RETENTION_EVENTS = 3
    await publish_many(topic, 10)
    deleted = await database_sync_to_async(events_prune)()
    assert deleted == 7
    socket = await connected(employee)
    assert (await subscribe(socket, topic, after=5))[-1]["type"] == "resync"
    replies = await subscribe(socket, topic, after=8)
    assert [m.get("id") for m in replies] == [9, 10, None]
    # An id from another history (larger than any given out) also gets resync.
    assert (await subscribe(socket, topic, after=99))[-1] == {"type": "resync", "topic": topic, "last_id": 10}
    await socket.disconnect()


async def test_events_older_than_the_window_are_pruned(employee, topic, settings):
    from datetime import timedelta

    from django.utils import timezone

    await publish_many(topic, 3)
    old = timezone.now() - timedelta(hours=settings.REALTIME_RETENTION_HOURS + 1)
    await database_sync_to_async(lambda: Event.objects.filter(seq__lte=2).update(created_at=old))()
    assert await database_sync_to_async(events_prune)() == 2
    socket = await connected(employee)
    assert (await subscribe(socket, topic, after=0))[-1]["type"] == "resync"
    assert [m.get("id") for m in await subscribe(socket, topic, after=2)] == [3, None]
    await socket.disconnect()


async def test_a_lost_broadcast_is_filled_from_the_log(employee, topic):
    """Channels delivers at most once; when a live event skips ids, the socket reads the gap."""
    from collab.realtime.publish import encode_event
    from collab.realtime.topics import topic_group

    socket = await connected(employee)
    await subscribe(socket, topic)

    def publish_silently(n):
        with transaction.atomic():
            for i in range(n):
                publish_on_commit(topic, "test.happened", {"n": i})
            transaction.get_connection().run_on_commit = []  # drop the broadcasts: "lost"

    await database_sync_to_async(publish_silently)(2)
    await publish_many(topic, 1)
    assert [e["id"] for e in await receive_events(socket, 3)] == [1, 2, 3]
    # A late duplicate of an old broadcast is dropped.
    from channels.layers import get_channel_layer

    late = {"type": "rt.event", "topic": topic, "seq": 2, "text": encode_event(topic, 2, "test.happened", {"n": 1})}
    await get_channel_layer().group_send(topic_group(topic), late)
    assert await nothing_more(socket)
    await socket.disconnect()


async def test_unsubscribe_stops_delivery(employee, topic):
    socket = await connected(employee)
    await subscribe(socket, topic)
    await socket.send_json_to({"type": "unsubscribe", "topic": topic})
    await publish_many(topic, 1)
    assert await nothing_more(socket)
    await socket.disconnect()


async def test_bad_messages_get_clear_errors(employee, topic):
    socket = await connected(employee)
    for raw in ["not json", "[1, 2]", '{"type": "dance"}']:
        await socket.send_to(text_data=raw)
        reply = await socket.receive_json_from()
        assert (reply["type"], reply["code"]) == ("error", "bad_message")
    await socket.send_json_to({"type": "subscribe", "topic": topic, "after": -3})
    assert (await socket.receive_json_from())["code"] == "bad_message"
    await socket.send_json_to({"type": "subscribe", "topic": topic, "after": "7"})
    assert (await socket.receive_json_from())["code"] == "bad_message"
    await socket.disconnect()


async def test_oversize_message_gets_an_error_then_close(employee, settings):
    socket = await connected(employee)
    await socket.send_to(text_data="x" * (settings.REALTIME_MAX_MESSAGE_BYTES + 1))
    reply = await socket.receive_json_from()
    assert reply["code"] == "message_too_large"
    assert await closed_with(socket) == 1009


async def test_flooding_gets_errors_then_close(employee, settings):
    settings.REALTIME_BURST = 5
    settings.REALTIME_RATE = 1.0
    settings.REALTIME_MAX_STRIKES = 3
    socket = await connected(employee)
    for _ in range(12):
        await socket.send_json_to({"type": "ping"})
    replies = []
    while True:
        output = await socket.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            code = output["code"]
            break
        replies.append(output["text"])
    assert sum('"pong"' in r for r in replies) == 5
    assert sum('"rate_limited"' in r for r in replies) == 3
    assert code == 4429


async def test_too_many_topics(employee, settings):
    settings.REALTIME_MAX_TOPICS = 1
    socket = await connected(employee)
    assert (await subscribe(socket, f"user.{employee.pk}"))[-1]["type"] == "subscribed"
    assert (await subscribe(socket, f"person.{employee.pk}"))[-1]["code"] == "too_many_topics"
    await socket.disconnect()
