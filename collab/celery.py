"""The Celery app and the whole beat schedule, in one place."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collab.settings")
# Prefork children must not share a psycopg pool opened in the parent; workers connect per task.
if os.environ.get("COLLAB_PROCESS") in {"worker", "beat"}:
    os.environ.setdefault("DATABASE_POOL", "false")

app = Celery("collab")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each entry: what runs, how often, and why.
app.conf.beat_schedule = {
    # Keep the realtime event log to its replay window (clients further behind get `resync`).
    "realtime-events-prune": {"task": "realtime.events_prune", "schedule": 600.0},
    # Daily digest e-mails at 07:00 UTC (one per person and day, whatever runs twice).
    "notifications-digest-daily": {
        "task": "notifications.digests_send",
        "schedule": crontab(hour=7, minute=0),
        "kwargs": {"frequency": "daily"},
    },
    # Weekly digests on Monday morning (one per person and ISO week).
    "notifications-digest-weekly": {
        "task": "notifications.digests_send",
        "schedule": crontab(hour=7, minute=30, day_of_week=1),
        "kwargs": {"frequency": "weekly"},
    },
    # Webhook deliveries whose next attempt (exponential backoff) is due.
    "notifications-webhook-retry": {"task": "notifications.webhook_retry_due", "schedule": 30.0},
    # Moderation: lift suspensions whose time is up (the person may sign in again).
    "moderation-suspensions-expire": {"task": "moderation.suspensions_expire", "schedule": 300.0},
    # Insights: yesterday (and the day before, again) into the rollup tables the dashboards read.
    "insights-rollups-refresh": {"task": "insights.rollups_refresh", "schedule": crontab(hour=2, minute=15)},
}


@worker_process_init.connect
def _close_inherited_connections(**_kwargs):
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close()
