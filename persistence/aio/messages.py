"""The async store's message calls: append and page through messages, and the read cursors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from persistence.aio.engines import Calls
from persistence.base import StoreBase
from persistence.models import Message, Session


class MessageCalls(Calls):
    """Coroutines of the synchronous message and cursor methods: same arguments, results and errors."""

    async def append_message(  # noqa: V205 -- the public signature: three arguments and three keyword options
        self,
        session_id: str,
        sender: str,
        content: str,
        *,
        recipients: Sequence[str] = (),
        metadata: dict[str, Any] | None = None,
        client_id: str | None = None,
    ) -> Message:
        """Append a message (seq assigned by the store); a used `client_id` returns that message."""
        return await self._call(
            StoreBase.append_message,
            session_id,
            sender,
            content,
            recipients=recipients,
            metadata=metadata,
            client_id=client_id,
        )

    async def get_messages(
        self,
        session_id: str,
        *,
        after_seq: int | None = None,
        before_seq: int | None = None,
        limit: int | None = None,
    ) -> list[Message]:
        """Messages oldest first, strictly between `after_seq` and `before_seq` (see SessionStore)."""
        return await self._call(
            StoreBase.get_messages, session_id, after_seq=after_seq, before_seq=before_seq, limit=limit
        )

    async def mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """Move `participant`'s cursor forward to `seq`; return the cursor."""
        return await self._call(StoreBase.mark_read, session_id, participant, seq)

    async def read_state(self, session_id: str) -> dict[str, int]:
        """{participant: last read seq} for every participant (0: nothing read yet)."""
        return await self._call(StoreBase.read_state, session_id)

    async def unread_counts(self, participant: str, *, limit: int | None = 100) -> list[tuple[Session, int]]:
        """(session, unread count) for the participant's live sessions, most recently updated first."""
        return await self._call(StoreBase.unread_counts, participant, limit=limit)
