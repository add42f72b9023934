"""The large demo company in a PostgreSQL database of a bench's own, set up once and reused.

    from _company import large_company, log
    url = large_company("collab_bench_teams")   # Django is set up when this returns

BENCH_DATABASE_URL if set, else DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432, with
the given database name. The database is created and migrated with manage.py in a subprocess, and
loaded once with `seed_demo --size large` (5,000 people, a year of threads and ideas, projects).
Embedded mode (no Redis) unless BENCH_REDIS_URL is set; rate limits off.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
PEOPLE = 5_000


def log(message: str = "") -> None:
    print(message, flush=True)


def database_url(name: str) -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    configured = os.environ.get("DATABASE_URL", "")
    server = configured.rsplit("/", 1)[0].split("?")[0] if configured.startswith("postgres") else DEFAULT_SERVER
    return f"{server}/{name}"


def large_company(name: str) -> str:
    """Set Django up on the bench's database, loading the large demo company the first time."""
    url = database_url(name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW", "COLLAB_TESTING"))}
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    env.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="collab.settings", DEBUG="false", LOG_LEVEL="WARNING",
        RATELIMIT_ENABLE="false",
    )  # fmt: skip
    python = str(Path(sys.executable).parent / "python")
    for argv in (["manage.py", "ensure_database"], ["manage.py", "migrate", "--noinput", "-v", "0"]):
        subprocess.run([python, *argv], cwd=REPO, env=env, check=True)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from accounts.models import User

    if User.objects.filter(is_active=True).count() < PEOPLE:
        log("Loading the large demo company once (seed_demo --size large; a minute or two)...")
        started = time.perf_counter()
        # The seed sends its invitations through the console e-mail backend: keep them off the screen.
        subprocess.run(
            [python, "manage.py", "seed_demo", "--size", "large"], cwd=REPO, env=env, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        log(f"  loaded in {time.perf_counter() - started:.0f} s")
    return url
