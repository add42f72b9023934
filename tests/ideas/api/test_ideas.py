from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from ideas import services
from ideas.models import Board, CustomerVote, Idea, IdeaCoauthor, IdeaFollow, Vote
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea

pytestmark = pytest.mark.django_db

SORTS = ["hot", "top", "new", "trending", "random"]


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [idea["id"] for idea in response.json()["results"]]


# --- a board's ranked list ------------------------------------------------------------------------


def test_board_ideas_carry_author_tags_counts_and_my_vote(api_client, board, employee, other_employee, sales_rep):
    customer = make_customer("Acme")
    idea = make_idea(
        board=board,
        author=sales_rep,
        title="Bike sheds at every office",
        tags=["Facilities", "Commuting"],
        customer_id=customer.pk,
    )
    services.vote_cast(idea_id=idea.pk, voter=employee)
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    services.customer_vote_add(idea_id=idea.pk, recorder=sales_rep, customer_id=make_customer().pk)
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/boards/{board.pk}/ideas/").json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": idea.pk,
            "board": {"id": board.pk, "title": "Greener offices", "slug": "greener"},
            "title": "Bike sheds at every office",
            "status": "new",
            "author": {"id": sales_rep.pk, "username": "sally", "display_name": "Sally Sales"},
            "customer": {"id": customer.pk, "name": "Acme", "slug": "acme"},
            "tags": [{"name": "Commuting", "slug": "commuting"}, {"name": "Facilities", "slug": "facilities"}],
            "upvotes": 2,
            "downvotes": 0,
            "net_votes": 2,
            "customer_votes": 1,
            "follower_count": 1,
            "created_at": body["results"][0]["created_at"],
            "edited_at": None,
            "is_hidden": False,
            "thread_id": idea.thread_id,
            "merged_into_id": None,
            "my_vote": 1,
        }
    ]
    api_client.force_authenticate(sales_rep)
    assert api_client.get(f"/api/v1/boards/{board.pk}/ideas/").json()["results"][0]["my_vote"] is None


def _ranked_world(board, author):
    """a: no votes; b: three votes; c: one vote; created in this order."""
    a = make_idea(board=board, author=author, title="Idea a")
    b = make_idea(board=board, author=author, title="Idea b")
    c = make_idea(board=board, author=author, title="Idea c")
    for voter in UserFactory.create_batch(3):
        services.vote_cast(idea_id=b.pk, voter=voter)
    services.vote_cast(idea_id=c.pk, voter=author)
    Idea.objects.filter(pk=a.pk).update(created_at=timezone.now() - timedelta(days=2))  # `new` only
    return a, b, c


def test_board_ideas_sorted_hot_top_new_trending(api_client, board, employee):
    a, b, c = _ranked_world(board, employee)
    api_client.force_authenticate(employee)
    url = f"/api/v1/boards/{board.pk}/ideas/"
    assert _ids(api_client.get(url)) == [b.pk, c.pk, a.pk]  # hot by default
    assert _ids(api_client.get(url, {"sort": "hot"})) == [b.pk, c.pk, a.pk]
    assert _ids(api_client.get(url, {"sort": "top"})) == [b.pk, c.pk, a.pk]
    assert _ids(api_client.get(url, {"sort": "new"})) == [c.pk, b.pk, a.pk]
    assert _ids(api_client.get(url, {"sort": "trending"})) == [b.pk, c.pk, a.pk]


def test_random_order_is_a_stable_permutation(api_client, board, employee):
    ideas = [make_idea(board=board, author=employee) for _ in range(12)]
    url = f"/api/v1/boards/{board.pk}/ideas/?sort=random&page_size=50"
    api_client.force_authenticate(employee)
    first = _ids(api_client.get(url))
    assert sorted(first) == sorted(i.pk for i in ideas)
    assert _ids(api_client.get(url)) == first
    paged = _ids(api_client.get(url.replace("page_size=50", "page_size=5"))) + _ids(
        api_client.get(url.replace("page_size=50", "page_size=5") + "&page=2")
    )
    assert paged == first[:10]


