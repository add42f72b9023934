"""The bare baseline of bench/realtime.py: a `websockets` server that relays a Redis pub/sub channel.

Every message PUBLISHed on the channel goes to every socket that has sent `{"type": "subscribe"}`,
with `websockets.broadcast()`. It speaks just enough of Collab's protocol (`subscribed`, `pong`) for
the same client code to drive it; no auth, no event log, no per-socket state. bench/realtime.py
runs `baseline_main` in a process of its own.
"""

import asyncio
import contextlib
import json

import websockets
from redis import asyncio as aioredis


async def serve(port: int, redis_url: str, channel: str) -> None:
    subscribers: set = set()

    async def handler(ws) -> None:
        try:
            async for text in ws:
                try:
                    message = json.loads(text)
                except ValueError:
                    continue
                kind = message.get("type") if isinstance(message, dict) else None
                if kind == "subscribe":
                    subscribers.add(ws)
                    await ws.send(json.dumps({"type": "subscribed", "topic": message.get("topic"), "last_id": 0}))
                elif kind == "ping":
                    await ws.send('{"type":"pong"}')
        except websockets.ConnectionClosed:
            pass  # dropped without a close frame: nothing to clean up but the set below
        finally:
            subscribers.discard(ws)

    redis = aioredis.from_url(redis_url)
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe(channel)
    async with websockets.serve(handler, "127.0.0.1", port, compression=None, ping_interval=None):
        async for message in pubsub.listen():
            if message["type"] == "message":
                websockets.broadcast(subscribers, message["data"].decode())


def baseline_main(port: int, redis_url: str, channel: str) -> None:
    from _realtime_procs import die_with_parent, raise_open_files_limit

    raise_open_files_limit()
    die_with_parent()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(port, redis_url, channel))
