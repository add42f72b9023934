"""Board pages: the list, a board's ideas (sorts, filters, pages, votes), opening and editing boards."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ideas import services
from ideas.models import Board, Vote
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea

pytestmark = pytest.mark.django_db

SORTS = ["hot", "top", "new", "trending", "random"]


def _rows(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="idea-row" id="idea-(\d+)"', html)]


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- The list of boards --------------------------------------------------------------------------


def test_board_list_shows_boards_campaigns_and_whether_open(client, manager, employee, board, sales_board):
    now = timezone.now()
    make_board(
        owner=manager,
        title="Green office",
        kind="campaign",
        question="How do we halve our waste?",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
    )
    make_board(
        owner=manager,
        title="Next year",
        kind="campaign",
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=9),
    )
    client.force_login(employee)
    page = client.get("/boards/").content.decode()
    assert "Office life" in page and "Green office" in page
    assert "How do we halve our waste?" in page and "Campaign" in page
    assert "Open now" in page and "Not open yet" in page
    assert "Sales only" not in page  # another department's board
    assert "New board" not in page  # employees do not open boards
    client.force_login(manager)
    assert "New board" in client.get("/boards/").content.decode()


def test_board_list_query_count_is_constant(client, manager, employee):
    client.force_login(employee)
    for n in range(2):
        make_board(owner=manager, title=f"Board {n}")
    # session, user, boards (+owner, visibility subqueries inline)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/boards/").status_code == 200
    small = len(ctx.captured_queries)
    assert small == 3, [q["sql"] for q in ctx.captured_queries]
    for n in range(18):
        make_board(owner=manager, title=f"More {n}")
    assert _count_queries(client, "/boards/") == small


def test_archived_boards_are_listed_on_request(client, manager, employee):
    old = make_board(owner=manager, title="Old ideas")
    services.board_update(board_id=old.pk, actor=manager, is_archived=True)
    client.force_login(employee)
    assert "Old ideas" not in client.get("/boards/").content.decode()
    assert "Old ideas" in client.get("/boards/?archived=1").content.decode()


# --- A board's page ------------------------------------------------------------------------------


def test_board_page_shows_ideas_with_votes_status_tags_and_authors(
    client, manager, employee, other_employee, support_agent
):
    board = make_board(owner=manager, title="Updown", voting="updown", vote_budget=3)
    mine = make_idea(board=board, author=employee, title="Bike sheds for everyone", tags=["green", "office"])
    acme = make_customer("Acme Corp")
    theirs = make_idea(board=board, author=support_agent, title="An export to CSV", customer_id=acme.pk)
    services.vote_cast(idea_id=mine.pk, voter=other_employee)
    services.vote_cast(idea_id=theirs.pk, voter=employee, value=-1)
    services.customer_vote_add(idea_id=mine.pk, recorder=support_agent, customer_id=acme.pk)
    services.idea_status_change(idea_id=mine.pk, actor=manager, status="planned")
    client.force_login(employee)
    html = client.get(f"/boards/{board.slug}/").content.decode()
    assert "Bike sheds for everyone" in html and "An export to CSV" in html
    assert f'data-status-for="{mine.pk}">Planned<' in html
    assert "by Erin Employee" in html and "on behalf of Acme Corp" in html
    assert '<a href="?tag=green">green</a>' in html
    assert "You have 2 votes left on this board." in html  # a budget of 3, one used
    # My down-vote is highlighted; the up/down board shows net counts and both buttons.
    widget = re.search(rf'<div class="vote[^"]*" id="vote-{theirs.pk}".*?</div>', html, re.S).group(0)
    assert "voted-down" in widget and 'aria-label="Take your vote back">▼' in widget
    assert 'data-count="net">-1<' in widget
    other = re.search(rf'<div class="vote[^"]*" id="vote-{mine.pk}".*?</div>', html, re.S).group(0)
    assert 'data-count="customer">1<' in other and 'aria-pressed="false"' in other
    assert f'data-board-topic="board.{board.pk}"' in html


@pytest.mark.parametrize("sort", SORTS)
def test_board_page_query_count_is_constant_for_each_sort(client, manager, employee, sort, django_assert_num_queries):
    board = make_board(owner=manager, title="Counted", vote_budget=50)
    voters = [UserFactory() for _ in range(3)]

    def add(n):
        for i in range(n):
            idea = make_idea(board=board, author=employee, tags=["a", f"t{i}"])
            for voter in voters:
                services.vote_cast(idea_id=idea.pk, voter=voter)

    add(2)
    client.force_login(employee)
    url = f"/boards/{board.slug}/?sort={sort}"
    # session, user, board (+owner, space), topic position, the person's permissions (own, groups':
    # may they see customer filters), the board's tags (filter), votes left (budgeted board), page
    # count, ideas (+author, customer, thread, own vote), their tags
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    add(18)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert len(_rows(response.content.decode())) == 20


def test_board_page_costs_the_same_with_filters_and_customer_voice(client, manager, support_agent):
    board = make_board(owner=manager, title="Filtered")
    make_idea(board=board, author=support_agent, tags=["x"])
    client.force_login(support_agent)
    url = f"/boards/{board.slug}/?sort=top&tag=x&status=new&q=idea&voted=1&mine=1&customer_voice=1"
    small = _count_queries(client, url)
    for _ in range(15):
        make_idea(board=board, author=support_agent, tags=["x", "y"])
    assert _count_queries(client, url) == small


def test_board_page_sorts(client, manager, employee, other_employee):
    board = make_board(owner=manager, title="Sorted")
    old = make_idea(board=board, author=employee, title="Old but loved")
    new = make_idea(board=board, author=employee, title="Fresh thing")
    for voter in (employee, other_employee, manager):
        services.vote_cast(idea_id=old.pk, voter=voter)
    client.force_login(employee)
    assert _rows(client.get(f"/boards/{board.slug}/?sort=top").content.decode()) == [old.pk, new.pk]
    assert _rows(client.get(f"/boards/{board.slug}/?sort=new").content.decode()) == [new.pk, old.pk]
    random_order = _rows(client.get(f"/boards/{board.slug}/?sort=random").content.decode())
    assert sorted(random_order) == sorted([old.pk, new.pk])
    assert _rows(client.get(f"/boards/{board.slug}/?sort=random").content.decode()) == random_order  # stable
    page = client.get(f"/boards/{board.slug}/?sort=bogus")
    assert page.status_code == 200  # an unknown sort is the default one


def test_board_page_filters(client, manager, employee, other_employee, support_agent):
    board = make_board(owner=manager, title="Filters")
    acme = make_customer("Acme")
    mine = make_idea(board=board, author=employee, title="Quiet rooms", tags=["space"])
    voted = make_idea(board=board, author=other_employee, title="Standing desks")
    planned = make_idea(board=board, author=other_employee, title="Better coffee", tags=["food"])
    customer = make_idea(board=board, author=support_agent, title="Dark mode", customer_id=acme.pk)
    services.vote_cast(idea_id=voted.pk, voter=employee)
    services.idea_status_change(idea_id=planned.pk, actor=manager, status="planned")
    client.force_login(employee)
    base = f"/boards/{board.slug}/?sort=new"
    assert _rows(client.get(base + "&mine=1").content.decode()) == [mine.pk]
    assert _rows(client.get(base + "&voted=1").content.decode()) == [voted.pk]
    assert _rows(client.get(base + "&status=planned").content.decode()) == [planned.pk]
    assert _rows(client.get(base + "&tag=food").content.decode()) == [planned.pk]
    assert _rows(client.get(base + "&q=coffee").content.decode()) == [planned.pk]
    empty = client.get(base + "&q=nothing-like-this").content.decode()
    assert "No idea matches these filters." in empty and "Clear filters" in empty
    # Customer filters are for people who capture customer voice.
    assert 'name="customer_voice"' not in client.get(base).content.decode()
    client.force_login(support_agent)
    assert 'name="customer_voice"' in client.get(base).content.decode()
    assert _rows(client.get(base + "&customer_voice=1").content.decode()) == [customer.pk]
    assert _rows(client.get(base + f"&customer={acme.pk}").content.decode()) == [customer.pk]
    assert client.get(base + "&customer=abc").status_code == 200  # bad filters are ignored, not a 500


def test_board_page_paginates_and_keeps_the_filters(client, manager, employee):
    board = make_board(owner=manager, title="Many")
    for _ in range(23):
        make_idea(board=board, author=employee, tags=["t"])
    client.force_login(employee)
    first = client.get(f"/boards/{board.slug}/?sort=new&tag=t").content.decode()
    assert len(_rows(first)) == 20
    assert "?sort=new&amp;tag=t&amp;page=2" in first
    second = client.get(f"/boards/{board.slug}/?sort=new&tag=t&page=2").content.decode()
    assert len(_rows(second)) == 3
    assert client.get(f"/boards/{board.slug}/?page=99").status_code == 200  # the last page


def test_board_pages_are_404_for_people_who_may_not_see_the_board(
    client, employee, seller, sales_board, guest, other_board, moderator
):
    client.force_login(employee)  # another department
    for url in ("/boards/sales-only/", "/boards/sales-only/new/", "/boards/sales-only/similar/?title=abcd"):
        assert client.get(url).status_code == 404, url
    assert "Sales only" not in client.get("/boards/").content.decode()
    client.force_login(seller)
    assert client.get("/boards/sales-only/").status_code == 200
    client.force_login(guest)  # let into "office-life" only
    assert client.get("/boards/office-life/").status_code == 200
    for url in ("/boards/another-board/", "/boards/sales-only/", "/boards/another-board/new/"):
        assert client.get(url).status_code == 404, url
    client.force_login(moderator)
    assert client.get("/boards/sales-only/").status_code == 200


# --- Voting from a board page --------------------------------------------------------------------


def test_vote_with_htmx_returns_the_widget_and_the_votes_left(client, manager, employee):
    board = make_board(owner=manager, title="Budget", vote_budget=2)
    idea = make_idea(board=board, author=manager)
    client.force_login(employee)
    response = client.post(f"/ideas/{idea.pk}/vote/", {"value": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="vote-{idea.pk}"' in html and 'aria-pressed="true"' in html and 'data-count="up">1<' in html
    assert 'id="votes-left"' in html and 'hx-swap-oob="true"' in html and "1 vote left" in html
    # The same button now takes the vote back.
    assert 'name="value" value="0"' in html
    response = client.post(f"/ideas/{idea.pk}/vote/", {"value": "0"}, HTTP_HX_REQUEST="true")
    assert 'data-count="up">0<' in response.content.decode()
    assert not Vote.objects.filter(idea=idea).exists()


def test_vote_without_javascript_goes_back_to_the_page(client, manager, employee, board):
    idea = make_idea(board=board, author=manager)
    client.force_login(employee)
    response = client.post(f"/ideas/{idea.pk}/vote/", {"value": "1", "next": f"/boards/{board.slug}/?sort=top"})
    assert response.status_code == 302 and response["Location"] == f"/boards/{board.slug}/?sort=top"
    assert Vote.objects.filter(idea=idea, voter=employee).count() == 1
    # Voting twice keeps one vote; a foreign `next` is not followed.
    response = client.post(f"/ideas/{idea.pk}/vote/", {"value": "1", "next": "https://evil.example/"})
    assert response["Location"] == f"/ideas/{idea.pk}/"
    assert Vote.objects.filter(idea=idea, voter=employee).count() == 1


def test_over_budget_is_a_clear_message_not_a_500(client, manager, employee):
    board = make_board(owner=manager, title="One vote", vote_budget=1)
    first, second = make_idea(board=board, author=manager), make_idea(board=board, author=manager)
    client.force_login(employee)
    client.post(f"/ideas/{first.pk}/vote/", {"value": "1"})
    response = client.post(f"/ideas/{second.pk}/vote/", {"value": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "You have used all your votes on this board" in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    response = client.post(f"/ideas/{second.pk}/vote/", {"value": "1"}, follow=True)
    assert "You have used all your votes on this board" in response.content.decode()
    assert not Vote.objects.filter(idea=second).exists()


def test_voting_on_a_closed_campaign_or_down_on_an_up_board_is_refused(client, manager, employee, board):
    now = timezone.now()
    campaign = make_board(
        owner=manager,
        title="Past",
        kind="campaign",
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=1),
    )
    idea = make_idea(board=campaign, author=manager)
    Board.objects.filter(pk=campaign.pk).update(closes_at=now - timedelta(hours=1))
    client.force_login(employee)
    response = client.post(f"/ideas/{idea.pk}/vote/", {"value": "1"}, HTTP_HX_REQUEST="true")
    assert "This board is not open" in response.content.decode()
    page = client.get(f"/boards/{campaign.slug}/").content.decode()
    assert "This board takes no new ideas or votes now." in page and 'class="vote-form"' not in page
    up_only = make_idea(board=board, author=manager)
    response = client.post(f"/ideas/{up_only.pk}/vote/", {"value": "-1"}, HTTP_HX_REQUEST="true")
    assert "This board takes up-votes only." in response.content.decode()
    response = client.post(f"/ideas/{up_only.pk}/vote/", {"value": "7"}, HTTP_HX_REQUEST="true")
    assert "Choose a vote." in response.content.decode()
    assert not Vote.objects.exists()


def test_voting_on_an_idea_of_a_board_you_cannot_see_is_404(client, seller, employee, sales_board):
    idea = make_idea(board=sales_board, author=seller)
    client.force_login(employee)
    assert client.post(f"/ideas/{idea.pk}/vote/", {"value": "1"}).status_code == 404
    assert not Vote.objects.exists()


# --- Opening and editing boards ------------------------------------------------------------------


def test_manager_opens_a_campaign(client, manager, sales):
    client.force_login(manager)
    assert client.get("/boards/new/").status_code == 200
    response = client.post(
        "/boards/new/",
        {
            "title": "Cut waste",
            "kind": "campaign",
            "question": "How do we halve our waste?",
            "opens_at": "2030-01-01T09:00",
            "closes_at": "2030-02-01T18:00",
            "audience": "departments",
            "departments": [sales.pk],
            "voting": "updown",
            "vote_budget": "5",
        },
    )
    board = Board.objects.get(title="Cut waste")
    assert response["Location"] == f"/boards/{board.slug}/"
    assert (board.kind, board.voting, board.vote_budget, board.audience) == ("campaign", "updown", 5, "departments")
    assert list(board.departments.all()) == [sales]
    assert board.opens_at.year == 2030 and board.closes_at > board.opens_at


def test_board_form_errors(client, manager, board):
    client.force_login(manager)
    base = {"title": "X", "kind": "campaign", "audience": "company", "voting": "up"}
    response = client.post("/boards/new/", base)
    assert response.status_code == 400 and "A campaign needs a closing date." in response.content.decode()
    response = client.post("/boards/new/", {**base, "opens_at": "2030-02-01T00:00", "closes_at": "2030-01-01T00:00"})
    assert "A campaign must close after it opens." in response.content.decode()
    response = client.post("/boards/new/", {**base, "kind": "open", "audience": "departments"})
    assert "Choose at least one department." in response.content.decode()
    response = client.post("/boards/new/", {**base, "kind": "open", "vote_budget": "0"})
    assert response.status_code == 400 and "vote_budget" in response.content.decode()
    response = client.post("/boards/new/", {**base, "kind": "open", "title": "Office life"})
    assert response.status_code == 400 and "A board with this address already exists." in response.content.decode()
    response = client.post("/boards/new/", {**base, "kind": "open", "opens_at": "not a date"})
    assert response.status_code == 400
    assert Board.objects.count() == 1


def test_only_managers_and_moderators_open_or_edit_boards(client, employee, manager, board, moderator):
    client.force_login(employee)
    assert client.get("/boards/new/").status_code == 403
    assert (
        client.post(
            "/boards/new/", {"title": "Mine", "kind": "open", "audience": "company", "voting": "up"}
        ).status_code
        == 403
    )
    assert client.get(f"/boards/{board.slug}/edit/").status_code == 403
    assert client.get(f"/boards/{board.slug}/guests/").status_code == 403
    assert "Edit the board" not in client.get(f"/boards/{board.slug}/").content.decode()
    client.force_login(moderator)
    assert client.get(f"/boards/{board.slug}/edit/").status_code == 200


def test_edit_board_changes_only_what_changed(client, manager, employee, board):
    idea = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=idea.pk, voter=employee)
    client.force_login(manager)
    page = client.get(f"/boards/{board.slug}/edit/").content.decode()
    assert 'value="Office life"' in page and "Open-ended board" in page
    response = client.post(
        f"/boards/{board.slug}/edit/",
        {"title": "Office life 2", "audience": "company", "voting": "updown", "vote_budget": "", "question": "Q?"},
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert (board.title, board.voting, board.question, board.slug) == ("Office life 2", "updown", "Q?", "office-life")
    # Back to up-votes only is refused while down-votes exist: a form error, not a 500.
    services.vote_cast(idea_id=idea.pk, voter=employee, value=-1)
    response = client.post(
        f"/boards/{board.slug}/edit/", {"title": "Office life 2", "audience": "company", "voting": "up"}
    )
    assert response.status_code == 400 and "cannot become up-votes only" in response.content.decode()
    response = client.post(
        f"/boards/{board.slug}/edit/",
        {"title": "Office life 2", "audience": "company", "voting": "updown", "is_archived": "on"},
    )
    board.refresh_from_db()
    assert board.is_archived
