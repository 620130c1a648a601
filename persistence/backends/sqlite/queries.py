"""Every SQL statement the SQLite store runs (parameterised only), and the multi-statement steps."""

from __future__ import annotations

import sqlite3

from persistence.backends.sqlite.schema import MESSAGE_COLUMNS, SESSION_COLUMNS, encode
from persistence.errors import SessionNotFound
from persistence.models import Session

VISIBLE = "(expires_at IS NULL OR expires_at > ?)"

SELECT_SESSION = f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?"
SELECT_STATE = "SELECT message_count, expires_at, ttl FROM sessions WHERE id = ?"
INSERT_SESSION = (
    "INSERT INTO sessions (id, participants, title, metadata, created_at, updated_at, expires_at, ttl, "
    "message_count, incarnation, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
UPDATE_RECORD = "UPDATE sessions SET participants = ?, title = ?, metadata = ?, version = ? WHERE id = ?"
INSERT_PARTICIPANT = "INSERT OR IGNORE INTO session_participants (participant, session_id) VALUES (?, ?)"
INSERT_MESSAGE = f"INSERT INTO messages ({MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
SELECT_BY_CLIENT_ID = f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE session_id = ? AND client_id = ?"
UPDATE_AFTER_APPEND = "UPDATE sessions SET message_count = ?, updated_at = ?, expires_at = ? WHERE id = ?"
# An append's bookkeeping in one statement: only a live session matches, and the new count is the seq.
# `? + ttl` is NULL for a session without ttl, and the same double as Python's `now + ttl` otherwise.
BUMP = (
    "UPDATE sessions SET message_count = message_count + 1, updated_at = ?, expires_at = ? + ttl "
    f"WHERE id = ? AND {VISIBLE} RETURNING message_count"
)
# UPDATE ... RETURNING needs SQLite 3.35 (2021); older libraries take the SELECT + UPDATE path.
HAS_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)
# One range of the primary key (session_id, seq): O(messages returned), wherever they lie in the history.
SELECT_MESSAGES_BETWEEN = (
    f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE session_id = ? AND seq BETWEEN ? AND ? ORDER BY seq"
)
# Ties on updated_at are broken by id so every backend call returns a stable order.
LIST_SESSIONS = (
    f"SELECT {SESSION_COLUMNS} FROM sessions WHERE {VISIBLE} ORDER BY updated_at DESC, id DESC LIMIT ?"
)
LIST_SESSIONS_OF = (
    f"SELECT {', '.join('s.' + column for column in SESSION_COLUMNS.split(', '))} "
    "FROM session_participants AS p JOIN sessions AS s ON s.id = p.session_id "
    "WHERE p.participant = ? AND (s.expires_at IS NULL OR s.expires_at > ?) "
    "ORDER BY s.updated_at DESC, s.id DESC LIMIT ?"
)
DELETE_ONE = (
    "DELETE FROM read_cursors WHERE session_id = ?",
    "DELETE FROM messages WHERE session_id = ?",
    "DELETE FROM session_participants WHERE session_id = ?",
    "DELETE FROM sessions WHERE id = ?",
)
DELETE_PARTICIPANTS = DELETE_ONE[2]
# A removed participant's cursor goes with them (one placeholder per remaining participant).
DROP_CURSORS = "DELETE FROM read_cursors WHERE session_id = ? AND participant NOT IN ({})"
MARK_READ = (
    "INSERT INTO read_cursors (session_id, participant, seq) VALUES (?, ?, ?) "
    "ON CONFLICT (session_id, participant) DO UPDATE SET seq = max(seq, excluded.seq)"
)
SELECT_CURSOR = "SELECT seq FROM read_cursors WHERE session_id = ? AND participant = ?"
SELECT_CURSORS = "SELECT participant, seq FROM read_cursors WHERE session_id = ?"
UNREAD_OF = (
    f"SELECT {', '.join('s.' + column for column in SESSION_COLUMNS.split(', '))}, "
    "s.message_count - COALESCE(c.seq, 0) "
    "FROM session_participants AS p JOIN sessions AS s ON s.id = p.session_id "
    "LEFT JOIN read_cursors AS c ON c.session_id = p.session_id AND c.participant = p.participant "
    "WHERE p.participant = ? AND (s.expires_at IS NULL OR s.expires_at > ?) "
    "ORDER BY s.updated_at DESC, s.id DESC LIMIT ?"
)
EXPIRED_IDS = "SELECT id FROM sessions WHERE expires_at <= ?"
PURGE = (
    f"DELETE FROM read_cursors WHERE session_id IN ({EXPIRED_IDS})",
    f"DELETE FROM messages WHERE session_id IN ({EXPIRED_IDS})",
    f"DELETE FROM session_participants WHERE session_id IN ({EXPIRED_IDS})",
    "DELETE FROM sessions WHERE expires_at <= ?",
)


def expired(expires_at: float | None, now: float) -> bool:
    """True once `now` has reached `expires_at` (None never expires)."""
    return expires_at is not None and expires_at <= now


def missing(session_id: str) -> SessionNotFound:
    """The error for a session that does not exist or has expired."""
    return SessionNotFound(
        f"session {session_id!r} does not exist or has expired; create it with create_session() first"
    )


def visible_state(
    conn: sqlite3.Connection, session_id: str, now: float
) -> tuple[int, float | None, float | None]:
    """(message_count, expires_at, ttl) of a live session, else raise SessionNotFound."""
    row = conn.execute(SELECT_STATE, (session_id,)).fetchone()
    if row is None or expired(row[1], now):
        raise missing(session_id)
    return int(row[0]), row[1], row[2]


def bump_returning(conn: sqlite3.Connection, session_id: str, now: float) -> int:
    """Count one more message, set updated_at and slide expires_at of a live session; return the new seq."""
    row = conn.execute(BUMP, (now, now, session_id, now)).fetchone()
    if row is None:
        raise missing(session_id)
    return int(row[0])


def bump_classic(conn: sqlite3.Connection, session_id: str, now: float) -> int:
    """bump_returning for SQLite < 3.35: read the state, then update it (one statement more)."""
    count, _, ttl = visible_state(conn, session_id, now)
    conn.execute(UPDATE_AFTER_APPEND, (count + 1, now, None if ttl is None else now + ttl, session_id))
    return count + 1


# Both run inside the caller's BEGIN IMMEDIATE transaction, so the count cannot change in between.
bump = bump_returning if HAS_RETURNING else bump_classic


def remove_session(conn: sqlite3.Connection, session_id: str) -> None:
    """Delete a session's messages, participant index rows and record (inside the caller's transaction)."""
    for statement in DELETE_ONE:
        conn.execute(statement, (session_id,))


def rewrite(conn: sqlite3.Connection, session: Session) -> None:
    """Store the record fields of `session` (participants, title, metadata, version) and its participant rows."""
    row = (encode(list(session.participants)), session.title, encode(session.metadata), session.version)
    conn.execute(UPDATE_RECORD, (*row, session.id))
    conn.execute(DELETE_PARTICIPANTS, (session.id,))
    names = session.participants
    conn.execute(DROP_CURSORS.format(", ".join("?" * len(names))), (session.id, *names))
    conn.executemany(INSERT_PARTICIPANT, [(name, session.id) for name in session.participants])


def purge(conn: sqlite3.Connection, now: float) -> int:
    """Delete every session expired at `now` with its rows; return how many sessions went."""
    removed = 0
    for statement in PURGE:
        removed = conn.execute(statement, (now,)).rowcount
    return removed