def test_random_order_differs_between_people(api_client, board, employee):
    for _ in range(12):
        make_idea(board=board, author=employee)
    url = f"/api/v1/boards/{board.pk}/ideas/?sort=random&page_size=50"
    orders = set()
    for person in [employee, *UserFactory.create_batch(3)]:
        api_client.force_authenticate(person)
        orders.add(tuple(_ids(api_client.get(url))))
    assert len(orders) > 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("sort=best", "sort"),
        ("sort=HOT", "sort"),
        ("status=open", "status"),
        ("tag=not%20a%20slug", "tag"),
        ("mine=perhaps", "mine"),
        ("voted=2", "voted"),
        ("customer=abc", "customer"),
        ("customer=0", "customer"),
        ("customer_voice=x", "customer_voice"),
        (f"q={'x' * 201}", "q"),
    ],
)
def test_board_ideas_with_bad_parameters_are_400(api_client, board, employee, query, field):
    api_client.force_authenticate(employee)
    response = api_client.get(f"/api/v1/boards/{board.pk}/ideas/?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert set(response.json()["fields"]) == {field}


def test_board_ideas_filters(api_client, board, manager, employee, other_employee, sales_rep):
    acme, globex = make_customer("Acme"), make_customer("Globex")
    mine = make_idea(board=board, author=employee, title="Solar panels on the roof", tags=["Energy"])
    coauthored = make_idea(board=board, author=other_employee, title="Rain water for the toilets", tags=["Water"])
    services.idea_coauthor_invite(idea_id=coauthored.pk, actor=other_employee, user_id=employee.pk)
    services.idea_coauthor_accept(idea_id=coauthored.pk, user=employee)
    for_acme = make_idea(board=board, author=sales_rep, title="Export as CSV", customer_id=acme.pk)
    voted_by_globex = make_idea(board=board, author=other_employee, title="Dark mode", tags=["Energy"])
    services.customer_vote_add(idea_id=voted_by_globex.pk, recorder=sales_rep, customer_id=globex.pk)
    services.vote_cast(idea_id=for_acme.pk, voter=employee)
    services.idea_status_change(idea_id=voted_by_globex.pk, actor=manager, status="planned")
    api_client.force_authenticate(employee)
    url = f"/api/v1/boards/{board.pk}/ideas/?sort=new&"

    assert _ids(api_client.get(url + "status=planned")) == [voted_by_globex.pk]
    assert _ids(api_client.get(url + "tag=energy")) == [voted_by_globex.pk, mine.pk]
    assert _ids(api_client.get(url + "mine=true")) == [coauthored.pk, mine.pk]
    assert _ids(api_client.get(url + "voted=true")) == [for_acme.pk]
    assert _ids(api_client.get(url + f"customer={acme.pk}")) == [for_acme.pk]
    assert _ids(api_client.get(url + f"customer={globex.pk}")) == [voted_by_globex.pk]
    assert _ids(api_client.get(url + "customer_voice=true")) == [voted_by_globex.pk, for_acme.pk]
    assert _ids(api_client.get(url + "q=toilets")) == [coauthored.pk]
    assert _ids(api_client.get(url + "q=solar&tag=energy&mine=true")) == [mine.pk]
    assert _ids(api_client.get(url + "status=done")) == []


def test_board_ideas_leave_out_merged_and_hidden_ideas(api_client, board, manager, moderator, employee):
    original = make_idea(board=board, author=employee)
    dup = make_idea(board=board, author=employee)
    hidden = make_idea(board=board, author=employee)
    services.idea_merge(duplicate_id=dup.pk, original_id=original.pk, actor=manager)
    services.idea_hide(idea_id=hidden.pk, actor=moderator)
    api_client.force_authenticate(employee)  # even their author
    assert _ids(api_client.get(f"/api/v1/boards/{board.pk}/ideas/")) == [original.pk]
    api_client.force_authenticate(moderator)
    assert sorted(_ids(api_client.get(f"/api/v1/boards/{board.pk}/ideas/"))) == [original.pk, hidden.pk]


def test_guests_see_no_customer_accounts(api_client, board, guest, sales_rep):
    acme = make_customer("Acme")
    idea = make_idea(board=board, author=sales_rep, customer_id=acme.pk)
    api_client.force_authenticate(guest)
    listed = api_client.get(f"/api/v1/boards/{board.pk}/ideas/").json()["results"]
    assert [(i["id"], i["customer"]) for i in listed] == [(idea.pk, None)]
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").json()["customer"] is None
    assert api_client.get("/api/v1/ideas/").json()["results"][0]["customer"] is None
    for query in (f"customer={acme.pk}", "customer_voice=true"):
        response = api_client.get(f"/api/v1/boards/{board.pk}/ideas/?{query}")
        assert response.status_code == 400
        assert set(response.json()["fields"]) == {query.split("=")[0]}


# --- query counts ---------------------------------------------------------------------------------


def _busy_ideas(board, n, *, viewer, sales_rep):
    """n ideas, each with two tags, an up-vote from the viewer and another person, and customer voice
    on every other one."""
    voter = UserFactory()
    customer = make_customer()
    for i in range(n):
        idea = make_idea(
            board=board,
            author=sales_rep,
            tags=[f"tag {i}", "common"],
            customer_id=customer.pk if i % 2 else None,
        )
        services.vote_cast(idea_id=idea.pk, voter=viewer)
        services.vote_cast(idea_id=idea.pk, voter=voter)


@pytest.mark.parametrize("sort", SORTS)
def test_board_ideas_queries(api_client, board, employee, sales_rep, sort, django_assert_num_queries):
    _busy_ideas(board, 5, viewer=employee, sales_rep=sales_rep)
    api_client.force_authenticate(employee)
    # 1 board (+owner, space: the access check), 1 count for the page, 1 ideas of the page
    # (+author, customer, my_vote as a subquery, the visibility check inlined), 1 tags of the page
    with django_assert_num_queries(4):
        response = api_client.get(f"/api/v1/boards/{board.pk}/ideas/?sort={sort}")
    assert len(response.json()["results"]) == 5


@pytest.mark.parametrize("sort", SORTS)
def test_board_ideas_cost_the_same_for_2_and_20_ideas(api_client, board, employee, sales_rep, sort, count_queries):
    api_client.force_authenticate(employee)
    url = f"/api/v1/boards/{board.pk}/ideas/?sort={sort}&page_size=50"
    _busy_ideas(board, 2, viewer=employee, sales_rep=sales_rep)
    small, body_small = count_queries(api_client, url)
    _busy_ideas(board, 18, viewer=employee, sales_rep=sales_rep)
    large, body_large = count_queries(api_client, url)
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert {i["my_vote"] for i in body_large["results"]} == {1}
    assert all(len(i["tags"]) == 2 for i in body_large["results"])
    assert small == large


@pytest.mark.parametrize(
    "query",
    [
        "tag=common",
        "customer_voice=true",
        "voted=true&status=new",
        "q=idea&status=new",
        "sort=random&tag=common",
        "sort=top&customer_voice=true&tag=common",
        "sort=trending&voted=true",
    ],
)
def test_filtered_board_ideas_cost_the_same_for_2_and_20_ideas(
    api_client, board, employee, sales_rep, query, count_queries
):
    api_client.force_authenticate(employee)
    url = f"/api/v1/boards/{board.pk}/ideas/?{query}&page_size=50"
    _busy_ideas(board, 2, viewer=employee, sales_rep=sales_rep)
    small, body_small = count_queries(api_client, url)
    _busy_ideas(board, 18, viewer=employee, sales_rep=sales_rep)
    large, body_large = count_queries(api_client, url)
    assert body_small["count"] < body_large["count"]
    assert len({i["id"] for i in body_large["results"]}) == body_large["count"]  # no duplicates from joins
    assert small == large


def test_all_ideas_queries(api_client, board, manager, employee, sales_rep, django_assert_num_queries):
    _busy_ideas(board, 3, viewer=employee, sales_rep=sales_rep)
    _busy_ideas(make_board(owner=manager), 3, viewer=employee, sales_rep=sales_rep)
    api_client.force_authenticate(employee)
    # 1 count for the page, 1 ideas of the page (+board, author, customer, my_vote as a subquery,
    # the visibility check inlined), 1 tags of the page
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/ideas/")
    assert len(response.json()["results"]) == 6


@pytest.mark.parametrize("query", ["", "tag=common&q=idea&status=new"])
def test_all_ideas_cost_the_same_for_2_and_20_ideas(api_client, manager, employee, sales_rep, query, count_queries):
    api_client.force_authenticate(employee)
    url = f"/api/v1/ideas/?page_size=50&{query}"
    _busy_ideas(make_board(owner=manager), 2, viewer=employee, sales_rep=sales_rep)
    small, body_small = count_queries(api_client, url)
    for _ in range(3):
        _busy_ideas(make_board(owner=manager), 6, viewer=employee, sales_rep=sales_rep)
    large, body_large = count_queries(api_client, url)
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large


# --- all ideas --------------------------------------------------------------------------------------


def test_all_ideas_across_the_boards_you_can_see(api_client, board, manager, employee, other_employee):
    elsewhere = make_board(owner=manager, title="Tooling")
    hidden_board = make_board(owner=manager, audience="departments", department_ids=[other_employee.department_id])
    a = make_idea(board=board, author=employee, title="Solar panels", tags=["Energy"])
    b = make_idea(board=elsewhere, author=employee, title="Faster builds")
    dup = make_idea(board=elsewhere, author=employee, title="Quicker builds")
    services.idea_merge(duplicate_id=dup.pk, original_id=b.pk, actor=manager)
    make_idea(board=hidden_board, author=other_employee, title="Secret")
    services.idea_status_change(idea_id=b.pk, actor=manager, status="in_progress")
    api_client.force_authenticate(employee)
    assert _ids(api_client.get("/api/v1/ideas/")) == [b.pk, a.pk]
    body = api_client.get("/api/v1/ideas/").json()["results"]
    assert [i["board"]["title"] for i in body] == ["Tooling", "Greener offices"]
    assert _ids(api_client.get(f"/api/v1/ideas/?board={board.pk}")) == [a.pk]
    assert _ids(api_client.get(f"/api/v1/ideas/?board={hidden_board.pk}")) == []
    assert _ids(api_client.get("/api/v1/ideas/?status=in_progress")) == [b.pk]
    assert _ids(api_client.get("/api/v1/ideas/?tag=energy")) == [a.pk]
    assert _ids(api_client.get("/api/v1/ideas/?q=builds")) == [b.pk]
    for query, field in (("board=x", "board"), ("status=shipped", "status"), ("tag=a%20b", "tag")):
        response = api_client.get(f"/api/v1/ideas/?{query}")
        assert (response.status_code, set(response.json()["fields"])) == (400, {field})


# --- posting --------------------------------------------------------------------------------------


def test_post_an_idea(api_client, board, employee):
    api_client.force_authenticate(employee)
    response = api_client.post(
        f"/api/v1/boards/{board.pk}/ideas/",
        {
            "title": "  Bike   sheds at every office ",
            "body": "Covered, **lockable**.",
            "tags": ["Facilities", "facilities"],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    idea = Idea.objects.get(pk=body["id"])
    assert (body["title"], body["body_html"]) == (
        "Bike sheds at every office",
        "<p>Covered, <strong>lockable</strong>.</p>\n",
    )
    assert (body["author"]["id"], body["tags"], body["status"]) == (
        employee.pk,
        [{"name": "Facilities", "slug": "facilities"}],
        "new",
    )
    assert (body["following"], body["follower_count"], body["my_vote"], body["can_edit"]) == (True, 1, None, True)
    assert (body["thread_id"], body["version"], body["coauthors"]) == (idea.thread_id, 1, [])
    board.refresh_from_db()
    assert board.idea_count == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "body": "x"}, "title"),
        ({"title": "   ", "body": "x"}, "title"),
        ({"title": "Bik", "body": "x"}, "title"),
        ({"title": "x" * 161, "body": "x"}, "title"),
        ({"body": "x"}, "title"),
        ({"title": None, "body": "x"}, "title"),
        ({"title": "Bike sheds", "body": ""}, "body"),
        ({"title": "Bike sheds", "body": " \n "}, "body"),
        ({"title": "Bike sheds"}, "body"),
        ({"title": "Bike sheds", "body": "x" * 20001}, "body"),
        ({"title": "Bike sheds", "body": "x", "tags": "Facilities"}, "tags"),
        ({"title": "Bike sheds", "body": "x", "tags": [f"t{i}" for i in range(9)]}, "tags"),
        ({"title": "Bike sheds", "body": "x", "tags": ["x" * 41]}, "tags"),
        ({"title": "Bike sheds", "body": "x", "customer_id": "acme"}, "customer_id"),
    ],
)
def test_post_with_bad_input_is_400(api_client, board, employee, data, field):
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/boards/{board.pk}/ideas/", data)
    assert response.status_code == 400, response.json()
    assert set(response.json()["fields"]) == {field}
    assert not Idea.objects.exists()


