"""The part of the SessionStore interface that changes a session record: versioned updates and participants."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from persistence.models import Session


@runtime_checkable
class RecordChanges(Protocol):
    """Title, metadata and participants change; each change adds one to Session.version (appends do not).

    Every method takes `expected_version`: when given and not the session's version, VersionConflict
    is raised and nothing is written (optimistic concurrency: read, change, write if nobody else did).
    """

    def update_session(
        self,
        session_id: str,
        *,
        title: str | None = None,
        metadata: dict[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> Session:
        """Set title and/or metadata; version + 1 if anything changed; VersionConflict if expected_version is stale."""

    def add_participants(
        self, session_id: str, participants: Sequence[str], *, expected_version: int | None = None
    ) -> Session:
        """Add people (those present are skipped); list_sessions(participant=...) follows at once."""

    def remove_participants(
        self, session_id: str, participants: Sequence[str], *, expected_version: int | None = None
    ) -> Session:
        """Remove people (absent ones are ignored); InvalidData if nobody would be left."""
