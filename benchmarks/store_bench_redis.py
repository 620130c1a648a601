"""Private Redis for the benchmark, loopback only, AOF fsynced every second: a redis-server on a free port in its
own temp dir, and (for --concurrency) the test suite's 3-master Redis Cluster with the same durability settings.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import redis

from benchmarks.store_bench_run import BenchmarkError

HOST = "127.0.0.1"
START_TIMEOUT = 10.0
# appendfsync everysec is Redis's recommended durable setting; no RDB snapshots and no AOF rewrites,
# so no fork lands in the middle of a timed loop.
CONFIG = {"save": "", "appendonly": "yes", "appendfsync": "everysec", "auto-aof-rewrite-percentage": "0"}


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_ready(process: subprocess.Popen[bytes], port: int) -> bool:
    """Poll PING until the server answers, exits, or START_TIMEOUT passes."""
    client = redis.Redis(host=HOST, port=port, socket_timeout=1)
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                time.sleep(0.02)
        return False
    finally:
        client.close()


def version() -> str:
    """`redis-server --version`, or a note that it is missing."""
    binary = shutil.which("redis-server")
    if binary is None:
        return "redis-server not installed"
    return subprocess.run([binary, "--version"], capture_output=True, text=True, check=False).stdout.strip()


def require_binary() -> str:
    """The path of redis-server; BenchmarkError saying what to do when it is missing."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise BenchmarkError(
            "redis-server is not on PATH: install it (apt-get install redis-server / brew install redis) "
            "or leave redis, hybrid and cluster out with --backends json,sqlite"
        )
    return binary


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """Start redis-server on a free loopback port and yield its URL; stop it and remove its files afterwards."""
    binary = require_binary()
    directory = tempfile.mkdtemp(prefix="store-bench-redis-")
    port = free_port()
    args = [
        binary,
        "--port",
        str(port),
        "--bind",
        HOST,
        "--dir",
        directory,
        "--logfile",
        "redis.log",
        *(arg for name, value in CONFIG.items() for arg in (f"--{name}", value)),
    ]
    process = subprocess.Popen(args, cwd=directory)
    try:
        if not wait_ready(process, port):
            log = Path(directory, "redis.log")
            tail = log.read_text(errors="replace")[-1000:] if log.exists() else "(no log)"
            raise BenchmarkError(
                f"redis-server did not answer PING within {START_TIMEOUT:g} s; its log ends:\n{tail}"
            )
        yield f"redis://{HOST}:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


def make_durable(client: redis.Redis) -> None:
    """Give a running server CONFIG's settings, then wait for the first AOF, which switching it on writes."""
    for name, value in CONFIG.items():
        client.config_set(name, value)
    deadline = time.monotonic() + START_TIMEOUT
    while any(
        client.info("persistence")[key] for key in ("aof_rewrite_in_progress", "aof_rewrite_scheduled")
    ):
        if time.monotonic() > deadline:
            raise BenchmarkError(f"redis-server did not write its first AOF within {START_TIMEOUT:g} s")
        time.sleep(0.02)


@contextlib.contextmanager
def redis_cluster() -> Iterator[str]:
    """Start the test suite's 3-master Redis Cluster (tests/redis_cluster.py) on free loopback ports, with
    CONFIG's durability, and yield its URL; stop it and remove its files afterwards."""
    require_binary()
    try:  # imported here: the test helpers need pytest, which the other backends do not
        import pytest

        from tests.redis_cluster import LocalCluster
    except ModuleNotFoundError as exc:
        raise BenchmarkError(
            f"the cluster backend starts its cluster with tests/redis_cluster.py, which needs {exc.name}: "
            "install the test extra (pip install -e '.[test]') or leave cluster out with --backends"
        ) from None
    cluster = LocalCluster()
    try:
        cluster.start()  # stops the nodes it started when it fails
    except (pytest.fail.Exception, pytest.skip.Exception) as exc:  # how the test helpers report a failure
        raise BenchmarkError(f"the Redis Cluster did not start: {exc}") from None
    try:
        for node in cluster.nodes:
            with node.client() as client:
                make_durable(client)
        yield cluster.url
    finally:
        cluster.stop()
