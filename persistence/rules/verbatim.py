"""Checks for records stored verbatim (restore_session, import): each must survive the codec exactly."""

from __future__ import annotations

from collections.abc import Sequence

from persistence import codec, models
from persistence.errors import InvalidData
from persistence.models import Message, Session


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


def check_cursors(session: Session, read_state: object) -> dict[str, int]:
    """The cursors worth keeping (seq > 0) of `read_state`, else InvalidData: each a participant's, an
    int from 0 to the session's message_count."""
    if read_state is None:
        return {}
    where = f"session {session.id!r}: read_state"
    if not isinstance(read_state, dict):
        raise InvalidData(f"{where} must be a dict of participant -> seq, got {type(read_state).__name__}")
    for name, seq in read_state.items():
        if name not in session.participants:
            raise InvalidData(f"{where} names {name!r}, who is not a participant")
        if type(seq) is not int or not 0 <= seq <= session.message_count:
            raise InvalidData(
                f"{where}[{name!r}] must be an int from 0 to {session.message_count}, got {seq!r}"
            )
    return {name: seq for name, seq in read_state.items() if seq}
