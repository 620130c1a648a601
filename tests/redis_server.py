"""A real, throw-away `redis-server` on a free loopback port, for tests (no mocks of Redis)."""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from typing import Any

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

INSTALL_HINT = (
    "redis-server is not on PATH; install it (Debian/Ubuntu: `apt-get install redis-server`, "
    "macOS: `brew install redis`) to run the Redis tests"
)
START_TIMEOUT = 10.0
POLL_SECONDS = 0.005  # redis-server answers within milliseconds of its start
# A cluster node also listens on its port + 10000 (the cluster bus), so its port must stay at or below this.
MAX_CLUSTER_PORT = 55535


def require_binary(name: str = "redis-server", hint: str = INSTALL_HINT) -> str:
    """Return the path of `name`; fail under CI (env CI set), skip elsewhere, when it is missing."""
    binary = shutil.which(name)
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(hint)
        pytest.skip(hint)
    return binary


def free_port(*, cluster_node: bool = False) -> int:
    """A loopback port nobody listens on (start() retries if it is taken meanwhile).

    For a cluster node, one at most MAX_CLUSTER_PORT whose bus port (+10000) is free too.
    """

    def is_free(port: int) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                return False
            return True

    while cluster_node:
        port = random.randint(20000, MAX_CLUSTER_PORT)
        if is_free(port) and is_free(port + 10000):
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process in its own temp dir; `url`, `host`, `port`, `password` describe it."""

    def __init__(
        self, *, password: str | None = None, extra_args: Sequence[str] = (), cluster_node: bool = False
    ) -> None:
        self.binary = require_binary()
        self.host = "127.0.0.1"
        self.port = 0
        self.password = password
        self.extra_args = tuple(extra_args)
        self.cluster_node = cluster_node
        self.directory = tempfile.mkdtemp(prefix="redis-test-")
        self.socket = os.path.join(self.directory, "redis.sock")  # it listens there too (unix:// URLs)
        self.process: subprocess.Popen[bytes] | None = None
        self.argv: list[str] = []

    @property
    def url(self) -> str:
        """redis://[:password@]127.0.0.1:PORT/0 for this server."""
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}{self.host}:{self.port}/0"

    def client(self, *, fail_fast: bool = False) -> redis.Redis:
        """A new client for this server, for checks a test makes behind the store's back.

        redis-py retries a refused connection with seconds of backoff; `fail_fast` (polling for the
        server's start) makes one attempt only.
        """
        options: dict[str, Any] = {"retry": Retry(NoBackoff(), 0)} if fail_fast else {}
        return redis.Redis(
            host=self.host, port=self.port, password=self.password, socket_timeout=5, **options
        )

    def start(self) -> RedisServer:
        """Start the server on a free port (3 tries, in case another process grabs the port) and wait for PING."""
        for _attempt in range(3):
            self.port = free_port(cluster_node=self.cluster_node)
            args = [self.binary, "--port", str(self.port), "--bind", self.host, "--dir", self.directory]
            args += ["--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", "redis.log"]
            args += ["--unixsocket", self.socket, "--unixsocketperm", "700"]
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
        probe = self.client(fail_fast=True)
        try:
            while time.monotonic() < deadline and self.process is not None and self.process.poll() is None:
                try:
                    return bool(probe.ping())
                except redis.ConnectionError:
                    time.sleep(POLL_SECONDS)
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
