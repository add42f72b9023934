import copy
import runpy
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connections
from django.db.utils import load_backend

from collab import health

SETTINGS_FILE = django_settings.BASE_DIR / "collab" / "settings.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisServer:
    process: subprocess.Popen
    url: str


@pytest.fixture
def redis_server(tmp_path):
    """A private redis-server on a free loopback port, killed at the end whatever state it is in."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=0.2, socket_timeout=0.2)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"redis-server on port {port} did not start")
            time.sleep(0.05)
    client.close()
    yield RedisServer(process=process, url=url)
    process.kill()  # SIGKILL also ends a SIGSTOPped process
    process.wait(timeout=10)


@pytest.fixture
def services_settings(redis_server, settings, monkeypatch):
    """The cache, channel layer and broker settings services mode derives from REDIS_URL, pointed at
    the private server, with a real (not eager) broker so that /readyz checks it."""
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    for name in ("CHANNEL_REDIS_URLS", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"):
        monkeypatch.delenv(name, raising=False)
    services = runpy.run_path(str(SETTINGS_FILE))
    # Each assignment sends setting_changed: Django drops its cache connections and Channels its
    # channel layers, so the next lookups build them from these values (and again on restore).
    settings.CACHES = services["CACHES"]
    settings.CHANNEL_LAYERS = services["CHANNEL_LAYERS"]
    settings.CELERY_BROKER_URL = services["CELERY_BROKER_URL"]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return settings


def _failing(checks: dict) -> set[str]:
    return {name for name, check in checks.items() if check["status"] != "ok"}


def _timed_readyz(client):
    started = time.perf_counter()
    response = client.get("/readyz")
    return response, time.perf_counter() - started


def test_healthz_answers_without_touching_dependencies(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ok_with_every_dependency_in_the_current_mode(client):
    response = client.get("/readyz")

    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "broker"}
    assert _failing(body["checks"]) == set()
    if django_settings.CELERY_TASK_ALWAYS_EAGER:
        assert body["checks"]["broker"]["mode"] == "eager"


@pytest.mark.django_db
def test_readyz_reports_a_stopped_redis_as_503_quickly(client, services_settings, redis_server):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()

    redis_server.process.kill()
    redis_server.process.wait(timeout=10)
    response, elapsed = _timed_readyz(client)

    body = response.json()
    assert response.status_code == 503, body
    assert body["status"] == "error"
    assert _failing(body["checks"]) == {"cache", "channel_layer", "broker"}
    assert all(body["checks"][name]["error"] for name in ("cache", "channel_layer", "broker"))
    assert body["checks"]["database"]["status"] == "ok"
    assert elapsed < 3, f"/readyz took {elapsed:.1f}s with Redis down"


@pytest.mark.django_db
def test_readyz_reports_a_frozen_redis_as_503_within_its_timeouts(client, services_settings, redis_server):
    """A SIGSTOPped Redis still accepts TCP connections but never answers: only timeouts end the wait."""
    assert client.get("/readyz").status_code == 200

    redis_server.process.send_signal(signal.SIGSTOP)
    response, elapsed = _timed_readyz(client)

    body = response.json()
    assert response.status_code == 503, body
    assert _failing(body["checks"]) == {"cache", "channel_layer", "broker"}
    assert body["checks"]["database"]["status"] == "ok"
    # cache: 1 s socket timeout per command; channel layer and broker: health.CHECK_TIMEOUT each.
    assert elapsed < 1 + 2 * health.CHECK_TIMEOUT + 2, f"/readyz took {elapsed:.1f}s with Redis frozen"


@pytest.fixture
def unreachable_database(tmp_path):
    """A connection to the test database's engine that cannot connect: a closed port or a missing file."""
    params = copy.deepcopy(connections["default"].settings_dict)
    if params["ENGINE"] == "django.db.backends.postgresql":
        params.update(HOST="127.0.0.1", PORT=str(_free_port()))
        params["OPTIONS"].pop("pool", None)
        params["OPTIONS"]["connect_timeout"] = 2
    else:
        params["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    wrapper = load_backend(params["ENGINE"]).DatabaseWrapper(params, alias="readyz-unreachable")
    yield wrapper
    wrapper.close()


@pytest.mark.django_db  # lifts pytest-django's block, so the failure below is the real connect error
def test_readyz_reports_an_unreachable_database_as_503(client, unreachable_database, monkeypatch):
    monkeypatch.setattr(health, "connection", unreachable_database)

    response = client.get("/readyz")

    body = response.json()
    assert response.status_code == 503, body
    assert _failing(body["checks"]) == {"database"}
    assert body["checks"]["database"]["error"].startswith("OperationalError")
