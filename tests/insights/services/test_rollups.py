from datetime import timedelta

import pytest
from django.utils import timezone

from insights import services, tasks
from insights.models import ActivityDay, ContributorDay, InteractionDay, RollupDay
from threads import services as thread_services

pytestmark = pytest.mark.django_db


def rows(day):
    def key(row):
        return tuple((value is None, value or 0) if not isinstance(value, str) else (False, value) for value in row)

    return (
        sorted(
            ActivityDay.objects.filter(day=day).values_list("department_id", "space_id", "board_id", "posts", "votes"),
            key=key,
        ),
        sorted(ContributorDay.objects.filter(day=day).values_list("person_id", "space_id", "board_id"), key=key),
        sorted(
            InteractionDay.objects.filter(day=day).values_list("kind", "actor_id", "other_department_id", "count"),
            key=key,
        ),
    )


def test_rolling_up_a_day_twice_replaces_its_rows(company):
    services.rollup_day(day=company.day_b)
    first = rows(company.day_b)
    services.rollup_day(day=company.day_b)
    assert rows(company.day_b) == first
    assert RollupDay.objects.filter(day=company.day_b).count() == 1
    # Day B: Eli's reply (Eng->Sales), Erin's vote for Sam's idea (Eng->Sales), Sam's for Eli's (Sales->Eng).
    assert sorted((kind, n) for kind, _actor, _dept, n in first[2]) == [("idea", 1), ("idea", 1), ("thread", 1)]
    assert len(first[1]) == 5  # Eli (General, board), Hana (HR only), Erin (board), Sam (board)


def test_a_re_run_picks_up_what_changed_that_day(company):
    services.rollup_day(day=company.day_b)
    before = sum(ActivityDay.objects.filter(day=company.day_b).values_list("posts", flat=True))
    thread_services.reply_post(thread_id=company.payroll.pk, author=company.hana, body="Late")
    from threads.models import Post

    Post.objects.filter(body="Late").update(created_at=timezone.now() - timedelta(days=5))
    services.rollup_day(day=company.day_b)
    assert sum(ActivityDay.objects.filter(day=company.day_b).values_list("posts", flat=True)) == before + 1


def test_today_is_never_rolled_up(company):
    assert services.rollup_day(day=timezone.localdate()) is None
    assert not RollupDay.objects.exists()


def test_the_nightly_task_rolls_up_yesterday_and_the_day_before(company):
    assert tasks.rollups_refresh() == 2
    yesterday = timezone.localdate() - timedelta(days=1)
    assert set(RollupDay.objects.values_list("day", flat=True)) == {yesterday, yesterday - timedelta(days=1)}
    assert tasks.rollups_refresh(day=company.day_a.isoformat(), days=1) == 1
    assert ActivityDay.objects.filter(day=company.day_a).exists()


def test_the_beat_schedule_runs_the_rollup_nightly():
    from collab.celery import app

    entry = app.conf.beat_schedule["insights-rollups-refresh"]
    assert entry["task"] == "insights.rollups_refresh"
