"""Every event of idea boards: how many, on which topics, with which payload; and that a rolled
back service publishes nothing. Read from the durable event log (what is logged is what is sent)."""

import pytest
from django.db import transaction

from collab.realtime.models import Event
from ideas import services, tasks
from ideas.models import IdeaStatusChange
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea

pytestmark = pytest.mark.django_db

COUNT_KEYS = {"idea_id", "upvotes", "downvotes", "net_votes", "customer_votes"}


def events(topic: str) -> list[tuple[str, dict]]:
    return list(Event.objects.filter(topic_id=topic).order_by("seq").values_list("type", "data"))


def ideas_events() -> list[tuple[str, str, dict]]:
    """Events of this app (threads' own events on space/thread topics left out)."""
    rows = Event.objects.exclude(topic__name__startswith="space.").exclude(topic__name__startswith="thread.")
    return list(rows.order_by("id").values_list("topic_id", "type", "data"))


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Events", voting="updown")


@pytest.fixture
def idea(board, employee):
    made = make_idea(board=board, author=employee, title="Plants in every room")
    Event.objects.all().delete()
    return made


def test_idea_posted_once_on_the_board(board, employee):
    idea = make_idea(board=board, author=employee, title="Plants in every room")
    author = {"id": employee.pk, "display_name": "Erin Employee"}
    assert ideas_events() == [
        (f"board.{board.pk}", "idea.posted", {"idea_id": idea.pk, "title": "Plants in every room", "author": author})
    ]
    # The discussion thread announces itself on the space as threads do.
    assert [kind for kind, _data in events(f"space.{board.space_id}")] == ["thread.started"]


def test_vote_changed_on_board_and_idea_with_counts_only(board, idea, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    payload = {"idea_id": idea.pk, "upvotes": 1, "downvotes": 0, "net_votes": 1, "customer_votes": 0}
    assert ideas_events() == [
        (f"board.{board.pk}", "vote.changed", payload),
        (f"idea.{idea.pk}", "vote.changed", payload),
    ]
    services.vote_cast(idea_id=idea.pk, voter=other_employee, value=-1)
    services.vote_retract(idea_id=idea.pk, voter=other_employee)
    counts = [data for _topic, kind, data in ideas_events() if kind == "vote.changed"]
    assert [(d["upvotes"], d["downvotes"], d["net_votes"]) for d in counts[::2]] == [(1, 0, 1), (0, 1, -1), (0, 0, 0)]
    for data in counts:
        assert set(data) == COUNT_KEYS  # never who voted
    assert not any(other_employee.username in str(data) for _t, _k, data in ideas_events())


def test_no_change_publishes_nothing(idea, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    Event.objects.all().delete()
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    services.vote_retract(idea_id=idea.pk, voter=UserFactory())
    services.idea_update(idea_id=idea.pk, editor=idea.author, title=idea.title)
    assert ideas_events() == []


def test_refused_vote_publishes_nothing(manager, employee, other_employee):
    board = make_board(owner=manager, vote_budget=1)
    a, b = make_idea(board=board, author=employee), make_idea(board=board, author=employee)
    services.vote_cast(idea_id=a.pk, voter=other_employee)
    Event.objects.all().delete()
    with pytest.raises(services.VoteBudgetExhausted):
        services.vote_cast(idea_id=b.pk, voter=other_employee)
    with pytest.raises(services.InvalidIdea):
        services.vote_cast(idea_id=b.pk, voter=other_employee, value=-1)
    assert ideas_events() == []


def test_customer_votes_publish_counts_without_the_customer(board, idea, manager):
    acme = make_customer("Acme Secret Account")
    services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=acme.pk)
    services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=acme.pk)  # already there
    services.customer_vote_remove(idea_id=idea.pk, recorder=manager, customer_id=acme.pk)
    rows = ideas_events()
    assert [(topic, kind) for topic, kind, _d in rows] == [
        (f"board.{board.pk}", "vote.changed"),
        (f"idea.{idea.pk}", "vote.changed"),
    ] * 2
    assert [d["customer_votes"] for _t, _k, d in rows] == [1, 1, 0, 0]
    assert all(set(d) == COUNT_KEYS for _t, _k, d in rows)
    assert "Acme" not in str(rows)


