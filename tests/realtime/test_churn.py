"""Clients that drop and reconnect at random while events flow each end with every event exactly
once, in order: replay on reconnect and de-duplication at the seam, under load."""

import asyncio
import random

import pytest

from .helpers import connected, publish_many

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

CLIENTS = 8
EVENTS = 150


async def _churning_client(user, topic, rng, done: asyncio.Event, received: list[int], stats: dict) -> None:
    """Connect, follow the topic for a random moment, drop, come back with the last id seen; once
    publishing is over, stay until the last event has arrived."""
    loop = asyncio.get_running_loop()
    last = 0  # a page rendered before the first event
    while True:
        socket = await connected(user)
        await socket.send_json_to({"type": "subscribe", "topic": topic, "after": last})
        final = done.is_set()
        deadline = loop.time() + (5.0 if final else rng.uniform(0.02, 0.25))
        while loop.time() < deadline and not (final and last == EVENTS):
            # receive_nothing() waits without cancelling the app (a receive timeout would).
            if await socket.receive_nothing(timeout=0.01, interval=0.005):
                continue
            reply = await socket.receive_json_from()
            if reply.get("type") == "resync":
                stats["resyncs"] += 1
            if "id" in reply:
                received.append(reply["id"])
                last = reply["id"]
        await socket.disconnect()
        stats["reconnects"] += 1
        if final and last == EVENTS:
            return
        await asyncio.sleep(rng.uniform(0, 0.1))


async def test_every_client_gets_every_event_once_in_order(employee, other_employee):
    topic = f"person.{other_employee.pk}"
    rng = random.Random(20261122)
    done = asyncio.Event()
    results = [[] for _ in range(CLIENTS)]
    stats = {"reconnects": 0, "resyncs": 0}
    clients = [
        asyncio.ensure_future(_churning_client(employee, topic, rng, done, results[n], stats)) for n in range(CLIENTS)
    ]
    for _ in range(EVENTS):
        await publish_many(topic, 1)
        await asyncio.sleep(rng.uniform(0, 0.004))
    done.set()
    await asyncio.wait_for(asyncio.gather(*clients), timeout=90)

    assert stats["resyncs"] == 0
    assert stats["reconnects"] >= CLIENTS * 3, stats
    for received in results:
        assert received == list(range(1, EVENTS + 1))
