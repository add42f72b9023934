import pytest

from notifications import selectors
from notifications.models import Channel, Kind, Notification
from tests.notifications.api.test_notifications_api import make_notifications

pytestmark = pytest.mark.django_db


def test_bell_is_in_the_navigation_without_a_query_of_its_own(client, employee):
    client.force_login(employee)
    html = client.get("/notifications/preferences/").content.decode()
    assert "data-bell" in html and 'href="/notifications/"' in html and "js/bell.js" in html


def test_list_groups_replies_of_one_thread(client, employee):
    make_notifications(employee, 5)
    make_notifications(employee, 1, kind=Kind.MENTION, start=10)
    Notification.objects.filter(kind=Kind.MENTION).update(verb="mentioned")
    client.force_login(employee)
    html = client.get("/notifications/").content.decode()
    assert "5 new replies in “Lunch talks”" in html
    assert "Oscar mentioned you in “Lunch talks”" in html


@pytest.mark.parametrize("rows", [2, 20])
def test_list_page_costs_the_same_for_2_and_20(client, employee, rows, django_assert_num_queries):
    make_notifications(employee, rows)
    client.force_login(employee)
    # session, user, count (paginator), the page of notifications
    with django_assert_num_queries(4):
        response = client.get("/notifications/")
    assert response.status_code == 200


def test_mark_read_with_htmx_returns_the_list(client, employee):
    first, _second = make_notifications(employee, 2)
    client.force_login(employee)
    response = client.post("/notifications/read/", {"ids": [first.pk]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b'id="notification-list"' in response.content
    assert selectors.unread_count(user=employee) == 1
    response = client.post("/notifications/read-all/")
    assert response.status_code == 302 and selectors.unread_count(user=employee) == 0


def test_open_marks_the_group_read_and_jumps_to_the_item(client, employee, other_employee):
    rows = make_notifications(employee, 3)
    client.force_login(employee)
    response = client.get(f"/notifications/{rows[-1].pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/threads/1/"
    assert selectors.unread_count(user=employee) == 0
    client.force_login(other_employee)
    assert client.get(f"/notifications/{rows[0].pk}/open/").status_code == 404


def test_preferences_page_saves_each_kind(client, employee):
    client.force_login(employee)
    assert client.get("/notifications/preferences/").status_code == 200
    data = {kind: Channel.IN_APP for kind in Kind.values} | {"reply": Channel.WEEKLY}
    assert client.post("/notifications/preferences/", data).status_code == 302
    assert selectors.preferences_for_user(user=employee)["reply"] == Channel.WEEKLY
    assert client.post("/notifications/preferences/", data | {"team": "pigeon"}).status_code == 400


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get("/notifications/").status_code == 302
