"""Hybrid store: a durable store (SQLite, JSON, ...) is the truth; Redis caches each session's recent messages.

    hybrid:///?store=sqlite:////var/lib/chat.db&cache=redis://host:6379/0&cache_messages=100

Writes go to the durable store first, then update the cache in the same call. Every read starts with
one cheap durable read of the session record (the freshness check: it also decides existence and
expiry), then takes the messages from Redis only if the cached tail was copied from exactly that
record (same incarnation — a random id the durable store writes at every create and restore — and
message_count and updated_at); otherwise the durable store reads what was asked, and that, if it is
the session's tail, refills the cache (at most cache_messages messages and cache_bytes bytes). While
the cache is switched off after a failure, reads go to the durable store alone. So an append is visible to every reader as soon as it returns, and writes made while Redis
was down, slow or partitioned away can never be hidden by old cached data. A failing Redis is skipped
with a rate-limited warning (logger "persistence.hybrid") and used again once it answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from persistence.backends.hybrid.cache import TailCache
from persistence.backends.hybrid.durable import DurableOnly
from persistence.backends.hybrid.entries import wanted
from persistence.base import StoreBase
from persistence.errors import SessionExists
from persistence.hooks import Keep
from persistence.models import Message, Session
from persistence.urls import HybridConfig


class HybridStore(DurableOnly, StoreBase):
    """Sessions in a durable store, with the last `cache_messages` messages of each session cached in Redis.

    `durable` is any open store (persistence.config opens it from the URL's `store=`); it is closed with
    this one. `connect(url, timeouts)` makes the Redis client of the cache (the Redis backend's factory).
    """

    def __init__(
        self,
        durable: StoreBase,
        config: HybridConfig,
        *,
        prefix: str = "chat-cache",
        connect: Callable[[str, dict[str, Any]], Any],
    ) -> None:
        super().__init__(
            ttl=durable.default_ttl, max_message_bytes=durable.max_message_bytes, clock=durable.clock
        )
        self.durable = durable
        self.cache = TailCache(config, prefix=prefix, connect=connect)

    def _insert(self, session: Session, messages: Sequence[Message], keep: Keep, *, hint: str) -> Session:
        """Store the records verbatim durably; a new session's empty tail is cached so its first reads hit,
        a restored session's cached tail (if any) is forgotten and refilled by the first read."""
        try:
            stored = self.durable.restore_session(session, messages, ttl=keep.ttl, read_state=keep.cursors)
        except SessionExists as exc:
            raise SessionExists(f"session {session.id!r} already exists; {hint}") from exc
        if messages:
            self.cache.drop(session.id)
        else:
            self.cache.fill(stored, [])
        return stored

    def _append(self, draft: Message) -> Message:
        """Append durably (the durable store assigns seq and timestamp), then extend the cached tail."""
        message = self.durable.append_message(
            draft.session_id,
            draft.sender,
            draft.content,
            recipients=draft.recipients,
            metadata=draft.metadata,
            client_id=draft.client_id,
        )
        # A replayed client_id returns a stored message: extending with it is a no-op unless the cached
        # tail ends right before it, and then it is exactly that message.
        self.cache.extend(message)
        return message

    def _messages(
        self, session_id: str, after_seq: int | None, limit: int | None, *, before_seq: int | None = None
    ) -> list[Message]:
        """Check the durable record, then serve from the cache when it holds exactly that record's tail.

        The cache never makes a read cost more than the durable store's own read plus the bounded
        refill: while the cache is off, not even the freshness check is made; on a miss the durable
        store reads exactly what the caller asked for, and only that (if it is the session's tail,
        and within cache_messages / cache_bytes) is cached.
        """
        page = {"after_seq": after_seq, "before_seq": before_seq, "limit": limit}
        if not self.cache.usable():
            return self.durable.get_messages(session_id, **page)
        session = self.durable.get_session(session_id)
        count = session.message_count
        lo, hi = wanted(count, after_seq, limit, before_seq)
        if lo > hi:
            return []
        if (
            not session.incarnation or lo <= count - self.cache.size
        ):  # not cacheable, or older than the window
            return self.durable.get_messages(session_id, **page)
        cached = self.cache.read(session, lo, hi)
        if cached is not None:
            return cached
        found = self.durable.get_messages(session_id, **page)
        tail = after_seq is None and before_seq is None
        if found and (tail or found[-1].seq == count):  # the session's tail: worth caching
            self.cache.fill(session, found)
        return found

    def delete_session(self, session_id: str) -> None:
        """Delete durably, then forget the cached tail."""
        self.durable.delete_session(session_id)
        self.cache.drop(session_id)

    def close(self) -> None:
        """Close the durable store and the cache connection."""
        self.cache.close()
        self.durable.close()
