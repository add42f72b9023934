"""The realtime engine calls `event_published` after commit for every event (see AppConfig.ready).

It only enqueues: the work happens in Celery tasks, so a publisher never waits for notifications,
e-mail or webhook receivers.
"""

from collections.abc import Mapping

from . import services, sources, tasks


def event_published(topic: str, seq: int, event_type: str, data: Mapping) -> None:
    if event_type in sources.HANDLED_EVENTS:
        tasks.event_handle.delay(topic=topic, seq=seq, event_type=event_type, data=dict(data))
    if event_type in services.webhook_event_types():
        tasks.webhooks_dispatch.delay(topic=topic, seq=seq, event_type=event_type, data=dict(data))
