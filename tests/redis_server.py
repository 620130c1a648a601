"""A real, throw-away `redis-server` on a free loopback port, for tests (no mocks of Redis)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence

import pytest
import redis

INSTALL_HINT = (
    "redis-server is not on PATH; install it (Debian/Ubuntu: `apt-get install redis-server`, "
    "macOS: `brew install redis`) to run the Redis tests"
)
START_TIMEOUT = 10.0


def require_binary(name: str = "redis-server", hint: str = INSTALL_HINT) -> str:
    """Return the path of `name`; fail under CI (env CI set), skip elsewhere, when it is missing."""
    binary = shutil.which(name)
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(hint)
        pytest.skip(hint)
    return binary


def free_port() -> int:
    """Ask the kernel for a loopback port nobody listens on (start() retries if it is taken meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process in its own temp dir; `url`, `host`, `port`, `password` describe it."""

    def __init__(self, *, password: str | None = None, extra_args: Sequence[str] = ()) -> None:
        self.binary = require_binary()
        self.host = "127.0.0.1"
        self.port = 0
        self.password = password
        self.extra_args = tuple(extra_args)
        self.directory = tempfile.mkdtemp(prefix="redis-test-")
        self.process: subprocess.Popen[bytes] | None = None
        self.argv: list[str] = []

    @property
    def url(self) -> str:
        """redis://[:password@]127.0.0.1:PORT/0 for this server."""
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}{self.host}:{self.port}/0"

    def client(self) -> redis.Redis:
        """A new client for this server, for checks a test makes behind the store's back."""
        return redis.Redis(host=self.host, port=self.port, password=self.password, socket_timeout=5)

    def start(self) -> RedisServer:
        """Start the server on a free port (3 tries, in case another process grabs the port) and wait for PING."""
        for _attempt in range(3):
            self.port = free_port()
            args = [self.binary, "--port", str(self.port), "--bind", self.host, "--dir", self.directory]
            args += ["--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", "redis.log"]
            args += ["--requirepass", self.password] if self.password else []
            self.argv = [*args, *self.extra_args]
            self.process = subprocess.Popen(self.argv, cwd=self.directory)
            if self.wait_ready():
                return self
            self.kill_process()
        log = os.path.join(self.directory, "redis.log")
        tail = ""
        if os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as handle:
                tail = handle.read()[-2000:]
        self.stop()
        pytest.fail(f"redis-server did not answer PING within {START_TIMEOUT}s; its log ends with:\n{tail}")

    def wait_ready(self) -> bool:
        """Poll PING until it answers, the process exits, or START_TIMEOUT passes."""
        deadline = time.monotonic() + START_TIMEOUT
        probe = self.client()
        try:
            while time.monotonic() < deadline and self.process is not None and self.process.poll() is None:
                try:
                    return bool(probe.ping())
                except redis.ConnectionError:
                    time.sleep(0.02)
            return False
        finally:
            probe.close()

    def kill_process(self) -> None:
        """Terminate the process, wait for it, and kill it if it does not stop within 5 s."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def restart(self) -> None:
        """Start the stopped server again on the same port (its data is gone: no persistence)."""
        self.process = subprocess.Popen(self.argv, cwd=self.directory)
        if not self.wait_ready():
            self.stop()
            pytest.fail(f"redis-server did not restart on port {self.port} within {START_TIMEOUT}s")

    def stop(self) -> None:
        """Stop the server and remove its temp dir."""
        self.kill_process()
        shutil.rmtree(self.directory, ignore_errors=True)
