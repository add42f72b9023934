"""Processes of bench/realtime.py: servers (daphne, the bare relay) and spawned workers (the client,
the publishers), each stopped even when the bench fails."""

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import socket
import subprocess
import time
import urllib.request

PR_SET_PDEATHSIG = 1


def raise_open_files_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))


def die_with_parent() -> None:
    """Linux: have the kernel send SIGTERM to this process when its parent dies, so that no server
    outlives a bench that was killed outright (SIGKILL leaves no chance to clean up)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _server_preexec() -> None:
    raise_open_files_limit()
    die_with_parent()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by process `pid`."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Worker:
    """A spawned process obeying (command, kwargs) over a pipe and answering each."""

    def __init__(self, name: str, target, *args):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=target, args=(child, *args), name=name, daemon=True)
        self.process.start()
        self.name = name

    def send(self, command: str, **kwargs) -> None:
        self.conn.send((command, kwargs))

    def answer(self, wait_s: float = 900):
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
                self.conn.poll(15)
            self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)


class SpawnedServer:
    """A server run by a function in a spawned process (the bare relay)."""

    def __init__(self, name: str, target, *args, port: int):
        self.name, self.port = name, port
        self.process = multiprocessing.get_context("spawn").Process(target=target, args=args, name=name, daemon=True)
        self.process.start()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.process.is_alive():
                raise RuntimeError(f"{self.name} exited with {self.process.exitcode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready within {timeout} s")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class Server:
    """A server subprocess with its output in `logdir`."""

    def __init__(self, name: str, argv: list[str], *, cwd, env: dict, port: int, logdir: str):
        self.name, self.port = name, port
        self.log_path = os.path.join(logdir, f"{name}.log")
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=_server_preexec
        )

    def wait_ready(self, health_url: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(health_url, timeout=2):  # noqa: S310 - our own http:// URL
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
