import os
import shutil

import pytest
from django.core.cache import cache

from tests.accounts.factories import PASSWORD, UserFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "test-artifacts")


@pytest.fixture(scope="session", autouse=True)
def _close_async_test_connections(django_db_setup, django_db_blocker):
    """Async tests reach the database from asgiref's shared worker thread, whose connection would
    outlive the test database (PostgreSQL refuses to drop a database in use). Close it first."""
    yield
    from asgiref.sync import SyncToAsync
    from django.db import connections

    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)


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


@pytest.fixture
def second_page(chromium):
    """A second, separate browser (its own cookies): another person at another desk."""
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def sign_in(page, server, user, password: str = PASSWORD) -> None:
    """Sign in through the real form of a running server (`asgi_server`)."""
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def pytest_collection_modifyitems(config, items):
    """Browser tests last: once Playwright runs, async safety is off for the rest of the session."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


# --- A real ASGI server (daphne) on the test database ----------------------------------------------


def _test_database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class AsgiServer:
    """`daphne collab.asgi:application` in a subprocess, sharing the test database (and Redis)."""

    def __init__(self, port: int | None = None):
        self.port = port or _free_port()
        self.process = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "AsgiServer":
        import subprocess
        import sys
        import time
        import urllib.request

        from django.conf import settings

        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW"))}
        env.update(DATABASE_URL=_test_database_url(), COLLAB_TESTING="1", DATABASE_POOL="false")
        self.log = open(os.path.join(ARTIFACTS_TMP, f"daphne-{self.port}.log"), "ab")  # noqa: SIM115
        daphne = os.path.join(os.path.dirname(sys.executable), "daphne")
        self.process = subprocess.Popen(
            [daphne, "-b", "127.0.0.1", "-p", str(self.port), "collab.asgi:application"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("daphne did not answer /healthz within 30 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except Exception:
                self.process.kill()
                self.process.wait()
        self.process = None


ARTIFACTS_TMP = os.environ.get("TMPDIR", "/tmp")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def asgi_server(transactional_db):
    """Start daphne servers on the test database: `asgi_server()` -> AsgiServer (stopped after)."""
    servers = []

    def start(port: int | None = None) -> AsgiServer:
        server = AsgiServer(port).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
