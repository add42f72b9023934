import pytest
from django.core.management import call_command

from notifications.models import Kind, Notification
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_notifications(user, count: int, *, kind=Kind.REPLY, start: int = 0) -> list[Notification]:
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                cause=f"test:{start + i}",
                verb="replied",
                group_key="thread.1",
                target_kind="thread",
                target_id=1,
                title="Lunch talks",
                url="/threads/1/",
                extra={"actor_name": "Oscar"},
            )
            for i in range(count)
        ]
    )


def test_anonymous_is_refused(api_client):
    for url in ("/api/v1/notifications/", "/api/v1/notifications/unread-count/", "/api/v1/notifications/preferences/"):
        assert api_client.get(url).status_code in (401, 403)


def test_list_count_and_mark_read_are_about_you_only(api_client, employee, other_employee):
    mine = make_notifications(employee, 3)
    theirs = make_notifications(other_employee, 1)
    api_client.force_authenticate(employee)
    listing = api_client.get("/api/v1/notifications/").json()
    assert [row["id"] for row in listing["results"]] == [n.pk for n in reversed(mine)]
    assert listing["results"][0]["text"] == "Oscar replied in “Lunch talks”"
    assert api_client.get("/api/v1/notifications/unread-count/").json() == {"unread": 3}

    response = api_client.post("/api/v1/notifications/read/", {"ids": [mine[0].pk, theirs[0].pk]}, format="json")
    assert response.json() == {"changed": 1, "unread": 2}
    unread = api_client.get("/api/v1/notifications/?unread=true").json()["results"]
    assert {row["id"] for row in unread} == {mine[1].pk, mine[2].pk}
    assert api_client.post("/api/v1/notifications/read-all/").json() == {"changed": 2, "unread": 0}
    assert Notification.objects.get(pk=theirs[0].pk).read_at is None


def test_mark_read_validates_input(api_client, employee):
    api_client.force_authenticate(employee)
    response = api_client.post("/api/v1/notifications/read/", {"ids": []}, format="json")
    assert response.status_code == 400 and "ids" in response.json()["fields"]


def test_preferences_read_and_change(api_client, employee):
    api_client.force_authenticate(employee)
    prefs = {p["kind"]: p["channel"] for p in api_client.get("/api/v1/notifications/preferences/").json()}
    assert prefs == {
        "reply": "daily",
        "mention": "instant",
        "idea": "daily",
        "team": "instant",
        "moderation": "instant",
    }
    response = api_client.patch("/api/v1/notifications/preferences/", {"reply": "weekly", "team": "off"}, format="json")
    assert {p["kind"]: p["channel"] for p in response.json()}["reply"] == "weekly"
    bad = api_client.patch("/api/v1/notifications/preferences/", {"reply": "pigeon"}, format="json")
    assert bad.status_code == 400 and "reply" in bad.json()["fields"]


@pytest.mark.parametrize("rows", [2, 20])
def test_list_costs_the_same_for_2_and_20(api_client, employee, rows, django_assert_num_queries):
    make_notifications(employee, rows)
    api_client.force_authenticate(employee)
    with django_assert_num_queries(1):  # the page of notifications (no joins: display fields are stored)
        response = api_client.get("/api/v1/notifications/")
    assert len(response.json()["results"]) == rows


def test_guest_reaches_their_notifications(api_client):
    guest = UserFactory(role="guest")
    api_client.force_authenticate(guest)
    assert api_client.get("/api/v1/notifications/unread-count/").status_code == 200


def test_schema_documents_the_endpoints_and_validates(api_client, tmp_path):
    schema = api_client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/notifications/",
        "/api/v1/notifications/unread-count/",
        "/api/v1/notifications/read/",
        "/api/v1/notifications/read-all/",
        "/api/v1/notifications/preferences/",
    ):
        for method, operation in schema["paths"][path].items():
            assert operation.get("summary"), (method, path)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                assert body.get("examples"), f"{method} {path} has no example"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
