from datetime import timedelta

import pytest
from django.utils import timezone

from ideas import services
from ideas.models import Board, BoardGuest
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_idea

pytestmark = pytest.mark.django_db


# --- listing --------------------------------------------------------------------------------------


def test_board_list_shows_the_boards_you_can_see(api_client, board, manager, employee, other_employee):
    make_board(owner=manager, title="Sales only", audience="departments", department_ids=[other_employee.department_id])
    old = make_board(owner=manager, title="Old")
    services.board_update(board_id=old.pk, actor=manager, is_archived=True)
    make_idea(board=board, author=employee)
    api_client.force_authenticate(employee)
    body = api_client.get("/api/v1/boards/").json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": board.pk,
            "title": "Greener offices",
            "slug": "greener",
            "kind": "open",
            "question": "",
            "opens_at": None,
            "closes_at": None,
            "is_open": True,
            "audience": "company",
            "voting": "up",
            "vote_budget": None,
            "owner": {"id": manager.pk, "username": "mia", "display_name": manager.display_name},
            "idea_count": 1,
            "is_archived": False,
            "created_at": body["results"][0]["created_at"],
        }
    ]
    archived = api_client.get("/api/v1/boards/?archived=true").json()
    assert [b["title"] for b in archived["results"]] == ["Old", "Greener offices"]
    assert api_client.get("/api/v1/boards/?archived=maybe").json()["fields"].keys() == {"archived"}


def _boards(n, *, owner, author):
    """Half company-wide, half for the author's department; each with an idea."""
    for i in range(n):
        kwargs = {"audience": "departments", "department_ids": [author.department_id]} if i % 2 else {}
        board = make_board(owner=owner, **kwargs)
        make_idea(board=board, author=author)


def test_board_list_query_count_is_constant(api_client, manager, employee, count_queries):
    api_client.force_authenticate(employee)
    _boards(2, owner=manager, author=employee)
    small, body_small = count_queries(api_client, "/api/v1/boards/")
    _boards(18, owner=manager, author=employee)
    large, body_large = count_queries(api_client, "/api/v1/boards/")
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large


def test_board_list_queries(api_client, manager, employee, django_assert_num_queries):
    _boards(5, owner=manager, author=employee)
    api_client.force_authenticate(employee)
    # 1 count for the page, 1 boards (+owner) with the visibility check inlined
    with django_assert_num_queries(2):
        assert len(api_client.get("/api/v1/boards/").json()["results"]) == 5


# --- creating and changing ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "moderator", "admin_user"])
def test_managers_moderators_and_admins_open_boards(api_client, role, request):
    creator = request.getfixturevalue(role)
    api_client.force_authenticate(creator)
    response = api_client.post("/api/v1/boards/", {"title": "Ideas for the intranet", "description": "*Useful*."})
    assert response.status_code == 201
    body = response.json()
    board = Board.objects.get(pk=body["id"])
    assert (body["slug"], body["owner"]["id"], body["can_manage"]) == ("ideas-for-the-intranet", creator.pk, True)
    assert (body["description_html"], body["space_id"]) == ("<p><em>Useful</em>.</p>\n", board.space_id)
    assert (body["tags"], body["votes_left"], body["departments"]) == ([], None, [])


def test_open_a_campaign_for_departments(api_client, manager):
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    opens = timezone.now() - timedelta(days=1)
    api_client.force_authenticate(manager)
    response = api_client.post(
        "/api/v1/boards/",
        {
            "title": "Greener offices",
            "kind": "campaign",
            "question": "How do we halve energy use?",
            "opens_at": opens.isoformat(),
            "closes_at": (opens + timedelta(days=30)).isoformat(),
            "audience": "departments",
            "department_ids": [sales.pk, legal.pk],
            "voting": "updown",
            "vote_budget": 5,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["audience"], body["voting"], body["vote_budget"]) == (
        "campaign",
        "departments",
        "updown",
        5,
    )
    assert sorted(d["name"] for d in body["departments"]) == ["Legal", "Sales"]
    assert (body["is_open"], body["votes_left"]) == (True, 5)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({}, "title"),
        ({"title": "T", "kind": "forever"}, "kind"),
        ({"title": "T", "kind": "campaign"}, "closes_at"),
        (
            {"title": "T", "opens_at": "2025-03-02T00:00:00Z", "closes_at": "2025-03-01T00:00:00Z"},
            "closes_at",
        ),
        ({"title": "T", "closes_at": "soon"}, "closes_at"),
        ({"title": "T", "audience": "departments"}, "department_ids"),
        ({"title": "T", "audience": "departments", "department_ids": [999999]}, "department_ids"),
        ({"title": "T", "department_ids": ["x"]}, "department_ids"),
        ({"title": "T", "voting": "stars"}, "voting"),
        ({"title": "T", "vote_budget": 0}, "vote_budget"),
        ({"title": "T", "vote_budget": 10**20}, "vote_budget"),
        ({"title": "T", "slug": "not a slug!"}, "slug"),
    ],
)
def test_board_create_with_bad_input_is_400(api_client, manager, data, field):
    api_client.force_authenticate(manager)
    response = api_client.post("/api/v1/boards/", data)
    assert response.status_code == 400, response.json()
    assert set(response.json()["fields"]) == {field}
    assert not Board.objects.exists()


