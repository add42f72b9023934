"""The socket-holding process of bench/realtime.py: the same client code for Collab and the bare baseline.

It runs an asyncio loop and obeys commands from the orchestrator over a multiprocessing pipe:
open N sockets and subscribe each to a topic, wait for broadcasts, report latencies and per-socket
order checks, close (or drop) the sockets. Every event is stamped by its publisher with
`data.t = time.time()`; the latency of a delivery is the receipt time minus that stamp.
"""

import asyncio
import json
import resource
import time
from array import array

import websockets


def raise_open_files_limit() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class _Socket:
    __slots__ = ("dup", "expected", "received", "skips", "task", "ws")

    def __init__(self, ws, last_id: int):
        self.ws = ws
        self.expected = last_id + 1  # the next event id this socket should see
        self.skips = 0  # ids jumped over (missing, or arriving later out of order)
        self.dup = 0  # ids at or below one already seen
        self.received = 0
        self.task = None


class Client:
    def __init__(self):
        self.sockets: list[_Socket] = []
        self.latencies = array("d")  # seconds, one per delivery
        self.broadcasts: dict[int, list] = {}  # data.n -> [sockets reached, latest latency]
        self.waiters: dict[int, tuple[int, asyncio.Future]] = {}
        self.failed = 0

    # --- sockets -------------------------------------------------------------------------------

    async def _open_one(self, url: str, headers: dict, origin: str, topic: str):
        try:
            ws = await websockets.connect(
                url,
                additional_headers=headers,
                origin=origin,
                compression=None,
                ping_interval=None,
                open_timeout=60,
                close_timeout=5,
            )
        except (OSError, websockets.WebSocketException, TimeoutError):
            self.failed += 1
            return None
        try:
            await ws.send(json.dumps({"type": "subscribe", "topic": topic}))
            while True:
                reply = json.loads(await asyncio.wait_for(ws.recv(), 60))
                if reply.get("type") == "subscribed":
                    break
                if reply.get("type") in {"error", "resync"}:
                    raise RuntimeError(f"subscribe failed: {reply}")
        except (OSError, websockets.WebSocketException, TimeoutError, RuntimeError):
            self.failed += 1
            ws.transport.abort()
            return None
        sock = _Socket(ws, reply.get("last_id", 0))
        sock.task = asyncio.ensure_future(self._read(sock))
        return sock

    async def open(self, url: str, n: int, topic: str, cookie: str, origin: str, batch: int) -> dict:
        self.reset()
        self.failed = 0
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        started = time.perf_counter()
        for first in range(0, n, batch):
            opened = await asyncio.gather(
                *(self._open_one(url, headers, origin, topic) for _ in range(min(batch, n - first)))
            )
            self.sockets.extend(sock for sock in opened if sock is not None)
        return {"open": len(self.sockets), "failed": self.failed, "seconds": time.perf_counter() - started}

    async def _read(self, sock: _Socket) -> None:
        latencies, broadcasts, waiters = self.latencies, self.broadcasts, self.waiters
        try:
            async for text in sock.ws:
                now = time.time()
                message = json.loads(text)
                seq = message.get("id")
                if seq is None:
                    continue
                data = message["data"]
                latency = now - data["t"]
                latencies.append(latency)
                sock.received += 1
                if seq == sock.expected:
                    sock.expected += 1
                elif seq < sock.expected:
                    sock.dup += 1
                else:
                    sock.skips += 1
                    sock.expected = seq + 1
                key = data["n"]
                entry = broadcasts.get(key)
                if entry is None:
                    broadcasts[key] = entry = [0, latency]
                entry[0] += 1
                if latency > entry[1]:
                    entry[1] = latency
                waiter = waiters.get(key)
                if waiter is not None and entry[0] >= waiter[0] and not waiter[1].done():
                    waiter[1].set_result(None)
        except websockets.WebSocketException:
            pass

    async def close(self, abort_every: int = 0) -> dict:
        """Close every socket with a closing handshake; with abort_every=k, drop every k-th one
        instead (TCP connection cut, no close frame), like a browser tab that vanishes."""
        sockets, self.sockets = self.sockets, []
        graceful = []
        for index, sock in enumerate(sockets):
            if abort_every and index % abort_every == 0:
                sock.ws.transport.abort()
            else:
                graceful.append(sock)
        for first in range(0, len(graceful), 200):
            await asyncio.gather(*(sock.ws.close() for sock in graceful[first : first + 200]), return_exceptions=True)
        for sock in sockets:
            sock.task.cancel()
        await asyncio.gather(*(sock.task for sock in sockets), return_exceptions=True)
        return {"closed": len(sockets)}

    # --- measurements --------------------------------------------------------------------------

    def reset(self) -> None:
        self.latencies = array("d")
        self.broadcasts = {}
        self.waiters = {}
        for sock in self.sockets:
            sock.received = sock.skips = sock.dup = 0

    async def wait(self, key: int, timeout: float) -> bool:
        """Until broadcast `key` has reached every open socket (False on timeout)."""
        entry = self.broadcasts.get(key)
        if entry is not None and entry[0] >= len(self.sockets):
            return True
        future = asyncio.get_running_loop().create_future()
        self.waiters[key] = (len(self.sockets), future)
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self.waiters.pop(key, None)

    async def wait_total(self, per_socket: int, timeout: float, idle: float = 5.0) -> bool:
        """Until every socket has received `per_socket` events, or nothing has arrived for `idle` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last_count, last_change = -1, loop.time()
        while loop.time() < deadline:
            if all(sock.received >= per_socket for sock in self.sockets):
                return True
            count = len(self.latencies)
            if count != last_count:
                last_count, last_change = count, loop.time()
            elif loop.time() - last_change > idle:
                return False
            await asyncio.sleep(0.05)
        return False

    def results(self) -> dict:
        return {
            "latencies": self.latencies.tobytes(),
            "broadcasts": {key: tuple(entry) for key, entry in self.broadcasts.items()},
            "sockets": len(self.sockets),
            "received": [sock.received for sock in self.sockets],
            "skips": sum(sock.skips for sock in self.sockets),
            "dup": sum(sock.dup for sock in self.sockets),
        }


def client_main(conn) -> None:
    """Entry point of the client process: obey (command, kwargs) from `conn`, answer each."""
    raise_open_files_limit()
    asyncio.run(_serve(conn))


async def _serve(conn) -> None:
    client = Client()
    loop = asyncio.get_running_loop()
    while True:
        command, kwargs = await loop.run_in_executor(None, conn.recv)
        if command == "quit":
            await client.close()
            conn.send(None)
            return
        try:
            if command == "results":
                answer = client.results()
            elif command == "reset":
                answer = client.reset()
            else:
                answer = await getattr(client, command)(**kwargs)
        except Exception as exc:
            answer = {"error": repr(exc)}
        conn.send(answer)
