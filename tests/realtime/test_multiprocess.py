"""Two daphne processes sharing Redis: an event published by a request to one reaches a socket
held by the other (services mode only: the embedded channel layer lives inside one process)."""

import asyncio
import json
import time
import urllib.request

import pytest
import websockets
from channels.db import database_sync_to_async
from django.conf import settings

from accounts import services

from .helpers import session_cookie_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]


def _patch_me(server, token: str, body: dict) -> int:
    request = urllib.request.Request(
        f"{server.url}/api/v1/me/",
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


async def _follow(server, cookie: str, topic: str):
    socket = await websockets.connect(
        f"ws://127.0.0.1:{server.port}/ws/",
        additional_headers={"Cookie": f"sessionid={cookie}"},
        origin=server.url,
    )
    await socket.send(json.dumps({"type": "subscribe", "topic": topic}))
    reply = json.loads(await asyncio.wait_for(socket.recv(), 5))
    assert reply["type"] == "subscribed", reply
    return socket


async def test_event_crosses_processes_through_redis(asgi_server, employee, other_employee):
    if settings.EMBEDDED:
        pytest.skip("needs REDIS_URL: the in-memory channel layer cannot cross processes")
    first, second = await asyncio.to_thread(asgi_server), await asyncio.to_thread(asgi_server)
    cookie = await database_sync_to_async(session_cookie_for)(employee)
    _token, key = await database_sync_to_async(services.api_token_create)(user=other_employee, name="multi")
    topic = f"person.{other_employee.pk}"

    for publisher, listener, title in ((first, second, "Cartographer"), (second, first, "Navigator")):
        socket = await _follow(listener, cookie, topic)
        started = time.perf_counter()
        assert await asyncio.to_thread(_patch_me, publisher, key, {"job_title": title}) == 200
        event = json.loads(await asyncio.wait_for(socket.recv(), 5))
        elapsed = time.perf_counter() - started
        assert (event["topic"], event["type"], event["data"]["job_title"]) == (topic, "person.updated", title)
        assert elapsed < 2, f"cross-process delivery took {elapsed:.2f} s"
        await socket.close()