def test_idea_updated_on_edit_and_coauthorship(board, idea, employee, other_employee):
    services.idea_update(idea_id=idea.pk, editor=employee, body="Plants, and someone to water them every week.")
    payload = {"idea_id": idea.pk, "title": "Plants in every room", "version": 2}
    assert ideas_events() == [
        (f"board.{board.pk}", "idea.updated", payload),
        (f"idea.{idea.pk}", "idea.updated", payload),
    ]
    Event.objects.all().delete()
    services.idea_update(idea_id=idea.pk, editor=employee, tags=["green"])
    assert [kind for _t, kind, _d in ideas_events()] == ["idea.updated", "idea.updated"]
    Event.objects.all().delete()
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    services.idea_coauthor_accept(idea_id=idea.pk, user=other_employee)
    services.idea_coauthor_accept(idea_id=idea.pk, user=other_employee)  # already accepted: nothing
    services.idea_coauthor_remove(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    services.idea_coauthor_remove(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)  # gone: nothing
    assert [(topic.split(".")[0], kind) for topic, kind, _d in ideas_events()] == [
        ("user", "idea.notice"),
        ("board", "idea.updated"),
        ("idea", "idea.updated"),
        ("board", "idea.updated"),
        ("idea", "idea.updated"),
    ]


def test_coauthor_invitation_notice_goes_to_the_invitee_only(idea, employee, other_employee):
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)  # again: once
    assert ideas_events() == [
        (
            f"user.{other_employee.pk}",
            "idea.notice",
            {
                "kind": "coauthor_invited",
                "idea_id": idea.pk,
                "title": "Plants in every room",
                "url": f"/ideas/{idea.pk}/",
                "status_label": "New",
            },
        )
    ]


def test_status_changed_on_board_and_idea(board, idea, manager):
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="in_progress", response="On it.")
    payload = {"idea_id": idea.pk, "status": "in_progress", "status_label": "In progress"}
    assert ideas_events() == [
        (f"board.{board.pk}", "idea.status_changed", payload),
        (f"idea.{idea.pk}", "idea.status_changed", payload),
    ]


