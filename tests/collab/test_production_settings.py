import os
import secrets
import string
import subprocess
import sys

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")
# Variables that would make the child a test process or weaken the production defaults under test.
NOT_INHERITED = {
    "PYTEST_VERSION",
    "PYTEST_CURRENT_TEST",
    "COLLAB_TESTING",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' fixture
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh interpreter: settings are read once per process, so only a new one
    shows what production gets. DATABASE_URL and REDIS_URL pass through, so both modes are checked."""
    child_env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    child_env.update(env)
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        env=child_env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _secret_key() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50))


def test_production_profile_passes_check_deploy_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        COLLAB_ENV="production",
        SECRET_KEY=_secret_key(),
        ALLOWED_HOSTS="collab.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key():
    result = _manage("check", COLLAB_ENV="production", ALLOWED_HOSTS="collab.example.com")

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable" in result.stderr
