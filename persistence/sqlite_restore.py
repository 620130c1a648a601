"""SQLite hook behind StoreBase.restore_session: a session and its messages written verbatim in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from persistence import sqlite_queries as sql
from persistence.models import Message, Session
from persistence.sqlite_schema import encode

if TYPE_CHECKING:
    from persistence.sqlite_store import SqliteStore


def restore(store: SqliteStore, session: Session, messages: list[Message], ttl: float | None) -> Session:
    """Insert the session, its participant rows and every message as given; all or nothing.

    Bound as `SqliteStore._restore`; the records were validated by StoreBase.restore_session.
    """
    with store._pool.transaction(write=True) as conn:
        sql.insert_session(
            conn, session, ttl, now=store.clock(), hint=f"delete it in {store.path} first or skip it"
        )
        conn.executemany(
            sql.INSERT_MESSAGE,
            [
                (
                    m.session_id,
                    m.seq,
                    m.sender,
                    m.content,
                    encode(list(m.recipients)),
                    m.timestamp,
                    encode(m.metadata),
                )
                for m in messages
            ],
        )
        # INSERT_SESSION starts at message_count 0; the append statement sets count, updated_at and expiry.
        conn.execute(
            sql.UPDATE_AFTER_APPEND,
            (session.message_count, session.updated_at, session.expires_at, session.id),
        )
    return session
