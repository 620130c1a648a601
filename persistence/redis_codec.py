"""JSON encoding of Redis values, and decoding that turns damaged values into CorruptData."""

from __future__ import annotations

import json
from typing import Any

from persistence.errors import CorruptData
from persistence.models import Message, Session

# Field of a decoded JSON object -> the type(s) it must have.
RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "participants": list,
    "title": str,
    "metadata": dict,
    "created_at": (int, float),
}
MESSAGE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "sender": str,
    "content": str,
    "recipients": list,
    "metadata": dict,
    "timestamp": (int, float),
}


def dumps(value: Any) -> str:
    """Compact JSON; ASCII-only so lone surrogates in metadata survive the UTF-8 encoding."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def text(raw: bytes | str, where: str) -> str:
    """Decode a Redis reply (bytes or an already decoded str) as UTF-8."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptData(f"{where} is not UTF-8 (byte {exc.start}); delete or restore that key") from exc


def load(raw: bytes | str, where: str, fields: dict[str, type | tuple[type, ...]]) -> dict[str, Any]:
    """Parse a JSON object and check each field's type, naming `where` and the position if it fails."""
    source = text(raw, where)
    try:
        value = json.loads(source)
    except ValueError as exc:
        raise CorruptData(f"{where} is not valid JSON ({exc}); delete or restore that key") from exc
    bad = [
        name
        for name, kind in fields.items()
        if not isinstance(value, dict) or not isinstance(value.get(name), kind)
    ]
    if bad:
        raise CorruptData(f"{where} lacks valid field(s) {', '.join(bad)}; delete or restore that key")
    return value  # type: ignore[no-any-return]


def number(raw: bytes | str | None, where: str, *, blank: bool = False) -> float | None:
    """Parse a float kept as text; '' means None where `blank` allows it."""
    value = None if raw is None else text(raw, where)
    if blank and value == "":
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise CorruptData(f"{where} holds {value!r}, not a number; delete or restore that key") from exc


def decode_session(session_id: str, fields: dict[Any, Any], key: str) -> Session:
    """Build a Session from the hash `fields` (as HGETALL returns them) of `key`."""
    values = {text(name, key): raw for name, raw in fields.items()}
    record = load(values.get("record", b""), f"Redis key {key} field 'record'", RECORD_FIELDS)
    return Session(
        id=session_id,
        participants=tuple(record["participants"]),
        title=record["title"],
        metadata=record["metadata"],
        created_at=float(record["created_at"]),
        updated_at=float(number(values.get("updated_at"), f"Redis key {key} field 'updated_at'") or 0.0),
        expires_at=number(values.get("expires_at"), f"Redis key {key} field 'expires_at'", blank=True),
        message_count=int(number(values.get("count"), f"Redis key {key} field 'count'") or 0),
    )


def decode_message(session_id: str, seq: int, raw: bytes | str, key: str) -> Message:
    """Build the Message stored at list index seq - 1 of `key`."""
    value = load(raw, f"Redis key {key} at index {seq - 1} (seq {seq})", MESSAGE_FIELDS)
    return Message(
        session_id=session_id,
        seq=seq,
        sender=value["sender"],
        content=value["content"],
        recipients=tuple(value["recipients"]),
        timestamp=float(value["timestamp"]),
        metadata=value["metadata"],
    )


def encode_record(session: Session) -> str:
    """The immutable part of a session, stored as JSON in the hash field 'record'."""
    return dumps(
        {
            "participants": list(session.participants),
            "title": session.title,
            "metadata": session.metadata,
            "created_at": session.created_at,
        }
    )


def encode_message(draft: Message) -> str:
    """A message as JSON; seq is implicit (list index + 1) and session_id is in the key."""
    return dumps(
        {
            "sender": draft.sender,
            "content": draft.content,
            "recipients": list(draft.recipients),
            "timestamp": draft.timestamp,
            "metadata": draft.metadata,
        }
    )
