"""The raw-sqlite3 baseline: the same messages table, one INSERT + COMMIT per append in WAL mode."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from benchmarks import store_bench_data as data
from benchmarks.store_bench_data import Sizes

SCHEMA = (
    # The store's own messages table: clustered by (session_id, seq), so both do the same B-tree work.
    """CREATE TABLE IF NOT EXISTS messages (
        session_id TEXT NOT NULL, seq INTEGER NOT NULL, sender TEXT NOT NULL, content TEXT NOT NULL,
        recipients TEXT NOT NULL, timestamp REAL NOT NULL, metadata TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)) WITHOUT ROWID""",
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, updated_at REAL NOT NULL, record TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sessions_by_updated ON sessions (updated_at)",
)
INSERT = "INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?)"
RECENT = "SELECT * FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?"
NEWEST = "SELECT record FROM sessions ORDER BY updated_at DESC LIMIT ?"


def row(session_id: str, seq: int, timestamp: float) -> tuple[Any, ...]:
    """One messages row, with the JSON columns encoded as the store encodes them."""
    item = data.message(session_id, seq, timestamp)
    recipients = json.dumps(list(item.recipients))
    return (session_id, seq, item.sender, item.content, recipients, timestamp, json.dumps(item.metadata))


class RawSqlite:
    """sqlite3 on its own WAL database with the store's synchronous level; no store code involved."""

    def __init__(self, path: str, synchronous: str) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute(
            f"PRAGMA synchronous={synchronous}"
        )  # from the fixed backend table, never user text
        for statement in SCHEMA:
            self.conn.execute(statement)
        # A reopened baseline continues after what populate() wrote.
        last = "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE session_id = ?"
        self.counts = {
            sid: int(self.conn.execute(last, (sid,)).fetchone()[0]) for sid in (data.BIG_ID, data.SMALL_ID)
        }

    def populate(self, sizes: Sizes, now: float) -> None:
        """The same sessions and messages as the store gets, in one transaction."""
        records = data.records(sizes, now)
        self.counts = {record.id: record.message_count for record in records[:2]}
        self.conn.execute("BEGIN")
        self.conn.executemany(
            "INSERT INTO sessions VALUES (?, ?, ?)",
            [(r.id, r.updated_at, data.session_json(r)) for r in records],
        )
        for record in records[:2]:
            self.conn.executemany(
                INSERT, (row(m.session_id, m.seq, m.timestamp) for m in data.history(record))
            )
        self.conn.execute("COMMIT")

    def append(self, session_id: str) -> None:
        """BEGIN, INSERT the next message, COMMIT: the durable work of one append."""
        seq = self.counts[session_id] + 1
        self.conn.execute("BEGIN")
        self.conn.execute(INSERT, row(session_id, seq, time.time()))
        self.conn.execute("COMMIT")
        self.counts[session_id] = seq

    def recent(self) -> list[tuple[Any, ...]]:
        """The 50 newest messages of the big session, oldest first, JSON columns decoded."""
        rows = self.conn.execute(RECENT, (data.BIG_ID, data.READ_LIMIT)).fetchall()
        rows.reverse()
        return [(*r[:4], json.loads(r[4]), r[5], json.loads(r[6])) for r in rows]

    def newest(self) -> list[dict[str, Any]]:
        """The 100 most recently updated session records, decoded."""
        return [json.loads(r[0]) for r in self.conn.execute(NEWEST, (data.LIST_LIMIT,))]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
