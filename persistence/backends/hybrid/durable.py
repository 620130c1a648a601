"""What the hybrid store's durable store answers alone: the cache holds messages only, never session records."""

from __future__ import annotations

from persistence.base import StoreBase
from persistence.hooks import StorageFigures
from persistence.models import Session
from persistence.rules.revisions import Change


class DurableOnly:
    """HybridStore's calls that go to the durable store alone (a base listed before StoreBase)."""

    durable: StoreBase

    def _update(self, session_id: str, change: Change, expected_version: int | None) -> Session:
        """Changed durably, nothing to do in the cache: its entries are stamped by incarnation, count and
        updated_at, which a record change leaves alone, and sessions are always read durably."""
        return self.durable._update(session_id, change, expected_version)

    def _mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """Cursors live in the durable store alone."""
        return self.durable._mark_read(session_id, participant, seq)

    def _read_state(self, session_id: str) -> dict[str, int]:
        """Read from the durable store."""
        return self.durable._read_state(session_id)

    def _unread(self, participant: str, limit: int | None) -> list[tuple[Session, int]]:
        """Counted by the durable store."""
        return self.durable._unread(participant, limit)

    def get_session(self, session_id: str) -> Session:
        """The durable record (never the cache: a session read is the freshness check)."""
        return self.durable.get_session(session_id)

    def list_sessions(self, *, participant: str | None = None, limit: int | None = 100) -> list[Session]:
        """Listed by the durable store."""
        return self.durable.list_sessions(participant=participant, limit=limit)

    def purge_expired(self) -> int:
        """Purged by the durable store; cached tails of purged sessions can no longer match and expire from Redis."""
        return self.durable.purge_expired()

    def storage_figures(self, now: float) -> StorageFigures:
        """Those of the durable store: the Redis cache is a copy, not counted."""
        return self.durable.storage_figures(now)
