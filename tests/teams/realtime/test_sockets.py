"""Live topics of project teams through the real ASGI application: who may follow `project.<id>`
and `round.<id>`, and what they receive."""

import pytest
from channels.db import database_sync_to_async

from teams import services
from tests.accounts.factories import UserFactory
from tests.realtime.helpers import connected, nothing_more, receive_events, subscribe
from tests.teams.factories import make_project

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]


@pytest.fixture
def world(manager, admin_user):
    return {
        "open": make_project(owner=manager, title="Open call"),
        "draft": make_project(owner=manager, title="Draft", publish=False),
        "guest": UserFactory(role="guest"),
        "other_manager": UserFactory(role="manager"),
    }


async def _subscribed(socket, topic: str) -> bool:
    reply = (await subscribe(socket, topic))[-1]
    if reply["type"] == "error":
        assert reply["code"] == "forbidden_topic"
        return False
    assert reply["type"] == "subscribed"
    return True


async def test_employee_follows_an_open_project_and_gets_volunteer_changes(world, employee, other_employee):
    project = world["open"]
    role = await database_sync_to_async(lambda: project.roles.get())()
    socket = await connected(employee)
    assert await _subscribed(socket, f"project.{project.pk}")
    await database_sync_to_async(services.volunteer_set)(role_id=role.pk, person=other_employee, strength=3)
    [message] = await receive_events(socket, 1)
    assert (message["topic"], message["type"]) == (f"project.{project.pk}", "volunteer.changed")
    assert message["data"] == {"project_id": project.pk, "role_id": role.pk, "volunteers": 1}
    assert await nothing_more(socket)
    await socket.disconnect()


@pytest.mark.parametrize(
    ("who", "which", "allowed"),
    [
        ("manager", "draft", True),
        ("admin_user", "draft", True),
        ("employee", "draft", False),
        ("other_manager", "draft", False),
        ("guest", "open", False),
        ("guest", "draft", False),
        ("other_manager", "open", True),
    ],
)
async def test_project_topic_follows_project_visibility(world, manager, admin_user, employee, who, which, allowed):
    person = world[who] if who in world else {"manager": manager, "admin_user": admin_user, "employee": employee}[who]
    socket = await connected(person)
    assert await _subscribed(socket, f"project.{world[which].pk}") is allowed
    await socket.disconnect()


async def test_missing_or_malformed_project_topics_are_refused(world, manager):
    socket = await connected(manager)
    for topic in ("project.987654", "project.abc", "project.1-2"):
        assert not await _subscribed(socket, topic)
    await socket.disconnect()


async def test_a_project_published_later_can_be_followed_then(world, manager, employee):
    draft = world["draft"]
    socket = await connected(employee)
    assert not await _subscribed(socket, f"project.{draft.pk}")
    await database_sync_to_async(services.project_publish)(project_id=draft.pk, actor=manager)
    assert await _subscribed(socket, f"project.{draft.pk}")
    await socket.disconnect()


async def test_round_topics_are_for_admins(world, admin_user, manager, employee):
    formation_round = await database_sync_to_async(services.round_start)(actor=admin_user)
    topic = f"round.{formation_round.pk}"
    for person, allowed in ((admin_user, True), (manager, False), (employee, False), (world["guest"], False)):
        socket = await connected(person)
        assert await _subscribed(socket, topic) is allowed
        if allowed:
            assert not await _subscribed(socket, "round.abc")
        await socket.disconnect()


async def test_admin_watching_a_round_sees_its_progress(world, admin_user):
    start = database_sync_to_async(services.round_start)
    formation_round = await start(actor=admin_user, project_ids=[world["open"].pk])
    # round_start commits here (no test transaction), so the eager task already ran: replay it all.
    socket = await connected(admin_user)
    replies = await subscribe(socket, f"round.{formation_round.pk}", after=0)
    progress = [m["data"]["progress"] for m in replies if m.get("type") == "round.progress"]
    assert progress[0] == 0 and progress[-1] == 100 and progress == sorted(progress)
    await socket.disconnect()
