"""The small base every backend shares: validation before any write, the clock, the context manager."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Self

from persistence import codec, models
from persistence.errors import InvalidData
from persistence.hooks import Keep, StoreHooks
from persistence.models import Message, Session
from persistence.rules import revisions, verbatim
from persistence.rules.cursors import ReadCursors

CREATE_HINT = "pick another id or omit it"
RESTORE_HINT = "delete it there first or skip it"


class StoreBase(StoreHooks, ReadCursors):
    """Validates input, then hands plain records to the backend's hooks (see StoreHooks).

    `clock` is injectable so tests can move time.
    """

    def __init__(
        self,
        *,
        ttl: float | None = None,
        max_message_bytes: int = models.DEFAULT_MAX_MESSAGE_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.default_ttl = models.check_ttl(ttl)
        if models.check_limit(max_message_bytes, "max_message_bytes") is None or max_message_bytes < 1:
            raise InvalidData(f"max_message_bytes must be a positive int, got {max_message_bytes!r}")
        self.max_message_bytes = max_message_bytes
        self.clock = clock

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def create_session(
        self,
        participants: Sequence[str],
        *,
        session_id: str | None = None,
        title: str = "",
        metadata: dict[str, Any] | None = None,
        ttl: float | None = None,
    ) -> Session:
        """Validate everything, then let the backend insert the session atomically."""
        people = models.check_names(participants, "participants")
        sid = uuid.uuid4().hex if session_id is None else models.check_session_id(session_id)
        models.check_text(title, "title")
        ttl_seconds = models.check_ttl(ttl) if ttl is not None else self.default_ttl
        now = self.clock()
        session = Session(
            id=sid,
            participants=people,
            title=title,
            metadata=codec.json_object(metadata, "metadata"),
            created_at=now,
            updated_at=now,
            expires_at=None if ttl_seconds is None else now + ttl_seconds,
            message_count=0,
            incarnation=uuid.uuid4().hex,
        )
        return self._insert(session, (), Keep(ttl_seconds), hint=CREATE_HINT)

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
        """Validate everything, then let the backend assign seq/timestamp and append atomically.

        A `client_id` already used in the session returns the stored message and writes nothing
        (IdempotencyConflict if that message differs in sender, content, recipients or metadata).
        """
        draft = Message(
            session_id=models.check_session_id(session_id),
            seq=0,
            sender=models.check_name(sender, "sender"),
            content=models.check_content(content, self.max_message_bytes),
            recipients=models.check_names(recipients, "recipients", allow_empty=True),
            timestamp=self.clock(),
            metadata=codec.json_object(metadata, "metadata"),
            client_id=models.check_client_id(client_id),
        )
        return self._append(draft)

    def get_messages(
        self,
        session_id: str,
        *,
        after_seq: int | None = None,
        before_seq: int | None = None,
        limit: int | None = None,
    ) -> list[Message]:
        """Validate the paging arguments, then read from the backend (see history.page_window)."""
        return self._messages(
            models.check_session_id(session_id),
            models.check_limit(after_seq, "after_seq"),
            models.check_limit(limit, "limit"),
            before_seq=models.check_limit(before_seq, "before_seq"),
        )

    def update_session(
        self,
        session_id: str,
        *,
        title: str | None = None,
        metadata: dict[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> Session:
        """Set the title and/or metadata (None keeps it); the version goes up by one if anything changed.

        VersionConflict (nothing written) if `expected_version` is given and is not the session's version.
        """
        sid = models.check_session_id(session_id)
        new_title = None if title is None else models.check_text(title, "title")
        new_metadata = None if metadata is None else codec.json_object(metadata, "metadata")
        change = revisions.retitle(new_title, new_metadata)
        return self._update(sid, change, revisions.check_version(expected_version))

    def add_participants(
        self, session_id: str, participants: Sequence[str], *, expected_version: int | None = None
    ) -> Session:
        """Add people (those already in are skipped; nothing new: no write, no new version)."""
        people = models.check_names(participants, "participants")
        change = revisions.join(people)
        return self._update(
            models.check_session_id(session_id), change, revisions.check_version(expected_version)
        )

    def remove_participants(
        self, session_id: str, participants: Sequence[str], *, expected_version: int | None = None
    ) -> Session:
        """Remove people (absent ones are ignored); InvalidData if nobody would be left."""
        people = models.check_names(participants, "participants")
        change = revisions.leave(people)
        return self._update(
            models.check_session_id(session_id), change, revisions.check_version(expected_version)
        )

    def restore_session(
        self,
        session: Session,
        messages: Sequence[Message],
        *,
        ttl: float | None,
        read_state: dict[str, int] | None = None,
    ) -> Session:
        """Store `session` and all its `messages` exactly as given (ids, seqs, timestamps), atomically.

        For import and migration, which must keep what the source store assigned. `ttl` is the
        session's sliding TTL (None: never expires; it must be None exactly when expires_at is);
        `read_state` its read cursors ({participant: seq}, as read_state() gives them; 0 or absent: none).
        Raises InvalidData (bad or already expired records; nothing written) or SessionExists (a live
        session has that id; an expired namesake is replaced).
        """
        verbatim.check_copy(session, messages, ttl, max_bytes=self.max_message_bytes, now=self.clock())
        cursors = verbatim.check_cursors(session, read_state)
        fresh = replace(session, incarnation=uuid.uuid4().hex)  # a restored record is a new incarnation
        return self._insert(fresh, tuple(messages), Keep(ttl, cursors), hint=RESTORE_HINT)
