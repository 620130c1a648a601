"""AsyncStore: the coroutine face of a store (its calls in sessions.py and messages.py), over an Engine."""

from __future__ import annotations

import inspect
from collections.abc import Generator
from typing import Any, Self

from persistence.aio.engines import Engine
from persistence.aio.messages import MessageCalls
from persistence.aio.sessions import SessionCalls
from persistence.base import StoreBase
from persistence.errors import PersistenceError

# The coroutine methods: every public method of the stores but close (aclose here); tests check that
# AsyncStore has each, with the synchronous method's signature.
METHODS = frozenset(
    name
    for name, member in inspect.getmembers(StoreBase, inspect.isfunction)
    if not name.startswith("_") and name != "close"
)


class AsyncStore(SessionCalls, MessageCalls):
    """A session store whose methods are coroutines; an awaitable async context manager (like aiosqlite's)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._store: StoreBase | None = None
        self._closed = False

    async def open(self) -> Self:
        """Open the store (once); return self."""
        if self._closed:
            raise PersistenceError("this async store is closed; open a new one")
        if self._store is None:
            self._store = await self._engine.open()
        return self

    def __await__(self) -> Generator[Any, None, Self]:
        return self.open().__await__()

    async def __aenter__(self) -> Self:
        return await self.open()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the store; closing twice does nothing."""
        if not self._closed:
            self._closed = True
            await self._engine.close()

    @property
    def sync_store(self) -> StoreBase:
        """The store whose code runs the calls (on Redis it plans round trips rather than making them)."""
        if self._store is None or self._closed:
            raise PersistenceError("open the async store first: `async with open_store(url) as store`")
        return self._store
