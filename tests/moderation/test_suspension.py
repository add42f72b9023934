"""Suspension: sessions end, sockets close at once, API tokens are refused with a clear code, and
everything works again when it is lifted (by a moderator or when its time is up)."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.utils import timezone

from accounts.services import api_token_create
from moderation import services
from moderation.models import AuditEntry, Suspension
from tests.realtime.helpers import connected

pytestmark = pytest.mark.django_db


def test_suspension_ends_sessions_and_refuses_the_api_token(moderator, employee, api_client):
    browser = Client()
    browser.force_login(employee)
    assert browser.get("/api/v1/me/").status_code == 200
    _token, key = api_token_create(user=employee, name="cli")

    services.suspension_start(user=employee, moderator=moderator, days=7, reason="Spam")

    assert browser.get("/api/v1/me/").status_code in (401, 403)  # the session no longer authenticates
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 403
    assert response.json()["code"] == "account_suspended" and "suspended until" in response.json()["message"]
    assert not Client().login(username=employee.username, password="correct-horse-battery")

    suspension = Suspension.objects.get(user=employee)
    services.suspension_lift(suspension_id=suspension.pk, actor=moderator, reason="Appeal accepted")
    assert api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert browser.get("/api/v1/me/").status_code in (401, 403)  # the old session stays ended
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "suspension.started", "suspension.lifted",
    ]  # fmt: skip


def test_suspensions_expire_on_time(moderator, employee):
    suspension = services.suspension_start(user=employee, moderator=moderator, days=1, reason="Cool down")
    assert services.suspensions_expire() == 0
    Suspension.objects.filter(pk=suspension.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.suspensions_expire() == 1
    employee.refresh_from_db()
    assert employee.is_active
    entry = AuditEntry.objects.get(action="suspension.lifted")
    assert entry.actor is None and entry.actor_name == services.AUTOMATIC


def test_suspending_again_changes_the_end_and_keeps_one_active_suspension(moderator, employee):
    services.suspension_start(user=employee, moderator=moderator, days=1, reason="one")
    services.suspension_start(user=employee, moderator=moderator, days=None, reason="for good")
    suspension = Suspension.objects.get(user=employee, lifted_at__isnull=True)
    assert suspension.ends_at is None and suspension.reason == "for good"
    with pytest.raises(services.InvalidSuspension):
        services.suspension_start(user=employee, moderator=moderator, days=400, reason="")


@pytest.mark.django_db(transaction=True)
async def test_suspension_closes_open_sockets_at_once(employee, moderator):
    socket = await connected(employee)
    await database_sync_to_async(services.suspension_start)(user=employee, moderator=moderator, days=3, reason="x")
    message = await socket.receive_json_from(timeout=5)
    assert message == {"type": "closed", "reason": "suspended"}
    closed = await socket.receive_output(timeout=5)
    assert closed["type"] == "websocket.close" and closed["code"] == 4401
