"""The async stores under the contract suite: a synchronous facade that awaits each call on its own event loop."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from persistence import aio
from persistence.base import StoreBase

# The contract modules also run against the async stores: between them they call every method of the
# contract on every backend (the rest of the suite checks the synchronous code both flavours share).
AIO_MODULES = frozenset(
    {"test_cursors", "test_messages", "test_sessions", "test_idempotency", "test_versions", "test_ttl"}
)


@pytest.fixture(name="flavour")
def flavour_fixture() -> str:
    """Which store API a test drives: "sync" (persistence.open_store) unless parametrised with "aio"."""
    return "sync"


class AwaitingFacade:
    """The contract's methods, each a coroutine of `persistence.aio` run to completion on a private loop."""

    def __init__(self, url: str, options: dict[str, Any]) -> None:
        self.loop = asyncio.new_event_loop()
        self.aio_store = self.loop.run_until_complete(aio.open_store(url, **options).open())

    def __getattr__(self, name: str) -> Any:
        if name not in aio.METHODS:  # restore_session, clock, ...: not part of the contract
            return getattr(self.aio_store.sync_store, name)
        method = getattr(self.aio_store, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.loop.run_until_complete(method(*args, **kwargs))

        return call

    @property
    def sync_store(self) -> StoreBase:
        """The synchronous store the async one drives."""
        return self.aio_store.sync_store

    def close(self) -> None:
        """Close the async store, then its loop."""
        try:
            self.loop.run_until_complete(self.aio_store.aclose())
        finally:
            self.loop.close()
