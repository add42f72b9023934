"""Reads of the event log for replay (synchronous: consumers call them from a thread)."""

from django.conf import settings

from .models import Event, Topic


def topic_last_seq(topic: str) -> int:
    return Topic.objects.filter(name=topic).values_list("last_seq", flat=True).first() or 0


def events_after(topic: str, after: int, *, until: int | None = None) -> tuple[list[tuple[int, str]], int] | None:
    """Events of `topic` numbered above `after` (and up to `until`), oldest first, as (seq, text), plus
    the topic's last number; None when they can no longer be replayed gap-free (pruned, or more than
    REALTIME_REPLAY_MAX behind): the client must resync."""
    from .publish import encode_event

    # The last number is read first: anything committed after it is still found by the query below.
    last = topic_last_seq(topic)
    if after > last:
        return None  # the client comes from another history (e.g. a restored database)
    if until is None and last - after > settings.REALTIME_REPLAY_MAX:
        return None
    rows = Event.objects.filter(topic_id=topic, seq__gt=after).order_by("seq")
    if until is not None:
        rows = rows.filter(seq__lte=until)
    events = [
        (seq, encode_event(topic, seq, kind, data)) for seq, kind, data in rows.values_list("seq", "type", "data")
    ]
    expected_first = after + 1
    if (events and events[0][0] != expected_first) or (not events and last > after and until is None):
        return None
    return events, last
