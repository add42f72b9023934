"""`make run` as a new engineer runs it: sets up, migrates, loads the demo company and serves the
app; the home page and /readyz answer 200. In services mode a Celery worker answers too."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings

pytestmark = pytest.mark.timeout(240)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture
def database_url(tmp_path):
    """A database of its own, so `make run` never touches the developer's or the test run's."""
    if settings.USING_POSTGRES:
        db = settings.DATABASES["default"]
        name = f"collab_makerun_{uuid.uuid4().hex[:8]}"
        yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
        import psycopg

        with psycopg.connect(
            host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres", autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield f"sqlite:///{tmp_path / 'run.sqlite3'}"


def test_make_run_serves_home_and_readyz(database_url, tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW"))}
    env.update(DATABASE_URL=database_url, HOST="127.0.0.1", PORT=str(port))
    log = open(tmp_path / "make-run.log", "w+")  # noqa: SIM115
    process = subprocess.Popen(
        ["make", "run"], cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        status = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                status, body = _get(f"{base}/readyz")
            except OSError:
                time.sleep(0.5)
                continue
            if status == 200:
                break
            time.sleep(0.5)
        log.seek(0)
        output = log.read()
        assert status == 200, f"/readyz never answered 200 (last: {status})\n{output[-3000:]}"
        checks = json.loads(body)["checks"]
        assert {name for name, check in checks.items() if check["status"] == "ok"} == set(checks)
        assert "Demo company (small" in output

        status, home = _get(f"{base}/")
        assert status == 200
        assert b"Sign in" in home
        status, login = _get(f"{base}/accounts/login/")
        assert status == 200 and b'name="password"' in login
        status, css = _get(f"{base}/static/vendor/pico/pico.min.css")
        assert status == 200 and len(css) > 10_000

        if not settings.EMBEDDED:
            from collab.celery import app

            replies = []
            for _ in range(30):
                replies = app.control.ping(timeout=1.0)
                if replies:
                    break
            assert replies, f"no Celery worker answered\n{output[-3000:]}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
