"""The small base every backend shares: validation before any write, the clock, the context manager."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Self

from persistence import codec, models
from persistence.errors import InvalidData
from persistence.hooks import StoreHooks
from persistence.models import Message, Session

CREATE_HINT = "pick another id or omit it"
RESTORE_HINT = "delete it there first or skip it"


class StoreBase(StoreHooks):
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
        return self._insert(session, (), ttl_seconds, hint=CREATE_HINT)

    def append_message(  # noqa: V205 - the public signature: three arguments and three keyword options
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

    def restore_session(self, session: Session, messages: Sequence[Message], *, ttl: float | None) -> Session:
        """Store `session` and all its `messages` exactly as given (ids, seqs, timestamps), atomically.

        For import and migration, which must keep what the source store assigned. `ttl` is the
        session's sliding TTL (None: never expires; it must be None exactly when expires_at is).
        Raises InvalidData (bad or already expired records; nothing written) or SessionExists (a live
        session has that id; an expired namesake is replaced).
        """
        check_copy(session, messages, ttl, max_bytes=self.max_message_bytes, now=self.clock())
        fresh = replace(session, incarnation=uuid.uuid4().hex)  # a restored record is a new incarnation
        return self._insert(fresh, tuple(messages), ttl, hint=RESTORE_HINT)


def check_record(record: Session | Message, where: str) -> None:
    """`record` obeys the codec's rules and survives its JSON round trip unchanged, else InvalidData."""
    is_session = isinstance(record, Session)
    if not isinstance(record.metadata, dict):
        raise InvalidData(f"{where}: metadata must be a dict, got {type(record.metadata).__name__}")
    models.check_json_shape(record.metadata, f"{where}: metadata")
    document = codec.session_to_dict(record) if isinstance(record, Session) else codec.message_to_dict(record)
    try:
        text = codec.dumps(document, ascii_only=False)
        text.encode("utf-8")  # a lone surrogate: every backend stores UTF-8
    except (TypeError, ValueError) as exc:  # NaN, Infinity, a value JSON cannot hold, a lone surrogate
        raise InvalidData(
            f"{where}: not storable as JSON ({exc}); every number must be a finite number, "
            "metadata JSON values only, text valid Unicode"
        ) from exc
    decode = codec.session_from_dict if is_session else codec.message_from_dict
    back = decode(codec.loads(text, where, InvalidData), where, InvalidData)
    if back.metadata != record.metadata:
        raise InvalidData(f"{where}: metadata does not survive a JSON round trip; use JSON values only")


def check_messages(session: Session, messages: Sequence[Message], max_bytes: int, *, first: int = 1) -> None:
    """Every message belongs to `session`, has seq `first`, `first` + 1 ... and valid fields; no
    client_id names two of them."""
    client_ids = [m.client_id for m in messages if m.client_id is not None]
    if len(set(client_ids)) != len(client_ids):
        raise InvalidData(
            f"session {session.id!r}: two messages have the same client_id; each names one message"
        )
    for seq, message in enumerate(messages, start=first):
        where = f"session {session.id!r} message {seq}"
        if message.session_id != session.id or message.seq != seq:
            raise InvalidData(
                f"{where}: got session {message.session_id!r} seq {message.seq!r}; "
                "messages must belong to the session and have seq 1, 2, 3 ... without gaps"
            )
        models.check_name(message.sender, f"{where}: sender")
        models.check_names(message.recipients, f"{where}: recipients", allow_empty=True)
        check_record(message, where)
        try:
            models.check_content(message.content, max_bytes)
        except InvalidData as exc:
            raise InvalidData(f"{where}: {exc}") from exc


def check_copy(
    session: Session, messages: Sequence[Message], ttl: float | None, *, max_bytes: int, now: float
) -> None:
    """Raise InvalidData unless `session` with `messages` can be stored exactly as given at time `now`."""
    where = f"session {session.id!r}"
    models.check_session_id(session.id)
    models.check_names(session.participants, f"{where}: participants")
    check_record(session, where)
    models.check_text(session.title, f"{where}: title")
    models.check_ttl(ttl)
    if (ttl is None) != (session.expires_at is None):
        raise InvalidData(
            f"{where}: ttl {ttl!r} and expires_at {session.expires_at!r} disagree; "
            "a session expires (both set) or never does (both None)"
        )
    if session.message_count != len(messages):
        raise InvalidData(
            f"{where}: message_count is {session.message_count!r} but {len(messages)} messages were given; "
            "restore a session together with all of its messages"
        )
    check_messages(session, messages, max_bytes)
    if models.is_expired(session.expires_at, now):
        raise InvalidData(
            f"{where} expired at {session.expires_at!r} (store time now {now!r}); "
            "an expired session would be invisible at once, so it is not restored"
        )
