"""The phases of bench/realtime.py: fan-out, concurrent publishers, exactly once, churn."""

import math
import random
import statistics
import time
from array import array

from _realtime_procs import Worker, cpu_seconds, rss_kb

# Redis pub/sub channels are shared by every DB number of a server: a prefix of our own keeps the
# bench's broadcasts apart from a dev server's or the test suite's.
CHANNEL_PREFIX = "collabbench"
BARE_CHANNEL = "bench-realtime-bare"  # outside CHANNEL_PREFIX: the pub/sub channel count is Collab's alone
TARGET_MS = 500.0
SYSTEMS = ("collab", "bare")


def log(message: str = "") -> None:
    print(message, flush=True)


def percentile(sorted_values, p: float) -> float:
    if not sorted_values:
        return math.nan
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(p / 100 * len(sorted_values)) - 1))]


# --- phases ----------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args, env: dict, cookie: str, topics: dict, servers: dict):
        self.args, self.env, self.cookie, self.topics, self.servers = args, env, cookie, topics, servers
        self.client: Worker | None = None
        self.publishers: list[Worker] = []
        self.key = 0  # data.n of the last broadcast: unique over the whole bench
        self.bare_ids: dict[str, int] = {}  # the bare relay has no log: the publisher numbers events

    def start_workers(self) -> None:
        from _realtime_client import client_main
        from _realtime_publish import publisher_main

        self.client = Worker("client", client_main)
        self.publishers = [
            Worker(f"publisher-{n}", publisher_main, self.env, BARE_CHANNEL) for n in range(self.args.publishers)
        ]
        for publisher in self.publishers:
            if publisher.answer(120) != "ready":
                raise RuntimeError("publisher did not start")

    def stop_workers(self) -> None:
        for worker in [self.client, *self.publishers]:
            if worker is not None:
                worker.stop()

    def open(self, name: str, system: str, n: int, topic: str) -> dict:
        port = self.servers[system].port
        opened = self.client.call(
            "open",
            name=name,
            url=f"ws://127.0.0.1:{port}/ws/",
            n=n,
            topic=topic,
            cookie=self.cookie,
            origin=f"http://127.0.0.1:{port}",
            batch=self.args.connect_batch,
        )
        if opened["open"] != n:
            raise RuntimeError(f"{system}: only {opened['open']} of {n} sockets subscribed ({opened['failed']} failed)")
        self.bare_ids[name] = 0
        return opened

    def latencies(self, results: dict) -> list[float]:
        values = array("d")
        values.frombytes(results["latencies"])
        return sorted(values)

    # 1. fan-out ------------------------------------------------------------------------------------

    def fanout_run(self, system: str, name: str, size: int, broadcasts: int) -> dict:
        topic, publisher = self.topics["fanout"], self.publishers[0]
        server = self.servers[system].process.pid
        calls = []
        for n in range(self.args.warmup + broadcasts):
            if n == self.args.warmup:
                self.client.call("reset")
                calls.clear()
                cpu = cpu_seconds(server)
            self.key += 1
            self.bare_ids[name] += 1
            calls.append(
                publisher.call("publish", system=system, topic=topic, key=self.key, bare_id=self.bare_ids[name])
            )
            self.client.call("wait", name=name, key=self.key, timeout=10)  # a miss shows as missing deliveries
            time.sleep(self.args.gap)
        cpu = cpu_seconds(server) - cpu
        results = self.client.call("results", name=name)
        values = self.latencies(results)
        # Per broadcast: the time until it reached its first socket, and its last.
        first = sorted(entry[2] for entry in results["broadcasts"].values())
        last = sorted(entry[1] for entry in results["broadcasts"].values())
        return {
            "deliveries": len(values),
            "missing": size * broadcasts - len(values),
            "p50": percentile(values, 50) * 1000,
            "p95": percentile(values, 95) * 1000,
            "p99": percentile(values, 99) * 1000,
            "call": statistics.median(calls) * 1000,
            "first": percentile(first, 50) * 1000,
            "last": percentile(last, 50) * 1000,
            "cpu": cpu / broadcasts * 1000,
        }

    def phase_fanout(self) -> dict:
        summary = {}
        for size in self.args.sizes:
            broadcasts = self.args.broadcasts or (20 if size >= 500 else 30)
            log(f"\n== fan-out to {size} sockets: {self.args.runs} runs per server, {broadcasts} broadcasts each ==")
            for system in SYSTEMS:
                opened = self.open(f"fanout-{system}", system, size, self.topics["fanout"])
                log(f"{system}: {size} sockets connected and subscribed in {opened['seconds']:.1f} s")
            time.sleep(1)
            log(
                f"{'run':>3} {'server':<7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                f"{'publish':>8} {'first':>8} {'last':>8} {'cpu ms':>7} {'deliveries':>11}"
            )
            runs = {system: [] for system in SYSTEMS}
            for run in range(1, self.args.runs + 1):
                for system in SYSTEMS:
                    stats = self.fanout_run(system, f"fanout-{system}", size, broadcasts)
                    runs[system].append(stats)
                    log(
                        f"{run:>3} {system:<7} {stats['p50']:>8.1f} {stats['p95']:>8.1f} {stats['p99']:>8.1f} "
                        f"{stats['call']:>8.1f} {stats['first']:>8.1f} {stats['last']:>8.1f} {stats['cpu']:>7.1f} "
                        f"{stats['deliveries']:>11}" + (f"  ({stats['missing']} missing)" if stats["missing"] else "")
                    )
            if size != self.args.pub_sockets or "publishers" in self.args.skip:
                for system in SYSTEMS:
                    self.client.call("close", name=f"fanout-{system}")
            ratios = [c["p95"] / b["p95"] for c, b in zip(runs["collab"], runs["bare"], strict=True)]
            median = {
                system: {q: statistics.median(r[q] for r in runs[system]) for q in ("p50", "p95", "p99")}
                for system in SYSTEMS
            }
            summary[size] = {"median": median, "ratio": statistics.median(ratios)}
            log(
                f"median p50/p95/p99 ms: collab {median['collab']['p50']:.1f}/{median['collab']['p95']:.1f}/"
                f"{median['collab']['p99']:.1f}, bare {median['bare']['p50']:.1f}/{median['bare']['p95']:.1f}/"
                f"{median['bare']['p99']:.1f}; p95 ratio per run {', '.join(f'{r:.2f}' for r in ratios)} "
                f"-> median {statistics.median(ratios):.2f}x"
            )
        log(
            "(publish: the publisher's call, stamp to return; first/last: median time for a broadcast to reach "
            "its first/last socket; cpu: server process CPU time per broadcast, daphne or the bare relay)"
        )
        return summary

    # 2. concurrent publishers ------------------------------------------------------------------------

    def publish_concurrently(self, system: str, topic: str, total: int, rate: float, seed: int) -> list[dict]:
        """`total` broadcasts dealt in turn to the publishers. With a rate: at the moments of a Poisson
        process of that rate (all publishers together), scaled to last exactly total / rate seconds;
        without: each publisher back to back."""
        offsets = None
        if rate:
            rng, moment, offsets = random.Random(seed), 0.0, []
            for _ in range(total):
                offsets.append(moment)
                moment += rng.expovariate(rate)
            offsets = [offset * (total / rate) / moment for offset in offsets]
        count = len(self.publishers)
        start_at = time.time() + 0.5
        for n, publisher in enumerate(self.publishers):
            mine = range(n, total, count)
            publisher.send(
                "burst",
                system=system,
                topic=topic,
                keys=[self.key + 1 + i for i in mine],
                start_at=start_at,
                offsets=[offsets[i] for i in mine] if offsets else None,
            )
        self.key += total
        return [publisher.answer() for publisher in self.publishers]

    def phase_publishers(self, system: str, rate: float) -> dict:
        size, total = self.args.pub_sockets, self.args.pub_broadcasts
        name, topic = f"fanout-{system}", self.topics["fanout"]  # the fan-out phase's sockets, if still open
        if not self.client.call("count", name=name):
            self.open(name, system, size, topic)
            time.sleep(1)
        self.client.call("reset")
        bursts = self.publish_concurrently(system, topic, total, rate, seed=int(rate * 10))
        self.client.call("wait_total", name=name, per_socket=total, timeout=120, idle=5)
        results = self.client.call("results", name=name)
        time.sleep(1)
        to_all = sorted(entry[1] for entry in results["broadcasts"].values() if entry[0] >= size)
        within = sum(1 for value in to_all if value * 1000 < TARGET_MS)
        seconds = max(burst["seconds"] for burst in bursts)
        return {
            "within": within,
            "share": 100 * within / total,
            "rate": total / seconds if seconds else math.nan,
            "complete": len(to_all),
            "p50": percentile(to_all, 50) * 1000,
            "p95": percentile(to_all, 95) * 1000,
            "max": (to_all[-1] if to_all else math.nan) * 1000,
        }

    # 3. exactly once --------------------------------------------------------------------------------

    def phase_order(self) -> dict:
        size, total = self.args.order_sockets, self.args.order_broadcasts
        self.open("order", "collab", size, self.topics["order"])
        time.sleep(1)
        self.client.call("reset")
        started = time.perf_counter()
        bursts = self.publish_concurrently("collab", self.topics["order"], total, self.args.order_rate, seed=100)
        published_s = max(burst["seconds"] for burst in bursts)
        complete = self.client.call("wait_total", name="order", per_socket=total, timeout=600, idle=15)
        drained_s = time.perf_counter() - started - 0.5
        results = self.client.call("results", name="order")
        self.client.call("close", name="order")
        values = self.latencies(results)
        received = sum(results["received"])
        return {
            "complete": complete,
            # A socket's distinct ids are what it received minus its duplicates.
            "lost": max(0, size * total - (received - results["dup"])),
            "dup": results["dup"],
            "skips": results["skips"],
            "deliveries": received,
            "publish_rate": total / published_s,
            "drained_s": drained_s,
            "p50": percentile(values, 50) * 1000,
            "p99": percentile(values, 99) * 1000,
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
                "daphne_rss": rss_kb(self.servers["collab"].process.pid),
            }
        finally:
            client.close()

    def phase_churn(self) -> dict:
        rounds, size, topic = self.args.churn_rounds, self.args.churn_sockets, self.topics["churn"]
        # A first round before measuring: first-use allocations are not a leak.
        self.open("churn", "collab", size, topic)
        self.client.call("close", name="churn", abort_every=2)
        time.sleep(self.args.settle)
        before = self.redis_figures()
        started = time.perf_counter()
        for _ in range(rounds):
            self.open("churn", "collab", size, topic)
            self.client.call("close", name="churn", abort_every=2)
        seconds = time.perf_counter() - started
        time.sleep(self.args.settle)
        return {"before": before, "after": self.redis_figures(), "seconds": seconds}
