"""Who may do what through the idea boards API: authentication, throttling, the guests' wall, and the
authorization matrix (company / department board x roles x every route). A board or idea a person may
not see answers exactly like a missing one: 404, never 403."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import api_token_create
from ideas import services
from ideas.models import BoardGuest, CustomerVote, Idea, IdeaCoauthor, IdeaFollow, Vote
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea

pytestmark = pytest.mark.django_db


# --- authentication -------------------------------------------------------------------------------

ENDPOINTS = [
    ("get", "api-boards", "list"),
    ("post", "api-boards", "list"),
    ("get", "api-board", "board"),
    ("patch", "api-board", "board"),
    ("get", "api-board-ideas", "board"),
    ("post", "api-board-ideas", "board"),
    ("get", "api-board-similar", "board"),
    ("get", "api-board-guests", "board"),
    ("post", "api-board-guests", "board"),
    ("delete", "api-board-guest", "board-user"),
    ("get", "api-ideas", "list"),
    ("get", "api-idea", "idea"),
    ("patch", "api-idea", "idea"),
    ("put", "api-idea-vote", "idea"),
    ("delete", "api-idea-vote", "idea"),
    ("post", "api-idea-vote-acknowledge", "idea"),
    ("post", "api-idea-status", "idea"),
    ("post", "api-idea-merge", "idea"),
    ("put", "api-idea-follow", "idea"),
    ("delete", "api-idea-follow", "idea"),
    ("get", "api-idea-coauthors", "idea"),
    ("post", "api-idea-coauthors", "idea"),
    ("post", "api-idea-coauthors-accept", "idea"),
    ("delete", "api-idea-coauthor", "idea-user"),
    ("get", "api-idea-customer-votes", "idea"),
    ("post", "api-idea-customer-votes", "idea"),
    ("delete", "api-idea-customer-vote", "idea-customer"),
    ("post", "api-idea-hide", "idea"),
    ("post", "api-idea-restore", "idea"),
    ("get", "api-customers", "list"),
]


@pytest.mark.parametrize(("method", "name", "kind"), ENDPOINTS)
def test_anonymous_is_401_everywhere(api_client, board, employee, method, name, kind):
    idea = make_idea(board=board, author=employee)
    customer = make_customer()
    kwargs = {
        "list": {},
        "board": {"board_id": board.pk},
        "board-user": {"board_id": board.pk, "user_id": employee.pk},
        "idea": {"idea_id": idea.pk},
        "idea-user": {"idea_id": idea.pk, "user_id": employee.pk},
        "idea-customer": {"idea_id": idea.pk, "customer_id": customer.pk},
    }
    data = {"title": "Sneaky idea", "body": "x", "value": 1, "status": "done"}
    response = getattr(api_client, method)(reverse(name, kwargs=kwargs[kind]), data)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert (Idea.objects.count(), Vote.objects.count()) == (1, 0)


def test_token_auth_votes_without_csrf(board, employee):
    idea = make_idea(board=board, author=employee)
    _token, key = api_token_create(user=employee, name="bot")
    client = APIClient(enforce_csrf_checks=True)
    url = f"/api/v1/ideas/{idea.pk}/vote/"
    response = client.put(url, {"value": 1}, format="json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, response.json()
    assert (response.json()["my_vote"], response.json()["upvotes"]) == (1, 1)
    assert Vote.objects.get(idea=idea).voter == employee
    listed = client.get(f"/api/v1/boards/{board.pk}/ideas/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert listed.json()["results"][0]["my_vote"] == 1
    posted = client.post(
        f"/api/v1/boards/{board.pk}/ideas/",
        {"title": "From a script", "body": "x"},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert (posted.status_code, posted.json()["author"]["id"]) == (201, employee.pk)
    bad = client.put(url, {"value": 1}, format="json", HTTP_AUTHORIZATION="Bearer clb_nope")
    assert bad.status_code == 401


def test_session_writes_need_csrf(board, employee):
    idea = make_idea(board=board, author=employee)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(employee)
    assert client.get(f"/api/v1/ideas/{idea.pk}/").status_code == 200
    response = client.put(f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
    assert not Vote.objects.exists()


def test_writes_are_rate_limited_and_reads_are_not(api_client, board, employee):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(employee)
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "writes": "3/min"}
    try:
        url = f"/api/v1/ideas/{idea.pk}/vote/"
        codes = [api_client.put(url, {"value": 1}).status_code, api_client.delete(url).status_code]
        codes.append(api_client.put(url, {"value": 1}).status_code)
        codes.append(api_client.delete(url).status_code)
        assert codes == [200, 200, 200, 429]
        assert api_client.post(f"/api/v1/boards/{board.pk}/ideas/", {"title": "x", "body": "y"}).json()["code"] == (
            "throttled"
        )
        assert api_client.get(f"/api/v1/boards/{board.pk}/ideas/").status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert Vote.objects.filter(idea=idea).count() == 1


# --- guests ---------------------------------------------------------------------------------------


def test_guests_reach_their_board_and_nothing_else(api_client, board, manager, employee, guest):
    mine = make_idea(board=board, author=employee)
    elsewhere = make_board(owner=manager, title="Internal")
    theirs = make_idea(board=elsewhere, author=employee)
    api_client.force_authenticate(guest)
    assert [b["id"] for b in api_client.get("/api/v1/boards/").json()["results"]] == [board.pk]
    assert [i["id"] for i in api_client.get("/api/v1/ideas/").json()["results"]] == [mine.pk]
    assert api_client.put(f"/api/v1/ideas/{mine.pk}/vote/", {"value": 1}).status_code == 200
    posted = api_client.post(f"/api/v1/boards/{board.pk}/ideas/", {"title": "From outside", "body": "x"})
    assert posted.status_code == 201
    for url in (
        f"/api/v1/boards/{elsewhere.pk}/",
        f"/api/v1/ideas/{theirs.pk}/",
        f"/api/v1/boards/{elsewhere.pk}/ideas/",
    ):
        assert api_client.get(url).status_code == 404, url
    assert api_client.put(f"/api/v1/ideas/{theirs.pk}/vote/", {"value": 1}).status_code == 404
    # The rest of the API is not there for guests (accounts.guests), whatever it holds.
    for url in ("/api/v1/customers/", "/api/v1/spaces/", "/api/v1/people/", "/api/v1/search/?q=x", "/api/v1/me/"):
        assert api_client.get(url).status_code == 404, url


def test_a_guest_removed_from_the_board_loses_it(api_client, board, manager, employee, guest):
    idea = make_idea(board=board, author=employee)
    services.board_guest_remove(board_id=board.pk, actor=manager, user_id=guest.pk)
    api_client.force_authenticate(guest)
    assert api_client.get(f"/api/v1/boards/{board.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").status_code == 404
    assert api_client.get("/api/v1/boards/").json()["count"] == 0


# --- the authorization matrix ---------------------------------------------------------------------

ROLES = [
    "anonymous",
    "author",
    "employee",
    "other_department",
    "manager",
    "moderator",
    "admin",
    "guest",
    "other_guest",
]
# Who sees each kind of board: moderators and admins see every board (selectors.board_visibility_q),
# guests the boards opened to them. The manager works in another department than the board's.
_SEES = {
    "company": {"author", "employee", "other_department", "manager", "moderator", "admin", "guest"},
    "department": {"author", "employee", "moderator", "admin", "guest"},
}
_MANAGES = {"manager", "moderator", "admin"}  # any manager runs a board they can see
_CUSTOMER_VOICE = {"manager", "admin"}  # managers through their role; admins are superusers
_MODERATES = {"moderator", "admin"}


def _world(kind):
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    owner = UserFactory(username="owner", department=sales, role="manager")
    people = {
        "author": UserFactory(username="writer", department=sales),
        "employee": UserFactory(username="sam", department=sales),
        "other_department": UserFactory(username="lee", department=legal),
        "manager": UserFactory(username="max", department=legal, role="manager"),
        "moderator": UserFactory(username="mod", department=legal, role="moderator"),
        "admin": UserFactory(username="adm", department=legal, role="admin"),
    }
    coworker = UserFactory(username="cole", department=sales)
    audience = {"audience": "departments", "department_ids": [sales.pk]} if kind == "department" else {}
    board = make_board(owner=owner, title="Greener offices", **audience)
    other_board = make_board(owner=owner, title="Partners")
    people["guest"] = services.board_guest_invite(board_id=board.pk, actor=owner, email="jo@customer.example")
    people["other_guest"] = services.board_guest_invite(
        board_id=other_board.pk, actor=owner, email="kim@partner.example"
    )
    visitor = services.board_guest_invite(board_id=board.pk, actor=owner, email="vi@customer.example")
    author = people["author"]
    idea = make_idea(board=board, author=author, title="Bike sheds at every office")
    original = make_idea(board=board, author=author, title="Bicycle parking")
    duplicate = make_idea(board=board, author=author, title="Bike parking")
    return people, {
        "board": board,
        "idea": idea,
        "original": original,
        "duplicate": duplicate,
        "coworker": coworker,
        "visitor": visitor,
        "customer": make_customer("Acme"),
    }


def _expected(kind: str, role: str) -> dict[str, int]:
    if role == "anonymous":
        return dict.fromkeys(_CALLS, 401)
    sees = role in _SEES[kind]
    manages = sees and role in _MANAGES
    author = role == "author"

    def see(code: int, allowed: bool = True) -> int:
        return (code if allowed else 403) if sees else 404

    customer_voice = (201 if sees else 404) if role in _CUSTOMER_VOICE else 403
    return {
        "board create": 201 if role in _MANAGES else 403,
        "board update": see(200, manages),
        "idea post": see(201),
        "guest invite": see(201, manages),
        "guest remove": see(204, manages),
        "idea update": see(200, author or manages),
        "vote": see(200),
        "vote acknowledge": see(204),
        "vote retract": see(200),
        "follow": see(200),
        "unfollow": see(200),
        "coauthor invite": see(201, author),
        # Everyone who sees the idea was invited beforehand, except its author.
        "coauthor accept": 404 if author else see(200),
        "coauthor remove": see(204, author or manages),
        "status": see(200, manages),
        "merge": see(200, manages),
        "customer vote add": customer_voice,
        "customer vote remove": customer_voice if customer_voice != 201 else 204,
        "hide": 200 if role in _MODERATES else 403,
        "restore": 200 if role in _MODERATES else 403,
    }


def _calls(client, objs):
    board, idea = objs["board"].pk, objs["idea"].pk
    return [
        ("board create", lambda: client.post("/api/v1/boards/", {"title": "Another board"})),
        ("board update", lambda: client.patch(f"/api/v1/boards/{board}/", {"question": "What would you change?"})),
        ("idea post", lambda: client.post(f"/api/v1/boards/{board}/ideas/", {"title": "Solar roof", "body": "x"})),
        ("guest invite", lambda: client.post(f"/api/v1/boards/{board}/guests/", {"email": "new@customer.example"})),
        ("guest remove", lambda: client.delete(f"/api/v1/boards/{board}/guests/{objs['visitor'].pk}/")),
        ("idea update", lambda: client.patch(f"/api/v1/ideas/{idea}/", {"title": "Bike sheds at all offices"})),
        ("vote", lambda: client.put(f"/api/v1/ideas/{idea}/vote/", {"value": 1})),
        ("vote acknowledge", lambda: client.post(f"/api/v1/ideas/{idea}/vote/acknowledge/")),
        ("vote retract", lambda: client.delete(f"/api/v1/ideas/{idea}/vote/")),
        ("follow", lambda: client.put(f"/api/v1/ideas/{idea}/follow/")),
        ("unfollow", lambda: client.delete(f"/api/v1/ideas/{idea}/follow/")),
        ("coauthor invite", lambda: client.post(f"/api/v1/ideas/{idea}/coauthors/", {"user_id": objs["coworker"].pk})),
        ("coauthor accept", lambda: client.post(f"/api/v1/ideas/{idea}/coauthors/accept/")),
        ("coauthor remove", lambda: client.delete(f"/api/v1/ideas/{idea}/coauthors/{objs['coworker'].pk}/")),
        ("status", lambda: client.post(f"/api/v1/ideas/{idea}/status/", {"status": "planned", "response": "Q3"})),
        (
            "merge",
            lambda: client.post(f"/api/v1/ideas/{objs['duplicate'].pk}/merge/", {"original_id": objs["original"].pk}),
        ),
        (
            "customer vote add",
            lambda: client.post(f"/api/v1/ideas/{idea}/customer-votes/", {"customer_id": objs["customer"].pk}),
        ),
        (
            "customer vote remove",
            lambda: client.delete(f"/api/v1/ideas/{idea}/customer-votes/{objs['customer'].pk}/"),
        ),
        ("hide", lambda: client.post(f"/api/v1/ideas/{idea}/hide/")),
        ("restore", lambda: client.post(f"/api/v1/ideas/{idea}/restore/")),
    ]


_CALLS = [  # in the order `_calls` makes them
    "board create",
    "board update",
    "idea post",
    "guest invite",
    "guest remove",
    "idea update",
    "vote",
    "vote acknowledge",
    "vote retract",
    "follow",
    "unfollow",
    "coauthor invite",
    "coauthor accept",
    "coauthor remove",
    "status",
    "merge",
    "customer vote add",
    "customer vote remove",
    "hide",
    "restore",
]


@pytest.mark.parametrize(("kind", "role"), [(kind, role) for kind in _SEES for role in ROLES])
def test_authorization_matrix_of_writes(api_client, kind, role):
    people, objs = _world(kind)
    user = people.get(role)
    sees = role in _SEES[kind]
    if user is not None:
        api_client.force_authenticate(user)
        if sees and role != "author":
            services.idea_coauthor_invite(idea_id=objs["idea"].pk, actor=people["author"], user_id=user.pk)
    ideas_before = Idea.objects.count()

    got = {name: call().status_code for name, call in _calls(api_client, objs)}
    assert got == _expected(kind, role)

    idea = Idea.objects.get(pk=objs["idea"].pk)
    duplicate = Idea.objects.get(pk=objs["duplicate"].pk)
    if got["idea post"] != 201:
        assert Idea.objects.count() == ideas_before
    assert (idea.title == "Bike sheds at every office") is (got["idea update"] != 200)
    assert (idea.status == "planned") is (got["status"] == 200)
    assert (duplicate.merged_into_id == objs["original"].pk) is (got["merge"] == 200)
    assert BoardGuest.objects.filter(user=objs["visitor"]).exists() is (got["guest remove"] != 204)
    assert not Vote.objects.filter(idea=idea).exists()
    assert not CustomerVote.objects.exists()
    assert idea.is_hidden is False
    follows = IdeaFollow.objects.filter(idea=idea)
    assert list(follows.values_list("user__username", flat=True).order_by("user__username")) == sorted(
        ({"writer"} if role != "author" else set())  # the author unfollowed
        | ({user.username} if got["coauthor accept"] == 200 else set())  # accepting follows
    )
    if user is not None:
        accepted = IdeaCoauthor.objects.filter(idea=idea, user=user, accepted_at__isnull=False).exists()
        assert accepted is (got["coauthor accept"] == 200)


@pytest.mark.parametrize(("kind", "role"), [(kind, role) for kind in _SEES for role in ROLES if role != "anonymous"])
def test_authorization_matrix_of_reads(api_client, kind, role):
    people, objs = _world(kind)
    api_client.force_authenticate(people[role])
    board, idea = objs["board"].pk, objs["idea"].pk
    sees = role in _SEES[kind]
    got = {
        "board": api_client.get(f"/api/v1/boards/{board}/"),
        "board ideas": api_client.get(f"/api/v1/boards/{board}/ideas/"),
        "similar": api_client.get(f"/api/v1/boards/{board}/similar/?title=Bike+sheds"),
        "guests": api_client.get(f"/api/v1/boards/{board}/guests/"),
        "idea": api_client.get(f"/api/v1/ideas/{idea}/"),
        "coauthors": api_client.get(f"/api/v1/ideas/{idea}/coauthors/"),
        "customer votes": api_client.get(f"/api/v1/ideas/{idea}/customer-votes/"),
    }
    expected = dict.fromkeys(got, 200 if sees else 404)
    if sees:
        expected["guests"] = 200 if role in _MANAGES else 403
        expected["customer votes"] = 403 if role == "guest" else 200
    assert {name: r.status_code for name, r in got.items()} == expected
    for name, response in got.items():
        if not sees:
            assert response.json() == {"code": "not_found", "message": "Not found."}, name
    listed_boards = [b["id"] for b in api_client.get("/api/v1/boards/").json()["results"]]
    listed_ideas = [i["id"] for i in api_client.get("/api/v1/ideas/").json()["results"]]
    assert (board in listed_boards, idea in listed_ideas) == (sees, sees)
    if sees:
        assert [i["id"] for i in got["board ideas"].json()["results"]].count(idea) == 1
        assert [s["id"] for s in got["similar"].json()] == [idea]
