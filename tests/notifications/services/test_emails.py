"""E-mails: at once or in a digest, rendered in HTML and text, sent through real SMTP, never twice
(even when a worker dies half-way and the task runs again), never about what the person cannot see."""

from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail

from ideas import services as ideas_services
from notifications import services, tasks
from notifications.models import Channel, Kind, Notification, OutgoingEmail
from notifications.services import emails as email_services
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_idea
from tests.notifications.conftest import told
from tests.notifications.smtp_server import SmtpServer
from tests.threads.factories import SpaceFactory
from threads import services as threads_services

pytestmark = pytest.mark.django_db


class WorkerDied(BaseException):
    """What a killed worker looks like to the code after it: nothing more runs."""


@pytest.fixture
def thread(employee, committed):
    space = SpaceFactory(name="General")
    return committed(
        threads_services.thread_start, space_id=space.pk, author=employee, title="Lunch talks", body="Who is in?"
    )


def mention(committed, thread, author, who="erin"):
    return committed(threads_services.reply_post, thread_id=thread.pk, author=author, body=f"@{who} look")


# --- instant ---------------------------------------------------------------------------------------


def test_instant_email_has_text_html_and_one_click_unsubscribe(committed, thread, employee, other_employee, client):
    mention(committed, thread, other_employee)
    [message] = mail.outbox
    assert message.subject.endswith("mentioned you in “Lunch talks”")
    assert "http://" in message.body and "/threads/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<a href=" in html and "Lunch talks" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = unsubscribe.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a look (mail scanners) changes nothing
    assert services.unsubscribe_token_read(path.rstrip("/").rsplit("/", 1)[1])[1] == Kind.MENTION
    response = client.post("/" + path)  # signed out, no CSRF token: the link is the credential
    assert response.status_code == 200 and b"no more e-mails" in response.content
    from notifications import selectors

    assert selectors.preferences_for_user(user=employee)[Kind.MENTION] == Channel.IN_APP
    mention(committed, thread, other_employee)
    assert len(mail.outbox) == 1  # still in the bell, no more e-mail
    assert len(told(employee, Kind.MENTION)) == 2


def test_bad_unsubscribe_link_is_refused(client):
    assert client.post("/notifications/unsubscribe/not-a-token/").status_code == 400
    forged = services.unsubscribe_token(user_id=1, what="mention")[:-2] + "xx"
    assert client.post(f"/notifications/unsubscribe/{forged}/").status_code == 400


def test_instant_email_rerun_after_a_crash_sends_nothing_twice(committed, thread, employee, other_employee, settings):
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.IN_APP})
    mention(committed, thread, other_employee)
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.INSTANT})
    [n] = told(employee)
    # The worker dies after the SMTP conversation, before recording it as sent.
    with mock.patch.object(email_services, "_mark_sent", side_effect=WorkerDied), pytest.raises(WorkerDied):
        tasks.email_send(notification_id=n.pk)
    assert len(mail.outbox) == 1
    # acks_late: the broker hands the task out again; it finds the e-mail claimed.
    assert tasks.email_send(notification_id=n.pk) is False
    assert tasks.email_send(notification_id=n.pk) is False
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENDING  # visible in the admin


def test_smtp_failure_leaves_the_email_for_the_retry(committed, thread, employee, other_employee):
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.IN_APP})
    mention(committed, thread, other_employee)
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.INSTANT})
    [n] = told(employee)
    failing = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=SMTPException("421 busy"))
    with failing, pytest.raises(SMTPException):
        services.email_instant_send(notification_id=n.pk)
    email = OutgoingEmail.objects.get()
    assert (email.status, email.error) == (OutgoingEmail.Status.PENDING, "421 busy")
    assert services.email_instant_send(notification_id=n.pk) is True  # the retry
    assert services.email_instant_send(notification_id=n.pk) is False
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 2)


def test_no_email_about_a_thread_the_person_can_no_longer_see(committed, thread, employee, other_employee, moderator):
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.IN_APP})
    mention(committed, thread, other_employee)
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.INSTANT})
    threads_services.thread_hidden_set(thread_id=thread.pk, actor=moderator, hidden=True)
    [n] = told(employee)
    assert services.email_instant_send(notification_id=n.pk) is False
    assert mail.outbox == []


def test_no_instant_email_once_read_in_the_app(committed, thread, employee, other_employee):
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.IN_APP})
    mention(committed, thread, other_employee)
    services.preferences_set(user=employee, channels={Kind.MENTION: Channel.INSTANT})
    [n] = told(employee)
    services.notification_mark_read(user=employee, ids=[n.pk])
    assert services.email_instant_send(notification_id=n.pk) is False


