"""Celery tasks of the insights app."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from . import services

# Yesterday, and the day before again: a reply written at 23:59:59 and committed after midnight
# lands in the rollup of the next night.
NIGHTLY_DAYS = 2


@shared_task(name="insights.rollups_refresh", acks_late=True, time_limit=1800, soft_time_limit=1700)
def rollups_refresh(*, day: str | None = None, days: int = NIGHTLY_DAYS) -> int:
    """Roll up the `days` finished days ending with `day` (ISO date; default yesterday). Idempotent:
    each day's rows are replaced. Returns the number of days rolled up."""
    last = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return services.rollup_range(start=last - timedelta(days=max(days, 1) - 1), end=last)