def test_post_on_behalf_of_a_customer(api_client, board, sales_rep, employee):
    acme = make_customer("Acme")
    api_client.force_authenticate(sales_rep)
    url = f"/api/v1/boards/{board.pk}/ideas/"
    response = api_client.post(url, {"title": "Export as CSV", "body": "From the QBR.", "customer_id": acme.pk})
    assert response.status_code == 201
    assert response.json()["customer"] == {"id": acme.pk, "name": "Acme", "slug": "acme"}
    unknown = api_client.post(url, {"title": "Export as CSV", "body": "x", "customer_id": 999999})
    assert (unknown.status_code, set(unknown.json()["fields"])) == (400, {"customer_id"})
    api_client.force_authenticate(employee)
    refused = api_client.post(url, {"title": "Export as PDF", "body": "x", "customer_id": acme.pk})
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    assert Idea.objects.count() == 1


def test_post_on_a_closed_board_is_409(api_client, manager, employee):
    ended = make_board(
        owner=manager,
        kind="campaign",
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    archived = make_board(owner=manager)
    Board.objects.filter(pk=archived.pk).update(is_archived=True)
    api_client.force_authenticate(employee)
    for board in (ended, archived):
        response = api_client.post(f"/api/v1/boards/{board.pk}/ideas/", {"title": "Too late", "body": "x"})
        assert response.status_code == 409
        assert response.json() == {
            "code": "board_closed",
            "message": "This board is not open: it takes no new ideas or votes now.",
        }
    assert not Idea.objects.exists()


# --- one idea -------------------------------------------------------------------------------------


def test_idea_detail(api_client, updown_board, manager, employee, other_employee):
    idea = make_idea(board=updown_board, author=employee, title="Faster builds", body="Cache *everything*.")
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    services.idea_coauthor_accept(idea_id=idea.pk, user=other_employee)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned", response="Q3.")
    services.vote_cast(idea_id=idea.pk, voter=manager, value=-1)
    api_client.force_authenticate(manager)
    body = api_client.get(f"/api/v1/ideas/{idea.pk}/").json()
    assert (body["body"], body["body_html"]) == ("Cache *everything*.", "<p>Cache <em>everything</em>.</p>\n")
    assert (body["status"], body["response"], body["response_html"]) == ("planned", "Q3.", "<p>Q3.</p>\n")
    assert body["responded_by"]["id"] == manager.pk and body["responded_at"]
    assert [c["id"] for c in body["coauthors"]] == [other_employee.pk]
    assert (body["upvotes"], body["downvotes"], body["net_votes"], body["my_vote"]) == (0, 1, -1, -1)
    assert (body["votes_left"], body["following"], body["changed_since_my_vote"]) == (1, False, False)
    assert (body["can_edit"], body["can_manage"], body["merged_into"], body["follower_count"]) == (True, True, None, 2)
    api_client.force_authenticate(other_employee)
    body = api_client.get(f"/api/v1/ideas/{idea.pk}/").json()
    assert (body["my_vote"], body["votes_left"], body["following"], body["can_edit"], body["can_manage"]) == (
        None,
        2,
        True,
        True,
        False,
    )


def test_unknown_idea_is_404_everywhere(api_client, employee, moderator):
    for user in (employee, moderator):
        api_client.force_authenticate(user)
        for method, url, data in [
            ("get", "/api/v1/ideas/999999/", None),
            ("patch", "/api/v1/ideas/999999/", {"title": "Hello there"}),
            ("put", "/api/v1/ideas/999999/vote/", {"value": 1}),
            ("delete", "/api/v1/ideas/999999/vote/", None),
            ("post", "/api/v1/ideas/999999/vote/acknowledge/", None),
            ("post", "/api/v1/ideas/999999/status/", {"status": "planned"}),
            ("post", "/api/v1/ideas/999999/merge/", {"original_id": 999998}),
            ("put", "/api/v1/ideas/999999/follow/", None),
            ("delete", "/api/v1/ideas/999999/follow/", None),
            ("get", "/api/v1/ideas/999999/coauthors/", None),
            ("post", "/api/v1/ideas/999999/coauthors/", {"user_id": employee.pk}),
            ("post", "/api/v1/ideas/999999/coauthors/accept/", None),
            ("delete", f"/api/v1/ideas/999999/coauthors/{employee.pk}/", None),
            ("get", "/api/v1/ideas/999999/customer-votes/", None),
        ]:
            response = getattr(api_client, method)(url, data)
            assert response.status_code == 404, (user, url)
            assert response.json()["code"] == "not_found"


def test_authors_edit_and_voters_are_told(api_client, board, employee, other_employee):
    idea = make_idea(board=board, author=employee, title="Bike sheds", body="Covered ones.")
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    api_client.force_authenticate(employee)
    url = f"/api/v1/ideas/{idea.pk}/"
    typo = api_client.patch(url, {"body": "Covered one."})
    assert (typo.status_code, typo.json()["version"]) == (200, 1)  # not material
    response = api_client.patch(
        url, {"title": "Underground bike parking", "body": "With lockers and showers.", "tags": ["Commuting"]}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["version"], body["tags"]) == (
        "Underground bike parking",
        2,
        [{"name": "Commuting", "slug": "commuting"}],
    )
    assert body["edited_at"]
    assert api_client.patch(url, {}).json()["title"] == "Underground bike parking"
    api_client.force_authenticate(other_employee)
    assert api_client.get(url).json()["changed_since_my_vote"] is True
    ack = api_client.post(f"{url}vote/acknowledge/")
    assert (ack.status_code, ack.content) == (204, b"")
    assert api_client.get(url).json()["changed_since_my_vote"] is False


@pytest.mark.parametrize(
    ("data", "field"),
    [({"title": ""}, "title"), ({"title": "abc"}, "title"), ({"body": ""}, "body"), ({"tags": "x"}, "tags")],
)
def test_edit_with_bad_input_is_400(api_client, board, employee, data, field):
    idea = make_idea(board=board, author=employee, title="Bike sheds")
    api_client.force_authenticate(employee)
    response = api_client.patch(f"/api/v1/ideas/{idea.pk}/", data)
    assert (response.status_code, set(response.json()["fields"])) == (400, {field})
    idea.refresh_from_db()
    assert idea.title == "Bike sheds"


def test_others_cannot_edit(api_client, board, employee, other_employee):
    idea = make_idea(board=board, author=employee, title="Bike sheds")
    api_client.force_authenticate(other_employee)
    response = api_client.patch(f"/api/v1/ideas/{idea.pk}/", {"title": "Mine now"})
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


# --- status and merges ----------------------------------------------------------------------------


def test_manager_moves_an_idea_through_statuses(api_client, board, manager, employee):
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(manager)
    url = f"/api/v1/ideas/{idea.pk}/status/"
    response = api_client.post(url, {"status": "under_review"})
    assert (response.status_code, response.json()["status"], response.json()["response"]) == (200, "under_review", "")
    done = api_client.post(url, {"status": "done", "response": "Shipped in **March**."}).json()
    assert (done["status"], done["response_html"]) == ("done", "<p>Shipped in <strong>March</strong>.</p>\n")
    for data, field in (({"status": "shipped"}, "status"), ({}, "status"), ({"status": "done"}, "status")):
        bad = api_client.post(url, data)
        assert (bad.status_code, set(bad.json()["fields"])) == (400, {field})
    assert list(idea.status_changes.values_list("new_status", flat=True)) == ["done", "under_review"]


@pytest.mark.parametrize("who", ["employee", "other_employee", "guest"])
def test_others_cannot_change_status_or_merge(api_client, board, employee, who, request):
    idea = make_idea(board=board, author=employee)
    other = make_idea(board=board, author=employee)
    api_client.force_authenticate(request.getfixturevalue(who))
    status = api_client.post(f"/api/v1/ideas/{idea.pk}/status/", {"status": "planned"})
    merge = api_client.post(f"/api/v1/ideas/{idea.pk}/merge/", {"original_id": other.pk})
    assert (status.status_code, merge.status_code) == (403, 403)
    assert status.json()["code"] == merge.json()["code"] == "forbidden"
    idea.refresh_from_db()
    assert (idea.status, idea.merged_into_id) == ("new", None)


def test_manager_merges_a_duplicate(api_client, board, manager, employee, other_employee):
    original = make_idea(board=board, author=employee, title="Bike sheds", tags=["Facilities"])
    dup = make_idea(board=board, author=other_employee, title="Bicycle parking", tags=["Commuting"])
    services.vote_cast(idea_id=original.pk, voter=employee)
    services.vote_cast(idea_id=dup.pk, voter=employee)
    services.vote_cast(idea_id=dup.pk, voter=other_employee)
    api_client.force_authenticate(manager)
    response = api_client.post(f"/api/v1/ideas/{dup.pk}/merge/", {"original_id": original.pk})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["id"], body["upvotes"], body["follower_count"]) == (original.pk, 2, 2)
    assert [t["slug"] for t in body["tags"]] == ["commuting", "facilities"]
    assert Vote.objects.filter(idea=original).count() == 2 and not Vote.objects.filter(idea=dup).exists()
    merged = api_client.get(f"/api/v1/ideas/{dup.pk}/").json()
    assert (merged["merged_into"], merged["merged_into_id"]) == (
        {"id": original.pk, "title": "Bike sheds"},
        original.pk,
    )
    assert _ids(api_client.get(f"/api/v1/boards/{board.pk}/ideas/")) == [original.pk]


