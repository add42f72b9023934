"""Two browsers: what one person does appears on the other's page without a reload, and a page
that lost its server catches up on exactly what it missed when the server is back."""

import pytest
from django.db import transaction

from accounts import services
from tests.accounts.factories import SkillFactory
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]


def test_profile_change_appears_live_in_another_browser(page, second_page, asgi_server, employee, other_employee):
    server = asgi_server()
    skill = SkillFactory(name="Rust")

    # Erin watches Oscar's profile.
    sign_in(page, server, employee)
    page.goto(f"{server.url}/people/{other_employee.pk}/")
    page.wait_for_function("document.documentElement.dataset.live === 'online'")
    page.evaluate("window.notReloaded = true")

    # Oscar adds a skill in his own browser.
    sign_in(second_page, server, other_employee)
    second_page.goto(f"{server.url}/profile/")
    second_page.get_by_label("Skill", exact=True).select_option(label="Rust")
    second_page.get_by_label("Level").select_option("5")
    second_page.get_by_role("button", name="Add or update skill").click()
    second_page.get_by_text("Skill saved: Rust.").wait_for()

    # Erin sees it within a second, without reloading.
    page.get_by_test_id("person-skills").get_by_text("Rust").wait_for(timeout=2_000)
    assert page.evaluate("window.notReloaded") is True
    assert skill.pk


def test_page_catches_up_after_the_server_comes_back(page, asgi_server, employee, other_employee):
    server = asgi_server()
    sign_in(page, server, employee)
    page.goto(f"{server.url}/people/{other_employee.pk}/")
    page.wait_for_function("document.documentElement.dataset.live === 'online'")

    page.evaluate("window.notReloaded = true")
    server.stop()
    status = page.locator("[data-live-status]")
    status.filter(has_text="Connection lost").wait_for()

    # While the page is cut off, Oscar changes his profile (logged; nobody live to tell).
    with transaction.atomic():
        services.profile_update(user=other_employee, job_title="Chief Gardener", weekly_availability=7)

    asgi_server(port=server.port)
    status.filter(has_text="Live updates are back.").wait_for(timeout=40_000)
    page.get_by_test_id("person-title").filter(has_text="Chief Gardener").wait_for()
    assert page.get_by_test_id("person-hours").inner_text() == "7"
    assert page.evaluate("window.notReloaded") is True
