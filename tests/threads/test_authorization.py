"""Who sees what: spaces (public, department, private) x roles, for pages, search and live sockets.
A thread a person may not see answers exactly like a missing one (404, no trace in search)."""

import re

import pytest
from channels.db import database_sync_to_async

from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.realtime.helpers import connected, subscribe
from tests.threads.factories import SpaceFactory
from threads import services
from threads.models import Space

ROLES = ["anonymous", "employee_in_department", "employee_elsewhere", "member", "manager", "moderator", "admin"]
# Expected visibility per space kind and role (moderators and admins see every space).
_SEES = {
    "public": {"employee_in_department", "employee_elsewhere", "member", "manager", "moderator", "admin"},
    "department": {"employee_in_department", "moderator", "admin"},
    "private": {"member", "moderator", "admin"},
}
CAN_SEE = {kind: {role: role in roles for role in ROLES} for kind, roles in _SEES.items()}


def _world():
    sales = DepartmentFactory(name="Sales")
    other = DepartmentFactory(name="Legal")
    people = {
        "employee_in_department": UserFactory(username="sam", department=sales),
        "employee_elsewhere": UserFactory(username="lee", department=other),
        "member": UserFactory(username="mel", department=other),
        "manager": UserFactory(username="max", department=other, role="manager"),
        "moderator": UserFactory(username="mod", department=other, role="moderator"),
        "admin": UserFactory(username="adm", department=other, role="admin"),
    }
    author = UserFactory(username="author", department=sales)
    spaces = {
        "public": SpaceFactory(name="Open", slug="open"),
        "department": SpaceFactory(
            name="Sales", slug="sales", visibility=Space.Visibility.DEPARTMENT, departments=[sales]
        ),
        "private": SpaceFactory(
            name="Team", slug="team", visibility=Space.Visibility.PRIVATE, members=[people["member"], author]
        ),
    }
    threads = {
        kind: services.thread_start(
            space_id=space.pk, author=author, title=f"Topic {kind} zebra", body=f"secret-{kind} zebra"
        )
        for kind, space in spaces.items()
    }
    return people, spaces, threads


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_pages_and_search_matrix(client, role):
    people, spaces, threads = _world()
    if role != "anonymous":
        client.force_login(people[role])
    search = client.get("/search/?q=zebra").content.decode()
    spaces_page = client.get("/spaces/").content.decode()
    for kind in ("public", "department", "private"):
        thread = threads[kind]
        expected = CAN_SEE[kind][role]
        space_response = client.get(f"/spaces/{spaces[kind].slug}/")
        thread_response = client.get(f"/threads/{thread.pk}/")
        post_history = client.get(f"/posts/{thread.posts.get().pk}/history/")
        if role == "anonymous":
            assert {space_response.status_code, thread_response.status_code, post_history.status_code} == {302}
            continue
        want = 200 if expected else 404
        assert (space_response.status_code, thread_response.status_code, post_history.status_code) == (
            want,
            want,
            want,
        ), kind
        assert (f"/threads/{thread.pk}/" in search) is expected, f"search leak or miss: {kind}"
        assert (f">{spaces[kind].name}<" in spaces_page) is expected, kind
        reply = client.post(f"/threads/{thread.pk}/reply/", {"body": "hello"})
        assert (reply.status_code == 302) is expected and (reply.status_code == 404) is (not expected), kind


def test_missing_and_hidden_threads_answer_alike(client, employee, moderator):
    space = SpaceFactory(name="Open", slug="open")
    thread = services.thread_start(space_id=space.pk, author=employee, title="Hidden soon", body="x")
    type(thread).objects.filter(pk=thread.pk).update(is_hidden=True)
    client.force_login(employee)
    hidden, missing = client.get(f"/threads/{thread.pk}/"), client.get("/threads/987654/")
    assert hidden.status_code == missing.status_code == 404
    token = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')  # differs on every response
    assert token.sub(b"", hidden.content) == token.sub(b"", missing.content)
    client.force_login(moderator)
    assert client.get(f"/threads/{thread.pk}/").status_code == 200


test_missing_and_hidden_threads_answer_alike = pytest.mark.django_db(test_missing_and_hidden_threads_answer_alike)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
async def test_socket_subscribe_matrix(role):
    people, spaces, threads = await database_sync_to_async(_world)()
    socket = await connected(people[role])
    for kind in ("public", "department", "private"):
        for topic in (f"thread.{threads[kind].pk}", f"space.{spaces[kind].pk}"):
            reply = (await subscribe(socket, topic))[-1]
            if CAN_SEE[kind][role]:
                assert reply["type"] == "subscribed", (kind, topic)
            else:
                assert (reply["type"], reply["code"]) == ("error", "forbidden_topic"), (kind, topic)
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_removed_member_loses_the_live_feed(employee, manager):
    space = await database_sync_to_async(services.space_create)(
        creator=manager, name="Tiger team", visibility="private", member_ids=[employee.pk]
    )
    socket = await connected(employee)
    assert (await subscribe(socket, f"space.{space.pk}"))[-1]["type"] == "subscribed"
    await database_sync_to_async(services.space_member_remove)(space=space, user=employee, actor=manager)
    assert (await socket.receive_json_from(timeout=5))["reason"] == "access_changed"
    reconnected = await connected(employee)
    assert (await subscribe(reconnected, f"space.{space.pk}"))[-1]["code"] == "forbidden_topic"
    await reconnected.disconnect()