def test_bad_merges_are_400(api_client, board, manager, employee):
    a = make_idea(board=board, author=employee)
    b = make_idea(board=board, author=employee)
    elsewhere = make_idea(board=make_board(owner=manager), author=employee)
    api_client.force_authenticate(manager)
    for data, field in (
        ({"original_id": a.pk}, "original_id"),  # itself
        ({"original_id": elsewhere.pk}, "original_id"),  # another board
        ({}, "original_id"),
        ({"original_id": "b"}, "original_id"),
    ):
        response = api_client.post(f"/api/v1/ideas/{a.pk}/merge/", data)
        assert (response.status_code, set(response.json()["fields"])) == (400, {field}), data
    assert api_client.post(f"/api/v1/ideas/{a.pk}/merge/", {"original_id": 999999}).status_code == 404
    assert api_client.post(f"/api/v1/ideas/{a.pk}/merge/", {"original_id": b.pk}).status_code == 200
    again = api_client.post(f"/api/v1/ideas/{a.pk}/merge/", {"original_id": b.pk})
    assert (again.status_code, again.json()["code"]) == (400, "invalid_merge")
    assert Idea.objects.filter(merged_into__isnull=False).count() == 1


# --- following, co-authors ------------------------------------------------------------------------


def test_follow_and_unfollow(api_client, board, employee, other_employee):
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(other_employee)
    url = f"/api/v1/ideas/{idea.pk}/follow/"
    assert api_client.put(url).json() == {"following": True, "follower_count": 2}
    assert api_client.put(url).json() == {"following": True, "follower_count": 2}
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").json()["following"] is True
    assert api_client.delete(url).json() == {"following": False, "follower_count": 1}
    assert api_client.delete(url).json() == {"following": False, "follower_count": 1}
    assert IdeaFollow.objects.filter(idea=idea).count() == 1


