"""An external guest sees and touches only the boards opened to them, and nothing else of the
company: pages, API, search and sockets (the issue's Must-show authorization test).

Every refusal is checked against an employee who gets the same address, so a 404 here means
"walled off", not "broken"."""

import pytest
from django.urls import reverse

from accounts.services import api_token_create
from ideas import services
from ideas.models import Idea, Vote
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_idea
from tests.realtime.helpers import connected, subscribe
from threads import search
from threads.models import Post
from threads.services import reply_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager, employee):
    sales = DepartmentFactory(name="Sales")
    opened = make_board(owner=manager, title="Customer wishes", voting="updown")
    company = make_board(owner=manager, title="Company only")
    department = make_board(owner=manager, title="Sales only", audience="departments", department_ids=[sales.pk])
    guest = services.board_guest_invite(board_id=opened.pk, actor=manager, email="gwen@customer.example")
    other_guest = services.board_guest_invite(board_id=company.pk, actor=manager, email="olaf@other.example")
    mine = make_idea(board=opened, author=employee, title="Export to spreadsheets", body="Zebra export please.")
    theirs = make_idea(board=company, author=employee, title="Internal payroll tweak", body="Zebra payroll secret.")
    sales_idea = make_idea(
        board=department, author=UserFactory(department=sales), title="Sales bonus scheme", body="Zebra bonus."
    )
    reply_post(thread_id=mine.thread_id, author=employee, body="Zebra reply on the opened board.")
    reply_post(thread_id=theirs.thread_id, author=employee, body="Zebra reply on the company board.")
    return {
        "sales": sales,
        "guest": guest,
        "other_guest": other_guest,
        "opened": opened,
        "company": company,
        "department": department,
        "mine": mine,
        "theirs": theirs,
        "sales_idea": sales_idea,
    }


