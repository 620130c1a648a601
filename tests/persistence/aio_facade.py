"""The async stores under the contract suite: a synchronous facade that awaits each call on one event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from persistence import aio
from persistence.backends.redis.connect import TIMEOUTS, open_client
from persistence.base import StoreBase
from tests.redis_cluster import LocalCluster

# The contract modules whose tests (those without parameters of their own: those vary values, not
# methods) also run against the async stores: every contract method on every backend. Left out:
# test_durability and test_processes (threads and processes sharing one store: this facade is one
# event loop's synchronous face) and test_property (hypothesis over the synchronous validation, ~3 s).
AIO_MODULES = frozenset(
    {
        "test_api",
        "test_cursors",
        "test_edge_values",
        "test_errors",
        "test_idempotency",
        "test_invalid",
        "test_messages",
        "test_open_existing",
        "test_restore",
        "test_sessions",
        "test_ttl",
        "test_versions",
    }
)


@pytest.fixture(name="flavour")
def flavour_fixture() -> str:
    """Which store API a test drives: "sync" (persistence.open_store) unless parametrised with "aio"."""
    return "sync"


@pytest.fixture(name="facade_loop", scope="session")
def facade_loop_fixture() -> Iterator[asyncio.AbstractEventLoop]:
    """The one event loop of this test process on which the facades run their stores' coroutines."""
    loop = asyncio.new_event_loop()
    try:
        yield loop
    finally:
        loop.close()


@pytest.fixture(name="shared_async_cluster_client", scope="session")
def shared_async_cluster_client_fixture(
    redis_cluster: LocalCluster, facade_loop: asyncio.AbstractEventLoop
) -> Iterator[Any]:
    """One redis.asyncio RedisCluster client, on the facades' loop, for the contract suite's async cluster stores."""
    client = open_client(redis_cluster.url, TIMEOUTS, api="redis.asyncio")
    try:
        yield client
    finally:
        facade_loop.run_until_complete(client.aclose())


class AwaitingFacade:
    """The contract's methods, each a coroutine of `persistence.aio` run to completion on `loop`."""

    def __init__(self, url: str, options: dict[str, Any], loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.aio_store = self.loop.run_until_complete(aio.open_store(url, **options).open())

    def __getattr__(self, name: str) -> Any:
        if name not in aio.METHODS:  # clock, default_ttl, ...: attributes, not calls
            return getattr(self.aio_store.sync_store, name)
        method = getattr(self.aio_store, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.loop.run_until_complete(method(*args, **kwargs))

        return call

    @property
    def sync_store(self) -> StoreBase:
        """The store whose code the async one runs."""
        return self.aio_store.sync_store

    def close(self) -> None:
        """Close the async store."""
        self.loop.run_until_complete(self.aio_store.aclose())