def test_coauthors_invite_accept_and_leave(api_client, board, employee, other_employee):
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(employee)
    url = f"/api/v1/ideas/{idea.pk}/coauthors/"
    invited = api_client.post(url, {"user_id": other_employee.pk})
    assert invited.status_code == 201
    assert invited.json() | {"invited_at": None} == {
        "user": {"id": other_employee.pk, "username": "oscar", "display_name": "Oscar Other"},
        "invited_by": {"id": employee.pk, "username": "erin", "display_name": "Erin Employee"},
        "invited_at": None,
        "accepted_at": None,
        "is_accepted": False,
    }
    assert api_client.get(url).json()["count"] == 1
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").json()["coauthors"] == []  # not yet accepted
    assert api_client.post(f"{url}accept/").status_code == 404  # the author was not invited

    api_client.force_authenticate(other_employee)
    assert api_client.patch(f"/api/v1/ideas/{idea.pk}/", {"title": "Too early"}).status_code == 403
    accepted = api_client.post(f"{url}accept/")
    assert (accepted.status_code, accepted.json()["is_accepted"]) == (200, True)
    assert api_client.patch(f"/api/v1/ideas/{idea.pk}/", {"title": "Now we co-write"}).status_code == 200
    assert [c["id"] for c in api_client.get(f"/api/v1/ideas/{idea.pk}/").json()["coauthors"]] == [other_employee.pk]
    left = api_client.delete(f"{url}{other_employee.pk}/")
    assert (left.status_code, left.content) == (204, b"")
    assert not IdeaCoauthor.objects.exists()


