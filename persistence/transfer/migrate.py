"""Copying every session between two stores, safely re-runnable, and verifying the destination afterwards.

Each session is restored atomically (one transaction / script / rename), so after a kill the
destination holds whole sessions only. A re-run compares each source session with the destination:
identical -> skipped; a shorter or older copy of the same session (an earlier run copied it before more
messages arrived or its record changed, or a copy written by other means) -> deleted and copied again
("redone"); anything
else with that id -> a conflict, left alone and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from persistence.base import StoreBase
from persistence.errors import SessionExists, SessionNotFound
from persistence.interface import SessionStore
from persistence.models import Session
from persistence.transfer.export import snapshot
from persistence.transfer.format import SessionCopy
from persistence.transfer.import_ import expired, restore


@dataclass
class MigrateLog:
    """What happened to each source session, and the records the destination must now hold."""

    copied: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the destination, identical
    redone: list[str] = field(default_factory=list)  # an incomplete copy was replaced
    conflicts: list[str] = field(default_factory=list)  # a different session has that id there
    vanished: list[str] = field(default_factory=list)  # deleted or expired in the source meanwhile
    messages: int = 0  # messages written to the destination
    expected: dict[str, Session] = field(default_factory=dict)


def is_prefix(dst: SessionStore, existing: Session, copy: SessionCopy) -> bool:
    """True if `existing` is the same session as `copy` holding only its first messages, at the same
    or an earlier version (a title, metadata or participants change in the source since)."""
    source = copy.session
    fixed = ("participants", "title", "metadata") if existing.version == source.version else ()
    if any(getattr(existing, name) != getattr(source, name) for name in (*fixed, "created_at")):
        return False
    if existing.message_count > source.message_count or existing.version > source.version:
        return False
    return tuple(dst.get_messages(source.id)) == copy.messages[: existing.message_count]


def cursors_of(store: SessionStore, session: Session) -> dict[str, int]:
    """The cursors of `session` in `store` worth keeping (seq > 0), as export writes them."""
    return {name: seq for name, seq in store.read_state(session.id).items() if seq}


def decide(dst: SessionStore, copy: SessionCopy) -> str:
    """ "copy" (not there), "skip" (identical), "redo" (an incomplete copy) or "conflict"."""
    try:
        existing = dst.get_session(copy.session.id)
    except SessionNotFound:
        return "copy"
    if existing == copy.session and cursors_of(dst, existing) == copy.read_state:
        return "skip"
    return "redo" if is_prefix(dst, existing, copy) else "conflict"


def migrate_one(src: SessionStore, dst: StoreBase, session_id: str, log: MigrateLog) -> None:
    """Bring one source session into the destination, recording the outcome in `log`."""
    copy = snapshot(src, session_id)
    if copy is None or expired(dst, copy):
        log.vanished.append(session_id)
        return
    action = decide(dst, copy)
    if action == "skip":
        log.skipped.append(session_id)
        log.expected[session_id] = copy.session
        return
    try:
        if action == "redo":
            dst.delete_session(session_id)
        if action != "conflict":
            restore(dst, copy)
    except (SessionExists, SessionNotFound):  # another writer created or removed it just now
        action = "conflict"
    if action == "conflict":
        log.conflicts.append(session_id)
        return
    (log.redone if action == "redo" else log.copied).append(session_id)
    log.messages += len(copy.messages)
    log.expected[session_id] = copy.session


def migrate(src: SessionStore, dst: StoreBase, session_ids: Iterable[str]) -> MigrateLog:
    """Migrate the given source sessions (the CLI wraps the ids in a progress bar)."""
    log = MigrateLog()
    for session_id in session_ids:
        migrate_one(src, dst, session_id, log)
    return log


def verify(dst: SessionStore, expected: dict[str, Session]) -> tuple[int, int, list[str]]:
    """(sessions, messages) in `dst` equal to what was copied or found, and the ids that are not."""
    matched = messages = 0
    wrong: list[str] = []
    for session_id, session in expected.items():
        try:
            found = dst.get_session(session_id)
        except SessionNotFound:
            found = None
        if found != session:
            wrong.append(session_id)
            continue
        matched, messages = matched + 1, messages + session.message_count
    return matched, messages, wrong
