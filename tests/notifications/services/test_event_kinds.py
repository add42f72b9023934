"""Each kind of event tells the right people, exactly once, as they chose, and only about what they
may see."""

import pytest

from collab.realtime.models import Event
from ideas import events as idea_events
from ideas import services as ideas_services
from notifications import services, tasks
from notifications.models import Channel, Kind, Notification
from teams import services as teams_services
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_idea
from tests.notifications.conftest import told
from tests.teams.factories import make_project
from tests.threads.factories import SpaceFactory
from threads import services as threads_services
from threads.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="General")


@pytest.fixture
def thread(space, employee, committed):
    return committed(
        threads_services.thread_start, space_id=space.pk, author=employee, title="Lunch talks", body="Who is in?"
    )


def reply(committed, thread, author, body="Me!", parent_id=None):
    return committed(threads_services.reply_post, thread_id=thread.pk, author=author, body=body, parent_id=parent_id)


def replay_events(event_type: str, post_id: int | None = None) -> None:
    """Run the event handler again for logged events of this type (a redelivered task)."""
    events = Event.objects.filter(type=event_type)
    if post_id is not None:
        events = events.filter(data__id=post_id)
    for event in events:
        tasks.event_handle(topic=event.topic_id, seq=event.seq, event_type=event.type, data=event.data)


# --- replies ---------------------------------------------------------------------------------------


def test_reply_tells_the_thread_author_and_watchers_once_and_not_the_replier(
    committed, thread, employee, other_employee
):
    watcher = UserFactory(username="wanda")
    reply(committed, thread, watcher, body="Count me in")  # replying watches the thread
    [first] = told(employee, Kind.REPLY)
    assert first.verb == "replied_to_you" and first.url.endswith(f"/posts/{first.cause.split(':')[-1]}/")
    assert "replied to your post in “Lunch talks”" in first.text
    assert told(watcher) == []

    post = reply(committed, thread, other_employee, body="And me")
    assert [n.verb for n in told(employee, Kind.REPLY)] == ["replied_to_you", "replied_to_you"]
    [to_watcher] = told(watcher, Kind.REPLY)
    assert (to_watcher.verb, to_watcher.cause) == ("replied", f"reply:post:{post.pk}")
    assert told(other_employee) == []

    replay_events("reply.posted", post_id=post.pk)  # a worker crash re-runs the handler: nothing new
    assert Notification.objects.count() == 3


def test_reply_to_a_reply_tells_its_author_even_when_not_watching(committed, thread, employee, other_employee):
    first = reply(committed, thread, other_employee, body="First")
    threads_services.thread_watch(thread_id=thread.pk, user=other_employee, level=None)  # back to default: not watching
    third = UserFactory()
    reply(committed, thread, third, body="Answer to first", parent_id=first.pk)
    [n] = told(other_employee)
    assert n.verb == "replied_to_you"


def test_muted_thread_tells_nothing(committed, thread, employee, other_employee):
    threads_services.thread_watch(thread_id=thread.pk, user=employee, level="muted")
    reply(committed, thread, other_employee)
    assert told(employee) == []


def test_a_mention_in_a_reply_is_one_notification_the_mention(committed, thread, employee, other_employee):
    reply(committed, thread, other_employee, body="Hi @erin, see this")
    [n] = told(employee)
    assert (n.kind, n.verb) == (Kind.MENTION, "mentioned")
    assert "mentioned you" in n.text
    replay_events("mention.created")
    replay_events("reply.posted")
    assert len(told(employee)) == 1


def test_watcher_who_lost_access_to_a_private_space_is_not_told(committed, employee, other_employee):
    leaver = UserFactory()
    private = SpaceFactory(visibility=Space.Visibility.PRIVATE, members=[employee, other_employee, leaver])
    thread = committed(threads_services.thread_start, space_id=private.pk, author=employee, title="Secret", body="x")
    reply(committed, thread, leaver, body="watching now")
    private.memberships.filter(user=leaver).delete()
    reply(committed, thread, other_employee, body="after they left")
    assert told(leaver) == []
    assert len(told(employee)) == 2


# --- mentions --------------------------------------------------------------------------------------


def test_mention_in_a_new_thread_tells_the_person_once(committed, space, employee, other_employee):
    committed(threads_services.thread_start, space_id=space.pk, author=employee, title="Plan", body="cc @oscar")
    [n] = told(other_employee)
    assert (n.kind, n.group_key, n.title) == (Kind.MENTION, n.group_key, "Plan")
    replay_events("mention.created")
    assert len(told(other_employee)) == 1


# --- preferences -----------------------------------------------------------------------------------


