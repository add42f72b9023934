"""The insights dashboard on the large demo company (5,000 people, ~30,000 posts, ~60,000 votes),
with and without the nightly rollups.

    .venv/bin/python bench/insights.py

Sets itself up: a PostgreSQL database of its own, `collab_bench_insights` (BENCH_DATABASE_URL if
set, else DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432), migrated and loaded once
with `seed_demo --size large` in a subprocess (about a minute; later runs reuse it). Embedded mode
(no Redis). Then, in this process, as the demo manager (company figures, visibility-filtered) over
the last 365 days, median of 5 runs each:
- without rollups: every day of the range is counted live from the domain tables;
- the backfill: `rollup_range` over the year (once; what the nightly task does one day at a time);
- with rollups: past days from the rollup tables, today live;
per section (selectors) and for the whole page (GET /insights/ through django.test.Client), with
the number of queries. The last line sums it up.
"""

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for path in (str(REPO), str(REPO / "bench")):
    if path not in sys.path:
        sys.path.insert(0, path)

from _company import database_url, large_company, log  # noqa: E402

DATABASE_NAME = "collab_bench_insights"
DAYS = 365
ROUNDS = 5


def measure(fn) -> tuple[float, int]:
    """Median ms of ROUNDS calls (after one warm-up) and the queries of one call."""
    from django.db import connection

    seen: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        fn()
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), len(seen)


def run(viewer, client, filters, *, use_rollups: bool) -> dict:
    from insights import selectors

    results = {}
    for name, section in selectors.SECTIONS.items():

        def call(section=section):
            return section(selectors.insight_context(viewer=viewer, filters=filters, use_rollups=use_rollups))

        results[name] = measure(call)
    if use_rollups:

        def page():
            response = client.get(f"/insights/?start={filters.start}&end={filters.end}")
            assert response.status_code == 200, response.status_code

        results["page"] = measure(page)
    return results


def main() -> int:
    started = time.perf_counter()
    log(f"insights bench: database {database_url(DATABASE_NAME)}, {os.cpu_count()} CPUs, load average "
        + " ".join(f"{v:.1f}" for v in os.getloadavg()))  # fmt: skip
    large_company(DATABASE_NAME)

    from datetime import timedelta

    from django.db import connections
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from ideas.models import Vote
    from insights import services
    from insights.selectors.common import InsightFilters
    from threads.models import Post

    try:
        today = timezone.localdate()
        filters = InsightFilters(start=today - timedelta(days=DAYS - 1), end=today)
        viewer = User.objects.get(username="manager")
        client = Client()
        client.force_login(viewer)
        log(f"data: {User.objects.count():,} people, {Post.objects.count():,} posts, {Vote.objects.count():,} votes; "
            f"range {filters.start} to {filters.end}, as {viewer.username} (visibility-filtered)")  # fmt: skip

        services.rollups_clear()
        live = run(viewer, client, filters, use_rollups=False)

        # The page itself without rollups: the same view with every rollup forgotten.
        def page():
            assert client.get(f"/insights/?start={filters.start}&end={filters.end}").status_code == 200

        live["page"] = measure(page)

        backfill_started = time.perf_counter()
        days = services.rollup_range(start=filters.start, end=today)
        backfill = time.perf_counter() - backfill_started
        again_started = time.perf_counter()
        services.rollup_day(day=today - timedelta(days=1))
        nightly = (time.perf_counter() - again_started) * 1000
        rolled = run(viewer, client, filters, use_rollups=True)
    finally:
        connections.close_all()

    log(f"\n== {DAYS} days, median of {ROUNDS} runs, ms (queries) ==")
    log(f"{'section':<16} {'live':>16} {'rollups+today':>16} {'speed-up':>9}")
    for name in [*live]:
        (ms_live, q_live), (ms_rolled, q_rolled) = live[name], rolled[name]
        log(
            f"{name:<16} {ms_live:>10.1f} ({q_live:>2}) {ms_rolled:>10.1f} ({q_rolled:>2}) {ms_live / ms_rolled:>8.1f}x"
        )
    log(f"backfill: {days} days rolled up in {backfill:.1f} s; one nightly day {nightly:.0f} ms")
    log(f"(total {time.perf_counter() - started:.0f} s)")
    log(
        f"SUMMARY insights: dashboard page over {DAYS} days at 5,000 people {live['page'][0]:.0f} ms live -> "
        f"{rolled['page'][0]:.0f} ms with rollups ({live['page'][0] / rolled['page'][0]:.1f}x; queries "
        f"{live['page'][1]} -> {rolled['page'][1]}); participation {live['participation'][0]:.0f} -> "
        f"{rolled['participation'][0]:.0f} ms, collaboration {live['collaboration'][0]:.0f} -> "
        f"{rolled['collaboration'][0]:.0f} ms; backfill {days} days {backfill:.0f} s, nightly day {nightly:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
