"""The one interface every session store implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from persistence.models import Message, Session
from persistence.record_changes import ReadTracking, RecordChanges


@runtime_checkable
class SessionStore(RecordChanges, ReadTracking, Protocol):
    """Multichat sessions and their message histories, kept across processes and restarts."""

    def create_session(
        self,
        participants: Sequence[str],
        *,
        session_id: str | None = None,
        title: str = "",
        metadata: dict[str, Any] | None = None,
        ttl: float | None = None,
    ) -> Session:
        """Create a session; raise SessionExists if `session_id` is taken."""

    def append_message(  # noqa: V205 -- the public signature: three arguments and three keyword options
        self,
        session_id: str,
        sender: str,
        content: str,
        *,
        recipients: Sequence[str] = (),
        metadata: dict[str, Any] | None = None,
        client_id: str | None = None,
    ) -> Message:
        """Append a message (seq assigned by the store), refreshing a sliding TTL; durable on return.

        A `client_id` already used in the session returns that message unchanged and writes nothing;
        IdempotencyConflict if it was used for a different message.
        """

    def get_session(self, session_id: str) -> Session:
        """Return the session, or raise SessionNotFound if it is missing or expired."""

    def get_messages(
        self,
        session_id: str,
        *,
        after_seq: int | None = None,
        before_seq: int | None = None,
        limit: int | None = None,
    ) -> list[Message]:
        """Messages oldest first, strictly between `after_seq` and `before_seq`: all, or the `limit` newest
        of them (the `limit` oldest when only `after_seq` is given: forward paging)."""

    def list_sessions(self, *, participant: str | None = None, limit: int | None = 100) -> list[Session]:
        """Unexpired sessions, most recently updated first, optionally only those with `participant`."""

    def delete_session(self, session_id: str) -> None:
        """Delete the session and its messages; raise SessionNotFound if missing or expired."""

    def purge_expired(self) -> int:
        """Remove expired sessions from storage and return how many were removed."""

    def close(self) -> None:
        """Release files, connections and locks; the store is unusable afterwards."""

    def __enter__(self) -> SessionStore:
        """Return the store itself."""

    def __exit__(self, *exc_info: object) -> None:
        """Close the store."""
