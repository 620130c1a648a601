"""Writing a whole session verbatim inside the caller's write transaction: creating is restoring no messages."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from persistence.backends.sqlite import queries as sql
from persistence.backends.sqlite.schema import encode
from persistence.errors import SessionNotFound
from persistence.hooks import Keep
from persistence.models import Message, Session


def insert(
    conn: sqlite3.Connection, session: Session, messages: Sequence[Message], keep: Keep, *, now: float
) -> bool:
    """Insert the session row, its participant rows and every message as given, replacing an expired,
    unpurged namesake; False (nothing written) if a live session has the id."""
    try:
        sql.visible_state(conn, session.id, now)
    except SessionNotFound:
        sql.remove_session(conn, session.id)
    else:
        return False
    row = (session.id, encode(list(session.participants)), session.title, encode(session.metadata))
    times = (session.created_at, session.updated_at, session.expires_at, keep.ttl)
    conn.execute(
        sql.INSERT_SESSION, (*row, *times, session.message_count, session.incarnation, session.version)
    )
    conn.executemany(sql.INSERT_PARTICIPANT, [(name, session.id) for name in session.participants])
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
                m.client_id,
            )
            for m in messages
        ],
    )
    conn.executemany(sql.MARK_READ, [(session.id, name, seq) for name, seq in keep.cursors.items()])
    return True