def test_off_means_no_notification_and_in_app_means_no_email(committed, thread, employee, other_employee, mailoutbox):
    services.preferences_set(user=employee, channels={Kind.REPLY: Channel.OFF, Kind.MENTION: Channel.IN_APP})
    reply(committed, thread, other_employee, body="plain reply")
    assert told(employee) == []
    reply(committed, thread, other_employee, body="@erin look")
    assert [n.kind for n in told(employee)] == [Kind.MENTION]
    assert mailoutbox == []


def test_instant_mentions_are_emailed_once_and_daily_replies_wait(
    committed, thread, employee, other_employee, mailoutbox
):
    reply(committed, thread, other_employee, body="plain reply")  # replies: daily digest by default
    assert mailoutbox == []
    reply(committed, thread, other_employee, body="@erin look")  # mentions: at once by default
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [employee.email]
    assert "mentioned you in “Lunch talks”" in message.subject
    tasks.email_send(notification_id=told(employee, Kind.MENTION)[0].pk)  # run again: nothing more
    assert len(mailoutbox) == 1


# --- ideas -----------------------------------------------------------------------------------------


def test_status_change_tells_voters_and_followers_once(committed, manager, employee, other_employee):
    board = make_board(owner=manager, title="Office")
    idea = make_idea(board=board, author=employee, title="Standing desks")
    committed(ideas_services.vote_cast, idea_id=idea.pk, voter=other_employee)
    committed(ideas_services.idea_status_change, idea_id=idea.pk, actor=manager, status="planned")
    for person in (employee, other_employee):
        [n] = told(person, Kind.IDEA)
        assert n.verb == "status_changed" and "is now Planned" in n.text
    assert told(manager) == []
    replay_events("idea.notice")
    assert Notification.objects.filter(kind=Kind.IDEA).count() == 2


def test_idea_notice_for_an_idea_the_person_can_no_longer_see_is_dropped(
    committed, manager, moderator, employee, other_employee
):
    board = make_board(owner=manager, title="Office")
    idea = make_idea(board=board, author=employee, title="Hidden soon")
    committed(ideas_services.idea_hide, idea_id=idea.pk, actor=moderator)
    # A notice published anyway (e.g. by a task queued before the idea was hidden).
    committed(idea_events.idea_notice, user_id=other_employee.pk, idea=idea, kind="status_changed")
    assert Event.objects.filter(type="idea.notice", topic_id=f"user.{other_employee.pk}").exists()
    assert told(other_employee) == []


# --- teams -----------------------------------------------------------------------------------------


def test_team_invitation_tells_the_invited_person_once(committed, manager, employee):
    project = make_project(owner=manager, title="Data viz")
    role = project.roles.get()
    committed(
        teams_services.member_invite, project_id=project.pk, role_id=role.pk, person_id=employee.pk, actor=manager
    )
    [n] = told(employee, Kind.TEAM)
    assert n.verb == "invited" and "Data viz" in n.text and "Developer" in n.text
    replay_events("team.notice")
    assert len(told(employee, Kind.TEAM)) == 1
    assert told(manager) == []


# --- moderation ------------------------------------------------------------------------------------


def test_moderator_removing_a_post_tells_its_author_but_self_deletion_does_not(
    committed, thread, employee, other_employee, moderator
):
    own = reply(committed, thread, other_employee, body="oops")
    committed(threads_services.post_delete, post_id=own.pk, actor=other_employee)
    assert told(other_employee, Kind.MODERATION) == []
    post = reply(committed, thread, other_employee, body="rude")
    committed(threads_services.post_delete, post_id=post.pk, actor=moderator)
    [n] = told(other_employee, Kind.MODERATION)
    assert "moderator removed your post" in n.text


# --- reading ----------------------------------------------------------------------------------------


def test_mark_read_ignores_other_peoples_ids_and_publishes_the_new_count(committed, thread, employee, other_employee):
    reply(committed, thread, other_employee, body="one")
    reply(committed, thread, other_employee, body="two")
    mine = [n.pk for n in told(employee)]
    stranger = UserFactory()
    assert committed(services.notification_mark_read, user=stranger, ids=mine) == 0
    assert committed(services.notification_mark_read, user=employee, ids=mine[:1]) == 1
    event = Event.objects.filter(topic_id=f"user.{employee.pk}", type="notification.read").get()
    assert event.data == {"ids": mine[:1], "all": False, "unread": 1}
    assert committed(services.notification_mark_all_read, user=employee) == 1
    created = Event.objects.filter(topic_id=f"user.{employee.pk}", type="notification.created").order_by("seq")
    assert [e.data["unread"] for e in created] == [1, 2]


def test_rolled_back_service_tells_nobody(thread, employee, other_employee, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        threads_services.reply_post(thread_id=thread.pk, author=other_employee, body="never")
        raise RuntimeError
    assert told(employee) == []
