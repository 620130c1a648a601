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


@runtime_checkable
class ReadTracking(Protocol):
    """Read cursors (see persistence.rules.cursors): the last seq each participant has read, and unread counts."""

    def mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """Move `participant`'s cursor forward to `seq` (a lower seq is ignored); return the cursor."""

    def read_state(self, session_id: str) -> dict[str, int]:
        """{participant: last read seq} for every participant (0: nothing read yet)."""

    def unread_counts(self, participant: str, *, limit: int | None = 100) -> list[tuple[Session, int]]:
        """(session, unread count) for the participant's live sessions, most recently updated first."""
