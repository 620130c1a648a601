"""Validation of a whole session (record, ttl and every message) before a backend restores it verbatim."""

from __future__ import annotations

import math
from collections.abc import Sequence

from persistence import models
from persistence.errors import InvalidData
from persistence.models import Message, Session


def check_time(value: object, what: str) -> float:
    """Return `value` as a finite float (a bool is not a time), else raise InvalidData naming `what`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidData(f"{what} must be a finite number of seconds since the epoch, got {value!r}")
    return float(value)


def check_session_record(session: Session, ttl: float | None) -> None:
    """Every Session field has the type and shape a store would have given it; ttl matches expires_at."""
    where = f"session {session.id!r}"
    models.check_session_id(session.id)
    models.check_names(session.participants, f"{where}: participants")
    if not isinstance(session.title, str):
        raise InvalidData(f"{where}: title must be a str, got {type(session.title).__name__}")
    if models.check_metadata(session.metadata) != session.metadata:
        raise InvalidData(f"{where}: metadata does not survive a JSON round trip; use JSON values only")
    check_time(session.created_at, f"{where}: created_at")
    check_time(session.updated_at, f"{where}: updated_at")
    if session.expires_at is not None:
        check_time(session.expires_at, f"{where}: expires_at")
    models.check_ttl(ttl)
    if (ttl is None) != (session.expires_at is None):
        raise InvalidData(
            f"{where}: ttl {ttl!r} and expires_at {session.expires_at!r} disagree; "
            "a session expires (both set) or never does (both None)"
        )


def check_message(message: Message, session_id: str, seq: int, max_bytes: int) -> None:
    """One message of the session being restored: it belongs to it, has seq `seq` and valid fields."""
    where = f"session {session_id!r} message {seq}"
    if message.session_id != session_id or message.seq != seq:
        raise InvalidData(
            f"{where}: got session {message.session_id!r} seq {message.seq!r}; "
            "messages must belong to the session and have seq 1, 2, 3 ... without gaps"
        )
    models.check_name(message.sender, f"{where}: sender")
    try:
        models.check_content(message.content, max_bytes)
    except InvalidData as exc:
        raise InvalidData(f"{where}: {exc}") from exc
    models.check_names(message.recipients, f"{where}: recipients", allow_empty=True)
    check_time(message.timestamp, f"{where}: timestamp")
    if models.check_metadata(message.metadata) != message.metadata:
        raise InvalidData(f"{where}: metadata does not survive a JSON round trip; use JSON values only")


def check_restore(
    session: Session, messages: Sequence[Message], ttl: float | None, *, max_bytes: int, now: float
) -> None:
    """Raise InvalidData unless `session` with `messages` can be stored exactly as given at time `now`."""
    check_session_record(session, ttl)
    count = session.message_count
    if isinstance(count, bool) or not isinstance(count, int) or count != len(messages):
        raise InvalidData(
            f"session {session.id!r}: message_count is {count!r} but {len(messages)} messages were given; "
            "restore a session together with all of its messages"
        )
    for seq, message in enumerate(messages, start=1):
        check_message(message, session.id, seq, max_bytes)
    if models.is_expired(session.expires_at, now):
        raise InvalidData(
            f"session {session.id!r} expired at {session.expires_at!r} (store time now {now!r}); "
            "an expired session would be invisible at once, so it is not restored"
        )
