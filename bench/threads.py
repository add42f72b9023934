"""Thread pages and search at size: a 10,000-reply thread and 100,000 posts on PostgreSQL.

    .venv/bin/python bench/threads.py [--rounds 40] [--search-rounds 15] [--explain]

Sets itself up: a PostgreSQL database of its own (BENCH_DATABASE_URL, default collab_bench_threads),
created and migrated by manage.py in a subprocess, then filled once by bench/_threads_data.py (one
to two minutes; later runs reuse it): 7 spaces, 2,000 threads, 100,000 posts of generated English with
search vectors, one thread of 10,000 replies in a tree up to 20 deep. The rest runs in this process,
embedded mode (no Redis) unless BENCH_REDIS_URL is set, against that database.

Phases:
1. thread page, first page of the 10,000-reply thread: the whole view (django.test.Client GET, signed
   in), the selector threads.selectors.thread_page, and a flat fetch of the same rows from
   threads_post alone (ORM `pk__in`, and raw SQL), interleaved; p50/p95, queries, ratio tree/flat.
2. search: threads.search.post_search_for_user for 20 queries (rare, topical and common words,
   phrases, websearch operators, a space filter, an author filter) as one client, p50/p95/p99,
   beside a bare single-table `search_vector @@ websearch_to_tsquery(...) LIMIT 20` for the same text.
The last line sums it up.
"""

import argparse
import gc
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
for path in (str(REPO), str(BENCH)):
    if path not in sys.path:
        sys.path.insert(0, path)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/collab_bench_threads"
TARGET_TREE_RATIO = 1.5
TARGET_SELECTOR_QUERIES = 6
TARGET_SEARCH_P95_MS = 100.0

# (kind, query, space slug or None, author username or "")
QUERIES = [
    ("rare", "quokka", None, ""),
    ("rare", "axolotl", None, ""),
    ("rare", "narwhal meridian", None, ""),
    ("topical", "terraform", None, ""),
    ("topical", "payroll", None, ""),
    ("topical", "postmortem", None, ""),
    ("topical", "onboarding survey", None, ""),
    ("common", "team", None, ""),
    ("common", "think", None, ""),
    ("common", "proposal review", None, ""),
    ("common", "people", None, ""),
    ("phrase", '"load balancer"', None, ""),
    ("phrase", '"code review"', None, ""),
    ("phrase", '"spot instances"', None, ""),
    ("operators", "deploy -friday", None, ""),
    ("operators", "outage or rollback", None, ""),
    ("space", "latency", "bench-platform", ""),
    ("space", "meeting", "bench-engineering", ""),
    ("space", "budget", "bench-finance", ""),  # a department space the reader is not in: nothing
    ("author", "migration", None, "bench-u07"),
]


def log(message: str = "") -> None:
    print(message, flush=True)


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return math.nan
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(p / 100 * len(sorted_values)) - 1))]


def stats(samples: list[float]) -> dict:
    values = sorted(samples)
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "mean": statistics.fmean(values),
        "n": len(values),
    }


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def timed(fn) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


# --- setup -----------------------------------------------------------------------------------------


def prepare(database_url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW", "COLLAB_TESTING"))}
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="collab.settings", DEBUG="false", LOG_LEVEL="WARNING")
    python = str(Path(sys.executable).parent / "python")
    for argv in (["manage.py", "ensure_database"], ["manage.py", "migrate", "--noinput", "-v", "0"]):
        subprocess.run([python, *argv], cwd=REPO, env=env, check=True)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()


def describe_data(built) -> dict:
    from django.db import connection

    from threads.models import Post

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('threads_post'))")
        size = cursor.fetchone()[0]
    big = Post.objects.filter(thread_id=built.big_thread_id)
    return {
        "posts": Post.objects.count(),
        "threads": Post.objects.filter(depth=0).count(),
        "big_replies": big.filter(depth__gt=0).count(),
        "big_top_level": big.filter(depth=1).count(),
        "big_max_depth": max(big.values_list("depth", flat=True)),
        "pg": version.split()[0],
        "table_size": size,
    }


