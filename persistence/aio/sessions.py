"""The async store's session calls: create, read, list, change, delete, purge and restore sessions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from persistence.aio.engines import Calls
from persistence.base import StoreBase
from persistence.hooks import StorageFigures
from persistence.models import Message, Session


class SessionCalls(Calls):
    """Coroutines of the synchronous session methods: same arguments, results and errors (see SessionStore)."""

    async def create_session(
        self,
        participants: Sequence[str],
        *,
        session_id: str | None = None,
        title: str = "",
        metadata: dict[str, Any] | None = None,
        ttl: float | None = None,
    ) -> Session:
        """Create a session; SessionExists if `session_id` is taken."""
        return await self._call(
            StoreBase.create_session,
            participants,
            session_id=session_id,
            title=title,
            metadata=metadata,
            ttl=ttl,
        )

    async def get_session(self, session_id: str) -> Session:
        """The session; SessionNotFound if it is missing or expired."""
        return await self._call(StoreBase.get_session, session_id)

    async def list_sessions(
        self, *, participant: str | None = None, limit: int | None = 100
    ) -> list[Session]:
        """Unexpired sessions, most recently updated first, optionally only those with `participant`."""
        return await self._call(StoreBase.list_sessions, participant=participant, limit=limit)

    async def update_session(
        self,
        session_id: str,
        *,
        title: str | None = None,
        metadata: dict[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> Session:
        """Set title and/or metadata; VersionConflict if `expected_version` is stale."""
        return await self._call(
            StoreBase.update_session,
            session_id,
            title=title,
            metadata=metadata,
            expected_version=expected_version,
        )

    async def add_participants(
        self, session_id: str, participants: Sequence[str], *, expected_version: int | None = None
    ) -> Session:
        """Add people (those present are skipped)."""
        return await self._call(
            StoreBase.add_participants, session_id, participants, expected_version=expected_version
        )

    async def remove_participants(
        self, session_id: str, participants: Sequence[str], *, expected_version: int | None = None
    ) -> Session:
        """Remove people (absent ones are ignored); InvalidData if nobody would be left."""
        return await self._call(
            StoreBase.remove_participants, session_id, participants, expected_version=expected_version
        )

    async def delete_session(self, session_id: str) -> None:
        """Delete the session and its messages; SessionNotFound if missing or expired."""
        return await self._call(StoreBase.delete_session, session_id)

    async def purge_expired(self) -> int:
        """Remove expired sessions from storage; how many were removed."""
        return await self._call(StoreBase.purge_expired)

    async def restore_session(
        self,
        session: Session,
        messages: Sequence[Message],
        *,
        ttl: float | None,
        read_state: dict[str, int] | None = None,
    ) -> Session:
        """Store `session` and its `messages` exactly as given (see StoreBase.restore_session)."""
        return await self._call(StoreBase.restore_session, session, messages, ttl=ttl, read_state=read_state)

    async def storage_figures(self, now: float) -> StorageFigures:
        """Expired-but-unpurged sessions at `now` and the storage size, from the backend's own layout."""
        return await self._call(StoreBase.storage_figures, now)