def test_coauthor_invites_with_bad_input(api_client, manager, employee, other_employee):
    board = make_board(owner=manager, audience="departments", department_ids=[employee.department_id])
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(employee)
    url = f"/api/v1/ideas/{idea.pk}/coauthors/"
    for data in ({"user_id": other_employee.pk}, {"user_id": employee.pk}, {"user_id": 999999}, {}, {"user_id": "x"}):
        response = api_client.post(url, data)
        assert (response.status_code, set(response.json()["fields"])) == (400, {"user_id"}), data
    api_client.force_authenticate(manager)  # sees the board (owner) but is not an author
    assert api_client.post(url, {"user_id": employee.pk}).status_code == 403
    assert not IdeaCoauthor.objects.exists()


# --- customers' voice -----------------------------------------------------------------------------


def test_customer_votes_recorded_listed_and_removed(api_client, board, employee, sales_rep):
    idea = make_idea(board=board, author=employee)
    acme = make_customer("Acme")
    api_client.force_authenticate(sales_rep)
    url = f"/api/v1/ideas/{idea.pk}/customer-votes/"
    response = api_client.post(url, {"customer_id": acme.pk, "note": "Blocking their renewal."})
    assert response.status_code == 201
    assert response.json() | {"created_at": None} == {
        "customer": {"id": acme.pk, "name": "Acme", "slug": "acme"},
        "note": "Blocking their renewal.",
        "recorded_by": {"id": sales_rep.pk, "username": "sally", "display_name": "Sally Sales"},
        "created_at": None,
    }
    assert api_client.post(url, {"customer_id": acme.pk}).status_code == 201  # once per customer
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").json()["customer_votes"] == 1
    api_client.force_authenticate(employee)  # everyone in the company sees them
    assert [v["customer"]["name"] for v in api_client.get(url).json()["results"]] == ["Acme"]
    api_client.force_authenticate(sales_rep)
    assert api_client.delete(f"{url}{acme.pk}/").status_code == 204
    assert not CustomerVote.objects.exists()
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").json()["customer_votes"] == 0


