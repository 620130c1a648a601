"""Reading consistent session copies out of any store, and writing them as an export file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from persistence.atomic_files import replacing
from persistence.errors import CorruptData, SessionNotFound
from persistence.interface import SessionStore
from persistence.models import Session
from persistence.transfer.format import (
    SessionCopy,
    derive_ttl,
    end_line,
    header_line,
    message_line,
    session_line,
)

ALL = 2**62  # list_sessions(limit=ALL): every live session, on every backend (Redis refuses limit=None)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote, and the ids of sessions that expired or were deleted while it ran."""

    sessions: int
    messages: int
    vanished: tuple[str, ...]


def all_sessions(store: SessionStore) -> list[Session]:
    """Every live session of `store`, most recently updated first."""
    return store.list_sessions(limit=ALL)


def snapshot(store: SessionStore, session_id: str) -> SessionCopy | None:
    """The session with exactly the messages its record counts; None if it is gone or expired.

    Messages are read as "the first message_count after seq 0", so appends racing with the copy are
    simply not part of it and record and messages always agree.
    """
    try:
        session = store.get_session(session_id)
        messages = store.get_messages(session_id, after_seq=0, limit=session.message_count)
        cursors = store.read_state(session_id)
    except SessionNotFound:
        return None
    if len(messages) != session.message_count:
        raise CorruptData(
            f"session {session_id!r} counts {session.message_count} messages but the store returned "
            f"{len(messages)}; check the source store (its CorruptData tells where)"
        )
    # Clamped: a cursor may have moved past this snapshot's count since it was read.
    read_state = {name: min(seq, session.message_count) for name, seq in cursors.items() if seq}
    return SessionCopy(session, derive_ttl(session), tuple(messages), read_state)


def write_export(store: SessionStore, path: Path, *, source: str, clock: Callable[[], float]) -> ExportResult:
    """Write every live session of `store` to `path` (owner-only), atomically: temp file, fsync, rename.

    `source` is the redacted store URL recorded in the header. OSError is the caller's to report.
    """
    sessions = messages = 0
    vanished: list[str] = []
    with replacing(Path(path).absolute(), encoding="ascii") as handle:
        handle.write(header_line(clock(), source))
        for listed in all_sessions(store):
            copy = snapshot(store, listed.id)
            if copy is None:
                vanished.append(listed.id)
                continue
            handle.write(session_line(copy))
            handle.writelines(message_line(message) for message in copy.messages)
            sessions, messages = sessions + 1, messages + len(copy.messages)
        handle.write(end_line(sessions, messages))
    return ExportResult(sessions, messages, tuple(vanished))
