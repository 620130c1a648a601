"""Population of a store before timing: restore_session (one bulk write per session) or, for a store that is
not one of ours, the public API."""

from __future__ import annotations

from benchmarks import store_bench_data as data
from benchmarks.store_bench_data import Sizes
from persistence.base import StoreBase
from persistence.interface import SessionStore
from persistence.models import Session

RESTORE = "restore_session"
REPLAY = "create_session + append_message"


def put_session(store: SessionStore, record: Session) -> str:
    """Store `record` with its messages through restore_session; replay it via the public API if that is missing.

    Returns the path taken (RESTORE or REPLAY).
    """
    messages = data.history(record)
    if isinstance(store, StoreBase):  # every backend is; the SessionStore protocol has no restore_session
        store.restore_session(record, messages, ttl=data.TTL)
        return RESTORE
    store.create_session(
        record.participants, session_id=record.id, title=record.title, metadata=record.metadata, ttl=data.TTL
    )
    for item in messages:
        store.append_message(
            record.id, item.sender, item.content, recipients=item.recipients, metadata=item.metadata
        )
    return REPLAY


def populate(store: SessionStore, sizes: Sizes, now: float) -> str:
    """Every session of `data.records`; returns how they were written, for the report."""
    paths = {put_session(store, record) for record in data.records(sizes, now)}
    return " / ".join(sorted(paths))
