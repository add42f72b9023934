from datetime import timedelta

import pytest
from django.utils import timezone

from ideas import services
from ideas.models import Board, Idea, Vote
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_idea

pytestmark = pytest.mark.django_db


def _assert_counts_match_rows(idea: Idea) -> None:
    idea.refresh_from_db()
    assert idea.upvotes == Vote.objects.filter(idea=idea, value=1).count()
    assert idea.downvotes == Vote.objects.filter(idea=idea, value=-1).count()


def test_cast_switch_and_retract(api_client, updown_board, employee, other_employee):
    idea = make_idea(board=updown_board, author=other_employee)
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    api_client.force_authenticate(employee)
    url = f"/api/v1/ideas/{idea.pk}/vote/"

    response = api_client.put(url, {"value": 1})
    assert response.status_code == 200
    assert response.json() == {
        "idea_id": idea.pk,
        "upvotes": 2,
        "downvotes": 0,
        "net_votes": 2,
        "customer_votes": 0,
        "my_vote": 1,
        "votes_left": 1,
        "changed": True,
    }
    _assert_counts_match_rows(idea)

    switched = api_client.put(url, {"value": -1}).json()
    assert (switched["upvotes"], switched["downvotes"], switched["net_votes"]) == (1, 1, 0)
    assert (switched["my_vote"], switched["votes_left"], switched["changed"]) == (-1, 1, True)
    _assert_counts_match_rows(idea)

    retracted = api_client.delete(url).json()
    assert (retracted["upvotes"], retracted["downvotes"], retracted["my_vote"]) == (1, 0, None)
    assert (retracted["votes_left"], retracted["changed"]) == (2, True)
    _assert_counts_match_rows(idea)
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").json()["my_vote"] is None


def test_voting_twice_keeps_one_vote(api_client, board, employee):
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(employee)
    url = f"/api/v1/ideas/{idea.pk}/vote/"
    assert api_client.put(url, {"value": 1}).json()["changed"] is True
    again = api_client.put(url, {"value": 1}).json()
    assert (again["changed"], again["upvotes"], again["my_vote"]) == (False, 1, 1)
    assert Vote.objects.filter(idea=idea).count() == 1
    assert api_client.delete(url).json()["changed"] is True
    nothing = api_client.delete(url).json()
    assert (nothing["changed"], nothing["upvotes"], nothing["my_vote"]) == (False, 0, None)
    _assert_counts_match_rows(idea)


def test_many_people_voting_through_the_api_count_like_the_rows(api_client, updown_board, manager):
    idea = make_idea(board=updown_board, author=manager)
    url = f"/api/v1/ideas/{idea.pk}/vote/"
    people = UserFactory.create_batch(8)
    for n, person in enumerate(people):
        api_client.force_authenticate(person)
        api_client.put(url, {"value": 1 if n % 3 else -1})
        if n % 4 == 0:
            api_client.put(url, {"value": -1 if n % 3 else 1})  # switch
        if n % 5 == 0:
            api_client.delete(url)
    body = api_client.get(f"/api/v1/ideas/{idea.pk}/").json()
    assert (body["upvotes"], body["downvotes"]) == (
        Vote.objects.filter(idea=idea, value=1).count(),
        Vote.objects.filter(idea=idea, value=-1).count(),
    )
    assert body["upvotes"] + body["downvotes"] == Vote.objects.filter(idea=idea).count() == 6
    _assert_counts_match_rows(idea)


@pytest.mark.parametrize("data", [{"value": 2}, {"value": 0}, {"value": "up"}, {}, {"value": None}])
def test_bad_vote_values_are_400(api_client, updown_board, employee, data):
    idea = make_idea(board=updown_board, author=employee)
    api_client.force_authenticate(employee)
    response = api_client.put(f"/api/v1/ideas/{idea.pk}/vote/", data)
    assert (response.status_code, set(response.json()["fields"])) == (400, {"value"})
    assert not Vote.objects.exists()


def test_down_votes_on_an_up_only_board_are_400(api_client, board, employee):
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(employee)
    response = api_client.put(f"/api/v1/ideas/{idea.pk}/vote/", {"value": -1})
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_idea",
        "message": "This board takes up-votes only.",
        "fields": {"value": ["This board takes up-votes only."]},
    }
    assert not Vote.objects.exists()


