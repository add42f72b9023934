"""Fan-out latency of Collab's realtime engine (daphne + Redis pub/sub) beside a bare baseline.

    .venv/bin/python bench/realtime.py [--runs 5] [--sizes 100,1000] [--quick]

Sets itself up: a PostgreSQL database of its own (BENCH_DATABASE_URL, default collab_bench), a Redis
DB of its own (BENCH_REDIS_URL, default redis://127.0.0.1:6379/14), a user, a session, one daphne
process and one bare `websockets` + Redis relay (bench/_realtime_baseline.py). Sockets live in one
client process (bench/_realtime_client.py, the same code for both servers); events are published
from other processes (bench/_realtime_publish.py), stamped with time.time() just before the call.

Phases:
1. fan-out: one broadcast at a time to 100 and 1,000 subscribed sockets, interleaved runs (Collab,
   bare, Collab, bare ...); p50/p95/p99 over every (broadcast, socket) delivery, median ratio of p95.
2. 4 concurrent publishers on one topic followed by 1,000 sockets: share of broadcasts that reached
   every socket within 500 ms.
3. exactly once: 10,000 broadcasts from 4 publishers to 100 sockets; every socket must see the ids
   in order, none missing, none twice.
4. churn: rounds of 200 sockets that connect, subscribe and go away (half of them dropped without a
   close frame); Redis keys, pub/sub channels and memory before and after.
"""

import argparse
import contextlib
import math
import multiprocessing
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from array import array
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
for path in (str(REPO), str(BENCH)):
    if path not in sys.path:
        sys.path.insert(0, path)

VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/collab_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
# Redis pub/sub channels are shared by every DB number of a server: a prefix of our own keeps the
# bench's broadcasts apart from a dev server's or the test suite's.
CHANNEL_PREFIX = "collabbench"
BARE_CHANNEL = "collabbench.bare"
TARGET_RATIO = 3.0
TARGET_MS = 500.0
TARGET_SHARE = 95.0


def log(message: str = "") -> None:
    print(message, flush=True)


def raise_open_files_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(sorted_values, p: float) -> float:
    if not sorted_values:
        return math.nan
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(p / 100 * len(sorted_values)) - 1))]


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# --- processes -------------------------------------------------------------------------------------


class Worker:
    """A spawned process obeying (command, kwargs) over a pipe."""

    def __init__(self, name: str, target, *args):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=target, args=(child, *args), name=name, daemon=True)
        self.process.start()
        self.name = name

    def send(self, command: str, **kwargs) -> None:
        self.conn.send((command, kwargs))

    def answer(self, wait_s: float = 600):
        deadline = time.monotonic() + wait_s
        while not self.conn.poll(0.2):
            if not self.process.is_alive():
                raise RuntimeError(f"{self.name} process died (exit code {self.process.exitcode})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not answer within {wait_s} s")
        answer = self.conn.recv()
        if isinstance(answer, dict) and "error" in answer:
            raise RuntimeError(f"{self.name}: {answer['error']}")
        return answer

    def call(self, command: str, **kwargs):
        self.send(command, **kwargs)
        return self.answer()

    def stop(self) -> None:
        if self.process.is_alive():
            with contextlib.suppress(Exception):
                self.conn.send(("quit", {}))
                self.conn.poll(10)
            self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)


