"""Importing an export file: check the whole file first, then restore session by session, never overwriting.

Re-runnable: a session already in the store exactly as the file holds it (session and every message)
was imported by an earlier run, perhaps one killed midway, and is counted as done, never a conflict;
so a plain re-run completes an interrupted import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from persistence import models
from persistence.base import StoreBase
from persistence.errors import InvalidData, SessionExists, SessionNotFound
from persistence.interface import SessionStore
from persistence.transfer.format import SessionCopy
from persistence.transfer.read import read_copies

ON_CONFLICT = ("fail", "skip")


@dataclass(frozen=True)
class ImportResult:
    """What an import restored, and which sessions it left alone (and why)."""

    imported: int
    messages: int
    existing: tuple[str, ...]  # a different live session with that id was already there (--on-conflict skip)
    expired: tuple[str, ...]  # expired by the store's clock: restoring would make it invisible at once
    done: tuple[str, ...] = ()  # already in the store exactly as in the file (an earlier run imported it)


def restore(store: StoreBase, copy: SessionCopy) -> None:
    """Restore `copy` into `store` verbatim."""
    store.restore_session(copy.session, copy.messages, ttl=copy.ttl, read_state=copy.read_state)


def exists(store: SessionStore, session_id: str) -> bool:
    """True if a live session with that id is in `store`."""
    try:
        store.get_session(session_id)
    except SessionNotFound:
        return False
    return True


def same(store: SessionStore, copy: SessionCopy) -> bool:
    """True if `store` holds the session exactly as `copy` (an earlier import of the same file wrote it)."""
    try:
        return store.get_session(copy.session.id) == copy.session and (
            tuple(store.get_messages(copy.session.id)) == copy.messages
        )
    except SessionNotFound:
        return False


def expired(store: StoreBase, copy: SessionCopy) -> bool:
    """True if the copied session has expired by the importing store's clock."""
    return models.is_expired(copy.session.expires_at, store.clock())


def check_file(store: StoreBase, path: Path, on_conflict: str) -> None:
    """First pass, no writes: every record of `path` is valid, and (fail mode) no session already exists."""
    max_bytes = store.max_message_bytes
    for number, copy in read_copies(path, max_bytes):
        live = on_conflict == "fail" and not expired(store, copy) and exists(store, copy.session.id)
        if live and not same(store, copy):
            raise SessionExists(
                f"{path} line {number}: session {copy.session.id!r} already exists in the store; nothing was "
                "imported. Delete it there, or import with --on-conflict skip to keep the existing one"
            )


def import_file(store: StoreBase, path: Path, *, on_conflict: str = "fail") -> ImportResult:
    """Import every session of export file `path` into `store`; each session is restored atomically.

    The whole file is validated before the first write. `on_conflict`: "fail" (SessionExists, raised
    before anything is written) or "skip" (keep the existing session, report its id).
    """
    if on_conflict not in ON_CONFLICT:
        raise InvalidData(f"on_conflict must be one of {', '.join(ON_CONFLICT)}, got {on_conflict!r}")
    check_file(store, path, on_conflict)
    imported = messages = 0
    existing: list[str] = []
    stale: list[str] = []
    done: list[str] = []
    max_bytes = store.max_message_bytes
    for number, copy in read_copies(path, max_bytes):
        if expired(store, copy):
            stale.append(copy.session.id)
            continue
        try:
            restore(store, copy)
        except SessionExists as exc:
            if same(store, copy):
                done.append(copy.session.id)
            elif on_conflict == "fail":  # created by someone else since the first pass
                raise SessionExists(f"{path} line {number}: {exc}") from exc
            else:
                existing.append(copy.session.id)
            continue
        imported, messages = imported + 1, messages + len(copy.messages)
    return ImportResult(imported, messages, tuple(existing), tuple(stale), tuple(done))
