"""What the persistence tests share besides fixtures: the backends under test, a fake clock, a store URL per test."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

BACKENDS = ["json", "sqlite", "redis", "hybrid", "cluster"]
START = 1_800_000_000.0  # a fixed, realistic epoch time: tests move it, never the real clock


class FakeClock:
    """A clock tests can advance; backends must take every timestamp and expiry decision from it."""

    def __init__(self, start: float = START) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward by `seconds`."""
        self.now += seconds


def backend_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL unique to the running test: its own temp dir / db file / redis key prefix."""
    if backend == "json":
        return f"json:///{tmp_path}/sessions"  # tmp_path is absolute: json:////tmp/...
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/sessions.db"
    if backend == "cluster":
        cluster = request.getfixturevalue("redis_cluster")  # only cluster tests start the cluster
        return f"{cluster.url}?prefix=t{uuid.uuid4().hex}"
    server = request.getfixturevalue("redis_server")  # only redis tests start redis-server
    if (
        backend == "hybrid"
    ):  # SQLite is the truth, the shared redis-server the cache (nested URLs written plain)
        return (
            f"hybrid:///?store=sqlite:///{tmp_path}/sessions.db&cache={server.url}&prefix=t{uuid.uuid4().hex}"
        )
    return f"{server.url}?prefix=t{uuid.uuid4().hex}"
