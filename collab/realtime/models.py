"""The durable event log: what a socket missed while away is read back from here."""

from django.db import models
from django.utils import timezone


class Topic(models.Model):
    """One row per topic, holding the last sequence number given out. Taking the next number locks
    the row until commit, so events of one topic commit in the order of their numbers: a client that
    has seen number n has seen everything before it."""

    name = models.CharField(max_length=100, primary_key=True)
    last_seq = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_seq}"


class Event(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="events", db_column="topic")
    seq = models.BigIntegerField()
    type = models.CharField(max_length=64)
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint("topic", "seq", name="realtime_event_unique_topic_seq")]

    def __str__(self) -> str:
        return f"{self.topic_id}#{self.seq} {self.type}"
