"""The nightly rollup: one day of the domain tables into the summary tables."""

import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.db import transaction
from django.utils import timezone

from .. import sources
from ..models import ActivityDay, ContributorDay, InteractionDay, RollupDay


def day_span(day: date) -> sources.Span:
    start = datetime.combine(day, dtime.min, tzinfo=timezone.get_current_timezone())
    return start, start + timedelta(days=1)


@transaction.atomic
def rollup_day(*, day: date) -> RollupDay | None:
    """Replace the rollup rows of one finished day (UTC) with rows computed from the domain tables
    and record the day in `RollupDay`. Idempotent: running it again for a day gives the same rows.
    Today and later days are refused (returns None): dashboards always read them live."""
    if day >= timezone.localdate():
        return None
    started = time.perf_counter()
    span = [day_span(day)]
    contributions = sources.contributions(span)
    interactions = sources.interactions(span)
    for model in (ActivityDay, ContributorDay, InteractionDay):
        model.objects.filter(day=day).delete()
    activity: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(sources.ACTIVITY_FIELDS, 0))
    contributors = []
    for (row_day, person_id, department_id, space_id, board_id), counts in contributions.items():
        contributors.append(
            ContributorDay(
                day=row_day, person_id=person_id, department_id=department_id, space_id=space_id, board_id=board_id
            )
        )
        totals = activity[(row_day, department_id, space_id, board_id)]
        for field in sources.ACTIVITY_FIELDS:
            totals[field] += counts[field]
    activities = [
        ActivityDay(day=row_day, department_id=department_id, space_id=space_id, board_id=board_id, **counts)
        for (row_day, department_id, space_id, board_id), counts in activity.items()
    ]
    links = [
        InteractionDay(
            day=row_day,
            kind=kind,
            space_id=space_id,
            board_id=board_id,
            actor_id=actor_id,
            actor_department_id=actor_department_id,
            other_department_id=other_department_id,
            count=count,
        )
        for (row_day, kind, space_id, board_id, actor_id, actor_department_id, other_department_id), count in (
            interactions.items()
        )
    ]
    ActivityDay.objects.bulk_create(activities, batch_size=1000)
    ContributorDay.objects.bulk_create(contributors, batch_size=1000)
    InteractionDay.objects.bulk_create(links, batch_size=1000)
    record, _created = RollupDay.objects.update_or_create(
        day=day,
        defaults={
            "finished_at": timezone.now(),
            "rows": len(activities) + len(contributors) + len(links),
            "seconds": time.perf_counter() - started,
        },
    )
    return record


def rollup_range(*, start: date, end: date) -> int:
    """Roll up every finished day from `start` to `end` (inclusive), each in its own transaction.
    Returns the number of days rolled up."""
    done = 0
    day = start
    last = min(end, timezone.localdate() - timedelta(days=1))
    while day <= last:
        if rollup_day(day=day) is not None:
            done += 1
        day += timedelta(days=1)
    return done


@transaction.atomic
def rollups_clear() -> None:
    """Forget every rollup: dashboards then compute every day live (the bench's baseline)."""
    for model in (ActivityDay, ContributorDay, InteractionDay, RollupDay):
        model.objects.all().delete()
