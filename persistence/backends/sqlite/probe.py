"""Figures of a SQLite store beyond the contract: expired sessions not purged yet, and bytes on disk."""

from __future__ import annotations

import os
import sqlite3

from persistence.backends.sqlite import queries as sql
from persistence.backends.sqlite.connect import MEMORY, ConnectionPool
from persistence.hooks import StorageFigures


class Probe:
    """SqliteStore's storage_figures (a base listed before StoreBase, so it implements the hook)."""

    _pool: ConnectionPool
    path: str

    def storage_figures(self, now: float) -> StorageFigures:
        """Expired sessions not purged yet, and bytes of the database files."""
        with self._pool.transaction(write=False) as conn:
            return figures(conn, self.path, now)


def figures(conn: sqlite3.Connection, path: str, now: float) -> StorageFigures:
    """Expired sessions at `now`, and bytes of the database with its -wal and -shm files (None in memory)."""
    expired = len(conn.execute(sql.EXPIRED_IDS, (now,)).fetchall())
    if path == MEMORY:
        return StorageFigures(expired, None)
    files = [path + suffix for suffix in ("", "-wal", "-shm")]
    return StorageFigures(expired, sum(os.path.getsize(name) for name in files if os.path.exists(name)))


def missing(path: str) -> str | None:
    """Why no SQLite store is at `path` (no such file; `:memory:` is always there), or None if one is."""
    return None if path == MEMORY or os.path.isfile(path) else "no such database file"