def _body(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


# --- pages ----------------------------------------------------------------------------------------


def test_guest_pages_show_only_their_board(client, world):
    client.force_login(world["guest"])
    listing = client.get(reverse("board_list"))
    assert listing.status_code == 200
    assert "Customer wishes" in listing.text
    assert "Company only" not in listing.text and "Sales only" not in listing.text

    opened, mine = world["opened"], world["mine"]
    for url in (
        reverse("board_detail", args=[opened.slug]),
        reverse("idea_detail", args=[mine.pk]),
        reverse("idea_create", args=[opened.slug]),
        reverse("idea_similar", args=[opened.slug]) + "?title=Export+spreadsheet",
        reverse("thread_detail", args=[mine.thread_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Internal payroll" not in response.text and "Sales bonus" not in response.text, url


@pytest.mark.parametrize("kind", ["company", "department"])
def test_guest_pages_of_other_boards_are_404(client, world, kind):
    board = world[kind]
    idea = world["theirs"] if kind == "company" else world["sales_idea"]
    urls = [
        reverse("board_detail", args=[board.slug]),
        reverse("idea_create", args=[board.slug]),
        reverse("idea_similar", args=[board.slug]) + "?title=payroll+tweak",
        reverse("idea_detail", args=[idea.pk]),
        reverse("idea_edit", args=[idea.pk]),
        reverse("thread_detail", args=[idea.thread_id]),
    ]
    client.force_login(world["guest"])
    for url in urls:
        assert client.get(url).status_code == 404, url
    # The same addresses work for someone allowed to see them: the 404s are the wall, not a bug.
    client.force_login(UserFactory(department=world["sales"]) if kind == "department" else UserFactory())
    for url in urls[:1] + urls[3:4] + urls[5:]:
        assert client.get(url).status_code == 200, url


def test_guest_touches_their_board_through_pages(client, world):
    guest, opened, mine = world["guest"], world["opened"], world["mine"]
    client.force_login(guest)
    response = client.post(reverse("idea_vote", args=[mine.pk]), {"value": "1"})
    assert response.status_code in (200, 302)
    assert Vote.objects.filter(idea=mine, voter=guest, value=1).exists()
    response = client.post(
        reverse("idea_create", args=[opened.slug]), {"title": "Dark theme for exports", "body": "Please."}
    )
    assert response.status_code == 302
    assert Idea.objects.filter(board=opened, author=guest, title="Dark theme for exports").exists()
    response = client.post(reverse("reply_create", args=[mine.thread_id]), {"body": "Thanks from the customer!"})
    assert response.status_code in (200, 302)
    assert Post.objects.filter(thread=mine.thread, author=guest).exists()


def test_guest_cannot_touch_other_boards_through_pages(client, world):
    guest, theirs, company = world["guest"], world["theirs"], world["company"]
    client.force_login(guest)
    attempts = [
        (reverse("idea_vote", args=[theirs.pk]), {"value": "1"}),
        (reverse("idea_follow", args=[theirs.pk]), {"action": "follow"}),
        (reverse("idea_edit", args=[theirs.pk]), {"title": "Hijacked by a guest", "body": "x"}),
        (reverse("idea_create", args=[company.slug]), {"title": "Guest idea elsewhere", "body": "x"}),
        (reverse("reply_create", args=[theirs.thread_id]), {"body": "Guest reply elsewhere"}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 404, url
    assert not Vote.objects.filter(voter=guest).exists()
    assert not Idea.objects.filter(author=guest).exists()
    assert not Post.objects.filter(author=guest).exists()
    theirs.refresh_from_db()
    assert theirs.title == "Internal payroll tweak" and theirs.follower_count == 1


def test_guest_does_not_run_even_their_own_board(client, world):
    """Managing a board (settings, guests, statuses, merges, customers' votes, moderation) is staff
    work: those pages are not opened to guests at all."""
    opened, mine = world["opened"], world["mine"]
    client.force_login(world["guest"])
    for url in (
        reverse("board_create"),
        reverse("board_edit", args=[opened.slug]),
        reverse("board_guests", args=[opened.slug]),
    ):
        assert client.get(url).status_code == 404, url
    for name in ("idea_status", "idea_merge", "idea_customer_vote", "idea_moderate"):
        assert client.post(reverse(name, args=[mine.pk]), {"status": "declined"}).status_code == 404, name
    mine.refresh_from_db()
    assert mine.status == "new"


@pytest.mark.parametrize(
    "path",
    ["/people/", "/people/{employee}/", "/spaces/", "/spaces/{space}/", "/search/?q=Zebra", "/profile/", "/admin/"],
)
def test_company_pages_are_404_for_a_guest(client, world, employee, path):
    path = path.format(employee=employee.pk, space=world["opened"].space.slug)
    client.force_login(world["guest"])
    assert client.get(path).status_code == 404


def test_guest_home_is_their_boards(client, world):
    client.force_login(world["guest"])
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, reverse("board_list"))


def test_removed_guest_loses_the_board(client, world, manager):
    guest, opened, mine = world["guest"], world["opened"], world["mine"]
    services.board_guest_remove(board_id=opened.pk, actor=manager, user_id=guest.pk)
    client.force_login(guest)
    for url in (
        reverse("board_detail", args=[opened.slug]),
        reverse("idea_detail", args=[mine.pk]),
        reverse("thread_detail", args=[mine.thread_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert "Customer wishes" not in client.get(reverse("board_list")).text


# --- API ------------------------------------------------------------------------------------------


@pytest.fixture
def guest_api(api_client, world):
    _token, secret = api_token_create(user=world["guest"], name="cli")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return api_client


def test_guest_api_lists_only_their_board(guest_api, world):
    opened, mine = world["opened"], world["mine"]
    boards = guest_api.get("/api/v1/boards/")
    assert boards.status_code == 200
    assert [b["id"] for b in _body(boards)] == [opened.pk]
    assert guest_api.get(f"/api/v1/boards/{opened.pk}/").status_code == 200
    ideas = guest_api.get(f"/api/v1/boards/{opened.pk}/ideas/")
    assert ideas.status_code == 200
    assert [i["id"] for i in _body(ideas)] == [mine.pk]
    everything = guest_api.get("/api/v1/ideas/")
    assert [i["id"] for i in _body(everything)] == [mine.pk]
    assert guest_api.get(f"/api/v1/ideas/{mine.pk}/").status_code == 200
    assert guest_api.get(f"/api/v1/threads/{mine.thread_id}/").status_code == 200
    assert guest_api.get(f"/api/v1/threads/{mine.thread_id}/posts/").status_code == 200


def test_guest_api_search_and_filters_stay_on_their_board(guest_api, world):
    for query in ("?q=Zebra", "?q=payroll", f"?board={world['company'].pk}", f"?board={world['department'].pk}"):
        response = guest_api.get("/api/v1/ideas/" + query)
        assert response.status_code in (200, 404), query
        found = {i["id"] for i in _body(response)} if response.status_code == 200 else set()
        assert found <= {world["mine"].pk}, query
    similar = guest_api.get(f"/api/v1/boards/{world['opened'].pk}/similar/?title=Internal+payroll+tweak")
    assert similar.status_code == 200
    assert _body(similar) == []


@pytest.mark.parametrize("kind", ["company", "department"])
def test_guest_api_other_boards_are_404(guest_api, api_client, world, manager, kind):
    board = world[kind]
    idea = world["theirs"] if kind == "company" else world["sales_idea"]
    reads = [
        f"/api/v1/boards/{board.pk}/",
        f"/api/v1/boards/{board.pk}/ideas/",
        f"/api/v1/boards/{board.pk}/similar/?title=payroll+tweak",
        f"/api/v1/ideas/{idea.pk}/",
        f"/api/v1/ideas/{idea.pk}/coauthors/",
        f"/api/v1/threads/{idea.thread_id}/",
        f"/api/v1/threads/{idea.thread_id}/posts/",
    ]
    for url in reads:
        response = guest_api.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found", url
    writes = [
        ("post", f"/api/v1/boards/{board.pk}/ideas/", {"title": "Guest idea elsewhere", "body": "x"}),
        ("put", f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1}),
        ("delete", f"/api/v1/ideas/{idea.pk}/vote/", None),
        ("put", f"/api/v1/ideas/{idea.pk}/follow/", None),
        ("patch", f"/api/v1/ideas/{idea.pk}/", {"title": "Hijacked by a guest"}),
        ("post", f"/api/v1/ideas/{idea.pk}/coauthors/accept/", None),
        ("post", f"/api/v1/threads/{idea.thread_id}/replies/", {"body": "Guest reply elsewhere"}),
    ]
    for method, url, data in writes:
        response = getattr(guest_api, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)
    guest = world["guest"]
    assert not Vote.objects.filter(voter=guest).exists()
    assert not Idea.objects.filter(author=guest).exists()
    assert not Post.objects.filter(author=guest).exists()
    # Someone allowed reads the same addresses.
    api_client.credentials()
    api_client.force_authenticate(UserFactory(department=world["sales"]) if kind == "department" else manager)
    for url in reads:
        assert api_client.get(url).status_code == 200, url


def test_guest_api_touches_their_board(guest_api, world):
    guest, opened, mine = world["guest"], world["opened"], world["mine"]
    assert guest_api.put(f"/api/v1/ideas/{mine.pk}/vote/", {"value": -1}, format="json").status_code == 200
    assert Vote.objects.get(voter=guest, idea=mine).value == -1
    posted = guest_api.post(
        f"/api/v1/boards/{opened.pk}/ideas/", {"title": "Exports by e-mail", "body": "Weekly."}, format="json"
    )
    assert posted.status_code == 201
    assert Idea.objects.filter(author=guest, board=opened).count() == 1
    replied = guest_api.post(f"/api/v1/threads/{mine.thread_id}/replies/", {"body": "Any news?"}, format="json")
    assert replied.status_code == 201
    assert guest_api.put(f"/api/v1/ideas/{mine.pk}/follow/", format="json").status_code == 200


def test_guest_api_does_not_run_their_own_board(guest_api, world, employee):
    opened, mine = world["opened"], world["mine"]
    other = make_idea(board=opened, author=employee, title="Export to spreadsheet files")
    attempts = [
        ("get", f"/api/v1/boards/{opened.pk}/guests/", None),
        ("post", f"/api/v1/boards/{opened.pk}/guests/", {"email": "friend@customer.example"}),
        ("patch", f"/api/v1/boards/{opened.pk}/", {"title": "Taken over"}),
        ("post", "/api/v1/boards/", {"title": "A guest board"}),
        ("post", f"/api/v1/ideas/{mine.pk}/status/", {"status": "declined"}),
        ("post", f"/api/v1/ideas/{mine.pk}/merge/", {"original_id": other.pk}),
        ("post", f"/api/v1/ideas/{mine.pk}/customer-votes/", {"customer_id": 1}),
        ("post", f"/api/v1/ideas/{mine.pk}/hide/", None),
    ]
    for method, url, data in attempts:
        response = getattr(guest_api, method)(url, data, format="json")
        assert response.status_code in (403, 404), (method, url, response.status_code)
    opened.refresh_from_db()
    mine.refresh_from_db()
    assert (opened.title, mine.status, mine.is_hidden) == ("Customer wishes", "new", False)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/people/",
        "/api/v1/people/{employee}/",
        "/api/v1/me/",
        "/api/v1/departments/",
        "/api/v1/skills/",
        "/api/v1/spaces/",
        "/api/v1/spaces/{space}/",
        "/api/v1/spaces/{space}/threads/",
        "/api/v1/search/?q=Zebra",
        "/api/v1/customers/",
    ],
)
def test_company_api_is_404_for_a_guest(guest_api, world, employee, path):
    response = guest_api.get(path.format(employee=employee.pk, space=world["opened"].space_id))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_session_signed_in_guest_meets_the_same_api_wall(client, world):
    client.force_login(world["guest"])
    assert client.get("/api/v1/people/").status_code == 404
    assert client.get("/api/v1/search/?q=Zebra").status_code == 404
    assert client.get(f"/api/v1/ideas/{world['theirs'].pk}/").status_code == 404
    assert client.get(f"/api/v1/ideas/{world['mine'].pk}/").status_code == 200


# --- search ---------------------------------------------------------------------------------------


def test_search_behind_the_wall_finds_only_their_boards_threads(world, employee):
    """The search API is walled off for guests; the search itself would still find nothing else."""
    hits = search.post_search_for_user(user=world["guest"], query="Zebra")
    assert {hit.post.thread_id for hit in hits} == {world["mine"].thread_id}
    everyone = search.post_search_for_user(user=employee, query="Zebra")
    assert {hit.post.thread_id for hit in everyone} == {world["mine"].thread_id, world["theirs"].thread_id}


# --- sockets --------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(60)
async def test_guest_sockets_follow_only_their_board(world, employee):
    guest, opened, mine, theirs = world["guest"], world["opened"], world["mine"], world["theirs"]
    allowed = [
        f"board.{opened.pk}",
        f"idea.{mine.pk}",
        f"space.{opened.space_id}",
        f"thread.{mine.thread_id}",
        f"user.{guest.pk}",
    ]
    refused = [
        f"board.{world['company'].pk}",
        f"board.{world['department'].pk}",
        f"idea.{theirs.pk}",
        f"idea.{world['sales_idea'].pk}",
        f"space.{world['company'].space_id}",
        f"thread.{theirs.thread_id}",
        f"person.{employee.pk}",
        f"person.{guest.pk}",
        f"user.{employee.pk}",
    ]
    socket = await connected(guest)
    for topic in allowed:
        assert (await subscribe(socket, topic))[-1]["type"] == "subscribed", topic
    for topic in refused:
        reply = (await subscribe(socket, topic))[-1]
        assert (reply["type"], reply.get("code")) == ("error", "forbidden_topic"), topic
    await socket.disconnect()
    # An employee follows what the guest may not (the refusals are the wall).
    socket = await connected(employee)
    for topic in refused[:1] + refused[2:3] + refused[4:6]:
        assert (await subscribe(socket, topic))[-1]["type"] == "subscribed", topic
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(60)
async def test_other_boards_guest_is_refused_this_board(world):
    socket = await connected(world["other_guest"])
    for topic in (f"board.{world['opened'].pk}", f"idea.{world['mine'].pk}", f"thread.{world['mine'].thread_id}"):
        reply = (await subscribe(socket, topic))[-1]
        assert reply.get("code") == "forbidden_topic", topic
    assert (await subscribe(socket, f"board.{world['company'].pk}"))[-1]["type"] == "subscribed"
    await socket.disconnect()
