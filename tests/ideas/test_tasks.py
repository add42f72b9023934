"""Background work of idea boards, run directly (as a worker would). Each task returns quietly when
its rows are gone and tells only people who may still see the idea."""

import pytest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from collab.realtime.models import Event
from ideas import services, tasks
from ideas.models import Idea, IdeaStatusChange
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_idea

pytestmark = pytest.mark.django_db


def notified(kind: str) -> list[int]:
    topics = Event.objects.filter(type="idea.notice", data__kind=kind).values_list("topic_id", flat=True)
    return sorted(int(topic.split(".")[1]) for topic in topics)


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Tasks")


@pytest.fixture
def idea(board, employee):
    return make_idea(board=board, author=employee, title="Shared calendar", body="One calendar for rooms.")


# --- idea_status_notify ---------------------------------------------------------------------------


def test_status_notify_returns_quietly_when_rows_are_gone(idea, manager):
    assert tasks.idea_status_notify(idea_id=idea.pk, change_id=987654) == 0
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned")
    change = IdeaStatusChange.objects.get()
    assert tasks.idea_status_notify(idea_id=987654, change_id=change.pk) == 0
    change.refresh_from_db()
    assert change.notified_at is None  # not announced: a later run with the right idea still can
    assert notified("status_changed") == []


def test_status_notify_runs_once_per_change(idea, manager, employee):
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned")
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="in_progress")
    for change in IdeaStatusChange.objects.order_by("id"):
        for _run in range(3):
            tasks.idea_status_notify(idea_id=idea.pk, change_id=change.pk)
    assert notified("status_changed") == [employee.pk, employee.pk]  # one per change


def test_status_notify_includes_accepted_coauthors_only(idea, manager, employee, other_employee):
    invited = UserFactory()
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    services.idea_coauthor_accept(idea_id=idea.pk, user=other_employee)
    services.idea_unfollow(idea_id=idea.pk, user=other_employee)  # still a co-author
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=invited.pk)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned")
    change = IdeaStatusChange.objects.get()
    tasks.idea_status_notify(idea_id=idea.pk, change_id=change.pk)
    assert notified("status_changed") == sorted([employee.pk, other_employee.pk])


def test_status_notify_skips_inactive_people(idea, manager, employee, other_employee):
    services.idea_follow(idea_id=idea.pk, user=other_employee)
    type(other_employee).objects.filter(pk=other_employee.pk).update(is_active=False)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned")
    tasks.idea_status_notify(idea_id=idea.pk, change_id=IdeaStatusChange.objects.get().pk)
    assert notified("status_changed") == [employee.pk]


def test_status_notify_of_a_hidden_idea_reaches_nobody_but_moderators(idea, moderator, employee):
    services.idea_follow(idea_id=idea.pk, user=moderator)
    services.idea_hide(idea_id=idea.pk, actor=moderator)
    other_moderator = UserFactory(role="moderator")
    services.idea_status_change(idea_id=idea.pk, actor=other_moderator, status="declined")
    tasks.idea_status_notify(idea_id=idea.pk, change_id=IdeaStatusChange.objects.get().pk)
    assert notified("status_changed") == [moderator.pk]


# --- idea_voters_notify ---------------------------------------------------------------------------


def test_voters_notify_tells_voters_of_older_versions_who_still_see_it(manager, employee):
    sales, ops = DepartmentFactory(name="Sales"), DepartmentFactory(name="Ops")
    author, early, late, acknowledged, mover = (UserFactory(department=sales) for _ in range(5))
    board = make_board(owner=manager, audience="departments", department_ids=[sales.pk])
    idea = make_idea(board=board, author=author, title="Shared calendar", body="One calendar for rooms.")
    for person in (early, acknowledged, mover):
        services.vote_cast(idea_id=idea.pk, voter=person)
    services.idea_update(idea_id=idea.pk, editor=author, body="Replace every calendar with a wall of whiteboards.")
    idea.refresh_from_db()
    services.vote_cast(idea_id=idea.pk, voter=late)  # voted on the new version
    services.idea_vote_acknowledge(idea_id=idea.pk, voter=acknowledged)
    type(mover).objects.filter(pk=mover.pk).update(department=ops)  # can no longer see the board
    assert tasks.idea_voters_notify(idea_id=idea.pk, version=idea.version) == 1
    assert notified("changed_after_vote") == [early.pk]


