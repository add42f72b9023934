"""A moderator works the review queue in the admin; the flagged post vanishes live from the page
an employee has open."""

import os

import pytest

from moderation import services
from moderation.models import AuditEntry, Case
from tests.accounts.factories import UserFactory
from tests.conftest import ARTIFACTS, sign_in
from tests.threads.factories import SpaceFactory
from threads import services as thread_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]


def test_moderator_hides_a_flagged_post_and_it_vanishes_live(page, second_page, asgi_server, employee, moderator):
    space = SpaceFactory(name="General", slug="general")
    spammer = UserFactory(username="spammer")
    thread = thread_services.thread_start(space_id=space.pk, author=employee, title="Build times", body="CI is slow.")
    post = thread_services.reply_post(
        thread_id=thread.pk, author=spammer, body="Cheap zebraquartz watches, ask me for a price"
    )
    services.flag_create(reporter=employee, target_kind="post", target_id=post.pk, reason="spam", note="advert")
    server = asgi_server()

    # The employee reads the thread, connected live.
    sign_in(second_page, server, employee)
    second_page.goto(f"{server.url}/threads/{thread.pk}/")
    second_page.wait_for_function("document.documentElement.dataset.live === 'online'")
    assert second_page.locator(f"#post-{post.pk}").get_by_text("zebraquartz").count() == 1

    # The moderator sees the queue size on the admin index, opens the queue and hides the post.
    sign_in(page, server, moderator)
    page.goto(f"{server.url}/admin/")
    page.get_by_test_id("queue-size").click()
    row = page.locator("#result_list tbody tr").filter(has_text="zebraquartz")
    row.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option("hide")
    page.locator("input[name=reason]").fill("Advertising")
    page.locator("button[name=index]").click()
    page.get_by_text("Hide: 1 done.").wait_for()
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, "moderation-queue.png"), full_page=True)

    # Without a reload, the employee's page shows the placeholder instead of the text.
    second_page.wait_for_function(
        f"!document.querySelector('#post-{post.pk}').textContent.includes('zebraquartz')", timeout=10_000
    )
    assert second_page.locator(f"#post-{post.pk}").get_by_text("This post was deleted.").is_visible()
    assert Case.objects.get().status == Case.Status.CLOSED
    assert AuditEntry.objects.get(action="case.hide").reason == "Advertising"
