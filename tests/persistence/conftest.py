"""Fixtures of the persistence contract suite: one fresh store per test, for every backend, on a fake clock."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from persistence import SessionStore, open_store

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


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the backend under test; every contract test runs once per backend."""
    return str(request.param)


@pytest.fixture
def url_with(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., str]:
    """`url_with(ttl=60, ...)` -> this test's store URL with those query options added."""
    base = backend_url(backend, request, tmp_path)

    def build(**options: object) -> str:
        query = "&".join(f"{key}={value}" for key, value in options.items())
        if not query:
            return base
        return f"{base}{'&' if '?' in base else '?'}{query}"

    return build


@pytest.fixture
def clock() -> FakeClock:
    """The fake clock every store of the test uses."""
    return FakeClock()


@pytest.fixture
def open_url(clock: FakeClock) -> Iterator[Callable[[str], SessionStore]]:
    """`open_url(url)` -> a store on the fake clock, closed when the test ends."""
    opened: list[SessionStore] = []

    def opener(url: str) -> SessionStore:
        store = open_store(url, clock=clock)
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_url: Callable[[str], SessionStore], url_with: Callable[..., str]) -> SessionStore:
    """A fresh, empty store of the backend under test."""
    return open_url(url_with())
