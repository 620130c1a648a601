"""SQLite schema: versioned DDL (`PRAGMA user_version`), migration on open, and row <-> record conversion."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from persistence.errors import CorruptData, StoreUnavailable
from persistence.models import Message, Session

SCHEMA_VERSION = 1

# MIGRATIONS[n] takes a database from user_version n to n + 1. Never edit a released step: append one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        # WITHOUT ROWID: rows are clustered by primary key, so one session's messages are contiguous
        # and "the 50 most recent" is a single range read at the end of that session's key range.
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY NOT NULL,
            participants TEXT NOT NULL,
            title TEXT NOT NULL,
            metadata TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            expires_at REAL,
            ttl REAL,
            message_count INTEGER NOT NULL
        ) WITHOUT ROWID""",
        "CREATE INDEX sessions_by_updated ON sessions (updated_at)",
        "CREATE INDEX sessions_by_expiry ON sessions (expires_at)",
        """CREATE TABLE session_participants (
            participant TEXT NOT NULL,
            session_id TEXT NOT NULL,
            PRIMARY KEY (participant, session_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX participants_by_session ON session_participants (session_id)",
        """CREATE TABLE messages (
            session_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            sender TEXT NOT NULL,
            content TEXT NOT NULL,
            recipients TEXT NOT NULL,
            timestamp REAL NOT NULL,
            metadata TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID""",
    ),
)
assert len(MIGRATIONS) == SCHEMA_VERSION


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the schema to SCHEMA_VERSION inside the caller's write transaction; return the old version.

    A database written by a newer release is refused rather than guessed at.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreUnavailable(
            f"SQLite database {path} has schema version {version}, newer than this release understands "
            f"({SCHEMA_VERSION}); upgrade the persistence package to open it"
        )
    for step in MIGRATIONS[version:]:
        for statement in step:
            conn.execute(statement)
    if version != SCHEMA_VERSION:
        # PRAGMA takes no bound parameters; the value is our own integer constant.
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return version


# One encoder for every write: json.dumps with non-default options would build a new one per call.
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def encode(value: Any) -> str:
    """JSON text for a column (tuples become arrays); values were validated as JSON-serialisable before any write."""
    return ENCODER.encode(value)


def decode(text: object, kind: type, where: str) -> Any:
    """Parse a JSON column that must hold a `kind`, else raise CorruptData naming `where`."""
    try:
        value = json.loads(text)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise CorruptData(f"{where} is not valid JSON ({exc}); restore the database from a backup") from exc
    # isinstance against the literal `list` narrows `value` to list[Any], so mypy knows it is iterable.
    if kind is list:
        valid = isinstance(value, list) and all(isinstance(item, str) for item in value)
    else:
        valid = isinstance(value, kind)
    if not valid:
        raise CorruptData(
            f"{where} holds {type(value).__name__}, expected a JSON {kind.__name__}; restore the database from a backup"
        )
    return value


SESSION_COLUMNS = "id, participants, title, metadata, created_at, updated_at, expires_at, message_count"
MESSAGE_COLUMNS = "session_id, seq, sender, content, recipients, timestamp, metadata"


def session_from_row(row: tuple[Any, ...], path: str) -> Session:
    """A `sessions` row (SESSION_COLUMNS order) as a Session."""
    where = f"{path}: table sessions, session {row[0]!r}, column"
    return Session(
        id=row[0],
        participants=tuple(decode(row[1], list, f"{where} participants")),
        title=row[2],
        metadata=decode(row[3], dict, f"{where} metadata"),
        created_at=row[4],
        updated_at=row[5],
        expires_at=row[6],
        message_count=row[7],
    )


def message_from_row(row: tuple[Any, ...], path: str) -> Message:
    """A `messages` row (MESSAGE_COLUMNS order) as a Message."""
    where = f"{path}: table messages, session {row[0]!r}, seq {row[1]}, column"
    return Message(
        session_id=row[0],
        seq=row[1],
        sender=row[2],
        content=row[3],
        recipients=tuple(decode(row[4], list, f"{where} recipients")),
        timestamp=row[5],
        metadata=decode(row[6], dict, f"{where} metadata"),
    )