def test_voting_on_a_closed_idea_is_409(api_client, board, manager, employee):
    idea = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=idea.pk, voter=employee)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="declined")
    api_client.force_authenticate(employee)
    for response in (
        api_client.put(f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1}),
        api_client.delete(f"/api/v1/ideas/{idea.pk}/vote/"),
    ):
        assert response.status_code == 409
        assert response.json() == {"code": "voting_closed", "message": "Voting is closed on this idea."}
    assert Vote.objects.filter(idea=idea).count() == 1


def test_voting_outside_the_campaign_dates_is_409(api_client, manager, employee):
    board = make_board(owner=manager, kind="campaign", closes_at=timezone.now() + timedelta(days=1))
    idea = make_idea(board=board, author=employee)
    Board.objects.filter(pk=board.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    api_client.force_authenticate(employee)
    response = api_client.put(f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1})
    assert (response.status_code, response.json()["code"]) == (409, "board_closed")
    Board.objects.filter(pk=board.pk).update(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=2)
    )
    response = api_client.put(f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1})
    assert (response.status_code, response.json()["code"]) == (409, "board_closed")
    assert not Vote.objects.exists()


def test_voting_on_a_merged_idea_is_409_and_names_the_original(api_client, board, manager, employee):
    original = make_idea(board=board, author=employee)
    dup = make_idea(board=board, author=employee)
    services.idea_merge(duplicate_id=dup.pk, original_id=original.pk, actor=manager)
    api_client.force_authenticate(employee)
    response = api_client.put(f"/api/v1/ideas/{dup.pk}/vote/", {"value": 1})
    assert response.status_code == 409
    assert response.json() == {
        "code": "idea_merged",
        "message": "This idea was merged into another one: vote and discuss there.",
        "merged_into": original.pk,
    }
    assert not Vote.objects.exists()


def test_a_vote_budget_is_never_exceeded_and_comes_back(api_client, updown_board, manager, employee):
    a, b, c = (make_idea(board=updown_board, author=manager) for _ in range(3))
    api_client.force_authenticate(employee)
    assert api_client.put(f"/api/v1/ideas/{a.pk}/vote/", {"value": 1}).json()["votes_left"] == 1
    assert api_client.put(f"/api/v1/ideas/{b.pk}/vote/", {"value": -1}).json()["votes_left"] == 0
    response = api_client.put(f"/api/v1/ideas/{c.pk}/vote/", {"value": 1})
    assert response.status_code == 409
    assert response.json() == {
        "code": "vote_budget_exhausted",
        "message": "You have used all your votes on this board. Take one back to vote here.",
        "vote_budget": 2,
    }
    assert api_client.put(f"/api/v1/ideas/{b.pk}/vote/", {"value": 1}).json()["votes_left"] == 0  # a switch is free
    assert api_client.get(f"/api/v1/boards/{updown_board.pk}/").json()["votes_left"] == 0
    # Taking a vote back gives it back; so does an idea closed as done.
    assert api_client.delete(f"/api/v1/ideas/{a.pk}/vote/").json()["votes_left"] == 1
    assert api_client.put(f"/api/v1/ideas/{c.pk}/vote/", {"value": 1}).json()["votes_left"] == 0
    services.idea_status_change(idea_id=b.pk, actor=manager, status="done")
    assert api_client.get(f"/api/v1/ideas/{c.pk}/").json()["votes_left"] == 1
    assert Vote.objects.filter(voter=employee, holds_budget=True).count() == 1


def test_voting_on_an_idea_you_cannot_see_is_404(api_client, manager, employee, other_employee):
    board = make_board(owner=manager, audience="departments", department_ids=[employee.department_id])
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(other_employee)
    assert api_client.put(f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1}).status_code == 404
    assert api_client.delete(f"/api/v1/ideas/{idea.pk}/vote/").status_code == 404
    assert api_client.post(f"/api/v1/ideas/{idea.pk}/vote/acknowledge/").status_code == 404
    assert not Vote.objects.exists()


def test_votes_show_in_the_board_list(api_client, board, employee, other_employee):
    idea = make_idea(board=board, author=employee)
    api_client.force_authenticate(other_employee)
    api_client.put(f"/api/v1/ideas/{idea.pk}/vote/", {"value": 1})
    listed = api_client.get(f"/api/v1/boards/{board.pk}/ideas/").json()["results"][0]
    assert (listed["upvotes"], listed["my_vote"]) == (1, 1)
    api_client.force_authenticate(employee)
    assert api_client.get(f"/api/v1/boards/{board.pk}/ideas/?voted=true").json()["count"] == 0