def test_status_notices_are_personal_and_once(idea, manager, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned")
    Event.objects.all().delete()
    change = IdeaStatusChange.objects.get()
    tasks.idea_status_notify(idea_id=idea.pk, change_id=change.pk)
    tasks.idea_status_notify(idea_id=idea.pk, change_id=change.pk)
    rows = ideas_events()
    assert sorted(topic for topic, _k, _d in rows) == sorted([f"user.{idea.author_id}", f"user.{other_employee.pk}"])
    assert {d["kind"] for _t, _k, d in rows} == {"status_changed"}


def test_merged_on_the_duplicates_topics_and_counts_on_the_original(board, idea, manager, other_employee):
    duplicate = make_idea(board=board, author=other_employee, title="Plants in all rooms")
    services.vote_cast(idea_id=duplicate.pk, voter=other_employee)
    Event.objects.all().delete()
    services.idea_merge(duplicate_id=duplicate.pk, original_id=idea.pk, actor=manager)
    merged = {"idea_id": duplicate.pk, "into_id": idea.pk, "into_url": f"/ideas/{idea.pk}/"}
    counts = {"idea_id": idea.pk, "upvotes": 1, "downvotes": 0, "net_votes": 1, "customer_votes": 0}
    assert ideas_events() == [
        (f"board.{board.pk}", "idea.merged", merged),
        (f"idea.{duplicate.pk}", "idea.merged", merged),
        (f"board.{board.pk}", "vote.changed", counts),
        (f"idea.{idea.pk}", "vote.changed", counts),
    ]
    # The original's discussion gets the note linking the duplicate's.
    assert [kind for kind, _d in events(f"thread.{idea.thread_id}")] == ["reply.posted"]


def test_merge_notice_reaches_the_duplicates_people(board, idea, manager, other_employee):
    duplicate = make_idea(board=board, author=other_employee, title="Plants in all rooms")
    services.idea_merge(duplicate_id=duplicate.pk, original_id=idea.pk, actor=manager)
    Event.objects.all().delete()
    people = [other_employee.pk]
    assert tasks.idea_merged_notify(duplicate_id=duplicate.pk, original_id=idea.pk, user_ids=people) == 1
    assert [topic for topic, _k, _d in ideas_events()] == [f"user.{other_employee.pk}"]
    assert {d["kind"] for _t, _k, d in ideas_events()} == {"merged"}


def test_changed_after_vote_notice(idea, employee, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    services.idea_update(idea_id=idea.pk, editor=employee, body="Rather: a roof garden with benches and shade.")
    Event.objects.all().delete()
    idea.refresh_from_db()
    assert tasks.idea_voters_notify(idea_id=idea.pk, version=idea.version) == 1
    [(topic, kind, data)] = ideas_events()
    assert (topic, kind, data["kind"], data["idea_id"]) == (
        f"user.{other_employee.pk}",
        "idea.notice",
        "changed_after_vote",
        idea.pk,
    )


def test_hidden_and_restored(board, idea, moderator):
    services.idea_hide(idea_id=idea.pk, actor=moderator)
    services.idea_restore(idea_id=idea.pk, actor=moderator)
    rows = [(topic, kind, data) for topic, kind, data in ideas_events()]
    assert rows == [
        (f"board.{board.pk}", "idea.hidden", {"idea_id": idea.pk}),
        (f"idea.{idea.pk}", "idea.hidden", {"idea_id": idea.pk}),
        (f"board.{board.pk}", "idea.restored", {"idea_id": idea.pk}),
        (f"idea.{idea.pk}", "idea.restored", {"idea_id": idea.pk}),
    ]


def test_a_hidden_idea_is_not_news_on_its_board(board, idea, moderator):
    """Board followers may not see a hidden idea: its edits and votes go to its own topic only
    (which, once hidden, only moderators may follow)."""
    services.idea_hide(idea_id=idea.pk, actor=moderator)
    Event.objects.all().delete()
    services.idea_update(idea_id=idea.pk, editor=moderator, title="Moderated title of a hidden idea")
    services.vote_cast(idea_id=idea.pk, voter=moderator)
    services.idea_status_change(idea_id=idea.pk, actor=moderator, status="declined")
    assert events(f"board.{board.pk}") == []
    assert [kind for kind, _d in events(f"idea.{idea.pk}")] == ["idea.updated", "vote.changed", "idea.status_changed"]


ROLLED_BACK = {
    "idea_post": lambda c: make_idea(board=c["board"], author=c["employee"]),
    "vote_cast": lambda c: services.vote_cast(idea_id=c["idea"].pk, voter=c["other"]),
    "vote_retract": lambda c: services.vote_retract(idea_id=c["voted"].pk, voter=c["other"]),
    "idea_update": lambda c: services.idea_update(idea_id=c["idea"].pk, editor=c["employee"], body="All new."),
    "idea_status_change": lambda c: services.idea_status_change(
        idea_id=c["idea"].pk, actor=c["manager"], status="done"
    ),
    "idea_merge": lambda c: services.idea_merge(
        duplicate_id=c["voted"].pk, original_id=c["idea"].pk, actor=c["manager"]
    ),
    "idea_hide": lambda c: services.idea_hide(idea_id=c["idea"].pk, actor=c["moderator"]),
    "idea_coauthor_invite": lambda c: services.idea_coauthor_invite(
        idea_id=c["idea"].pk, actor=c["employee"], user_id=c["other"].pk
    ),
    "customer_vote_add": lambda c: services.customer_vote_add(
        idea_id=c["idea"].pk, recorder=c["manager"], customer_id=make_customer().pk
    ),
    "idea_counts_rebuild": lambda c: services.idea_counts_rebuild(idea_id=c["idea"].pk),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(ROLLED_BACK))
def test_rolled_back_service_publishes_nothing(
    name, board, idea, employee, other_employee, manager, moderator, django_capture_on_commit_callbacks
):
    voted = make_idea(board=board, author=employee, title="Another idea")
    services.vote_cast(idea_id=voted.pk, voter=other_employee)
    context = {
        "board": board, "idea": idea, "voted": voted, "employee": employee, "other": other_employee,
        "manager": manager, "moderator": moderator,
    }  # fmt: skip
    Event.objects.all().delete()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        ROLLED_BACK[name](context)
        raise RuntimeError
    assert callbacks == []
    assert not Event.objects.exists()
