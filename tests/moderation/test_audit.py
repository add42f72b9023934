"""The audit log: append-only everywhere, searchable in the admin and exportable as CSV."""

import csv
import io

import pytest

from moderation import services
from moderation.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(moderator):
    services.audit_record(actor=moderator, action="case.hide", target_kind="post", target_id=7, target_repr="post 7")
    services.audit_record(
        actor=None, action="case.auto_hide", target_kind="post", target_id=8, target_repr="=HYPERLINK(evil)",
        reason="Flag score",
    )  # fmt: skip
    return AuditEntry.objects.order_by("id")


def test_the_log_refuses_updates_and_deletes(entries):
    with pytest.raises(TypeError):
        entries.update(reason="rewritten")
    with pytest.raises(TypeError):
        entries.delete()


def test_nobody_changes_or_deletes_entries_in_the_admin(client, admin_user, entries):
    client.force_login(admin_user)
    entry = entries.first()
    page = client.get(f"/admin/moderation/auditentry/{entry.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(f"/admin/moderation/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.get("/admin/moderation/auditentry/add/").status_code == 403


def test_search_and_csv_export(client, moderator, entries):
    client.force_login(moderator)
    found = client.get("/admin/moderation/auditentry/", {"q": "auto_hide"}).content.decode()
    assert 'field-action">case.auto_hide<' in found and 'field-action">case.hide<' not in found
    response = client.post(
        "/admin/moderation/auditentry/",
        {"action": "export_csv", "_selected_action": [e.pk for e in entries], "index": 0},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["when", "who", "what"]
    assert [r[2] for r in rows[1:]] == ["case.hide", "case.auto_hide"]
    assert rows[2][1] == services.AUTOMATIC and rows[2][5] == "'=HYPERLINK(evil)"  # no formula injection


# --- permission changes (accounts records them through the registered recorder) -----------------


def test_role_change_and_deactivation_are_audited_with_who_and_what(employee, admin_user):
    from accounts import services as account_services
    from moderation.models import AuditEntry

    account_services.user_role_set(user=employee, role="manager", actor=admin_user)
    account_services.user_role_set(user=employee, role="manager", actor=admin_user)  # no change: no line
    account_services.user_deactivate(user=employee, actor=admin_user)
    lines = list(AuditEntry.objects.filter(target_kind="person", target_id=employee.pk).order_by("id"))
    assert [(e.action, e.actor_id, e.data) for e in lines] == [
        ("role_changed", admin_user.pk, {"from": "employee", "to": "manager"}),
        ("deactivated", admin_user.pk, {}),
    ]


def test_admin_role_actions_and_form_are_audited(client, employee, other_employee, admin_user):
    from django.urls import reverse

    from moderation.models import AuditEntry

    client.force_login(admin_user)
    changelist = reverse("admin:accounts_user_changelist")
    client.post(changelist, {"action": "make_moderator", "_selected_action": [employee.pk]})
    client.post(changelist, {"action": "deactivate", "_selected_action": [other_employee.pk]})
    lines = AuditEntry.objects.filter(target_kind="person").order_by("id")
    assert [(e.target_id, e.action, e.actor_id) for e in lines] == [
        (employee.pk, "role_changed", admin_user.pk),
        (other_employee.pk, "deactivated", admin_user.pk),
    ]


def test_a_rolled_back_role_change_leaves_no_audit_line(employee, admin_user):
    from django.db import transaction

    from accounts import services as account_services
    from moderation.models import AuditEntry

    with pytest.raises(RuntimeError), transaction.atomic():
        account_services.user_role_set(user=employee, role="admin", actor=admin_user)
        raise RuntimeError
    assert not AuditEntry.objects.filter(target_kind="person").exists()
