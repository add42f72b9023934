"""The bare baseline of bench/realtime.py: a `websockets` server that relays a Redis pub/sub channel.

`python bench/_realtime_baseline.py --port P --redis URL --channel C`: every message PUBLISHed on C
goes to every socket that has sent `{"type": "subscribe", ...}`, with `websockets.broadcast()`. It
speaks just enough of Collab's protocol (`subscribed`, `pong`) for the same client code to drive it;
no auth, no event log, no per-socket state.
"""

import argparse
import asyncio
import contextlib
import json
import resource

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
        finally:
            subscribers.discard(ws)

    redis = aioredis.from_url(redis_url)
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe(channel)
    async with websockets.serve(handler, "127.0.0.1", port, compression=None, ping_interval=None):
        print("ready", flush=True)
        async for message in pubsub.listen():
            if message["type"] == "message":
                websockets.broadcast(subscribers, message["data"].decode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redis", required=True)
    parser.add_argument("--channel", required=True)
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, args.redis, args.channel))


if __name__ == "__main__":
    main()
