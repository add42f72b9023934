"""Live topics of idea boards through the real ASGI application: who may follow `board.<id>` and
`idea.<id>`, what they receive, and what happens when they lose the right to."""

import pytest
from channels.db import database_sync_to_async

from ideas import services
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_idea
from tests.realtime.helpers import connected, nothing_more, receive_events, subscribe

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]


@pytest.fixture
def world(manager):
    """A company board, a Sales-only board, an idea on each, and a guest of each board."""
    sales = DepartmentFactory(name="Sales")
    seller = UserFactory(username="sally", department=sales)
    company = make_board(owner=manager, title="Company", voting="updown")
    private = make_board(owner=manager, title="Sales only", audience="departments", department_ids=[sales.pk])
    guest = services.board_guest_invite(board_id=company.pk, actor=manager, email="guest@client.example")
    other_guest = services.board_guest_invite(board_id=private.pk, actor=manager, email="other@client.example")
    return {
        "sales": sales,
        "seller": seller,
        "company": company,
        "private": private,
        "idea": make_idea(board=company, author=manager, title="Company idea"),
        "private_idea": make_idea(board=private, author=seller, title="Sales idea"),
        "guest": guest,
        "other_guest": other_guest,
    }


async def _subscribed(socket, topic: str) -> bool:
    reply = (await subscribe(socket, topic))[-1]
    if reply["type"] == "error":
        assert reply["code"] == "forbidden_topic"
        return False
    assert reply["type"] == "subscribed"
    return True


async def test_employee_follows_what_they_see_and_gets_vote_changed(world, employee, other_employee):
    idea = world["idea"]
    socket = await connected(employee)
    assert await _subscribed(socket, f"board.{world['company'].pk}")
    assert await _subscribed(socket, f"idea.{idea.pk}")
    await database_sync_to_async(services.vote_cast)(idea_id=idea.pk, voter=other_employee)
    received = await receive_events(socket, 2)
    assert sorted(message["topic"] for message in received) == [f"board.{world['company'].pk}", f"idea.{idea.pk}"]
    for message in received:
        assert message["type"] == "vote.changed"
        assert message["data"] == {
            "idea_id": idea.pk,
            "upvotes": 1,
            "downvotes": 0,
            "net_votes": 1,
            "customer_votes": 0,
        }
    await socket.disconnect()


@pytest.mark.parametrize("who", ["employee", "other_guest"])
async def test_outsiders_are_refused_the_department_board(world, employee, who):
    person = employee if who == "employee" else world["other_guest"]
    socket = await connected(person)
    refused = world["private"] if who == "employee" else world["company"]
    refused_idea = world["private_idea"] if who == "employee" else world["idea"]
    assert not await _subscribed(socket, f"board.{refused.pk}")
    assert not await _subscribed(socket, f"idea.{refused_idea.pk}")
    await socket.disconnect()


async def test_seller_follows_the_department_board(world):
    socket = await connected(world["seller"])
    assert await _subscribed(socket, f"board.{world['private'].pk}")
    assert await _subscribed(socket, f"idea.{world['private_idea'].pk}")
    await socket.disconnect()


async def test_guest_follows_their_board_and_nothing_else(world, employee):
    guest, company, idea = world["guest"], world["company"], world["idea"]
    socket = await connected(guest)
    assert await _subscribed(socket, f"board.{company.pk}")
    assert await _subscribed(socket, f"idea.{idea.pk}")
    assert await _subscribed(socket, f"thread.{idea.thread_id}")
    assert await _subscribed(socket, f"space.{company.space_id}")
    assert await _subscribed(socket, f"user.{guest.pk}")
    for topic in (
        f"board.{world['private'].pk}",
        f"idea.{world['private_idea'].pk}",
        f"thread.{world['private_idea'].thread_id}",
        f"space.{world['private'].space_id}",
        f"person.{employee.pk}",
        f"user.{employee.pk}",
    ):
        assert not await _subscribed(socket, topic), topic
    await database_sync_to_async(services.vote_cast)(idea_id=idea.pk, voter=employee)
    assert {m["type"] for m in await receive_events(socket, 2)} == {"vote.changed"}
    await socket.disconnect()


async def test_hidden_idea_topic_drops_employees_and_keeps_moderators(world, employee, moderator):
    idea = world["idea"]
    watcher, mod = await connected(employee), await connected(moderator)
    for socket in (watcher, mod):
        assert await _subscribed(socket, f"idea.{idea.pk}")
    await database_sync_to_async(services.idea_hide)(idea_id=idea.pk, actor=moderator)
    messages = []
    while True:
        message = await watcher.receive_json_from(timeout=5)
        messages.append(message)
        if message.get("type") == "unsubscribed":
            break
    assert messages[-1] == {"type": "unsubscribed", "topic": f"idea.{idea.pk}", "reason": "access_changed"}
    assert [m["type"] for m in await receive_events(mod, 1)] == ["idea.hidden"]
    await database_sync_to_async(services.vote_cast)(idea_id=idea.pk, voter=moderator)
    assert [m["type"] for m in await receive_events(mod, 1)] == ["vote.changed"]
    assert await nothing_more(watcher)
    assert not await _subscribed(watcher, f"idea.{idea.pk}")
    await watcher.disconnect()
    await mod.disconnect()


async def test_narrowed_board_drops_followers_of_other_departments(world, employee, manager):
    company, idea = world["company"], world["idea"]
    socket = await connected(employee)
    assert await _subscribed(socket, f"board.{company.pk}")
    assert await _subscribed(socket, f"idea.{idea.pk}")
    await database_sync_to_async(services.board_update)(
        board_id=company.pk, actor=manager, audience="departments", department_ids=[world["sales"].pk]
    )
    lost = set()
    while len(lost) < 2:
        message = await socket.receive_json_from(timeout=5)
        if message.get("type") == "unsubscribed":
            lost.add(message["topic"])
    assert lost == {f"board.{company.pk}", f"idea.{idea.pk}"}
    await socket.disconnect()
