"""How an async store runs its store's methods: the Engine interface, the writer thread of file stores,
and `Calls`, through which every coroutine method of the async store reaches its store's method."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar, cast

from persistence.base import StoreBase

P = ParamSpec("P")
R = TypeVar("R")


class Engine(Protocol):
    """How an AsyncStore runs its store's methods: on a thread, or natively on the event loop."""

    async def open(self) -> StoreBase:
        """Open the store (once)."""

    async def call(self, method: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The result of `method(*args, **kwargs)`, a method of the opened store."""

    async def close(self) -> None:
        """Close the store and release what the engine holds."""


class WriterThread:
    """The engine of file stores: the synchronous store, opened and called on thread(s) of its own."""

    def __init__(self, opener: Callable[[], StoreBase], threads: int = 1) -> None:
        self._opener = opener
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="persistence-aio")
        self._store: StoreBase | None = None

    async def call(self, method: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Run `method` on the writer thread; the event loop waits without blocking."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(method, *args, **kwargs))

    async def open(self) -> StoreBase:
        """Open the synchronous store on the writer thread."""
        self._store = await self.call(self._opener, (), {})
        return self._store

    async def close(self) -> None:
        """Close the store on its thread, then let the thread go."""
        try:
            if self._store is not None:
                await self.call(self._store.close, (), {})
        finally:
            self._executor.shutdown(wait=False)


class Calls:
    """The base of the async store's coroutine methods: each passes its arguments on to the synchronous
    method of the same name, typed by that method's own signature (a mismatch is a mypy error)."""

    _engine: Engine

    @property
    def sync_store(self) -> StoreBase:
        """The opened store whose methods run the calls."""
        raise NotImplementedError

    async def _call(
        self, method: Callable[Concatenate[StoreBase, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """`method` (a StoreBase method) of the opened store with these arguments, run by the engine."""
        bound = getattr(self.sync_store, method.__name__)
        return cast(R, await self._engine.call(bound, args, kwargs))
