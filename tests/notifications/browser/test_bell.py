"""In two real browsers: a mention written in one makes the bell count rise live in the other; the
list shows it, opening it jumps to the post and the count goes back down."""

import os

import pytest

from tests.conftest import ARTIFACTS, sign_in
from tests.threads.factories import SpaceFactory
from threads import services as threads_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]


def test_a_mention_raises_the_bell_count_live_elsewhere(
    page, second_page, asgi_server, employee, other_employee, monkeypatch
):
    # Services mode has no Celery worker in tests: the server runs tasks itself, as embedded mode does.
    monkeypatch.setenv("CELERY_TASK_ALWAYS_EAGER", "true")
    space = SpaceFactory(name="Engineering", slug="engineering")
    thread = threads_services.thread_start(space_id=space.pk, author=employee, title="Plans", body="Next quarter")
    server = asgi_server()

    sign_in(second_page, server, other_employee)  # Oscar is on the home page
    second_page.wait_for_function("document.documentElement.dataset.live === 'online'")
    bell = second_page.get_by_test_id("bell")
    second_page.wait_for_function("document.querySelector('[data-bell]').dataset.count === '0'")
    assert not bell.locator("[data-bell-count]").is_visible()

    sign_in(page, server, employee)
    page.goto(f"{server.url}/threads/{thread.pk}/")
    page.locator("#reply-form textarea").fill(f"@{other_employee.username} could you review the plan?")
    page.get_by_role("button", name="Post reply").click()
    page.locator("a.mention").first.wait_for()

    second_page.wait_for_function("document.querySelector('[data-bell]').dataset.count === '1'", timeout=5_000)
    assert bell.locator("[data-bell-count]").inner_text() == "1"
    assert bell.get_attribute("aria-label") == "Notifications: 1 unread"
    os.makedirs(ARTIFACTS, exist_ok=True)
    second_page.screenshot(path=os.path.join(ARTIFACTS, "notifications-bell.png"))

    bell.click()
    second_page.wait_for_url(f"{server.url}/notifications/")
    item = second_page.get_by_test_id("notification-list").get_by_role(
        "link", name=f"{employee.display_name} mentioned you in “Plans”"
    )
    item.click()
    second_page.wait_for_url(f"**/threads/{thread.pk}/**")
    assert second_page.locator("article.post", has_text="could you review the plan").is_visible()
    second_page.wait_for_function("document.querySelector('[data-bell]').dataset.count === '0'")
