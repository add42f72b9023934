"""The socket-holding process of bench/realtime.py: the same client code for Collab and the bare baseline.

It runs an asyncio loop and obeys commands from the orchestrator over a multiprocessing pipe: open a
named set of N sockets and subscribe each to a topic, wait for broadcasts, report latencies and
per-socket order checks, close (or drop) a set. Every event is stamped by its publisher with
`data.t = time.time()`; the latency of a delivery is the receipt time minus that stamp.
"""

import asyncio
import contextlib
import json
import time
from array import array

import websockets


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
        self.sets: dict[str, list[_Socket]] = {}
        # Shared by every set: only one set is sent events at a time.
        self.latencies = array("d")  # seconds, one per delivery
        self.broadcasts: dict[int, list] = {}  # data.n -> [sockets reached, latest, first latency]
        self.waiters: dict[int, tuple[int, asyncio.Future]] = {}

    # --- sockets -------------------------------------------------------------------------------

    async def _open_one(self, url: str, headers: dict, origin: str, topic: str) -> _Socket | None:
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
            ws.transport.abort()
            return None
        sock = _Socket(ws, reply.get("last_id", 0))
        sock.task = asyncio.ensure_future(self._read(sock))
        return sock

    async def open(self, name: str, url: str, n: int, topic: str, cookie: str, origin: str, batch: int) -> dict:
        """Open `n` sockets as set `name`, `batch` at a time, each subscribed to `topic`."""
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        sockets = self.sets.setdefault(name, [])
        started = time.perf_counter()
        failed = 0
        for first in range(0, n, batch):
            opened = await asyncio.gather(
                *(self._open_one(url, headers, origin, topic) for _ in range(min(batch, n - first)))
            )
            sockets.extend(sock for sock in opened if sock is not None)
            failed += sum(sock is None for sock in opened)
        return {"open": len(sockets), "failed": failed, "seconds": time.perf_counter() - started}

    async def _read(self, sock: _Socket) -> None:
        latencies, broadcasts, waiters = self.latencies, self.broadcasts, self.waiters
        with contextlib.suppress(websockets.WebSocketException):
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
                    broadcasts[key] = entry = [0, latency, latency]
                entry[0] += 1
                if latency > entry[1]:
                    entry[1] = latency
                waiter = waiters.get(key)
                if waiter is not None and entry[0] >= waiter[0] and not waiter[1].done():
                    waiter[1].set_result(None)

    async def close(self, name: str, abort_every: int = 0) -> dict:
        """Close set `name` with closing handshakes; with abort_every=k, drop every k-th socket
        instead (TCP connection cut, no close frame), like a browser tab that vanishes."""
        sockets = self.sets.pop(name, [])
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

    def count(self, name: str) -> int:
        return len(self.sets.get(name, ()))

    async def close_all(self) -> None:
        for name in list(self.sets):
            await self.close(name)

    # --- measurements --------------------------------------------------------------------------

    def reset(self) -> None:
        # In place: the socket readers hold these very objects.
        del self.latencies[:]
        self.broadcasts.clear()
        for sockets in self.sets.values():
            for sock in sockets:
                sock.received = sock.skips = sock.dup = 0

    async def wait(self, name: str, key: int, timeout: float) -> bool:
        """Until broadcast `key` has reached every socket of set `name` (False on timeout)."""
        count = len(self.sets[name])
        entry = self.broadcasts.get(key)
        if entry is not None and entry[0] >= count:
            return True
        future = asyncio.get_running_loop().create_future()
        self.waiters[key] = (count, future)
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self.waiters.pop(key, None)

    async def wait_total(self, name: str, per_socket: int, timeout: float, idle: float = 5.0) -> bool:
        """Until every socket of set `name` has received `per_socket` events, or nothing has
        arrived for `idle` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last_count, last_change = -1, loop.time()
        sockets = self.sets[name]
        while loop.time() < deadline:
            if all(sock.received >= per_socket for sock in sockets):
                return True
            count = len(self.latencies)
            if count != last_count:
                last_count, last_change = count, loop.time()
            elif loop.time() - last_change > idle:
                return False
            await asyncio.sleep(0.05)
        return False

    def results(self, name: str) -> dict:
        sockets = self.sets[name]
        return {
            "latencies": self.latencies.tobytes(),
            "broadcasts": {key: tuple(entry) for key, entry in self.broadcasts.items()},
            "sockets": len(sockets),
            "received": [sock.received for sock in sockets],
            "skips": sum(sock.skips for sock in sockets),
            "dup": sum(sock.dup for sock in sockets),
        }


def client_main(conn) -> None:
    """Entry point of the client process: obey (command, kwargs) from `conn`, answer each."""
    from _realtime_procs import raise_open_files_limit

    raise_open_files_limit()
    asyncio.run(_serve(conn))


async def _serve(conn) -> None:
    client = Client()
    loop = asyncio.get_running_loop()
    while True:
        try:
            command, kwargs = await loop.run_in_executor(None, conn.recv)
        except EOFError:
            command, kwargs = "quit", {}  # the orchestrator is gone
        if command == "quit":
            await client.close_all()
            with contextlib.suppress(OSError):
                conn.send(None)
            return
        try:
            answer = getattr(client, command)(**kwargs)
            if asyncio.iscoroutine(answer):
                answer = await answer
        except Exception as exc:
            answer = {"error": repr(exc)}
        conn.send(answer)
