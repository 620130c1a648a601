"""SQLite connections: owner-only files, WAL pragmas, a per-store pool, and driver errors -> ours."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from persistence.errors import CorruptData, InvalidData, PersistenceError, StoreUnavailable

MEMORY = ":memory:"
BUSY_TIMEOUT_SECONDS = 30.0
SYNCHRONOUS_MODES = ("FULL", "NORMAL")
# SQLite primary result codes meaning "these bytes are not a readable database": SQLITE_CORRUPT, SQLITE_NOTADB.
CORRUPT_CODES = frozenset({11, 26})


def translate(exc: sqlite3.Error, path: str) -> PersistenceError:
    """Turn a driver error into CorruptData (damaged file) or StoreUnavailable, saying what to do."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in CORRUPT_CODES:
        return CorruptData(
            f"SQLite database {path} is damaged ({exc}); restore it from a backup or move it aside "
            f"(`sqlite3 {path} .recover` may salvage rows) and open the store again"
        )
    return StoreUnavailable(
        f"SQLite database {path} cannot be used ({exc}); check that the path is a writable file, "
        f"the disk is not full and no process holds a write lock for over {BUSY_TIMEOUT_SECONDS:.0f} s"
    )


def check_synchronous(mode: object) -> str:
    """Return the `PRAGMA synchronous` level in upper case, else raise InvalidData."""
    level = mode.upper() if isinstance(mode, str) else None
    if level not in SYNCHRONOUS_MODES:
        raise InvalidData(f"synchronous must be one of {', '.join(SYNCHRONOUS_MODES)}, got {mode!r}")
    return level


def prepare_file(path: str) -> None:
    """Create missing parent directories 0700 and the database file 0600 before SQLite opens it.

    SQLite gives its -wal and -shm files the database file's mode, so they are owner-only too.
    """
    if path == MEMORY:
        return
    target = Path(path)
    missing = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700, exist_ok=True)
        os.close(os.open(target, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError as exc:
        raise StoreUnavailable(
            f"cannot create or open the SQLite database file {path} ({exc.strerror}); "
            "check the path and the permissions of its directory"
        ) from exc


def connect(path: str, synchronous: str) -> sqlite3.Connection:
    """Open one connection in autocommit mode (we issue BEGIN ourselves) with WAL and a busy timeout."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        # PRAGMA values cannot be bound parameters; `synchronous` comes from a fixed list.
        conn.execute(f"PRAGMA synchronous={synchronous}")
    except BaseException:
        conn.close()
        raise
    return conn


class ConnectionPool:
    """Idle connections handed to one thread at a time; new ones opened on demand, all closed by close().

    A pool (rather than one connection per thread) bounds the number of open connections to the
    number of concurrent calls and survives threads that come and go. After a fork the child
    never touches the parent's connections (SQLite forbids carrying them across fork).
    """

    def __init__(self, path: str, synchronous: str) -> None:
        self.path = path
        self.synchronous = synchronous
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._inherited: list[sqlite3.Connection] = []
        # A file store has no pool limit; an in-memory database lives in one connection, so threads take turns.
        self._turn = threading.Lock() if path == MEMORY else None
        self._pid = os.getpid()
        self._closed = False

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """One transaction: BEGIN IMMEDIATE for writes (takes the write lock up front), BEGIN for reads."""
        conn = self._acquire()
        healthy = True
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            healthy = _rollback(conn)
            raise translate(exc, self.path) from exc
        except BaseException:
            healthy = _rollback(conn)
            raise
        finally:
            self._release(conn, healthy)

    def _acquire(self) -> sqlite3.Connection:
        if self._turn is not None:
            self._turn.acquire()
        try:
            with self._lock:
                if self._closed:
                    raise StoreUnavailable(
                        f"the store for {self.path} is closed; open a new one with open_store()"
                    )
                if self._pid != os.getpid():
                    self._inherited.extend(self._idle)
                    self._idle, self._pid = [], os.getpid()
                if self._idle:
                    return self._idle.pop()
            return connect(self.path, self.synchronous)
        except BaseException as exc:
            if self._turn is not None:
                self._turn.release()
            if isinstance(exc, sqlite3.Error):
                raise translate(exc, self.path) from exc
            raise

    def _release(self, conn: sqlite3.Connection, healthy: bool) -> None:
        # No fork check here: a fork never returns into another thread's call, and the forking
        # thread is not inside one, so this runs in the process that acquired `conn`.
        with self._lock:
            keep = healthy and not self._closed
            if keep:
                self._idle.append(conn)
        if not keep:
            conn.close()
        if self._turn is not None:
            self._turn.release()

    def close(self) -> None:
        """Close every idle connection now; connections in use are closed when their call ends."""
        with self._lock:
            self._closed = True
            idle = self._idle if self._pid == os.getpid() else []
            self._idle = []
        for conn in idle:
            conn.close()


def _rollback(conn: sqlite3.Connection) -> bool:
    """Roll back if a transaction is open; return False if the connection is no longer usable."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        return False
    return True