# --- phase 1: thread page --------------------------------------------------------------------------


def phase_page(built, rounds: int, explain: bool) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from threads.models import Post
    from threads.selectors import thread_get_for_user, thread_page, thread_page_rows

    viewer = User.objects.get(pk=built.viewer_id)
    url = f"/threads/{built.big_thread_id}/"
    client = Client()
    client.force_login(viewer)
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    # Not CaptureQueriesContext: the request_started signal empties the query log it reads.
    view_queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: view_queries.append(sql) or execute(sql, *args)):
        response = client.get(url)
    html_kb = len(response.content) / 1024

    with CaptureQueriesContext(connection) as ctx:
        thread = thread_get_for_user(thread_id=built.big_thread_id, user=viewer)
        page = thread_page(thread=thread, user=viewer)
    selector_queries = len(ctx) - 1  # the first one is thread_get_for_user
    ids = [post.pk for post in page.posts]
    depths = [post.depth for post in page.posts]

    def tree():
        thread_page(thread=thread, user=viewer)

    def rows():
        thread_page_rows(thread=thread, user=viewer)

    def flat_orm():
        list(Post.objects.filter(pk__in=ids))

    last_path = page.posts[-1].path

    def flat_range():
        list(Post.objects.filter(thread_id=thread.pk, path__lte=last_path).order_by("path"))

    def flat_sql():
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM threads_post WHERE id = ANY(%s)", [ids])
            cursor.fetchall()

    def view():
        client.get(url)

    samples: dict[str, list[float]] = {
        "view": [], "tree": [], "tree_fetch": [], "flat_orm": [], "flat_range": [], "flat_sql": []
    }  # fmt: skip
    steps = [
        ("tree", tree),
        ("tree_fetch", rows),
        ("flat_orm", flat_orm),
        ("flat_range", flat_range),
        ("flat_sql", flat_sql),
    ]
    for _ in range(rounds):
        samples["view"].append(timed(view))
    for step in steps:
        step[1]()
    gc.collect()
    # Paired ratios: tree and flat fetches run side by side in each round (rotating order), so a
    # busy moment on the machine slows both; the ratio is the median of the per-round ratios.
    paired: dict[str, list[float]] = {"flat_orm": [], "flat_sql": [], "tree_fetch": []}
    for n in range(rounds * 2):
        order = steps[n % len(steps) :] + steps[: n % len(steps)]
        spent = dict.fromkeys(samples, 0.0)
        for name, fn in order * 2:
            ms = timed(fn)
            samples[name].append(ms)
            spent[name] += ms
        for name in ("flat_orm", "flat_sql"):
            paired[name].append(spent["tree"] / spent[name])
        paired["tree_fetch"].append(spent["tree_fetch"] / spent["flat_orm"])

    result = {name: stats(values) for name, values in samples.items()}
    result.update(
        rows=len(ids),
        depth_max=max(depths),
        top_level=depths.count(1),
        pages=page.page_count,
        selector_queries=selector_queries,
        view_queries=len(view_queries),
        html_kb=html_kb,
        ratio=statistics.median(paired["flat_orm"]),
        ratio_sql=statistics.median(paired["flat_sql"]),
        ratio_rows=statistics.median(paired["tree_fetch"]),
    )
    log(
        f"first page: {len(ids)} posts ({depths.count(1)} top-level replies with their sub-trees, depth up "
        f"to {max(depths)}), page 1 of {page.page_count}, {html_kb:.0f} KiB of HTML"
    )
    log(f"queries: view {len(view_queries)}, thread_page {selector_queries} (+1 for thread_get_for_user)")
    for name, label in (
        ("view", "view GET (whole request)"),
        ("tree", "thread_page (whole page)"),
        ("tree_fetch", "tree fetch (thread_page_rows)"),
        ("flat_orm", "flat ORM pk__in, 1 table"),
        ("flat_range", "flat ORM path range, 1 table"),
        ("flat_sql", "flat raw SQL, 1 table"),
    ):
        s = result[name]
        log(f"  {label:<28} p50 {s['p50']:7.2f} ms  p95 {s['p95']:7.2f} ms  ({s['n']} runs)")
    log(
        f"tree fetch / flat ORM pk__in (median of paired rounds): {result['ratio_rows']:.2f}x "
        f"(target <= {TARGET_TREE_RATIO}x); whole thread_page (+ authors, reactions) / flat: {result['ratio']:.2f}x; "
        f"/ flat raw SQL: {result['ratio_sql']:.2f}x"
    )
    if explain:
        for sql in ctx.captured_queries[1:3]:
            explain_analyze(sql["sql"])
    return result