class Server:
    """A server subprocess (daphne or the bare relay), stopped even when the bench fails."""

    def __init__(self, name: str, argv: list[str], env: dict, port: int, logdir: str):
        self.name, self.port = name, port
        self.log_path = os.path.join(logdir, f"{name}.log")
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            argv, cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=raise_open_files_limit
        )

    def wait_ready(self, health_url: str | None = None, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                if health_url:
                    with urllib.request.urlopen(health_url, timeout=2):  # noqa: S310 - our own http:// URL
                        return
                else:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready within {timeout} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


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

    os.environ.update({k: env[k] for k in ("DATABASE_URL", "REDIS_URL", "CHANNEL_PREFIX", "DEBUG", "LOG_LEVEL")})
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
    topics = {name: f"person.{person(f'bench-{name}').pk}" for name in ("fanout", "publishers", "order", "churn")}
    Topic.objects.filter(name__in=topics.values()).delete()  # and their events: each run starts at id 1

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(viewer.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = viewer.get_session_auth_hash()
    session.create()
    connections.close_all()
    return session.session_key, topics


# --- phases ----------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args, env: dict, cookie: str, topics: dict, daphne: Server, bare: Server):
        self.args, self.env, self.cookie, self.topics = args, env, cookie, topics
        self.daphne, self.bare = daphne, bare
        self.client: Worker | None = None
        self.publishers: list[Worker] = []

    def start_workers(self, publishers: int) -> None:
        from _realtime_client import client_main
        from _realtime_publish import publisher_main

        self.client = Worker("client", client_main)
        self.publishers = [Worker(f"publisher-{n}", publisher_main, self.env, BARE_CHANNEL) for n in range(publishers)]
        for publisher in self.publishers:
            if publisher.answer(120) != "ready":
                raise RuntimeError("publisher did not start")

    def stop_workers(self) -> None:
        for worker in [self.client, *self.publishers]:
            if worker is not None:
                worker.stop()

    def url(self, system: str) -> tuple[str, str]:
        server = self.daphne if system == "collab" else self.bare
        return f"ws://127.0.0.1:{server.port}/ws/", f"http://127.0.0.1:{server.port}"

    def open(self, system: str, n: int, topic: str) -> dict:
        url, origin = self.url(system)
        opened = self.client.call(
            "open", url=url, n=n, topic=topic, cookie=self.cookie, origin=origin, batch=self.args.connect_batch
        )
        if opened["open"] != n:
            raise RuntimeError(f"{system}: only {opened['open']} of {n} sockets subscribed ({opened['failed']} failed)")
        return opened

    # 1. fan-out ------------------------------------------------------------------------------------

    def fanout_run(self, system: str, size: int, broadcasts: int) -> dict:
        topic = self.topics["fanout"]
        opened = self.open(system, size, topic)
        time.sleep(0.5)
        publisher = self.publishers[0]
        timeouts = 0
        for key in range(1, self.args.warmup + broadcasts + 1):
            if key == self.args.warmup + 1:
                self.client.call("reset")
            publisher.call("publish", system=system, topic=topic, key=key, bare_id=key)
            if not self.client.call("wait", key=key, timeout=10):
                timeouts += 1
            time.sleep(self.args.gap)
        results = self.client.call("results")
        self.client.call("close")
        latencies = array("d")
        latencies.frombytes(results["latencies"])
        values = sorted(latencies)
        # Per broadcast, the time until it had reached its last socket.
        to_all = sorted(latest for _reached, latest in results["broadcasts"].values())
        return {
            "system": system,
            "size": size,
            "connect_s": opened["seconds"],
            "deliveries": len(values),
            "expected": size * broadcasts,
            "timeouts": timeouts,
            "p50": percentile(values, 50) * 1000,
            "p95": percentile(values, 95) * 1000,
            "p99": percentile(values, 99) * 1000,
            "all_p50": percentile(to_all, 50) * 1000,
        }

    def phase_fanout(self) -> dict:
        summary = {}
        for size in self.args.sizes:
            broadcasts = self.args.broadcasts or (20 if size >= 500 else 50)
            log(f"\n== fan-out to {size} sockets: {self.args.runs} interleaved runs x {broadcasts} broadcasts each ==")
            log(
                f"{'run':>3} {'system':<7} {'connect':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                f"{'last-socket p50':>16} {'deliveries':>11}"
            )
            runs = {"collab": [], "bare": []}
            for run in range(1, self.args.runs + 1):
                for system in ("collab", "bare"):
                    stats = self.fanout_run(system, size, broadcasts)
                    runs[system].append(stats)
                    missing = stats["expected"] - stats["deliveries"]
                    log(
                        f"{run:>3} {system:<7} {stats['connect_s']:>7.1f}s {stats['p50']:>8.1f} {stats['p95']:>8.1f} "
                        f"{stats['p99']:>8.1f} {stats['all_p50']:>16.1f} {stats['deliveries']:>11}"
                        + (f"  ({missing} missing)" if missing else "")
                    )
            ratios = [c["p95"] / b["p95"] for c, b in zip(runs["collab"], runs["bare"], strict=True)]
            med = {
                system: {q: statistics.median(r[q] for r in runs[system]) for q in ("p50", "p95", "p99")}
                for system in runs
            }
            summary[size] = {"median": med, "ratio": statistics.median(ratios), "ratios": ratios}
            log(
                f"median p95: collab {med['collab']['p95']:.1f} ms, bare {med['bare']['p95']:.1f} ms; "
                f"p95 ratios {', '.join(f'{r:.2f}' for r in ratios)} -> median {statistics.median(ratios):.2f}x"
            )
        return summary

    # 2. concurrent publishers ------------------------------------------------------------------------

    def phase_publishers(self, system: str) -> dict:
        size, per = self.args.pub_sockets, self.args.pub_broadcasts
        count = len(self.publishers)
        topic = self.topics["publishers"]
        self.open(system, size, topic)
        time.sleep(0.5)
        self.client.call("reset")
        start_at = time.time() + 0.5
        for n, publisher in enumerate(self.publishers):
            keys = [n * 1_000_000 + i for i in range(1, per + 1)]
            publisher.send(
                "burst", system=system, topic=topic, keys=keys, start_at=start_at, gap_mean=self.args.pub_gap, seed=n
            )
        bursts = [publisher.answer() for publisher in self.publishers]
        self.client.call("wait_total", per_socket=count * per, timeout=120, idle=5)
        results = self.client.call("results")
        self.client.call("close")
        total = count * per
        latest = [latest for reached, latest in results["broadcasts"].values() if reached >= size]
        within = sum(1 for value in latest if value * 1000 < TARGET_MS)
        latest.sort()
        seconds = max(b["seconds"] for b in bursts)
        return {
            "system": system,
            "broadcasts": total,
            "within": within,
            "share": 100 * within / total,
            "rate": total / seconds if seconds else math.nan,
            "all_p50": percentile(latest, 50) * 1000,
            "all_p95": percentile(latest, 95) * 1000,
            "complete": len(latest),
        }

    # 3. exactly once --------------------------------------------------------------------------------

    def phase_order(self) -> dict:
        size, total = self.args.order_sockets, self.args.order_broadcasts
        count = len(self.publishers)
        topic = self.topics["order"]
        self.open("collab", size, topic)
        self.client.call("reset")
        started = time.perf_counter()
        per = [total // count + (1 if n < total % count else 0) for n in range(count)]
        start_at = time.time() + 0.3
        first = 1
        for n, publisher in enumerate(self.publishers):
            publisher.send(
                "burst",
                system="collab",
                topic=topic,
                keys=list(range(first, first + per[n])),
                start_at=start_at,
                gap_mean=self.args.order_gap,
                seed=100 + n,
            )
            first += per[n]
        bursts = [publisher.answer() for publisher in self.publishers]
        published_s = max(b["seconds"] for b in bursts)
        complete = self.client.call("wait_total", per_socket=total, timeout=600, idle=15)
        drained_s = time.perf_counter() - started - 0.3
        results = self.client.call("results")
        self.client.call("close")
        received = results["received"]
        # A socket's distinct ids are what it received minus its duplicates.
        lost = max(0, size * total - (sum(received) - results["dup"]))
        return {
            "sockets": size,
            "broadcasts": total,
            "complete": complete,
            "lost": lost,
            "dup": results["dup"],
            "skips": results["skips"],
            "deliveries": sum(received),
            "publish_rate": total / published_s,
            "drained_s": drained_s,
        }

    # 4. churn ---------------------------------------------------------------------------------------

    def redis_figures(self) -> dict:
        import redis

        client = redis.Redis.from_url(self.env["REDIS_URL"])
        try:
            return {
                "keys": client.dbsize(),
                "memory": client.info("memory")["used_memory"],
                "channels": len(client.pubsub_channels(f"{CHANNEL_PREFIX}*")),
                "daphne_rss": rss_kb(self.daphne.process.pid),
            }
        finally:
            client.close()

    def phase_churn(self) -> dict:
        rounds, size = self.args.churn_rounds, self.args.churn_sockets
        topic = self.topics["churn"]
        self.open("collab", size, topic)  # warm-up round: first-use allocations are not a leak
        self.client.call("close", abort_every=2)
        time.sleep(self.args.settle)
        before = self.redis_figures()
        started = time.perf_counter()
        for _ in range(rounds):
            self.open("collab", size, topic)
            self.client.call("close", abort_every=2)
        seconds = time.perf_counter() - started
        time.sleep(self.args.settle)
        after = self.redis_figures()
        return {"rounds": rounds, "sockets": size, "before": before, "after": after, "seconds": seconds}


# --- main ------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Fan-out latency of Collab's realtime engine vs a bare relay.")
    parser.add_argument("--sizes", default="100,1000", help="socket counts for the fan-out phase")
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per system and size")
    parser.add_argument("--broadcasts", type=int, default=0, help="per run (default 50; 20 from 500 sockets)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured broadcasts at the start of each run")
    parser.add_argument("--gap", type=float, default=0.05, help="pause between fan-out broadcasts (s)")
    parser.add_argument("--connect-batch", type=int, default=50, help="sockets connected at once")
    parser.add_argument("--publishers", type=int, default=4)
    parser.add_argument("--pub-sockets", type=int, default=1000)
    parser.add_argument("--pub-broadcasts", type=int, default=25, help="broadcasts per publisher")
    parser.add_argument("--pub-gap", type=float, default=0.2, help="mean pause between one publisher's broadcasts")
    parser.add_argument("--order-sockets", type=int, default=100)
    parser.add_argument("--order-broadcasts", type=int, default=10_000)
    parser.add_argument("--order-gap", type=float, default=0.0, help="mean pause between one publisher's broadcasts")
    parser.add_argument("--churn-rounds", type=int, default=20)
    parser.add_argument("--churn-sockets", type=int, default=200)
    parser.add_argument("--settle", type=float, default=3.0, help="pause before reading Redis figures (s)")
    parser.add_argument("--skip", default="", help="phases to skip: fanout,publishers,order,churn")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 runs, fewer broadcasts and rounds")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.broadcasts, args.pub_broadcasts = 2, 10, 10
        args.order_broadcasts, args.churn_rounds = 1000, 3
    args.sizes = [int(size) for size in args.sizes.split(",") if size]
    args.skip = {phase for phase in args.skip.split(",") if phase}
    return args


def main() -> int:
    args = parse_args()
    raise_open_files_limit()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    env = bench_env(database_url, redis_url)
    started = time.perf_counter()
    log(f"realtime bench: database {database_url}, redis {redis_url}, {os.cpu_count()} CPUs")
    cookie, topics = prepare_database(env)

    logdir = tempfile.mkdtemp(prefix="collab-bench-")
    servers: list[Server] = []
    bench = None
    try:
        port = free_port()
        daphne = Server(
            "daphne",
            [str(VENV_BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "collab.asgi:application"],
            env,
            port,
            logdir,
        )
        servers.append(daphne)
        bare_port = free_port()
        bare = Server(
            "bare",
            [
                str(VENV_BIN / "python"),
                str(BENCH / "_realtime_baseline.py"),
                "--port",
                str(bare_port),
                "--redis",
                redis_url,
                "--channel",
                BARE_CHANNEL,
            ],
            env,
            bare_port,
            logdir,
        )
        servers.append(bare)
        daphne.wait_ready(f"http://127.0.0.1:{port}/healthz")
        bare.wait_ready()
        log(f"daphne pid {daphne.process.pid} on :{port}, bare relay pid {bare.process.pid} on :{bare_port}")
        log("Collab latencies include publish_on_commit's event-log INSERT + COMMIT and the channel layer's PUBLISH;")
        log("the bare baseline's include one Redis PUBLISH only. Latency = receipt at the socket - time.time() stamp.")

        bench = Bench(args, env, cookie, topics, daphne, bare)
        bench.start_workers(args.publishers)
        fanout = bench.phase_fanout() if "fanout" not in args.skip else {}

        publishers = {}
        if "publishers" not in args.skip:
            log(
                f"\n== {args.publishers} concurrent publishers, {args.pub_broadcasts} broadcasts each "
                f"(mean pause {args.pub_gap * 1000:.0f} ms), one topic, {args.pub_sockets} sockets =="
            )
            for system in ("collab", "bare"):
                stats = bench.phase_publishers(system)
                publishers[system] = stats
                log(
                    f"{system:<7} {stats['share']:5.1f}% of {stats['broadcasts']} broadcasts reached all sockets "
                    f"< {TARGET_MS:.0f} ms ({stats['complete']} reached all); time to all sockets p50 "
                    f"{stats['all_p50']:.0f} ms p95 {stats['all_p95']:.0f} ms; {stats['rate']:.1f} broadcasts/s"
                )

        order = {}
        if "order" not in args.skip:
            log(
                f"\n== exactly once: {args.order_broadcasts} broadcasts from {args.publishers} publishers "
                f"to {args.order_sockets} sockets, one topic =="
            )
            order = bench.phase_order()
            log(
                f"lost {order['lost']} dup {order['dup']} out-of-order {order['skips']} "
                f"({order['deliveries']} deliveries of {order['broadcasts'] * order['sockets']}); published at "
                f"{order['publish_rate']:.0f}/s, all delivered after {order['drained_s']:.1f} s"
            )

        churn = {}
        if "churn" not in args.skip:
            log(
                f"\n== churn: {args.churn_rounds} rounds of {args.churn_sockets} sockets that connect, "
                "subscribe and go (half dropped without a close frame) =="
            )
            churn = bench.phase_churn()
            b, a = churn["before"], churn["after"]
            log(
                f"redis keys {b['keys']} -> {a['keys']}, pub/sub channels {b['channels']} -> {a['channels']}, "
                f"used_memory {b['memory'] / 1024:.0f} KB -> {a['memory'] / 1024:.0f} KB, "
                f"daphne RSS {b['daphne_rss'] / 1024:.1f} MB -> {a['daphne_rss'] / 1024:.1f} MB "
                f"({churn['seconds']:.1f} s)"
            )

        log(f"\ntotal {time.perf_counter() - started:.0f} s")
        log(summary_line(args, fanout, publishers, order, churn))
        return 0
    finally:
        if bench is not None:
            bench.stop_workers()
        for server in reversed(servers):
            server.stop()


def summary_line(args, fanout: dict, publishers: dict, order: dict, churn: dict) -> str:
    parts = []
    for size in sorted(fanout, reverse=True):
        med, ratio = fanout[size]["median"], fanout[size]["ratio"]
        verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
        parts.append(
            f"{size} sockets p95 collab {med['collab']['p95']:.1f} ms vs bare {med['bare']['p95']:.1f} ms = "
            f"{ratio:.1f}x (median of {args.runs}, target <= {TARGET_RATIO:.0f}x {verdict})"
        )
    if "collab" in publishers:
        stats = publishers["collab"]
        verdict = "met" if stats["share"] >= TARGET_SHARE else "MISSED"
        parts.append(
            f"{args.publishers} publishers: {stats['share']:.1f}% of broadcasts to all {args.pub_sockets} sockets "
            f"< {TARGET_MS:.0f} ms (target {TARGET_SHARE:.0f}% {verdict})"
        )
    if order:
        parts.append(
            f"lost {order['lost']} dup {order['dup']} out-of-order {order['skips']} of {order['broadcasts']} "
            f"broadcasts x {order['sockets']} sockets"
        )
    if churn:
        b, a = churn["before"], churn["after"]
        parts.append(
            f"redis keys {a['keys'] - b['keys']:+d}, channels {a['channels'] - b['channels']:+d}, "
            f"memory {(a['memory'] - b['memory']) / 1024:+.0f} KB after {churn['rounds']}x{churn['sockets']} churn"
        )
    return "realtime: " + "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
