"""Fixtures of the persistence contract suite: one fresh store per test, for every backend, on a fake clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from persistence import SessionStore, open_store
from tests.persistence.stores import BACKENDS, FakeClock, backend_url


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