def test_real_smtp_delivery(committed, thread, employee, other_employee, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with SmtpServer() as server:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        mention(committed, thread, other_employee)
    [envelope] = server.received
    assert envelope["rcpt"] == [f"<{employee.email}>"]
    message = envelope["message"]
    assert "mentioned you in “Lunch talks”" in str(message["Subject"])
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Lunch talks" in text and "<a href=" in html
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


# --- digests ---------------------------------------------------------------------------------------


@pytest.fixture
def busy_day(committed, thread, employee, other_employee, manager):
    """Three replies to Erin's thread and a status change of her idea; a hot idea in her department."""
    for n in range(3):
        committed(threads_services.reply_post, thread_id=thread.pk, author=other_employee, body=f"reply {n}")
    board = make_board(owner=manager, title="Office")
    idea = make_idea(board=board, author=employee, title="Standing desks")
    committed(ideas_services.idea_status_change, idea_id=idea.pk, actor=manager, status="planned")
    colleague = UserFactory(department=employee.department)
    hot = make_idea(board=board, author=colleague, title="Quiet room")
    committed(ideas_services.vote_cast, idea_id=hot.pk, voter=other_employee)
    assert mail.outbox == []  # replies and idea news: daily digest by default
    return idea


def test_daily_digest_groups_replies_and_shows_what_is_hot_in_text_and_html(busy_day, employee):
    assert services.digest_send(user_id=employee.pk, frequency="daily", period="2030-01-02") is True
    [message] = mail.outbox
    assert message.subject == "Your day on Collab: 4 updates"
    text = message.body
    assert "3 new replies in “Lunch talks”" in text
    assert "“Standing desks” is now Planned" in text
    assert f"Hot in {employee.department.name}:" in text and "Quiet room (1 vote)" in text
    assert "Stop this digest:" in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "3 new replies in “Lunch talks”" in html and "Quiet room</a> · 1 vote" in html
    assert "&lt;" not in html.split("<body", 1)[1].split("Stop this digest")[0]  # nothing double-escaped
    assert set(Notification.objects.filter(recipient=employee).values_list("email__kind", flat=True)) == {"daily"}


def test_digest_is_sent_once_per_period_and_each_notification_in_one_digest(busy_day, employee):
    assert services.digest_send(user_id=employee.pk, frequency="daily", period="2030-01-02") is True
    assert services.digest_send(user_id=employee.pk, frequency="daily", period="2030-01-02") is False
    assert services.digest_send(user_id=employee.pk, frequency="daily", period="2030-01-03") is False  # nothing new
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get(key__endswith="2030-01-03").status == OutgoingEmail.Status.SKIPPED


def test_weekly_digest_gets_the_kinds_chosen_for_it(busy_day, employee):
    services.preferences_set(user=employee, channels={Kind.REPLY: Channel.WEEKLY})
    services.digest_send(user_id=employee.pk, frequency="daily", period="2030-01-02")
    services.digest_send(user_id=employee.pk, frequency="weekly", period="2030-W01")
    daily, weekly = mail.outbox
    assert "is now Planned" in daily.body and "Lunch talks" not in daily.body
    assert "3 new replies in “Lunch talks”" in weekly.body and "is now Planned" not in weekly.body
    assert weekly.subject == "Your week on Collab: 3 updates"


def test_digest_run_again_after_a_worker_crash_sends_nothing_twice(committed, thread, other_employee):
    people = [UserFactory() for _ in range(3)]
    for person in people:
        threads_services.thread_watch(thread_id=thread.pk, user=person, level="watching")
    committed(threads_services.reply_post, thread_id=thread.pk, author=other_employee, body="news for all")
    real_mark_sent = email_services._mark_sent
    calls = []

    def dies_on_the_second(email):
        calls.append(email.key)
        if len(calls) == 2:
            raise WorkerDied
        real_mark_sent(email)

    with mock.patch.object(email_services, "_mark_sent", side_effect=dies_on_the_second), pytest.raises(WorkerDied):
        tasks.digests_send(frequency="daily")
    sent_before_crash = len(mail.outbox)
    assert sent_before_crash == 2
    tasks.digests_send(frequency="daily")  # beat or the broker runs it again the same day
    tasks.digests_send(frequency="daily")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    expected = sorted(p.email for p in [*people, thread.author])
    assert recipients == expected  # everyone once: the one who died mid-way is not sent again


def test_digest_leaves_out_what_the_person_can_no_longer_see(busy_day, thread, employee, moderator):
    threads_services.thread_hidden_set(thread_id=thread.pk, actor=moderator, hidden=True)
    services.digest_send(user_id=employee.pk, frequency="daily", period="2030-01-02")
    [message] = mail.outbox
    assert "Lunch talks" not in message.body and "Standing desks" in message.body


def test_digest_period_keys():
    import datetime

    when = datetime.datetime(2030, 1, 2, 7, tzinfo=datetime.UTC)
    assert services.digest_period("daily", when) == "2030-01-02"
    assert services.digest_period("weekly", when) == "2030-W01"