def test_customer_votes_refused_without_customer_voice_or_bad_input(api_client, board, employee, sales_rep, guest):
    idea = make_idea(board=board, author=employee)
    acme = make_customer("Acme")
    url = f"/api/v1/ideas/{idea.pk}/customer-votes/"
    api_client.force_authenticate(employee)
    assert api_client.post(url, {"customer_id": acme.pk}).status_code == 403
    assert api_client.delete(f"{url}{acme.pk}/").status_code == 403
    api_client.force_authenticate(guest)
    assert api_client.get(url).status_code == 403
    assert api_client.post(url, {"customer_id": acme.pk}).status_code == 403
    api_client.force_authenticate(sales_rep)
    for data in ({"customer_id": 999999}, {}, {"customer_id": acme.pk, "note": "x" * 301}):
        response = api_client.post(url, data)
        assert response.status_code == 400
        assert set(response.json()["fields"]) <= {"customer_id", "note"}
    assert not CustomerVote.objects.exists()


def test_customer_accounts_only_for_customer_voice(api_client, sales_rep, manager, employee, guest):
    make_customer("Globex")
    make_customer("Acme")
    for user in (sales_rep, manager):
        api_client.force_authenticate(user)
        assert [c["name"] for c in api_client.get("/api/v1/customers/").json()["results"]] == ["Acme", "Globex"]
    api_client.force_authenticate(employee)
    response = api_client.get("/api/v1/customers/")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    api_client.force_authenticate(guest)
    assert api_client.get("/api/v1/customers/").status_code == 404  # not even there for guests


