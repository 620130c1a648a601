"""Read cursors in SQLite: table `read_cursors` (session_id, participant, seq), written in the session's transactions."""

from __future__ import annotations

from collections.abc import Callable

from persistence.backends.sqlite import queries as sql
from persistence.backends.sqlite.connect import ConnectionPool
from persistence.backends.sqlite.schema import session_from_row
from persistence.models import Session
from persistence.rules.cursors import check_mark


class Cursors:
    """SqliteStore's cursor hooks (a base listed before StoreBase, so it implements them)."""

    _pool: ConnectionPool
    path: str
    clock: Callable[[], float]

    def _mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """One write transaction: check the live session, then an upsert that keeps the larger seq."""
        with self._pool.transaction(write=True) as conn:
            row = conn.execute(sql.SELECT_SESSION, (session_id,)).fetchone()
            if row is None or sql.expired(row[6], self.clock()):
                raise sql.missing(session_id)
            check_mark(session_from_row(row, self.path), participant, seq)
            conn.execute(sql.MARK_READ, (session_id, participant, seq))
            return int(conn.execute(sql.SELECT_CURSOR, (session_id, participant)).fetchone()[0])

    def _read_state(self, session_id: str) -> dict[str, int]:
        """The session's participants with their cursors, from one read snapshot."""
        with self._pool.transaction(write=False) as conn:
            row = conn.execute(sql.SELECT_SESSION, (session_id,)).fetchone()
            if row is None or sql.expired(row[6], self.clock()):
                raise sql.missing(session_id)
            cursors = dict(conn.execute(sql.SELECT_CURSORS, (session_id,)).fetchall())
        return {name: int(cursors.get(name, 0)) for name in session_from_row(row, self.path).participants}

    def _unread(self, participant: str, limit: int | None) -> list[tuple[Session, int]]:
        """One indexed query: the participant's rows in session_participants, their sessions and cursors."""
        size = -1 if limit is None else limit
        with self._pool.transaction(write=False) as conn:
            rows = conn.execute(sql.UNREAD_OF, (participant, self.clock(), size)).fetchall()
        return [(session_from_row(row[:-1], self.path), int(row[-1])) for row in rows]
