"""Fan-out latency of Collab's realtime engine (daphne + Redis pub/sub) beside a bare baseline.

    .venv/bin/python bench/realtime.py [--runs 5] [--sizes 100,1000] [--quick] [--skip churn]

Sets itself up: a PostgreSQL database of its own (BENCH_DATABASE_URL, default collab_bench), a Redis
DB of its own (BENCH_REDIS_URL, default redis://127.0.0.1:6379/14), a user and a session, one daphne
process, and the bare baseline: a `websockets` server relaying a Redis pub/sub channel
(bench/_realtime_baseline.py). Sockets live in one client process (bench/_realtime_client.py, the
same code for both servers); events come from other processes (bench/_realtime_publish.py), stamped
with time.time() just before the call. Latency = receipt at the socket - stamp.

Phases:
1. fan-out: N sockets on each server (100, then 1,000); runs alternate Collab, bare, Collab, bare
   ...; in a run, one broadcast at a time, each waited for at every socket. p50/p95/p99 over all
   (broadcast, socket) deliveries; the figure is the median over runs of p95(Collab) / p95(bare).
2. 4 concurrent publishers on one topic followed by 1,000 sockets, at the moments of a Poisson
   process of 4, then 8 broadcasts/s: the share of broadcasts that reached every socket within 500 ms.
3. exactly once: 10,000 broadcasts from 4 publishers on one topic; every socket must get ids
   last+1 ... last+10,000, in order, none missing, none twice.
4. churn: rounds of sockets that connect, subscribe and go (half dropped without a close frame);
   Redis keys, pub/sub channels and used_memory before and after.
"""

import argparse
import os
import shutil
import signal
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

from _realtime_phases import BARE_CHANNEL, CHANNEL_PREFIX, SYSTEMS, TARGET_MS, Bench, log  # noqa: E402
from _realtime_procs import Server, SpawnedServer, free_port, raise_open_files_limit  # noqa: E402

VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/collab_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
TARGET_RATIO = 3.0
TARGET_SHARE = 95.0


# --- setup -----------------------------------------------------------------------------------------


def bench_env(database_url: str, redis_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW", "COLLAB_TESTING"))}
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CHANNEL_PREFIX=CHANNEL_PREFIX,
        CACHE_KEY_PREFIX=CHANNEL_PREFIX,
        DJANGO_SETTINGS_MODULE="collab.settings",
        DEBUG="false",
        LOG_LEVEL="WARNING",
    )
    return env


