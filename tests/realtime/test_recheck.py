"""When an object's audience changes, the sockets following its topic check their access again."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.db import transaction

from collab.realtime import consumers, topics
from collab.realtime.publish import encode_event, publish_on_commit
from collab.realtime.sockets import topic_access_recheck

from .helpers import closed_with, connected, nothing_more, publish_many, receive_events, subscribe

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]

GATE = "testgate.1"
OTHER_GATE = "testgate.2"


def may_pass_gate(user, key: str) -> bool:
    """Anyone, unless their last name says the gate is closed to them ("closed:1"). A value in the
    database, not on the socket's user loaded at connect: the recheck must read it afresh."""
    if f"broken:{key}" in user.last_name.split():
        raise RuntimeError("the access check failed")
    return f"closed:{key}" not in user.last_name.split()


@pytest.fixture(autouse=True)
def testgate():
    topics.register_topic_kind("testgate", may_pass_gate)
    yield
    topics._kinds.pop("testgate", None)


def _close_gate(user, key: str = "1", how: str = "closed") -> None:
    get_user_model().objects.filter(pk=user.pk).update(last_name=f"{how}:{key}")


async def test_revoked_socket_is_unsubscribed_and_others_keep_the_topic(employee, other_employee):
    revoked, kept = await connected(employee), await connected(other_employee)
    for socket in (revoked, kept):
        assert (await subscribe(socket, GATE))[-1]["type"] == "subscribed"
    assert (await subscribe(revoked, OTHER_GATE))[-1]["type"] == "subscribed"
    await publish_many(GATE, 1)
    for socket in (revoked, kept):
        assert [e["id"] for e in await receive_events(socket, 1)] == [1]

    def narrow():
        with transaction.atomic():
            _close_gate(employee)
            topic_access_recheck(topic=GATE)

    await database_sync_to_async(narrow)()
    assert await revoked.receive_json_from(timeout=5) == {
        "type": "unsubscribed",
        "topic": GATE,
        "reason": "access_changed",
    }
    assert await nothing_more(kept)  # still allowed: told nothing

    def publish_both():
        with transaction.atomic():
            publish_on_commit(GATE, "test.happened", {"n": 2})
        with transaction.atomic():
            publish_on_commit(OTHER_GATE, "test.happened", {"n": 1})

    await database_sync_to_async(publish_both)()
    # The socket stays open with its other topics; nothing more arrives on the lost one.
    assert [(e["topic"], e["id"]) for e in await receive_events(revoked, 1)] == [(OTHER_GATE, 1)]
    assert await nothing_more(revoked)
    assert [(e["topic"], e["id"]) for e in await receive_events(kept, 1)] == [(GATE, 2)]
    assert await nothing_more(kept)

    # The socket's user was reloaded: subscribing again is refused.
    assert (await subscribe(revoked, GATE))[-1]["code"] == "forbidden_topic"
    await revoked.disconnect()
    await kept.disconnect()


async def test_nothing_is_sent_when_the_transaction_rolls_back(employee):
    socket = await connected(employee)
    await subscribe(socket, GATE)
    await database_sync_to_async(_close_gate)(employee)  # committed, but nobody asked to recheck

    def recheck_then_fail():
        with transaction.atomic():
            topic_access_recheck(topic=GATE)
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        await database_sync_to_async(recheck_then_fail)()
    assert await nothing_more(socket)
    # No recheck ran: the socket still follows the topic.
    await publish_many(GATE, 1)
    assert [e["id"] for e in await receive_events(socket, 1)] == [1]

    # Outside a transaction the recheck goes at once.
    await database_sync_to_async(topic_access_recheck)(topic=GATE)
    assert (await socket.receive_json_from(timeout=5))["type"] == "unsubscribed"
    await socket.disconnect()


async def test_events_after_the_recheck_wait_for_its_answer(employee):
    """An event that arrives right behind the recheck, while that socket's check has not even
    started, waits for the answer: it never reaches a socket that lost access."""
    socket = await connected(employee)
    await subscribe(socket, GATE)

    def narrow_and_publish_unsent():
        with transaction.atomic():
            _close_gate(employee)
            seq = publish_on_commit(GATE, "test.happened", {"secret": True})
            transaction.get_connection().run_on_commit = []  # sent below, back to back
        return seq

    seq = await database_sync_to_async(narrow_and_publish_unsent)()
    event = {"type": "rt.event", "topic": GATE, "seq": seq, "text": encode_event(GATE, seq, "test.happened", {})}
    # Straight to this process's hub, with no turn of the loop in between (in embedded mode): the
    # hub takes the event while the socket's check has not started yet.
    layer = get_channel_layer()
    hub = consumers._hub(layer)
    await layer.send(hub.channel, {"type": "rt.recheck", "topic": GATE})
    await layer.send(hub.channel, event)
    assert (await socket.receive_json_from(timeout=5))["type"] == "unsubscribed"
    assert await nothing_more(socket)
    await socket.disconnect()


async def test_a_failing_check_closes_the_socket_to_be_checked_afresh(employee):
    socket = await connected(employee)
    await subscribe(socket, GATE)

    def break_the_check():
        with transaction.atomic():
            _close_gate(employee, how="broken")
            topic_access_recheck(topic=GATE)

    await database_sync_to_async(break_the_check)()
    # Not `access_changed` (nobody knows): the client reconnects and its subscribe is checked.
    assert await closed_with(socket) == 1011


async def test_bad_topic_is_refused():
    with pytest.raises(ValueError):
        topic_access_recheck(topic="no topic")


async def test_a_subscribe_checks_the_person_as_the_database_has_them_now(employee):
    socket = await connected(employee)
    await database_sync_to_async(_close_gate)(employee)  # changed after the socket connected
    answer = (await subscribe(socket, GATE))[-1]
    assert answer["type"] == "error" and answer["code"] == "forbidden_topic"
    assert (await subscribe(socket, OTHER_GATE))[-1]["type"] == "subscribed"
    await socket.disconnect()
