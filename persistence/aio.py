"""`persistence.aio`: the session-store contract for asyncio applications.

    async with open_store("sqlite:///sessions.db") as store:      # or: store = await open_store(url)
        session = await store.create_session(["ann", "bob"])
        await store.append_message(session.id, "ann", "hi")
                                                                  # ... and await store.aclose()

Every method of `SessionStore` is here as a coroutine of the same name, arguments, result and
errors: each call runs the synchronous store's method on the store's own worker thread(s), so URLs,
options, validation and errors are the synchronous code's, not a copy, and no call blocks the event
loop (a write's fsync waits on the worker thread). File stores (JSON, SQLite, hybrid) get one writer
thread: their writes are serialised anyway. Redis URLs get a few threads, sharing redis-py's
connection pool. A cancelled call still completes on its thread: an append is written or refused
as a whole, never half.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Awaitable, Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Self
from urllib.parse import urlsplit

from persistence.base import StoreBase
from persistence.config import REDIS_SCHEMES, open_backend
from persistence.errors import PersistenceError
from persistence.interface import SessionStore

# The coroutine methods: the protocol's public methods, all of them, derived rather than restated.
METHODS = frozenset(
    name
    for name, member in inspect.getmembers(SessionStore, inspect.isfunction)
    if not name.startswith("_") and name != "close"
)
REDIS_WORKERS = 4  # threads per Redis store: concurrent round trips over the client's connection pool


class AsyncStore:
    """A session store whose methods are coroutines; an awaitable async context manager (like aiosqlite's)."""

    def __init__(self, opener: Callable[[], StoreBase], workers: int = 1) -> None:
        self._opener = opener
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="persistence-aio")
        self._store: StoreBase | None = None
        self._closed = False

    async def _run(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(function, *args, **kwargs))

    async def open(self) -> Self:
        """Open the synchronous store on the worker thread (once); return self."""
        if self._closed:
            raise PersistenceError("this async store is closed; open a new one")
        if self._store is None:
            self._store = await self._run(self._opener)
        return self

    def __await__(self) -> Generator[Any, None, Self]:
        return self.open().__await__()

    async def __aenter__(self) -> Self:
        return await self.open()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the store on its thread and stop the thread(s); closing twice does nothing."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._store is not None:
                await self._run(self._store.close)
        finally:
            self._executor.shutdown(wait=False)

    @property
    def sync_store(self) -> StoreBase:
        """The synchronous store underneath (open it first)."""
        if self._store is None or self._closed:
            raise PersistenceError("open the async store first: `async with open_store(url) as store`")
        return self._store

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        if name not in METHODS:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")
        method = getattr(self.sync_store, name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await self._run(method, *args, **kwargs)

        call.__name__ = call.__qualname__ = name
        call.__doc__ = method.__doc__
        return call


def open_store(url: str | None = None, *, workers: int | None = None, **options: Any) -> AsyncStore:
    """The async store of `url` (same URLs, environment variable, default and options as
    `persistence.open_store`); it opens on `await` or `async with`. `workers`: threads (see above)."""
    default = REDIS_WORKERS if urlsplit(url or "").scheme.lower() in REDIS_SCHEMES else 1
    return AsyncStore(functools.partial(open_backend, url, **options), workers or default)
