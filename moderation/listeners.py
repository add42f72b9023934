"""The realtime engine calls `event_published` after commit for every event (see AppConfig.ready):
new and edited posts go to the spam scorer. Only enqueues; the work is in `tasks`."""

from collections.abc import Mapping

from . import tasks


def event_published(topic: str, seq: int, event_type: str, data: Mapping) -> None:
    if event_type == "reply.posted":
        tasks.content_score.delay(post_id=data["id"])
    elif event_type == "post.edited":
        tasks.content_score.delay(post_id=data["id"], edited=True)
    elif event_type == "thread.started":
        tasks.content_score.delay(thread_id=data["thread_id"])
