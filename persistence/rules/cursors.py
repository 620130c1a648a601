"""Read cursors: how far each participant has read a session, and unread counts across their sessions.

A cursor is the last seq a participant has read. It only moves forward (a lower seq is ignored), is
kept only for people in the session (removing someone drops theirs) and never changes the session's
version, updated_at or expiry. Every backend keeps cursors next to the session, under its atomicity.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from persistence import models
from persistence.errors import InvalidData
from persistence.models import Session


def check_mark(session: Session, participant: str, seq: int) -> None:
    """InvalidData unless `participant` is in `session` and `seq` is at most its last message's."""
    if participant not in session.participants:
        raise InvalidData(
            f"{participant!r} is not a participant of session {session.id!r}; add_participants() first"
        )
    if seq > session.message_count:
        raise InvalidData(
            f"seq {seq} is beyond the last message of session {session.id!r} ({session.message_count})"
        )


class ReadCursors(metaclass=ABCMeta):
    """The cursor methods of every store: validation here, storage in the backend's three hooks."""

    def mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """Record that `participant` has read up to `seq`; return their cursor (unchanged if `seq` is lower).

        InvalidData for someone not in the session or a seq beyond the last message; nothing is written.
        """
        sid = models.check_session_id(session_id)
        name = models.check_name(participant, "participant")
        last = models.check_limit(seq, "seq")
        if last is None:
            raise InvalidData("seq must be an int from 0 to 2**63-1, got None")
        return self._mark_read(sid, name, last)

    def read_state(self, session_id: str) -> dict[str, int]:
        """{participant: last read seq} for every participant of the session (0: nothing read yet)."""
        return self._read_state(models.check_session_id(session_id))

    def unread_counts(self, participant: str, *, limit: int | None = 100) -> list[tuple[Session, int]]:
        """(session, messages after the participant's cursor) for their live sessions, most recently
        updated first; O(that participant's sessions) on SQLite and Redis."""
        name = models.check_name(participant, "participant")
        return self._unread(name, models.check_limit(limit, "limit"))

    @abstractmethod
    def _mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """Atomically: check the live session with `check_mark`, move the cursor forward, return it."""

    @abstractmethod
    def _read_state(self, session_id: str) -> dict[str, int]:
        """Every participant's cursor (0 if none) of the live session; SessionNotFound otherwise."""

    @abstractmethod
    def _unread(self, participant: str, limit: int | None) -> list[tuple[Session, int]]:
        """The participant's live sessions, newest first, at most `limit` (None: all), with unread counts."""