def test_voters_notify_skips_a_stale_version_and_missing_idea(idea, employee, other_employee):
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    services.idea_update(idea_id=idea.pk, editor=employee, body="Replace every calendar with a wall of whiteboards.")
    services.idea_update(idea_id=idea.pk, editor=employee, body="Actually: buy a booking app for meeting rooms.")
    assert Idea.objects.get(pk=idea.pk).version == 3
    assert tasks.idea_voters_notify(idea_id=idea.pk, version=2) == 0  # the next edit announces itself
    assert tasks.idea_voters_notify(idea_id=987654, version=1) == 0
    assert tasks.idea_voters_notify(idea_id=idea.pk, version=3) == 1


def test_typo_edit_enqueues_no_voter_notice(idea, employee, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.idea_voters_notify, "delay_on_commit", lambda **kw: sent.append(kw))
    services.idea_update(idea_id=idea.pk, editor=employee, body="One calendar for all rooms.")
    assert sent == []
    services.idea_update(idea_id=idea.pk, editor=employee, body="Replace every calendar with a wall of whiteboards.")
    assert sent == [{"idea_id": idea.pk, "version": 2}]


# --- idea_merged_notify ---------------------------------------------------------------------------


def test_merged_notify_checks_the_merge_happened(board, idea, manager, other_employee):
    duplicate = make_idea(board=board, author=other_employee, title="Shared calendars")
    people = [other_employee.pk]
    assert tasks.idea_merged_notify(duplicate_id=duplicate.pk, original_id=idea.pk, user_ids=people) == 0
    assert tasks.idea_merged_notify(duplicate_id=duplicate.pk, original_id=987654, user_ids=people) == 0
    services.idea_merge(duplicate_id=duplicate.pk, original_id=idea.pk, actor=manager)
    assert tasks.idea_merged_notify(duplicate_id=duplicate.pk, original_id=idea.pk, user_ids=people) == 1
    assert notified("merged") == [other_employee.pk]


def test_merge_tells_the_duplicates_people_only(board, idea, manager, employee, other_employee, monkeypatch):
    """The original's own followers knew where they were; the duplicate's voters, followers and
    author are told (the actor is not)."""
    sent = []
    monkeypatch.setattr(tasks.idea_merged_notify, "delay_on_commit", lambda **kwargs: sent.append(kwargs))
    duplicate = make_idea(board=board, author=other_employee, title="Shared calendars")
    voter, follower = UserFactory(), UserFactory()
    services.vote_cast(idea_id=duplicate.pk, voter=voter)
    services.idea_follow(idea_id=duplicate.pk, user=follower)
    services.vote_cast(idea_id=duplicate.pk, voter=manager)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=idea.pk, actor=manager)
    assert sent == [
        {
            "duplicate_id": duplicate.pk,
            "original_id": idea.pk,
            "user_ids": sorted([other_employee.pk, voter.pk, follower.pk]),
        }
    ]
    assert employee.pk not in sent[0]["user_ids"]


# --- guest_invitation_send ------------------------------------------------------------------------


def test_guest_invitation_mail_carries_a_working_link(board, manager, mailoutbox, settings):
    settings.SITE_URL = "https://collab.example.com"
    guest = services.board_guest_invite(board_id=board.pk, actor=manager, email="client@customer.example")
    mailoutbox.clear()
    assert tasks.guest_invitation_send(board_id=board.pk, user_id=guest.pk, inviter_id=manager.pk) is True
    [mail] = mailoutbox
    assert mail.to == ["client@customer.example"]
    assert board.title in mail.subject
    uid = urlsafe_base64_encode(force_bytes(guest.pk))
    prefix = "https://collab.example.com" + reverse("guest_accept", args=[uid, "TOKEN"]).replace("TOKEN/", "")
    assert prefix in mail.body
    assert f"?board={board.slug}" in mail.body


def test_guest_invitation_returns_quietly_without_rows(board, manager, mailoutbox):
    guest = services.board_guest_invite(board_id=board.pk, actor=manager, email="client@customer.example")
    mailoutbox.clear()
    assert tasks.guest_invitation_send(board_id=987654, user_id=guest.pk) is False
    assert tasks.guest_invitation_send(board_id=board.pk, user_id=987654) is False
    type(guest).objects.filter(pk=guest.pk).update(is_active=False)
    assert tasks.guest_invitation_send(board_id=board.pk, user_id=guest.pk) is False
    assert mailoutbox == []