# --- phase 2: search -------------------------------------------------------------------------------


def phase_search(built, rounds: int, explain: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from threads.search import post_search_for_user

    viewer = User.objects.get(pk=built.viewer_id)
    bare_sql = "SELECT id FROM threads_post WHERE search_vector @@ websearch_to_tsquery('english', %s) LIMIT 20"

    def search(entry):
        _kind, query, space, author = entry
        space_id = built.space_ids[space] if space else None
        return post_search_for_user(user=viewer, query=query, space_id=space_id, author=author)

    def bare(entry):
        with connection.cursor() as cursor:
            cursor.execute(bare_sql, [entry[1]])
            return cursor.fetchall()

    hits, matches, captured = {}, {}, {}
    with connection.cursor() as cursor:
        for entry in QUERIES:
            cursor.execute(
                "SELECT count(*) FROM threads_post WHERE search_vector @@ websearch_to_tsquery('english', %s)",
                [entry[1]],
            )
            matches[entry] = cursor.fetchone()[0]
            with CaptureQueriesContext(connection) as ctx:
                hits[entry] = len(search(entry))
            captured[entry] = ctx.captured_queries[-1]["sql"] if ctx.captured_queries else ""
            bare(entry)

    per_query: dict = {entry: {"search": [], "bare": []} for entry in QUERIES}
    rng = random.Random(7)
    gc.collect()
    for n in range(rounds):
        entries = QUERIES[:]
        rng.shuffle(entries)
        for entry in entries:
            pair = [("search", search), ("bare", bare)]
            for name, fn in pair if n % 2 else pair[::-1]:
                per_query[entry][name].append(timed(lambda fn=fn, entry=entry: fn(entry)))

    all_search = [v for entry in QUERIES for v in per_query[entry]["search"]]
    all_bare = [v for entry in QUERIES for v in per_query[entry]["bare"]]
    result = {"search": stats(all_search), "bare": stats(all_bare)}
    log(f"{'kind':<10} {'query':<22} {'filter':<18} {'matches':>7} {'hits':>4}  search p50/p95 ms   bare p50 ms")
    for entry in QUERIES:
        kind, query, space, author = entry
        s, b = stats(per_query[entry]["search"]), stats(per_query[entry]["bare"])
        where = f"space {space[6:]}" if space else (f"author {author}" if author else "")
        log(
            f"{kind:<10} {query:<22} {where:<18} {matches[entry]:>7} {hits[entry]:>4}  "
            f"{s['p50']:7.2f} / {s['p95']:7.2f}    {b['p50']:7.2f}"
        )
    s, b = result["search"], result["bare"]
    result["ratio_p95"] = s["p95"] / b["p95"]
    result["ratio_p50"] = s["p50"] / b["p50"]
    slowest = max(QUERIES, key=lambda entry: statistics.median(per_query[entry]["search"]))
    result["slowest"] = (slowest[1], statistics.median(per_query[slowest]["search"]))
    log(
        f"post_search_for_user, {s['n']} searches: p50 {s['p50']:.2f} ms  p95 {s['p95']:.2f} ms  "
        f"p99 {s['p99']:.2f} ms (target p95 < {TARGET_SEARCH_P95_MS:.0f} ms)"
    )
    log(f"bare single-table @@ LIMIT 20: p50 {b['p50']:.2f} ms  p95 {b['p95']:.2f} ms  p99 {b['p99']:.2f} ms")
    log(f"search / bare: p50 {result['ratio_p50']:.1f}x  p95 {result['ratio_p95']:.1f}x")
    log("(matches: posts matching in the whole table, before permissions and filters; hits: what the reader gets)")
    if explain:
        explain_analyze(captured[slowest])
    return result


def explain_analyze(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, VERBOSE) {sql}")
        log(f"\n-- {sql[:300]}")
        for (line,) in cursor.fetchall():
            log(line)


# --- main ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description="Thread page and search latency on 100,000 posts.")
    parser.add_argument("--rounds", type=int, default=40, help="thread page: view runs (4x as many fetches)")
    parser.add_argument("--search-rounds", type=int, default=15, help="search: rounds of the 20 queries")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the main queries")
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    started = time.perf_counter()
    log(f"threads bench: database {database_url}, {os.cpu_count()} CPUs, load average {load_average()}")
    prepare(database_url)

    from _threads_data import ensure_data
    from django.db import connections

    try:
        built = ensure_data(log)
        data = describe_data(built)
        log(
            f"data: {data['posts']:,} posts in {data['threads']:,} threads (threads_post {data['table_size']}, "
            f"PostgreSQL {data['pg']}); big thread {data['big_replies']:,} replies, {data['big_top_level']} "
            f"top-level, depth up to {data['big_max_depth']}"
            + (f"; built in {built.seconds:.0f} s" if not built.reused else "; reused")
        )
        log("\n== 1. first page of the 10,000-reply thread ==")
        page = phase_page(built, args.rounds, args.explain)
        log(f"\n== 2. search over {data['posts']:,} posts, 20 queries x {args.search_rounds} rounds, one client ==")
        search = phase_search(built, args.search_rounds, args.explain)
    finally:
        connections.close_all()
    log(f"\n(total {time.perf_counter() - started:.0f} s; load average now {load_average()})")
    v, t, r, f = page["view"], page["tree"], page["tree_fetch"], page["flat_orm"]
    s, b = search["search"], search["bare"]
    ratio_ok = page["ratio_rows"] <= TARGET_TREE_RATIO
    queries_ok = page["selector_queries"] <= TARGET_SELECTOR_QUERIES
    search_ok = s["p95"] < TARGET_SEARCH_P95_MS
    log(
        f"SUMMARY threads: page 1 of the 10k-reply thread ({page['rows']} posts): view p50 {v['p50']:.0f} ms "
        f"p95 {v['p95']:.0f} ms; tree fetch p50 {r['p50']:.1f} ms = {page['ratio_rows']:.2f}x the flat fetch "
        f"({f['p50']:.1f} ms; target <= {TARGET_TREE_RATIO}x: {'ok' if ratio_ok else 'MISSED'}); whole thread_page "
        f"{t['p50']:.1f} ms = {page['ratio']:.2f}x, {page['selector_queries']} queries "
        f"(<= {TARGET_SELECTOR_QUERIES}: {'ok' if queries_ok else 'MISSED'}) | "
        f"search {data['posts']:,} posts: p50 {s['p50']:.1f} p95 {s['p95']:.1f} p99 {s['p99']:.1f} ms "
        f"(p95 < {TARGET_SEARCH_P95_MS:.0f}: {'ok' if search_ok else 'MISSED'}), {search['ratio_p95']:.0f}x the "
        f"bare single-table query's p95 ({b['p95']:.1f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
