"""Helpers of the hybrid cache tests: a session with messages, what a read returns, the raw cache entry."""

from __future__ import annotations

from typing import Any

import redis

from persistence import Session, SessionStore

PREFIX = "hc"


def cache_entry(client: redis.Redis, session_id: str) -> tuple[dict[Any, Any], list[Any]]:
    """The raw stamp hash and tail list the cache holds for `session_id`."""
    return client.hgetall(f"{PREFIX}:{{{session_id}}}:stamp"), client.lrange(
        f"{PREFIX}:{{{session_id}}}:tail", 0, -1
    )


def contents(store: SessionStore, session_id: str, **paging: int) -> list[str]:
    """The contents get_messages(**paging) returns."""
    return [message.content for message in store.get_messages(session_id, **paging)]


def with_messages(store: SessionStore, count: int) -> Session:
    """A new session holding messages m0 .. m<count - 1>."""
    session = store.create_session(["a"])
    for n in range(count):
        store.append_message(session.id, "a", f"m{n}")
    return session
