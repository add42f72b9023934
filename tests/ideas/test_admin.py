"""The idea boards admin: every page loads for admins and moderators, boards are opened and changed
through the services, each idea action goes through its service (events and history rows appear),
and the idea changelist costs the same whatever the number of rows."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collab.realtime.models import Event
from ideas import services
from ideas.models import (
    Board,
    BoardGuest,
    CustomerAccount,
    CustomerVote,
    Idea,
    IdeaRevision,
    IdeaStatusChange,
    Tag,
    Vote,
)
from ideas.selectors import idea_list_for_board
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea
from threads.models import Space, Thread

pytestmark = pytest.mark.django_db

MODELS = [Board, Idea, CustomerAccount, Tag, Vote, CustomerVote]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _events(idea, event_type):
    return Event.objects.filter(topic_id=f"idea.{idea.pk}", type=event_type).count()


def _act(client, action, ideas, **extra):
    data = {"action": action, "_selected_action": [idea.pk for idea in ideas], **extra}
    return client.post(_url(Idea, "changelist"), data, follow=True)


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Make our workplace better")


@pytest.fixture
def idea(board, employee, other_employee):
    idea = make_idea(board=board, author=employee, title="Standing desks for everyone", tags=["office"])
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    return idea


@pytest.fixture
def objects(board, idea, manager, employee):
    customer = make_customer("Globex")
    services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=customer.pk, note="QBR")
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="under_review", response="Looking into it.")
    services.idea_update(idea_id=idea.pk, editor=employee, body="Let us do this, on every floor, this year.")
    services.board_guest_invite(board_id=board.pk, actor=manager, email="lena@northwind.example")
    return {
        Board: board,
        Idea: idea,
        CustomerAccount: customer,
        Tag: Tag.objects.get(slug="office"),
        Vote: Vote.objects.get(idea=idea),
        CustomerVote: CustomerVote.objects.get(idea=idea),
    }


@pytest.mark.parametrize("who", ["admin_user", "moderator"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_loads(client, request, who, objects, model):
    client.force_login(request.getfixturevalue(who))
    assert model in admin.site._registry
    obj = objects[model]
    urls = [_url(model, "changelist"), _url(model, "changelist") + "?q=a", _url(model, "change", obj.pk)]
    for url in urls:
        assert client.get(url).status_code == 200, url
    if model in (Board, CustomerAccount):
        assert client.get(_url(model, "add")).status_code == (200 if who == "admin_user" else 403)


def test_idea_page_shows_history_revisions_and_counters(client, moderator, objects, idea):
    client.force_login(moderator)
    content = client.get(_url(Idea, "change", idea.pk)).content.decode()
    assert "Looking into it." in content  # the status history inline
    assert "Let us do this." in content  # version 1, from the revisions inline
    assert "lena@northwind.example" not in content
    board_page = client.get(_url(Board, "change", idea.board_id)).content.decode()
    assert "guest-lena" in board_page  # the guests inline


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Board, "?kind__exact=open&audience__exact=company&is_archived__exact=0"),
        (Idea, "?status__exact=under_review&is_hidden__exact=0&has_customer=no"),
        (Idea, "?q=erin"),
        (CustomerAccount, "?q=glob"),
        (Vote, "?value__exact=1&q=standing"),
        (CustomerVote, "?q=QBR"),
    ],
)
def test_changelist_filters_and_search(client, admin_user, objects, model, query):
    client.force_login(admin_user)
    response = client.get(_url(model, "changelist") + query)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_ideas_votes_and_tags_cannot_be_added_changed_or_deleted_by_hand(client, admin_user, objects, idea):
    client.force_login(admin_user)
    assert client.get(_url(Idea, "add")).status_code == 403
    assert client.get(_url(Idea, "delete", idea.pk)).status_code == 403
    assert client.get(_url(Board, "delete", idea.board_id)).status_code == 403
    for model in (Vote, CustomerVote, Tag):
        assert client.get(_url(model, "add")).status_code == 403
        assert client.get(_url(model, "delete", objects[model].pk)).status_code == 403
        response = client.post(_url(model, "change", objects[model].pk), {})
        assert response.status_code == 403
    actions = [name for name, _ in client.get(_url(Idea, "changelist")).context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert {"change_status", "hide", "restore", "recount", "merge_into_oldest"} <= set(actions)


# --- boards through the services -----------------------------------------------------------------


def _board_form(**overrides):
    data = {
        "title": "Sustainability challenge", "slug": "sustainability", "kind": "campaign", "question": "How?",
        "description": "Cut our **footprint**.", "opens_at_0": "2030-01-01", "opens_at_1": "09:00:00",
        "closes_at_0": "2030-02-01", "closes_at_1": "09:00:00", "audience": "company", "voting": "up",
        "vote_budget": "", "guest_memberships-TOTAL_FORMS": 0, "guest_memberships-INITIAL_FORMS": 0,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_adding_a_board_goes_through_board_create(client, admin_user):
    client.force_login(admin_user)
    response = client.post(_url(Board, "add"), _board_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    board = Board.objects.get(slug="sustainability")
    assert (board.owner, board.kind, board.description_html) == (
        admin_user,
        "campaign",
        "<p>Cut our <strong>footprint</strong>.</p>\n",
    )
    assert board.space.slug == "ideas-sustainability" and board.space.name == "Ideas: Sustainability challenge"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"closes_at_0": "", "closes_at_1": ""}, "closes_at"),
        ({"closes_at_0": "2029-01-01"}, "closes_at"),
        ({"audience": "departments"}, "departments"),
        ({"vote_budget": "0"}, "vote_budget"),
    ],
)
def test_board_form_shows_the_services_rules_as_errors(client, admin_user, overrides, field):
    client.force_login(admin_user)
    response = client.post(_url(Board, "add"), _board_form(**overrides))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Board.objects.exists() and not Space.objects.exists()


def test_changing_a_board_goes_through_board_update(client, moderator, board, idea):
    department = DepartmentFactory(name="Engineering")
    client.force_login(moderator)
    data = _board_form(
        title="Developer experience", audience="departments", departments=[department.pk], kind="open",
        voting="updown", vote_budget="5", opens_at_0="", opens_at_1="", closes_at_0="", closes_at_1="",
    )  # fmt: skip
    response = client.post(_url(Board, "change", board.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    board.refresh_from_db()
    assert (board.title, board.audience, board.voting, board.vote_budget, board.slug) == (
        "Developer experience",
        "departments",
        "updown",
        5,
        "make-our-workplace-better",  # the address is not changed
    )
    assert board.space.visibility == Space.Visibility.DEPARTMENT
    assert list(board.space.departments.all()) == [department]
    idea.refresh_from_db()
    assert idea.score_top == pytest.approx(0.2065, abs=1e-3)  # scores follow the new voting rule (Wilson)


def test_a_board_with_down_votes_cannot_become_up_only(client, admin_user, manager, employee):
    board = make_board(owner=manager, voting="updown")
    idea = make_idea(board=board, author=manager)
    services.vote_cast(idea_id=idea.pk, voter=employee, value=-1)
    client.force_login(admin_user)
    data = _board_form(title=board.title, kind="open", voting="up", opens_at_0="", opens_at_1="", closes_at_0="",
                       closes_at_1="")  # fmt: skip
    response = client.post(_url(Board, "change", board.pk), data)
    assert response.status_code == 200
    assert "voting" in response.context["adminform"].form.errors


# --- idea actions through the services -----------------------------------------------------------


@pytest.mark.parametrize("who", ["admin_user", "moderator"])
def test_change_status_action_asks_for_a_response_then_goes_through_the_service(client, request, who, idea):
    actor = request.getfixturevalue(who)
    client.force_login(actor)
    page = _act(client, "change_status", [idea])
    assert page.status_code == 200 and b"Official response" in page.content
    assert not IdeaStatusChange.objects.exists()
    response = _act(client, "change_status", [idea], apply="1", status="planned", response="Planned for **Q3**.")
    assert response.status_code == 200
    idea.refresh_from_db()
    assert (idea.status, idea.response_html, idea.responded_by) == (
        "planned",
        "<p>Planned for <strong>Q3</strong>.</p>\n",
        actor,
    )
    change = IdeaStatusChange.objects.get(idea=idea)
    assert (change.old_status, change.new_status, change.changed_by) == ("new", "planned", actor)
    assert _events(idea, "idea.status_changed") == 1


def test_change_status_reports_what_the_service_refuses(client, moderator, idea):
    client.force_login(moderator)
    response = _act(client, "change_status", [idea], apply="1", status="new", response="")
    assert "already has this status" in response.content.decode()
    assert not IdeaStatusChange.objects.exists()


def test_closing_an_idea_in_the_admin_gives_budgeted_votes_back(client, moderator, manager, employee):
    board = make_board(owner=manager, vote_budget=1)
    idea = make_idea(board=board, author=manager)
    services.vote_cast(idea_id=idea.pk, voter=employee)
    client.force_login(moderator)
    _act(client, "change_status", [idea], apply="1", status="done", response="Shipped.")
    assert not Vote.objects.filter(idea=idea, holds_budget=True).exists()


@pytest.mark.parametrize("who", ["admin_user", "moderator"])
def test_hide_and_restore_go_through_the_services(client, request, who, board, idea, other_employee):
    client.force_login(request.getfixturevalue(who))

    def listed():
        return list(idea_list_for_board(board=board, user=other_employee).values_list("pk", flat=True))

    assert listed() == [idea.pk]
    _act(client, "hide", [idea])
    idea.refresh_from_db()
    assert idea.is_hidden and Thread.objects.get(pk=idea.thread_id).is_hidden
    assert listed() == []  # hidden ideas vanish for employees
    assert _events(idea, "idea.hidden") == 1
    _act(client, "hide", [idea])  # hiding a hidden idea does nothing
    assert _events(idea, "idea.hidden") == 1
    _act(client, "restore", [idea])
    idea.refresh_from_db()
    assert not idea.is_hidden and listed() == [idea.pk]
    assert _events(idea, "idea.restored") == 1


def test_recount_rebuilds_counters_from_count_star(client, moderator, idea):
    Idea.objects.filter(pk=idea.pk).update(upvotes=99, follower_count=0, score_top=99.0)
    client.force_login(moderator)
    _act(client, "recount", [idea])
    idea.refresh_from_db()
    assert (idea.upvotes, idea.follower_count, idea.score_top) == (1, 1, 1.0)
    assert _events(idea, "vote.changed") == 2  # the fixture's vote, then the recount


def test_merge_action_merges_into_the_oldest_selected(client, moderator, board, idea, employee, other_employee):
    second = make_idea(board=board, author=other_employee, title="Standing desks for all staff")
    third = make_idea(board=board, author=employee, title="Standing desks, please")
    services.vote_cast(idea_id=second.pk, voter=other_employee)  # also voted for the original: counted once
    services.vote_cast(idea_id=third.pk, voter=employee)
    client.force_login(moderator)
    response = _act(client, "merge_into_oldest", [third, idea, second])
    assert "Merged 2 ideas into" in response.content.decode()
    idea.refresh_from_db()
    assert set(Idea.objects.filter(merged_into=idea).values_list("pk", flat=True)) == {second.pk, third.pk}
    assert (idea.upvotes, Vote.objects.filter(idea=idea).count()) == (2, 2)
    assert _events(second, "idea.merged") == 1 and _events(third, "idea.merged") == 1
    board.refresh_from_db()
    assert board.idea_count == 1


def test_merge_action_refuses_ideas_of_different_boards(client, moderator, manager, idea, employee):
    elsewhere = make_idea(board=make_board(owner=manager), author=employee)
    client.force_login(moderator)
    response = _act(client, "merge_into_oldest", [idea, elsewhere])
    assert "same board" in response.content.decode()
    assert not Idea.objects.filter(merged_into__isnull=False).exists()


def test_editing_an_idea_keeps_its_history_and_changes_status_through_the_service(client, moderator, idea):
    client.force_login(moderator)
    data = {
        "title": "Standing desks on every floor", "body": idea.body, "status": "under_review",
        "response": "We asked Facilities.", "status_changes-TOTAL_FORMS": 0, "status_changes-INITIAL_FORMS": 0,
        "revisions-TOTAL_FORMS": 0, "revisions-INITIAL_FORMS": 0, "coauthorships-TOTAL_FORMS": 0,
        "coauthorships-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client.post(_url(Idea, "change", idea.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    idea.refresh_from_db()
    assert (idea.title, idea.status, idea.response) == (
        "Standing desks on every floor",
        "under_review",
        "We asked Facilities.",
    )
    assert IdeaRevision.objects.get(idea=idea).title == "Standing desks for everyone"
    assert IdeaStatusChange.objects.filter(idea=idea, new_status="under_review").count() == 1
    assert _events(idea, "idea.updated") == 1 and _events(idea, "idea.status_changed") == 1


@pytest.mark.parametrize("role", ["employee", "manager"])
def test_non_staff_cannot_open_the_ideas_admin(client, role, idea):
    client.force_login(UserFactory(role=role))
    for model in (Board, Idea, Vote):
        response = client.get(_url(model, "changelist"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.post(_url(Idea, "changelist"), {"action": "hide", "_selected_action": [idea.pk]})
    idea.refresh_from_db()
    assert not idea.is_hidden


def test_idea_changelist_queries_do_not_grow_with_rows(
    client, admin_user, manager, employee, other_employee, django_assert_num_queries
):
    """Board, author, customer and original come from joins, never one query per row."""
    client.force_login(admin_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(Idea, "changelist")).status_code == 200
        return len(captured)

    board = make_board(owner=manager)
    for n in range(2):
        make_idea(board=board, author=employee, title=f"First ideas {n}")
    # The session, the user, the boards of the board filter, the count and the unfiltered count,
    # and the page of ideas with their board, author, customer and original joined.
    with django_assert_num_queries(6):
        client.get(_url(Idea, "changelist"))
    few = queries()
    customer = make_customer()
    for n in range(6):
        other = make_board(owner=manager)
        original = make_idea(board=other, author=manager, title=f"Original {n}", customer_id=customer.pk)
        duplicate = make_idea(board=other, author=employee, title=f"Duplicate {n}")
        services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
        make_idea(board=other, author=UserFactory(), title=f"Third {n}")
    assert Idea.objects.count() == 20
    assert queries() == few


@pytest.mark.parametrize("model", [Board, CustomerAccount, Vote, CustomerVote], ids=lambda m: m.__name__)
def test_other_changelists_do_not_grow_with_rows(client, admin_user, manager, employee, model):
    client.force_login(admin_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(model, "changelist")).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        board = make_board(owner=manager)
        customer = make_customer()
        idea = make_idea(board=board, author=manager, customer_id=customer.pk)
        services.vote_cast(idea_id=idea.pk, voter=UserFactory())
        services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=customer.pk)

    add(0)
    few = queries()
    for n in range(6):
        add(n + 1)
    assert queries() == few


def test_board_guests_are_shown_read_only(client, admin_user, board, manager):
    services.board_guest_invite(board_id=board.pk, actor=manager, email="lena@northwind.example")
    client.force_login(admin_user)
    response = client.get(_url(Board, "change", board.pk))
    inline = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is BoardGuest)
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission
