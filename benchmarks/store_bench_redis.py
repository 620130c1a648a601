"""A private redis-server for the benchmark: loopback only, a free port, its own temp dir, AOF fsynced every second."""

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
CONFIG = (
    "--save",
    "",
    "--appendonly",
    "yes",
    "--appendfsync",
    "everysec",
    "--auto-aof-rewrite-percentage",
    "0",
)


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


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """Start redis-server on a free loopback port and yield its URL; stop it and remove its files afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise BenchmarkError(
            "redis-server is not on PATH: install it (apt-get install redis-server / brew install redis) "
            "or leave redis and hybrid out with --backends json,sqlite"
        )
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
        *CONFIG,
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
