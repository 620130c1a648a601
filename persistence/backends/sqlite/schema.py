"""SQLite schema: versioned DDL (`PRAGMA user_version`), migration on open, and rows <-> the codec's records."""

from __future__ import annotations

import sqlite3
from typing import Any

from persistence import codec
from persistence.errors import CorruptData, StoreUnavailable
from persistence.models import Message, Session

SCHEMA_VERSION = 3

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
    (
        # 2: which stored record a session is (new on create and restore), so a cache can tell a
        # session restored with equal counters from the one it copied. Existing rows get one now.
        "ALTER TABLE sessions ADD COLUMN incarnation TEXT NOT NULL DEFAULT ''",
        "UPDATE sessions SET incarnation = lower(hex(randomblob(16)))",
    ),
    (
        # 3: idempotent appends. A message's client_id is unique within its session; NULL (every
        # message written before, and those appended without one) is not indexed.
        "ALTER TABLE messages ADD COLUMN client_id TEXT",
        # and versioned updates: every existing session is at version 1.
        "ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
        # and read cursors: the last seq each participant has read (no row: nothing read yet).
        """CREATE TABLE read_cursors (
            session_id TEXT NOT NULL,
            participant TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (session_id, participant)
        ) WITHOUT ROWID""",
        "CREATE UNIQUE INDEX messages_by_client_id ON messages (session_id, client_id) "
        "WHERE client_id IS NOT NULL",
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


SESSION_COLUMNS = "id, participants, title, metadata, created_at, updated_at, expires_at, message_count, incarnation, version"
MESSAGE_COLUMNS = "session_id, seq, sender, content, recipients, timestamp, metadata, client_id"
ADVICE = "restore the database from a backup"


def encode(value: Any) -> str:
    """The codec's JSON text for a column (UTF-8 text, tuples become arrays)."""
    return codec.dumps(value, ascii_only=False)


def column(text: object, kind: type, where: str) -> Any:
    """Parse a JSON column that must hold a `kind`, else raise CorruptData naming `where`."""
    if not isinstance(text, str):
        raise CorruptData(f"{where} holds {type(text).__name__}, not JSON text; {ADVICE}")
    try:
        value = codec.loads(text, where, kind=kind)
    except CorruptData as exc:
        raise CorruptData(f"{exc}; {ADVICE}") from exc
    if kind is list and not all(isinstance(item, str) for item in value):
        raise CorruptData(f"{where} holds a list that is not all strings; {ADVICE}")
    return value


def row_document(
    row: tuple[Any, ...], columns: str, json_columns: dict[str, type], where: str
) -> dict[str, Any]:
    """A row (in `columns` order) as the codec's dict, its JSON text columns parsed."""
    document = dict(zip(columns.split(", "), row, strict=True))
    for name, kind in json_columns.items():
        document[name] = column(document[name], kind, f"{where}, column {name}")
    return document


def session_from_row(row: tuple[Any, ...], path: str) -> Session:
    """A `sessions` row (SESSION_COLUMNS order) as a Session, checked by the codec."""
    where = f"{path}: table sessions, session {row[0]!r}"
    document = row_document(row, SESSION_COLUMNS, {"participants": list, "metadata": dict}, where)
    return codec.session_from_dict(document, where)


def message_from_row(row: tuple[Any, ...], path: str) -> Message:
    """A `messages` row (MESSAGE_COLUMNS order) as a Message, checked by the codec."""
    where = f"{path}: table messages, session {row[0]!r}, seq {row[1]}"
    document = row_document(row, MESSAGE_COLUMNS, {"recipients": list, "metadata": dict}, where)
    return codec.message_from_dict(document, where)
