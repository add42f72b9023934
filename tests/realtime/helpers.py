"""Sockets against the real ASGI application (auth, origin check, router, consumer)."""

import asyncio
import json

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client

from collab.asgi import application
from collab.realtime.publish import publish_on_commit

ORIGIN = b"http://testserver"


def session_cookie_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def socket_for(user=None, *, cookie: str | None = None, origin: bytes = ORIGIN) -> WebsocketCommunicator:
    """A connected socket for `user` (signed in through a real session cookie), or anonymous."""
    headers = [(b"origin", origin), (b"host", b"testserver")]
    if user is not None and cookie is None:
        cookie = await database_sync_to_async(session_cookie_for)(user)
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return WebsocketCommunicator(application, "/ws/", headers=headers)


async def connected(user, **kwargs) -> WebsocketCommunicator:
    socket = await socket_for(user, **kwargs)
    ok, code = await socket.connect()
    assert ok, code
    return socket


async def subscribe(socket, topic: str, after: int | None = None) -> list[dict]:
    """Subscribe and return every message up to and including `subscribed`/`resync`/`error`."""
    message = {"type": "subscribe", "topic": topic}
    if after is not None:
        message["after"] = after
    await socket.send_json_to(message)
    received = []
    while True:
        reply = await socket.receive_json_from(timeout=5)
        received.append(reply)
        if reply.get("type") in {"subscribed", "resync", "error"} and "id" not in reply:
            return received


def _publish_many(topic: str, count: int, event_type: str = "test.happened") -> list[int]:
    seqs = []
    for n in range(count):
        with transaction.atomic():
            seqs.append(publish_on_commit(topic, event_type, {"n": n}))
    return seqs


publish_many = database_sync_to_async(_publish_many)


async def receive_events(socket, count: int, timeout: float = 5) -> list[dict]:
    events = []
    while len(events) < count:
        message = await socket.receive_json_from(timeout=timeout)
        if "id" in message:
            events.append(message)
    return events


async def nothing_more(socket, timeout: float = 0.3) -> bool:
    return await socket.receive_nothing(timeout=timeout)


def text(message: dict) -> str:
    return json.dumps(message)


async def closed_with(socket, timeout: float = 5) -> int | None:
    """Read until the server closes the socket; return the close code."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        output = await socket.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output.get("code")
    return None
