"""The publishing process of bench/realtime.py.

Collab: `publish_on_commit(topic, "bench.ping", {"t": time.time(), "n": n})` in its own transaction,
so the figure includes the event-log INSERT, the commit and the channel layer's PUBLISH. Bare: one
Redis PUBLISH of the same JSON text the Collab client receives, to the baseline server's channel.
"""

import json
import os
import time


class Publisher:
    def __init__(self, bare_channel: str):
        import django

        django.setup()
        import redis
        from django.conf import settings
        from django.db import transaction

        from collab.realtime.publish import publish_on_commit

        self._atomic = transaction.atomic
        self._publish_on_commit = publish_on_commit
        self._redis = redis.Redis.from_url(settings.REDIS_URL)
        self._bare_channel = bare_channel

    def publish(self, system: str, topic: str, key: int, bare_id: int | None = None) -> float:
        """Publish broadcast number `key`; return how long the call took (s)."""
        if system == "collab":
            with self._atomic():
                stamp = time.time()
                self._publish_on_commit(topic, "bench.ping", {"t": stamp, "n": key})
        else:
            stamp = time.time()
            event = {"topic": topic, "id": key if bare_id is None else bare_id, "type": "bench.ping"}
            event["data"] = {"t": stamp, "n": key}
            text = json.dumps(event, separators=(",", ":"))
            self._redis.publish(self._bare_channel, text)
        return time.time() - stamp

    def burst(self, system: str, topic: str, keys: list[int], start_at: float, offsets: list[float] | None) -> dict:
        """Publish `keys` in turn, key i at `start_at + offsets[i]` (time.time() values), or back to
        back from `start_at` when there are no offsets."""
        time.sleep(max(0.0, start_at - time.time()))
        durations = []
        for n, key in enumerate(keys):
            if offsets:
                time.sleep(max(0.0, start_at + offsets[n] - time.time()))
            durations.append(self.publish(system, topic, key))
        durations.sort()
        return {
            "count": len(keys),
            "seconds": time.time() - start_at,
            "call_p50": durations[len(durations) // 2] if durations else 0.0,
        }


def publisher_main(conn, env: dict, bare_channel: str) -> None:
    """Entry point of a publisher process: obey (command, kwargs) from `conn`, answer each."""
    os.environ.update(env)
    publisher = Publisher(bare_channel)
    conn.send("ready")
    while True:
        try:
            command, kwargs = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return  # the orchestrator is gone
        if command == "quit":
            conn.send(None)
            return
        try:
            conn.send(getattr(publisher, command)(**kwargs))
        except Exception as exc:
            conn.send({"error": repr(exc)})
