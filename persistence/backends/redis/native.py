"""The Redis store on `redis.asyncio`, for persistence.aio: RedisStore's own code, its round trips awaited.

A RedisStore opened by `open_backend(url, asynchronous=True)` (its URL or client wrapped in
`connect.Asyncio`) holds a `redis.asyncio` client and never runs a round trip itself: each method validates its arguments exactly as the synchronous store does, builds its
flow and raises it as `wire.Planned`. `NativeRedis.call` catches the flow and awaits it with
`wire.adrive`, so URLs, options, validation, scripts, layout and errors are the synchronous code's
and nothing blocks the event loop. A cancelled call stops between round trips; every write is one
atomic script, so a cancelled append is written whole or not at all (retry it with its client_id).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from persistence.backends.redis.store import RedisStore
from persistence.backends.redis.wire import Planned, adrive, boundary

# Calls of one store in flight at once: below the 100 connections per node of redis-py's asyncio pools.
MAX_CALLS = 64


class NativeRedis:
    """An engine of persistence.aio.AsyncStore: calls run on the event loop over one asyncio client."""

    def __init__(self, opener: Callable[[], Any]) -> None:
        self._opener = opener  # -> a planning RedisStore (no I/O yet)
        self.store: RedisStore | None = None
        self._slots = asyncio.Semaphore(MAX_CALLS)

    async def open(self) -> RedisStore:
        """Build the planning store, then PING its server (closing an owned client if that fails)."""
        store = self._opener()
        assert isinstance(store, RedisStore) and store.planning, (
            "opened with open_backend(url, asynchronous=True)"
        )
        try:
            with boundary(store.where):
                await store.client.ping()
        except BaseException:
            await self._close_client(store)
            raise
        self.store = store
        return store

    async def call(self, method: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Run `method` (of the planning store) here; the flow it plans, if any, is awaited.

        At most MAX_CALLS flows of the store are in flight; more wait their turn (redis-py's asyncio
        pools refuse a connection beyond their size rather than wait for one).
        """
        try:
            return method(*args, **kwargs)
        except Planned as planned:
            plan = planned  # awaited outside the handler: a driver error must not chain to Planned
        assert self.store is not None, "open() first"
        async with self._slots:
            with boundary(self.store.where, plan.subject):
                return await adrive(self.store.client, plan.flow)

    async def close(self) -> None:
        """Close the asyncio client if the store opened it (an injected one is left to its owner)."""
        if self.store is not None:
            await self._close_client(self.store)

    @staticmethod
    async def _close_client(store: RedisStore) -> None:
        if store.owns_client:
            with boundary(store.where):
                await store.client.aclose()
