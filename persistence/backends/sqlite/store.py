"""SQLite session store: one WAL database, one transaction per operation, parameterised SQL only."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence

from persistence import models
from persistence.backends.sqlite import probe, restore
from persistence.backends.sqlite import queries as sql
from persistence.backends.sqlite.connect import ConnectionPool, check_synchronous, prepare_file
from persistence.backends.sqlite.cursors import Cursors
from persistence.backends.sqlite.schema import encode, message_from_row, migrate, session_from_row
from persistence.base import StoreBase
from persistence.errors import InvalidData, SessionExists
from persistence.hooks import Keep
from persistence.models import Message, Session
from persistence.rules import history
from persistence.rules.history import replayed
from persistence.rules.revisions import Change, revise


class SqliteStore(Cursors, probe.Probe, StoreBase):
    """Sessions in one SQLite file that any number of threads and processes may share.

    `synchronous="FULL"` (default) fsyncs the WAL on every commit, so an acknowledged append
    survives power loss as well as kill -9; "NORMAL" survives kill -9 only, about 10x faster.
    `path` may be ":memory:" for a private in-memory database (threads then take turns).
    """

    missing_store = staticmethod(probe.missing)  # open_store(create=False) asks before opening

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        ttl: float | None = None,
        max_message_bytes: int = models.DEFAULT_MAX_MESSAGE_BYTES,
        clock: Callable[[], float] = time.time,
        synchronous: str = "FULL",
    ) -> None:
        super().__init__(ttl=ttl, max_message_bytes=max_message_bytes, clock=clock)
        if not isinstance(path, (str, os.PathLike)):
            raise InvalidData(f"SQLite path must be a str or os.PathLike, got {type(path).__name__}")
        self.path = os.fspath(path)
        level = check_synchronous(synchronous)
        prepare_file(self.path)
        self._pool = ConnectionPool(self.path, level)
        try:
            with self._pool.transaction(write=True) as conn:
                migrate(conn, self.path)
        except BaseException:
            self._pool.close()  # a refused or damaged database leaves no connection open
            raise

    def _insert(self, session: Session, messages: Sequence[Message], keep: Keep, *, hint: str) -> Session:
        """One write transaction: the session, its participant rows and its messages; an expired namesake is replaced."""
        with self._pool.transaction(write=True) as conn:
            if not restore.insert(conn, session, messages, keep, now=self.clock()):
                raise SessionExists(f"session {session.id!r} already exists in {self.path}; {hint}")
        return session

    def _append(self, draft: Message) -> Message:
        """One write transaction: bump the live session (its new count is the seq), insert the message."""
        sid, now = draft.session_id, draft.timestamp
        # Encoded before BEGIN IMMEDIATE, so other writers wait for the write lock no longer than needed.
        cid = draft.client_id
        row = (draft.sender, draft.content, encode(draft.recipients), now, encode(draft.metadata), cid)
        with self._pool.transaction(write=True) as conn:
            # A used client_id: found by the unique index inside the same write transaction, so
            # concurrent retries serialise on the write lock and only the first one inserts.
            known = None if cid is None else conn.execute(sql.SELECT_BY_CLIENT_ID, (sid, cid)).fetchone()
            if known is not None:
                sql.visible_state(conn, sid, now)
                return replayed(message_from_row(known, self.path), draft)
            seq = sql.bump(conn, sid, now)
            conn.execute(sql.INSERT_MESSAGE, (sid, seq, *row))
        # Built directly: dataclasses.replace re-inspects the fields on every call.
        return Message(sid, seq, draft.sender, draft.content, draft.recipients, now, draft.metadata, cid)

    def _messages(
        self, session_id: str, after_seq: int | None, limit: int | None, *, before_seq: int | None = None
    ) -> list[Message]:
        """The seqs of history.page_window, oldest first: one primary-key range read, O(limit)."""
        with self._pool.transaction(write=False) as conn:
            count, _, _ = sql.visible_state(conn, session_id, self.clock())
            lo, hi = history.page_window(count, after_seq, before_seq, limit)
            rows = (
                conn.execute(sql.SELECT_MESSAGES_BETWEEN, (session_id, lo, hi)).fetchall() if lo <= hi else []
            )
        return [message_from_row(row, self.path) for row in rows]

    def _update(self, session_id: str, change: Change, expected_version: int | None) -> Session:
        """One write transaction: read the live record, revise it, write it with its participant rows."""
        with self._pool.transaction(write=True) as conn:
            row = conn.execute(sql.SELECT_SESSION, (session_id,)).fetchone()
            if row is None or sql.expired(row[6], self.clock()):
                raise sql.missing(session_id)
            current = session_from_row(row, self.path)
            new = revise(current, change, expected_version)
            if new is None:
                return current
            sql.rewrite(conn, new)
        return new

    def get_session(self, session_id: str) -> Session:
        """Return the session, or raise SessionNotFound if it is missing or expired."""
        models.check_session_id(session_id)
        with self._pool.transaction(write=False) as conn:
            row = conn.execute(sql.SELECT_SESSION, (session_id,)).fetchone()
        if row is None or sql.expired(row[6], self.clock()):
            raise sql.missing(session_id)
        return session_from_row(row, self.path)

    def list_sessions(self, *, participant: str | None = None, limit: int | None = 100) -> list[Session]:
        """Unexpired sessions, most recently updated first, optionally only those with `participant`."""
        size = models.check_limit(limit, "limit")
        size = -1 if size is None else size
        name = None if participant is None else models.check_name(participant, "participant")
        now = self.clock()
        with self._pool.transaction(write=False) as conn:
            if name is None:
                rows = conn.execute(sql.LIST_SESSIONS, (now, size)).fetchall()
            else:
                rows = conn.execute(sql.LIST_SESSIONS_OF, (name, now, size)).fetchall()
        return [session_from_row(row, self.path) for row in rows]

    def delete_session(self, session_id: str) -> None:
        """Delete the session and its messages; raise SessionNotFound if missing or expired."""
        models.check_session_id(session_id)
        with self._pool.transaction(write=True) as conn:
            sql.visible_state(conn, session_id, self.clock())
            sql.remove_session(conn, session_id)

    def purge_expired(self) -> int:
        """Remove expired sessions with their messages; return how many sessions were removed."""
        with self._pool.transaction(write=True) as conn:
            return sql.purge(conn, self.clock())

    def close(self) -> None:
        """Close the connections; later calls raise StoreUnavailable."""
        self._pool.close()
