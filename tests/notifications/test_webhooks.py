"""Outgoing webhooks: signed deliveries to a receiver on loopback, retries with backoff, URLs on
private ranges refused, and a slow or unreachable receiver holds up nothing else."""

import http.server
import json
import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from notifications import services, tasks
from notifications.models import Webhook, WebhookDelivery
from tests.threads.factories import SpaceFactory
from threads import services as threads_services

pytestmark = pytest.mark.django_db


class Receiver(http.server.ThreadingHTTPServer):
    """A webhook receiver on 127.0.0.1: answers `status` after `delay` seconds, keeps what it got."""

    daemon_threads = True

    def __init__(self, status: int = 200, delay: float = 0):
        self.status, self.delay, self.received = status, delay, []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(handler):
                body = handler.rfile.read(int(handler.headers["Content-Length"]))
                self.received.append((dict(handler.headers), body))
                time.sleep(self.delay)
                try:
                    handler.send_response(self.status)
                    handler.end_headers()
                except OSError:
                    pass  # the client gave up

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"

    def close(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True  # the receiver is on loopback
    servers = []

    def start(**kwargs) -> Receiver:
        servers.append(Receiver(**kwargs))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def hook(url: str, *types: str) -> Webhook:
    return services.webhook_save(webhook=Webhook(name="CRM", url=url, secret="s3cret", event_types=list(types)))


def start_thread(committed, author):
    space = SpaceFactory()
    return committed(threads_services.thread_start, space_id=space.pk, author=author, title="Roadmap", body="Q3")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://172.16.5.4/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://0.0.0.0/hook",
        "ftp://example.com/hook",
    ],
)
def test_private_loopback_and_odd_urls_are_refused(url, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    with pytest.raises(services.WebhookUrlRefused):
        hook(url, "idea.posted")
    assert not Webhook.objects.exists()


def test_public_addresses_pass_and_an_admin_setting_allows_private_ones(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    services.webhook_url_check("https://93.184.215.14/hook")
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    services.webhook_url_check("http://127.0.0.1:9/hook")


def test_admin_form_refuses_a_loopback_url(client, admin_user, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    client.force_login(admin_user)
    response = client.post(
        "/admin/notifications/webhook/add/",
        {
            "name": "x", "url": "http://127.0.0.1:8000/", "secret": "s", "event_types": "idea.posted",
            "is_active": "on", "deliveries-TOTAL_FORMS": "0", "deliveries-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 200 and b"loopback or private" in response.content
    assert not Webhook.objects.exists()


def test_delivery_is_signed_and_recorded(committed, receiver, employee):
    server = receiver()
    hook(server.url, "thread.started")
    thread = start_thread(committed, employee)
    [(headers, body)] = server.received
    assert headers["X-Collab-Event"] == "thread.started"
    expected = services.sign("s3cret", int(headers["X-Collab-Timestamp"]), body)
    assert headers["X-Collab-Signature"] == expected
    payload = json.loads(body)
    assert payload["type"] == "thread.started" and payload["data"]["thread_id"] == thread.pk
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status, delivery.attempts) == ("succeeded", 200, 1)
    assert payload["delivery"] == delivery.pk
    # The same event handled again (a redelivered task) makes no second delivery.
    tasks.webhooks_dispatch(topic=delivery.topic, seq=delivery.seq, event_type=delivery.event_type, data={})
    assert WebhookDelivery.objects.count() == 1 and len(server.received) == 1


def test_other_event_types_and_personal_events_are_not_sent(committed, receiver, employee, other_employee):
    server = receiver()
    hook(server.url, "idea.posted", "notification.created")
    thread = start_thread(committed, employee)
    committed(threads_services.reply_post, thread_id=thread.pk, author=other_employee, body="hi @erin")
    assert server.received == [] and not WebhookDelivery.objects.exists()


def test_failures_are_retried_with_backoff_then_given_up(committed, receiver, employee, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    server = receiver(status=500)
    hook(server.url, "thread.started")
    start_thread(committed, employee)
    delivery = WebhookDelivery.objects.get()
    waits = []
    for _attempt in range(3):
        delivery.refresh_from_db()
        if delivery.next_attempt_at:
            waits.append(round((delivery.next_attempt_at - timezone.now()).total_seconds() / 30))
            WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
            assert tasks.webhook_retry_due() == 1
    delivery.refresh_from_db()
    assert waits == [1, 4]  # 30 s, then 2 min
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 3, 500)
    assert len(server.received) == 3
    # An admin fixes the receiver and tries again.
    server.status = 200
    services.webhook_delivery_retry_now(delivery_id=delivery.pk)
    tasks.delivery_start(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "succeeded"


def test_unreachable_receiver_is_retried_later(committed, employee, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    hook("http://127.0.0.1:9/closed", "thread.started")
    start_thread(committed, employee)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "retrying" and "Connection" in delivery.error
    assert delivery.next_attempt_at > timezone.now()


def test_url_moved_to_a_private_address_is_refused_at_delivery(committed, employee, settings, receiver):
    server = receiver()
    hook(server.url, "thread.started")
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False  # e.g. the host name now resolves to 127.0.0.1
    start_thread(committed, employee)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "loopback or private" in delivery.error
    assert server.received == []


@pytest.mark.django_db(transaction=True)
def test_a_slow_receiver_holds_up_neither_the_request_nor_other_webhooks(employee, receiver, settings):
    settings.WEBHOOK_DELIVERY_THREADS = True  # embedded mode: each delivery away from the request
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    slow, fast = receiver(delay=3), receiver()
    hook(slow.url, "thread.started")
    hook(fast.url, "thread.started")
    space = SpaceFactory()
    began = time.monotonic()
    threads_services.thread_start(space_id=space.pk, author=employee, title="Roadmap", body="Q3")
    assert time.monotonic() - began < 1.0  # the service did not wait for any receiver
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        statuses = dict(WebhookDelivery.objects.values_list("webhook__url", "status"))
        if statuses.get(fast.url) == "succeeded" and statuses.get(slow.url) == "retrying":
            break
        time.sleep(0.1)
    assert statuses == {fast.url: "succeeded", slow.url: "retrying"}
    assert "timed out" in WebhookDelivery.objects.get(webhook__url=slow.url).error