def test_board_create_with_a_taken_slug_is_400(api_client, manager, board):
    api_client.force_authenticate(manager)
    response = api_client.post("/api/v1/boards/", {"title": "Greener offices", "slug": "greener"})
    assert (response.status_code, set(response.json()["fields"])) == (400, {"slug"})


def test_employees_cannot_open_boards(api_client, employee):
    api_client.force_authenticate(employee)
    response = api_client.post("/api/v1/boards/", {"title": "Mine"})
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert not Board.objects.exists()


def test_board_detail(api_client, board, employee):
    make_idea(board=board, author=employee, tags=["Facilities", "Energy"])
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/boards/{board.pk}/").json()
    assert (body["id"], body["title"], body["can_manage"], body["votes_left"]) == (
        board.pk,
        "Greener offices",
        False,
        None,
    )
    assert body["tags"] == [{"name": "Energy", "slug": "energy"}, {"name": "Facilities", "slug": "facilities"}]
    assert body["idea_count"] == 1


def test_owner_changes_a_board(api_client, board, manager):
    api_client.force_authenticate(manager)
    url = f"/api/v1/boards/{board.pk}/"
    response = api_client.patch(url, {"question": "What would you change?", "vote_budget": 3})
    assert response.status_code == 200, response.json()
    assert (response.json()["question"], response.json()["vote_budget"]) == ("What would you change?", 3)
    assert api_client.patch(url, {}).json()["title"] == "Greener offices"  # nothing to change
    archived = api_client.patch(url, {"is_archived": True}).json()
    assert (archived["is_archived"], archived["is_open"]) == (True, False)
    board.refresh_from_db()
    assert (board.question, board.vote_budget, board.is_archived) == ("What would you change?", 3, True)


def test_board_opened_to_departments_by_patch_disappears_for_others(api_client, board, manager, employee):
    api_client.force_authenticate(manager)
    response = api_client.patch(
        f"/api/v1/boards/{board.pk}/", {"audience": "departments", "department_ids": [manager.department_id]}
    )
    assert response.status_code == 200
    assert [d["id"] for d in response.json()["departments"]] == [manager.department_id]
    api_client.force_authenticate(employee)
    assert api_client.get(f"/api/v1/boards/{board.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"voting": "stars"}, "voting"),
        ({"vote_budget": 0}, "vote_budget"),
        ({"closes_at": "2000-01-01T00:00:00Z", "opens_at": "2001-01-01T00:00:00Z"}, "closes_at"),
        ({"audience": "departments", "department_ids": []}, "department_ids"),
        ({"is_archived": "perhaps"}, "is_archived"),
    ],
)
def test_board_update_with_bad_input_is_400(api_client, board, manager, data, field):
    api_client.force_authenticate(manager)
    response = api_client.patch(f"/api/v1/boards/{board.pk}/", data)
    assert response.status_code == 400, response.json()
    assert set(response.json()["fields"]) == {field}
    board.refresh_from_db()
    assert (board.title, board.voting, board.vote_budget, board.is_archived) == ("Greener offices", "up", None, False)


def test_a_board_with_down_votes_cannot_become_up_only(api_client, updown_board, manager, employee):
    idea = make_idea(board=updown_board, author=manager)
    services.vote_cast(idea_id=idea.pk, voter=employee, value=-1)
    api_client.force_authenticate(manager)
    response = api_client.patch(f"/api/v1/boards/{updown_board.pk}/", {"voting": "up"})
    assert (response.status_code, response.json()["code"], set(response.json()["fields"])) == (
        400,
        "invalid_board",
        {"voting"},
    )


def test_employees_cannot_change_a_board(api_client, board, employee):
    api_client.force_authenticate(employee)
    response = api_client.patch(f"/api/v1/boards/{board.pk}/", {"title": "Mine now"})
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_a_department_board_is_404_from_another_department(api_client, manager, employee, other_employee):
    board = make_board(owner=manager, audience="departments", department_ids=[employee.department_id])
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(other_employee)
    for method, url, data in [
        ("get", f"/api/v1/boards/{board.pk}/", None),
        ("patch", f"/api/v1/boards/{board.pk}/", {"title": "x"}),
        ("get", f"/api/v1/boards/{board.pk}/ideas/", None),
        ("post", f"/api/v1/boards/{board.pk}/ideas/", {"title": "Sneaky idea", "body": "x"}),
        ("get", f"/api/v1/boards/{board.pk}/similar/?title=Idea+number", None),
        ("get", f"/api/v1/boards/{board.pk}/guests/", None),
        ("get", f"/api/v1/ideas/{idea.pk}/", None),
        ("put", f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1}),
    ]:
        response = getattr(api_client, method)(url, data)
        assert response.status_code == 404, url
        assert response.json() == {"code": "not_found", "message": "Not found."}
    assert api_client.get("/api/v1/boards/").json()["count"] == 0
    assert api_client.get("/api/v1/ideas/").json()["count"] == 0


