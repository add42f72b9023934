"""Ranked board pages at size: 1,000 and 50,000 ideas with ~20 votes each.

    .venv/bin/python bench/ideas.py [--rounds 15] [--explain]

Sets itself up: a database of its own, created and migrated by manage.py in a subprocess, filled once
by bench/_ideas_data.py (a minute or two; later runs reuse it). PostgreSQL `collab_bench_ideas`:
BENCH_DATABASE_URL if set, else DATABASE_URL's server with that database name, else
postgres://postgres@127.0.0.1:5432 if PostgreSQL answers there; otherwise SQLite
(collab-bench-ideas.sqlite3 in the temporary directory). The rest runs in this process, embedded mode (no Redis)
unless BENCH_REDIS_URL is set, as a signed-in employee.

For each board and each sort (hot, top, new, trending, random), the first page, median of the
rounds (boards, sorts and measures interleaved):
- selector: `ideas.selectors.idea_list_for_board(...)[:20]` evaluated (page rows and their tags);
- page: GET /boards/<slug>/?sort=... through django.test.Client (selector, paginator count, render);
- API: GET /api/v1/boards/<id>/ideas/?sort=... (the same for the API's page of 50);
and a baseline that ranks by counting votes at query time: the same selector ordered by
`Count("votes")` instead of a stored score. Ratio = 50,000-idea board / 1,000-idea board: a ranking
that costs the same whatever the board's size is ~1. Also the similar-ideas hint (`idea_similar`)
for one title, which compares it with every idea of the board. The last line sums it up.
"""

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
for path in (str(REPO), str(BENCH)):
    if path not in sys.path:
        sys.path.insert(0, path)

DATABASE_NAME = "collab_bench_ideas"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
SQLITE_FILE = Path(tempfile.gettempdir()) / "collab-bench-ideas.sqlite3"
SORTS = ("hot", "top", "new", "trending", "random")
KINDS = ("selector", "page", "api")
PAGE = 20
SIMILAR_TITLE = "Standing desks for everyone in every office"


def log(message: str = "") -> None:
    print(message, flush=True)


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


# --- setup -----------------------------------------------------------------------------------------


def _postgres_answers(url: str) -> bool:
    try:
        import psycopg

        psycopg.connect(f"{url}/postgres", connect_timeout=3).close()
    except Exception:  # any failure means "not reachable"
        return False
    return True


def database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        return configured.rsplit("/", 1)[0].split("?")[0] + f"/{DATABASE_NAME}"
    if _postgres_answers(DEFAULT_SERVER):
        return f"{DEFAULT_SERVER}/{DATABASE_NAME}"
    return f"sqlite:///{SQLITE_FILE}"


def prepare(url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW", "COLLAB_TESTING"))}
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    env.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="collab.settings", DEBUG="false", LOG_LEVEL="WARNING",
        RATELIMIT_ENABLE="false",
    )  # fmt: skip
    python = str(Path(sys.executable).parent / "python")
    steps = [["manage.py", "migrate", "--noinput", "-v", "0"]]
    if url.startswith("postgres"):
        steps.insert(0, ["manage.py", "ensure_database"])
    for argv in steps:
        subprocess.run([python, *argv], cwd=REPO, env=env, check=True)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()


def describe() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('ideas_vote'))")
        size = cursor.fetchone()[0]
    return f"PostgreSQL {version}, ideas_vote {size}"


# --- measures --------------------------------------------------------------------------------------


class Target:
    """One board and the calls measured on it."""

    def __init__(self, board_id: int, count: int, viewer, client):
        from django.db.models import Count

        from ideas.models import Board
        from ideas.selectors import idea_list_for_board, idea_similar

        self.board = Board.objects.select_related("owner", "space").get(pk=board_id)
        self.count = count
        self.viewer = viewer
        self.client = client
        self._list = idea_list_for_board
        self._similar = idea_similar
        self._count = Count

    def selector(self, sort: str):
        return list(self._list(board=self.board, user=self.viewer, sort=sort)[:PAGE])

    def page(self, sort: str):
        response = self.client.get(f"/boards/{self.board.slug}/?sort={sort}")
        assert response.status_code == 200, response.status_code
        return response

    def api(self, sort: str):
        response = self.client.get(f"/api/v1/boards/{self.board.pk}/ideas/?sort={sort}")
        assert response.status_code == 200, response.status_code
        return response

    def baseline(self):
        ideas = self._list(board=self.board, user=self.viewer, sort="new")
        return list(ideas.annotate(vote_total=self._count("votes")).order_by("-vote_total", "-id")[:PAGE])

    def similar(self):
        return self._similar(board=self.board, user=self.viewer, title=SIMILAR_TITLE)