def test_customer_accounts_list_queries(api_client, sales_rep, django_assert_num_queries, count_queries):
    def fresh():  # permissions are cached on the user object: count them every time
        api_client.force_authenticate(User.objects.get(pk=sales_rep.pk))

    make_customer()
    make_customer()
    fresh()
    small, _body = count_queries(api_client, "/api/v1/customers/")
    for _ in range(18):
        make_customer()
    fresh()
    large, body = count_queries(api_client, "/api/v1/customers/")
    assert (body["count"], small) == (20, large)
    fresh()
    # 1 the person's own permissions, 1 their groups' permissions (the customer voice check),
    # 1 count for the page, 1 customers of the page
    with django_assert_num_queries(4):
        api_client.get("/api/v1/customers/")


# --- moderation -----------------------------------------------------------------------------------


def test_moderators_hide_and_restore(api_client, board, moderator, employee):
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(moderator)
    hidden = api_client.post(f"/api/v1/ideas/{idea.pk}/hide/")
    assert (hidden.status_code, hidden.json()["is_hidden"]) == (200, True)
    api_client.force_authenticate(employee)
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").status_code == 404
    assert api_client.post(f"/api/v1/ideas/{idea.pk}/restore/").status_code == 403
    api_client.force_authenticate(moderator)
    restored = api_client.post(f"/api/v1/ideas/{idea.pk}/restore/")
    assert (restored.status_code, restored.json()["is_hidden"]) == (200, False)
    api_client.force_authenticate(employee)
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").status_code == 200
    assert api_client.post(f"/api/v1/ideas/{idea.pk}/hide/").status_code == 403
