from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import Event


@shared_task(name="realtime.events_prune", acks_late=True, ignore_result=True)
def events_prune() -> int:
    """Drop events past the retention window (older than REALTIME_RETENTION_HOURS, or more than
    REALTIME_RETENTION_EVENTS behind their topic's newest). Clients further behind get `resync`."""
    cutoff = timezone.now() - timedelta(hours=settings.REALTIME_RETENTION_HOURS)
    by_age, _ = Event.objects.filter(created_at__lt=cutoff).delete()
    by_count, _ = Event.objects.filter(seq__lte=F("topic__last_seq") - settings.REALTIME_RETENTION_EVENTS).delete()
    return by_age + by_count
