"""Changes to a session record (title, metadata, participants) and their version check, shared by every backend.

A backend reads the current record inside its atomic step (lock, transaction or compare-and-set), then
calls `revise`: it raises VersionConflict for a stale expected_version, returns None when the change
changes nothing (no write, no new version), else the new record with version + 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from persistence import codec, models
from persistence.errors import InvalidData, VersionConflict
from persistence.models import Session

Change = Callable[[Session], Session]


def check_version(version: object) -> int | None:
    """Return `version` if it is None or an int from 1 to MAX_INT, else raise InvalidData."""
    if version is not None and models.check_limit(version, "expected_version") == 0:
        raise InvalidData("expected_version must be at least 1 (a session starts at version 1)")
    return models.check_limit(version, "expected_version")


def revise(current: Session, change: Change, expected_version: int | None) -> Session | None:
    """The record after `change` with the next version; None if nothing changed. See the module docstring."""
    if expected_version is not None and current.version != expected_version:
        raise VersionConflict(
            f"session {current.id!r} is at version {current.version}, not the expected {expected_version}: "
            "it was changed meanwhile; read it again and retry"
        )
    changed = change(current)
    same = (changed.participants, changed.title) == (current.participants, current.title)
    if same and codec.dumps(changed.metadata) == codec.dumps(current.metadata):  # True is not 1 here
        return None
    return replace(changed, version=current.version + 1)


def retitle(title: str | None, metadata: dict[str, Any] | None) -> Change:
    """update_session's change: the given title and/or metadata (None keeps them)."""

    def change(session: Session) -> Session:
        return replace(
            session,
            title=session.title if title is None else title,
            metadata=session.metadata if metadata is None else metadata,
        )

    return change


def join(names: tuple[str, ...]) -> Change:
    """add_participants' change: the new names appended in order; names already present stay where they are."""

    def change(session: Session) -> Session:
        added = tuple(dict.fromkeys(name for name in names if name not in session.participants))
        return replace(session, participants=session.participants + added)

    return change


def leave(names: tuple[str, ...]) -> Change:
    """remove_participants' change: InvalidData if nobody would be left; absent names are ignored."""

    def change(session: Session) -> Session:
        left = tuple(name for name in session.participants if name not in names)
        if not left:
            raise InvalidData(
                f"removing {', '.join(map(repr, names))} would leave session {session.id!r} without "
                "participants; delete the session instead"
            )
        return replace(session, participants=left)

    return change