def prepare_database(env: dict) -> tuple[str, dict]:
    """Create and migrate the bench database; return a session cookie and the topics to follow."""
    python = str(VENV_BIN / "python")
    for argv in (["manage.py", "ensure_database"], ["manage.py", "migrate", "--noinput", "-v", "0"]):
        subprocess.run([python, *argv], cwd=REPO, env=env, check=True)

    for name in ("DATABASE_URL", "REDIS_URL", "CHANNEL_PREFIX", "CACHE_KEY_PREFIX", "DEBUG", "LOG_LEVEL"):
        os.environ[name] = env[name]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collab.settings")
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db import connections

    from accounts.models import User
    from collab.realtime.models import Topic

    def person(username: str) -> User:
        user, _created = User.objects.get_or_create(username=username, defaults={"first_name": "Bench"})
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        return user

    viewer = person("bench-viewer")
    topics = {name: f"person.{person(f'bench-{name}').pk}" for name in ("fanout", "order")}
    # Churn is about what connecting and leaving leaves behind: the topic with the cheapest access check.
    topics["churn"] = f"user.{viewer.pk}"
    Topic.objects.filter(name__in=topics.values()).delete()  # and their events

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(viewer.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = viewer.get_session_auth_hash()
    session.create()
    connections.close_all()
    return session.session_key, topics


# --- main ------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Fan-out latency of Collab's realtime engine vs a bare relay.")
    parser.add_argument("--sizes", default="100,1000", help="socket counts of the fan-out phase")
    parser.add_argument("--runs", type=int, default=5, help="runs per server and size, interleaved")
    parser.add_argument("--broadcasts", type=int, default=0, help="per run (default 30; 20 from 500 sockets)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured broadcasts at the start of each run")
    parser.add_argument("--gap", type=float, default=0.05, help="pause after each fan-out broadcast (s)")
    parser.add_argument("--connect-batch", type=int, default=50, help="sockets connecting at once")
    parser.add_argument("--publishers", type=int, default=4)
    parser.add_argument("--pub-sockets", type=int, default=1000)
    parser.add_argument("--pub-broadcasts", type=int, default=60, help="per rate, shared by the publishers")
    parser.add_argument("--pub-rates", default="4,8", help="broadcasts per second of all publishers together")
    parser.add_argument("--order-sockets", type=int, default=100)
    parser.add_argument("--order-broadcasts", type=int, default=10_000)
    parser.add_argument("--order-rate", type=float, default=0.0, help="broadcasts/s, all publishers (0: flat out)")
    parser.add_argument("--churn-rounds", type=int, default=20)
    parser.add_argument("--churn-sockets", type=int, default=200)
    parser.add_argument("--settle", type=float, default=3.0, help="pause before reading Redis figures (s)")
    parser.add_argument("--skip", default="", help="phases to skip: fanout,publishers,order,churn")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 runs, fewer broadcasts and rounds")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.broadcasts, args.pub_broadcasts = 2, 10, 40
        args.order_broadcasts, args.churn_rounds = 1000, 3
    args.sizes = [int(size) for size in args.sizes.split(",") if size]
    args.pub_rates = [float(rate) for rate in args.pub_rates.split(",") if rate]
    args.skip = {phase for phase in args.skip.split(",") if phase}
    return args


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def start_servers(env: dict, logdir: str, servers: dict) -> None:
    """daphne (the command of `make web`) and the bare relay, added to `servers` as they start so
    that main() stops whatever did start."""
    port = free_port()
    servers["collab"] = Server(
        "daphne",
        [str(VENV_BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "collab.asgi:application"],
        cwd=REPO,
        env=env,
        port=port,
        logdir=logdir,
    )
    from _realtime_baseline import baseline_main

    bare_port = free_port()
    servers["bare"] = SpawnedServer("bare", baseline_main, bare_port, env["REDIS_URL"], BARE_CHANNEL, port=bare_port)
    servers["collab"].wait_ready(f"http://127.0.0.1:{port}/healthz")
    servers["bare"].wait_ready()


def main() -> int:
    args = parse_args()
    # Stop the servers and workers (finally: below) on Ctrl-C and on `kill`, even when started in
    # the background, where a shell leaves SIGINT ignored.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    raise_open_files_limit()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    env = bench_env(database_url, redis_url)
    started = time.perf_counter()
    log(
        f"realtime bench: database {database_url}, redis {redis_url}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    cookie, topics = prepare_database(env)

    logdir = tempfile.mkdtemp(prefix="collab-bench-")
    servers: dict[str, Server | SpawnedServer] = {}
    bench = None
    done = False
    try:
        start_servers(env, logdir, servers)
        log(
            f"daphne pid {servers['collab'].process.pid} on :{servers['collab'].port}, bare relay pid "
            f"{servers['bare'].process.pid} on :{servers['bare'].port}"
        )
        log("Collab latencies include publish_on_commit's event-log INSERT + COMMIT and the channel layer's PUBLISH;")
        log("the bare baseline's include one Redis PUBLISH only.")
        bench = Bench(args, env, cookie, topics, servers)
        bench.start_workers()
        results = {"fanout": {}, "publishers": {}, "order": {}, "churn": {}}
        if "fanout" not in args.skip:
            results["fanout"] = bench.phase_fanout()
        if "publishers" not in args.skip:
            log(
                f"\n== {args.publishers} concurrent publishers on one topic followed by {args.pub_sockets} sockets, "
                f"{args.pub_broadcasts} broadcasts at random moments, at each rate (all publishers together) =="
            )
            for system in SYSTEMS:
                for rate in args.pub_rates:
                    stats = results["publishers"][system, rate] = bench.phase_publishers(system, rate)
                    log(
                        f"{system:<7} {rate:4g}/s: {stats['share']:5.1f}% reached all sockets < {TARGET_MS:.0f} ms "
                        f"({stats['complete']} of {args.pub_broadcasts} reached all); to the last socket p50 "
                        f"{stats['p50']:.0f} ms, p95 {stats['p95']:.0f} ms, max {stats['max']:.0f} ms "
                        f"(published at {stats['rate']:.1f}/s)"
                    )
                bench.client.call("close", name=f"fanout-{system}")
        if "order" not in args.skip:
            log(
                f"\n== exactly once: {args.order_broadcasts} broadcasts from {args.publishers} publishers on one "
                f"topic to {args.order_sockets} sockets =="
            )
            order = results["order"] = bench.phase_order()
            log(
                f"lost {order['lost']} dup {order['dup']} out-of-order {order['skips']} ({order['deliveries']} "
                f"deliveries of {args.order_broadcasts * args.order_sockets}); published at "
                f"{order['publish_rate']:.0f}/s, all delivered after {order['drained_s']:.1f} s "
                f"(latency p50 {order['p50']:.0f} ms, p99 {order['p99']:.0f} ms)"
            )
        if "churn" not in args.skip:
            log(
                f"\n== churn: {args.churn_rounds} rounds of {args.churn_sockets} sockets that connect, subscribe "
                "and go, half of them dropped without a close frame =="
            )
            churn = results["churn"] = bench.phase_churn()
            b, a = churn["before"], churn["after"]
            log(
                f"redis keys {b['keys']} -> {a['keys']}, pub/sub channels {b['channels']} -> {a['channels']}, "
                f"used_memory {b['memory'] / 1024:.0f} KB -> {a['memory'] / 1024:.0f} KB, "
                f"daphne RSS {b['daphne_rss'] / 1024:.1f} MB -> {a['daphne_rss'] / 1024:.1f} MB "
                f"({churn['seconds']:.1f} s)"
            )
        log(f"\ntotal {time.perf_counter() - started:.0f} s, load {os.getloadavg()[0]:.1f}")
        log(summary_line(args, results))
        done = True
        return 0
    finally:
        if bench is not None:
            bench.stop_workers()
        for server in servers.values():
            server.stop()
        if done:
            shutil.rmtree(logdir, ignore_errors=True)
        else:
            log(f"daphne's output is in {logdir}")


def summary_line(args, results: dict) -> str:
    parts = []
    for size, figures in sorted(results["fanout"].items(), reverse=True):
        median, ratio = figures["median"], figures["ratio"]
        verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
        parts.append(
            f"{size} sockets p95 collab {median['collab']['p95']:.1f} ms vs bare {median['bare']['p95']:.1f} ms = "
            f"{ratio:.1f}x (median of {args.runs}; target <= {TARGET_RATIO:.0f}x {verdict})"
        )
    shares = [(rate, stats["share"]) for (system, rate), stats in results["publishers"].items() if system == "collab"]
    if shares:
        verdicts = ", ".join(
            f"{share:.1f}% at {rate:g}/s ({'met' if share >= TARGET_SHARE else 'MISSED'})" for rate, share in shares
        )
        parts.append(
            f"{args.publishers} publishers: broadcasts to all {args.pub_sockets} sockets < {TARGET_MS:.0f} ms "
            f"{verdicts} (target {TARGET_SHARE:.0f}%)"
        )
    if order := results["order"]:
        verdict = "met" if order["lost"] == order["dup"] == order["skips"] == 0 else "MISSED"
        parts.append(
            f"lost {order['lost']} dup {order['dup']} out-of-order {order['skips']} of {args.order_broadcasts} "
            f"x {args.order_sockets} sockets ({verdict})"
        )
    if churn := results["churn"]:
        b, a = churn["before"], churn["after"]
        parts.append(
            f"redis keys {a['keys'] - b['keys']:+d}, channels {a['channels'] - b['channels']:+d}, memory "
            f"{(a['memory'] - b['memory']) / 1024:+.0f} KB after {args.churn_rounds}x{args.churn_sockets} churn"
        )
    return "realtime: " + "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