def count_queries(fn) -> int:
    """Queries one call makes (execute_wrapper: the request_started signal empties the usual log)."""
    from django.db import connection

    seen: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        fn()
    return len(seen)


def _label(sql: str) -> str:
    if sql.startswith('SELECT DISTINCT "ideas_tag"'):
        return "board_tags (the tag filter)"
    if "COUNT(*)" in sql and 'FROM "ideas_idea"' in sql:
        return "paginator COUNT(*)"
    if "_prefetch_related_val_idea_id" in sql:
        return "tags of the page's ideas"
    if sql.startswith('SELECT "ideas_idea"') and "ORDER BY" in sql:
        return "page of ideas (the ranking)"
    table = sql.split(" FROM ", 1)[-1].split()[0].strip('"')
    return table


def anatomy(targets: list[Target], rounds: int) -> dict:
    """Where a hot page's SQL time goes, per query (median of a few runs)."""
    from django.db import connection

    result = {}
    for target in targets:
        for kind in ("page", "api"):
            spent: dict[str, list[float]] = {}
            for _ in range(max(3, rounds // 3)):
                seen: list[tuple[str, float]] = []

                def wrap(execute, sql, params, many, context, seen=seen):
                    start = time.perf_counter()
                    try:
                        return execute(sql, params, many, context)
                    finally:
                        seen.append((_label(sql), (time.perf_counter() - start) * 1000))

                with connection.execute_wrapper(wrap):
                    getattr(target, kind)("hot")
                totals: dict[str, float] = {}
                for label, ms in seen:
                    totals[label] = totals.get(label, 0.0) + ms
                for label, ms in totals.items():
                    spent.setdefault(label, []).append(ms)
            result[(kind, target.count)] = {label: statistics.median(values) for label, values in spent.items()}
    return result


def run(targets: list[Target], rounds: int) -> dict:
    samples: dict[tuple, list[float]] = {}
    calls = []
    for target in targets:
        for sort in SORTS:
            calls += [
                (("selector", sort, target.count), lambda t=target, s=sort: t.selector(s)),
                (("page", sort, target.count), lambda t=target, s=sort: t.page(s)),
                (("api", sort, target.count), lambda t=target, s=sort: t.api(s)),
            ]
        calls.append((("baseline", "count", target.count), target.baseline))
        calls.append((("similar", "hint", target.count), target.similar))
    queries = {key: count_queries(fn) for key, fn in calls}
    for _key, fn in calls:  # warm-up
        fn()
    gc.collect()
    for n in range(rounds):
        order = calls[n % len(calls) :] + calls[: n % len(calls)]
        for key, fn in order:
            samples.setdefault(key, []).append(timed(fn))
    return {key: (statistics.median(values), queries[key]) for key, values in samples.items()}


def explain(target: Target) -> None:
    from django.db import connection

    from ideas.selectors import idea_list_for_board

    sql, params = idea_list_for_board(board=target.board, user=target.viewer, sort="hot")[:PAGE].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
        log(f"\n-- hot, {target.count:,} ideas")
        for (line,) in cursor.fetchall():
            log(line)


# --- main ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description="Ranked board pages over 1,000 and 50,000 ideas.")
    parser.add_argument("--rounds", type=int, default=15, help="runs of each measure (median)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the hot query")
    args = parser.parse_args()
    started = time.perf_counter()
    url = database_url()
    log(f"ideas bench: database {url}, {os.cpu_count()} CPUs, load average {load_average()}")
    prepare(url)

    from _ideas_data import ensure_data
    from django.db import connections
    from django.test import Client

    from accounts.models import User

    try:
        built = ensure_data(log)
        log(
            f"data: {sum(c for _, c in built.boards.values()):,} ideas on {len(built.boards)} boards, "
            f"{built.votes:,} votes ({describe()})"
            + ("; reused" if built.reused else f"; built in {built.seconds:.0f} s")
        )
        viewer = User.objects.get(pk=built.viewer_id)
        client = Client()
        client.force_login(viewer)
        targets = [Target(board_id, count, viewer, client) for board_id, count in built.boards.values()]
        log(f"\n== first page, {args.rounds} runs each, median ms (queries) ==")
        results = run(targets, args.rounds)
        parts = anatomy(targets, args.rounds)
        if args.explain:
            for target in targets:
                explain(target)
    finally:
        connections.close_all()

    small, large = (target.count for target in targets)
    log(f"{'sort':<9} {'measure':<10} {small:>10,} ideas {large:>10,} ideas   large/small")
    ratios: dict[str, list[float]] = {kind: [] for kind in KINDS}

    def row(label: str, kind: str, key_small: tuple, key_large: tuple) -> float:
        (ms_small, q_small), (ms_large, q_large) = results[key_small], results[key_large]
        ratio = ms_large / ms_small
        log(f"{label:<9} {kind:<10} {ms_small:>8.1f} ({q_small:>2}) {ms_large:>10.1f} ({q_large:>2})   {ratio:>8.2f}x")
        return ratio

    for sort in SORTS:
        for kind in KINDS:
            ratios[kind].append(row(sort, kind, (kind, sort, small), (kind, sort, large)))
    baseline = row("votes", "Count()", ("baseline", "count", small), ("baseline", "count", large))
    similar = row("similar", "hint", ("similar", "hint", small), ("similar", "hint", large))
    constant_queries = all(
        results[(kind, sort, small)][1] == results[(kind, sort, large)][1] for kind in KINDS for sort in SORTS
    )
    log(
        "(selector: the page's rows and tags; page: the whole GET /boards/<slug>/; api: GET "
        "/api/v1/boards/<id>/ideas/; votes Count(): the selector ranked by counting votes at query time)"
    )

    log("\n== where a hot page's SQL time goes, median ms ==")
    labels = sorted(
        {label for spent in parts.values() for label in spent}, key=lambda name: -parts[("page", large)].get(name, 0)
    )
    log(f"{'query':<30} {'page ' + format(small, ','):>12} {'page ' + format(large, ','):>12} "
        f"{'API ' + format(small, ','):>12} {'API ' + format(large, ','):>12}")  # fmt: skip
    for label in labels[:8]:
        cells = [parts[(kind, n)].get(label) for kind in ("page", "api") for n in (small, large)]
        log(f"{label[:30]:<30} " + " ".join(f"{c:>12.1f}" if c is not None else f"{'-':>12}" for c in cells))
    growing = sorted(
        ((parts[("page", large)].get(label, 0) - parts[("page", small)].get(label, 0), label) for label in labels),
        reverse=True,
    )[:2]

    ranked = [s for s in SORTS if s != "random"]
    page_hot = results[("page", "hot", large)][0]
    api_hot = results[("api", "hot", large)][0]
    median_ratio = {kind: statistics.median(ratios[kind][: len(ranked)]) for kind in KINDS}
    random_ratio = {kind: ratios[kind][SORTS.index("random")] for kind in KINDS}
    log(f"\n(total {time.perf_counter() - started:.0f} s; load average now {load_average()})")
    log(
        f"SUMMARY ideas: first page of a {large:,}-idea board vs {small:,} ideas (~20 votes each), stored scores "
        f"(hot/top/new/trending, median): selector {median_ratio['selector']:.2f}x, page {median_ratio['page']:.2f}x "
        f"(hot {page_hot:.0f} ms), API {median_ratio['api']:.2f}x (hot {api_hot:.0f} ms); random "
        f"{random_ratio['selector']:.1f}x/{random_ratio['page']:.1f}x/{random_ratio['api']:.1f}x; counting votes at "
        f"query time {results[('baseline', 'count', large)][0]:.0f} ms = {baseline:.0f}x its 1,000-idea time; "
        f"similar-ideas hint {similar:.0f}x; queries constant: {'yes' if constant_queries else 'NO'}; the page "
        f"grows with " + " and ".join(f"{label} (+{ms:.0f} ms)" for ms, label in growing)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
