"""`persistence.aio`: the session-store contract for asyncio applications.

    async with open_store("sqlite:///sessions.db") as store:      # or: store = await open_store(url)
        session = await store.create_session(["ann", "bob"])
        await store.append_message(session.id, "ann", "hi")
                                                                  # ... and await store.aclose()

Every public method of the synchronous store is here as a coroutine of the same name, arguments,
result and errors, run by the very same code: URLs, options, validation and errors are not copied.
How a call runs depends on the backend, and never blocks the event loop:

- Redis and Redis Cluster are native `redis.asyncio`: the store's validation and flows run on the
  event loop and their round trips are awaited (see persistence.backends.redis.native).
  `client=` takes a ready `redis.asyncio.Redis` / `redis.asyncio.cluster.RedisCluster`.
- SQLite and the hybrid run the synchronous store on one writer thread of their own (their writes
  are serialised by the database anyway); JSON on JSON_THREADS threads, as it keeps a file and a lock
  per session. An fsync waits on its thread, never on the loop. A cancelled call still completes on
  its thread: an append is written or refused as a whole.
"""

from __future__ import annotations

import functools
import importlib
import os
from typing import Any
from urllib.parse import urlsplit

from persistence.aio.engines import Engine, WriterThread
from persistence.aio.store import METHODS, AsyncStore
from persistence.config import ENV_VAR, REDIS_SCHEMES, open_backend

__all__ = ["METHODS", "AsyncStore", "Engine", "WriterThread", "open_store"]
# The JSON store keeps a file (and a lock) per session: appends to different sessions run in parallel.
JSON_THREADS = 4


def open_store(url: str | None = None, **options: Any) -> AsyncStore:
    """The async store of `url` (same URLs, environment variable, default and options as
    `persistence.open_store`); it opens on `await` or `async with`."""
    url = url or os.environ.get(ENV_VAR)
    scheme = urlsplit(url or "").scheme.lower()
    if scheme in REDIS_SCHEMES:
        native = importlib.import_module("persistence.backends.redis.native")
        engine: Engine = native.NativeRedis(
            functools.partial(open_backend, url, asynchronous=True, **options)
        )
    else:
        threads = JSON_THREADS if scheme == "json" else 1
        engine = WriterThread(functools.partial(open_backend, url, **options), threads)
    return AsyncStore(engine)
