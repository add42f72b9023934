"""Ideas on the search page: found by title or description, only from boards the person may see,
at a fixed number of queries."""

import pytest

from ideas import services
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_idea

pytestmark = pytest.mark.django_db


def test_search_finds_ideas_by_title_and_description(client, board, employee):
    make_idea(board=board, author=employee, title="Standing desks for everyone", body="Backs hurt.")
    make_idea(board=board, author=employee, title="Quiet rooms", body="Somewhere to take calls standing up.")
    make_idea(board=board, author=employee, title="Free fruit", body="Apples.")
    client.force_login(employee)
    response = client.get("/search/", {"q": "standing"})
    assert response.status_code == 200
    section = response.context["sections"][0]
    assert section.key == "ideas"
    assert {item["title"] for item in section.items} == {"Standing desks for everyone", "Quiet rooms"}
    assert b'data-testid="search-ideas"' in response.content


def test_search_leaves_out_boards_the_person_cannot_see(client, sales_board, seller, employee):
    make_idea(board=sales_board, author=seller, title="Discount approvals in one click")
    client.force_login(employee)
    assert client.get("/search/", {"q": "discount"}).context["sections"] == []
    client.force_login(seller)
    assert [i["title"] for i in client.get("/search/", {"q": "discount"}).context["sections"][0].items] == [
        "Discount approvals in one click"
    ]


def test_search_leaves_out_merged_and_hidden_ideas(client, board, employee, manager, moderator):
    original = make_idea(board=board, author=employee, title="Bike racks at the entrance")
    duplicate = make_idea(board=board, author=employee, title="Bike racks near the door")
    hidden = make_idea(board=board, author=employee, title="Bike racks everywhere")
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    services.idea_hide(idea_id=hidden.pk, actor=moderator)
    client.force_login(employee)
    items = client.get("/search/", {"q": "bike racks"}).context["sections"][0].items
    assert [item["title"] for item in items] == ["Bike racks at the entrance"]


def test_a_guest_has_no_search_page(client, guest):
    client.force_login(guest)
    assert client.get("/search/", {"q": "anything"}).status_code == 404


def test_idea_hits_cost_the_same_whatever_their_number(client, board, employee, django_assert_max_num_queries):
    client.force_login(employee)

    def queries_for_search() -> int:
        client.get("/search/", {"q": "lamp"})  # warm the session
        with django_assert_max_num_queries(20) as captured:
            response = client.get("/search/", {"q": "lamp"})
        assert len(response.context["sections"][0].items) == min(made, 8)
        return len(captured.captured_queries)

    made = 2
    for n in range(made):
        make_idea(board=board, author=UserFactory(), title=f"Lamp idea {n}")
    few = queries_for_search()
    for n in range(made, 20):
        make_idea(board=board, author=UserFactory(), title=f"Lamp idea {n}")
    made = 20
    # The ideas section is one query (ideas with their boards, LIMIT 8) whatever the number of hits.
    assert queries_for_search() == few
