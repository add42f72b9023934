"""`/healthz`: the process answers. `/readyz`: every dependency answers, else 503.

Each dependency check is bounded so that a dead or frozen Redis cannot hang the probe: the cache
relies on the socket timeouts in `CACHES["default"]["OPTIONS"]`, the channel layer round trip runs
under `asyncio.timeout`, and the broker connection gets its own connect and socket timeouts.
"""

import asyncio
import time
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

CHECK_TIMEOUT = 2.0


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return the value it was given")
    cache.delete(key)


async def _channel_layer_round_trip() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")
    async with asyncio.timeout(CHECK_TIMEOUT):
        # channels_redis shards over several hosts; the round trip below touches at most two.
        for index in range(getattr(layer, "ring_size", 0)):
            await layer.connection(index).ping()
        # The default "specific." prefix matters: channels_redis reads every process-local channel
        # of one prefix from a single list, and the consumers' receive loop only drains theirs.
        channel = await layer.new_channel()
        # Through a group, as events travel: channels_redis 4.3 routes a direct send() to a
        # process-local channel to the wrong shard when there are several hosts.
        group = f"readyz.{uuid.uuid4().hex}"
        await layer.group_add(group, channel)
        await layer.group_send(group, {"type": "readyz.ping"})
        message = await layer.receive(channel)
        await layer.group_discard(group, channel)
    if message.get("type") != "readyz.ping":
        raise RuntimeError("channel layer returned another message")


def _check_channel_layer() -> None:
    async_to_sync(_channel_layer_round_trip)()


def _check_broker() -> str | None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from collab.celery import app

    # The URL is read now, not when the Celery app was configured; kombu's Redis transport waits
    # forever on a silent socket unless given a timeout.
    with app.connection_for_write(
        url=settings.CELERY_BROKER_URL,
        connect_timeout=CHECK_TIMEOUT,
        transport_options={"socket_connect_timeout": CHECK_TIMEOUT, "socket_timeout": CHECK_TIMEOUT},
    ) as conn:
        conn.ensure_connection(max_retries=0, timeout=CHECK_TIMEOUT)
    return None


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "channel_layer": _check_channel_layer,
    "broker": _check_broker,
}


@never_cache
@require_GET
def readyz(request):
    results = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            note = check()
        except Exception as exc:  # any failure of a dependency is a "not ready", with its reason
            healthy = False
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            results[name] = {"status": "error", "error": error[:300]}
        else:
            results[name] = {"status": "ok", **({"mode": note} if note else {})}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)