def test_unknown_board_is_404(api_client, employee, moderator):
    for user in (employee, moderator):
        api_client.force_authenticate(user)
        for url in ("/api/v1/boards/999999/", "/api/v1/boards/999999/ideas/", "/api/v1/boards/999999/similar/?title=x"):
            assert api_client.get(url).status_code == 404, url
        assert api_client.get(f"/api/v1/boards/{2**70}/").status_code == 404


# --- guests ---------------------------------------------------------------------------------------


def test_owner_invites_lists_and_removes_guests(api_client, board, manager):
    api_client.force_authenticate(manager)
    url = f"/api/v1/boards/{board.pk}/guests/"
    response = api_client.post(url, {"email": "Jo@Customer.example", "first_name": "Jo", "last_name": "Client"})
    assert response.status_code == 201, response.json()
    body = response.json()
    guest_id = body["user"]["id"]
    assert body["user"] | {"id": 0} == {
        "id": 0,
        "username": "guest-jo",
        "display_name": "Jo Client",
        "email": "jo@customer.example",
        "is_active": True,
    }
    assert body["invited_by"]["id"] == manager.pk
    listed = api_client.get(url).json()
    assert (listed["count"], listed["results"][0]["user"]["id"]) == (1, guest_id)
    # Inviting again is harmless.
    assert api_client.post(url, {"email": "jo@customer.example"}).status_code == 201
    assert BoardGuest.objects.filter(board=board).count() == 1
    removed = api_client.delete(f"{url}{guest_id}/")
    assert (removed.status_code, removed.content) == (204, b"")
    assert api_client.get(url).json()["count"] == 0


@pytest.mark.parametrize("data", [{"email": "not-an-address"}, {}, {"email": "erin@example.com"}])
def test_guest_invite_with_bad_email_is_400(api_client, board, manager, employee, data):
    api_client.force_authenticate(manager)
    response = api_client.post(f"/api/v1/boards/{board.pk}/guests/", data)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"email"}
    assert not BoardGuest.objects.exists()


def test_employees_cannot_see_or_invite_guests(api_client, board, employee, guest):
    api_client.force_authenticate(employee)
    url = f"/api/v1/boards/{board.pk}/guests/"
    assert api_client.get(url).status_code == 403
    assert api_client.post(url, {"email": "x@y.example"}).status_code == 403
    assert api_client.delete(f"{url}{guest.pk}/").status_code == 403
    assert BoardGuest.objects.filter(board=board).count() == 1


# --- similar ideas --------------------------------------------------------------------------------


def test_similar_ideas_while_typing(api_client, board, employee):
    bikes = make_idea(board=board, author=employee, title="Bike sheds at every office")
    make_idea(board=board, author=employee, title="Quarterly hackathon")
    services.vote_cast(idea_id=bikes.pk, voter=employee)
    api_client.force_authenticate(employee)
    url = f"/api/v1/boards/{board.pk}/similar/"
    body = api_client.get(url, {"title": "bike shed in the office"}).json()
    assert [(s["id"], s["title"], s["status"], s["upvotes"]) for s in body] == [
        (bikes.pk, "Bike sheds at every office", "new", 1)
    ]
    assert 0.3 <= body[0]["similarity"] <= 1
    assert api_client.get(url, {"title": "bike shed in the office", "exclude": bikes.pk}).json() == []
    assert api_client.get(url, {"title": "bik"}).json() == []  # too short to compare
    assert set(api_client.get(url).json()["fields"]) == {"title"}
    assert set(api_client.get(url, {"title": "x", "limit": 0}).json()["fields"]) == {"limit"}


def test_similar_ideas_leave_merged_and_other_boards_out(api_client, board, manager, employee):
    original = make_idea(board=board, author=employee, title="Bike sheds at every office")
    dup = make_idea(board=board, author=employee, title="Bike sheds for every office")
    services.idea_merge(duplicate_id=dup.pk, original_id=original.pk, actor=manager)
    make_idea(board=make_board(owner=manager), author=employee, title="Bike sheds at every office")
    api_client.force_authenticate(UserFactory())
    body = api_client.get(f"/api/v1/boards/{board.pk}/similar/", {"title": "Bike sheds at every office"}).json()
    assert [s["id"] for s in body] == [original.pk]
