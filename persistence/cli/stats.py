"""Figures for `stats`: live sessions and messages via the public API; expired sessions and size per backend.

Expired-but-unpurged sessions and storage size are not part of the store contract: every backend
reports them through its `storage_figures` hook (see persistence.hooks). Size: bytes on disk of the
store's files (JSON: every file under the root; SQLite: the database and its -wal/-shm files), or for
Redis the sum of MEMORY USAGE over the store's keys. A hybrid store shows its durable store's.
"""

from __future__ import annotations

from dataclasses import dataclass

from persistence.base import StoreBase
from persistence.transfer.export import all_sessions


@dataclass(frozen=True)
class Stats:
    """What `stats` prints; None means the backend cannot tell (printed as n/a)."""

    sessions: int
    messages: int
    expired: int | None
    size: int | None


def gather(store: StoreBase, now: float) -> Stats:
    """Stats of `store` at time `now` (the store's clock)."""
    live = all_sessions(store)
    figures = store.storage_figures(now)
    return Stats(len(live), sum(s.message_count for s in live), figures.expired, figures.size)
