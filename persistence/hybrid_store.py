"""Hybrid store: a durable store (SQLite, JSON, ...) is the truth; Redis caches each session's recent messages.

    hybrid:///?store=sqlite:////var/lib/chat.db&cache=redis://host:6379/0&cache_messages=100

Writes go to the durable store first, then update the cache in the same call. Every read starts with
one cheap durable read of the session record (the freshness check: it also decides existence and
expiry), then takes the messages from Redis only if the cached tail was copied from exactly that
record (same created_at, message_count, updated_at); otherwise from the durable store, refilling
the cache. So an append is visible to every reader as soon as it returns, and writes made while Redis
was down, slow or partitioned away can never be hidden by old cached data. A failing Redis is skipped
with a rate-limited warning (logger "persistence.hybrid") and used again once it answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from persistence import models
from persistence.base import StoreBase
from persistence.config import open_store
from persistence.hybrid_cache import TailCache, wanted
from persistence.hybrid_url import parse_hybrid_url
from persistence.models import Message, Session


class HybridStore(StoreBase):
    """Sessions in a durable store, with the last `cache_messages` messages of each session cached in Redis."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "chat-cache",
        ttl: float | None = None,
        max_message_bytes: int | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Open the durable store named by `store=` (with `ttl`, `max_message_bytes`, `clock`) and the cache."""
        config = parse_hybrid_url(url)
        options: dict[str, Any] = {"clock": clock}
        options.update({} if ttl is None else {"ttl": ttl})
        options.update({} if max_message_bytes is None else {"max_message_bytes": max_message_bytes})
        self.durable = open_store(config.store, **options)
        limit = getattr(self.durable, "max_message_bytes", models.DEFAULT_MAX_MESSAGE_BYTES)
        super().__init__(ttl=getattr(self.durable, "default_ttl", ttl), max_message_bytes=limit, clock=clock)
        try:
            self.cache = TailCache(
                config.cache, prefix=prefix, size=config.cache_messages, timeout=config.cache_timeout
            )
        except BaseException:
            self.durable.close()
            raise

    def _insert_session(self, session: Session, ttl: float | None) -> Session:
        """Create in the durable store, then cache the (empty) tail so the first reads hit."""
        created = self.durable.create_session(
            session.participants,
            session_id=session.id,
            title=session.title,
            metadata=session.metadata,
            ttl=ttl,
        )
        self.cache.fill(created, [])
        return created

    def _append(self, draft: Message) -> Message:
        """Append durably (the durable store assigns seq and timestamp), then extend the cached tail."""
        message = self.durable.append_message(
            draft.session_id,
            draft.sender,
            draft.content,
            recipients=draft.recipients,
            metadata=draft.metadata,
        )
        self.cache.extend(message)
        return message

    def _messages(self, session_id: str, after_seq: int | None, limit: int | None) -> list[Message]:
        """Check the durable record, then serve from the cache when it holds exactly that session's tail."""
        session = self.durable.get_session(session_id)
        count = session.message_count
        lo, hi = wanted(count, after_seq, limit)
        if lo > hi:
            return []
        if lo <= count - self.cache.size:  # older than the cached window: straight from the durable store
            return self.durable.get_messages(session_id, after_seq=after_seq, limit=limit)
        cached = self.cache.read(session, lo, hi)
        if cached is not None:
            return cached
        recent = self.durable.get_messages(session_id, limit=self.cache.size)
        self.cache.fill(session, recent)
        return [message for message in recent if lo <= message.seq <= hi]

    def get_session(self, session_id: str) -> Session:
        """The durable record (never the cache: a session read is the freshness check)."""
        return self.durable.get_session(session_id)

    def list_sessions(self, *, participant: str | None = None, limit: int = 100) -> list[Session]:
        """Listed by the durable store."""
        return self.durable.list_sessions(participant=participant, limit=limit)

    def delete_session(self, session_id: str) -> None:
        """Delete durably, then forget the cached tail."""
        self.durable.delete_session(session_id)
        self.cache.drop(session_id)

    def purge_expired(self) -> int:
        """Purged by the durable store; cached tails of purged sessions can no longer match and expire from Redis."""
        return self.durable.purge_expired()

    def close(self) -> None:
        """Close the durable store and the cache connection."""
        self.cache.close()
        self.durable.close()

    def _restore(self, session: Session, messages: Sequence[Message], ttl: float | None) -> Session:
        """The restore_session hook: restore durably (records verbatim), then forget any cached tail."""
        restored: Session = self.durable.restore_session(session, messages, ttl=ttl)  # type: ignore[attr-defined]
        self.cache.drop(session.id)
        return restored
