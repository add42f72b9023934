import os
import shutil

import pytest
from django.core.cache import cache

from tests.accounts.factories import UserFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "test-artifacts")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached fragments must not leak from one test into the next."""
    cache.clear()
    yield


@pytest.fixture
def employee(db):
    return UserFactory(username="erin", first_name="Erin", last_name="Employee")


@pytest.fixture
def other_employee(db):
    return UserFactory(username="oscar", first_name="Oscar", last_name="Other")


@pytest.fixture
def manager(db):
    return UserFactory(username="mia", role="manager")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moe", role="moderator")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", role="admin")


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


# --- Browser tests -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright. Skipped where it is missing, unless CI requires it."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("COLLAB_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (COLLAB_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread from here on, which makes Django
    # refuse ORM calls from tests and fixtures; they are plain synchronous calls. Browser tests run
    # last (see pytest_collection_modifyitems), so no other test runs without async safety.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(chromium, request):
    """A fresh browser context per test; a screenshot lands in test-artifacts/ when the test fails."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        os.makedirs(ARTIFACTS, exist_ok=True)
        page.screenshot(path=os.path.join(ARTIFACTS, f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def pytest_collection_modifyitems(config, items):
    """Browser tests last: once Playwright runs, async safety is off for the rest of the session."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
