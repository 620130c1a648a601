"""How records sit in Redis: a session hash (record JSON plus counters as text) and a list of message JSON.

The JSON is the codec's (ASCII); the hash fields and the list position add what the layout keeps apart.
The restore script's arguments (creating is restoring no messages) are records in the same layout.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from persistence import codec
from persistence.backends.redis.scripts import GRACE_MS, MAX_PEXPIRE_MS
from persistence.errors import CorruptData
from persistence.hooks import Keep
from persistence.models import Message, Session

# JSON in field 'record', changed only by the update script (with 'version'; absent before versions: 1).
RECORD_FIELDS = ("participants", "title", "metadata", "created_at")
ADVICE = "delete or restore that key"


def text(raw: bytes | str, where: str) -> str:
    """Decode a Redis reply (bytes or an already decoded str) as UTF-8."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptData(f"{where} is not UTF-8 (byte {exc.start}); {ADVICE}") from exc


def number(raw: bytes | str | None, where: str, *, blank: bool = False) -> float | None:
    """Parse a float kept as text; '' means None where `blank` allows it."""
    value = None if raw is None else text(raw, where)
    if blank and value == "":
        return None
    try:
        return float(value if value is not None else "missing")
    except ValueError as exc:
        raise CorruptData(f"{where} holds {value!r}, not a number; {ADVICE}") from exc


def decode_session(session_id: str, fields: dict[Any, Any], key: str) -> Session:
    """Build a Session from the hash `fields` (as HGETALL returns them) of `key`."""
    values = {text(name, key): raw for name, raw in fields.items()}
    where = f"Redis key {key} field"
    record = codec.loads(text(values.get("record", b""), f"{where} 'record'"), f"{where} 'record'")
    document = {name: record.get(name) for name in RECORD_FIELDS}
    document["incarnation"] = record.get("incarnation", "")  # absent in records written before it existed
    document["version"] = record.get("version")
    document["id"] = session_id
    document["updated_at"] = number(values.get("updated_at"), f"{where} 'updated_at'")
    document["expires_at"] = number(values.get("expires_at"), f"{where} 'expires_at'", blank=True)
    document["message_count"] = int(number(values.get("count"), f"{where} 'count'") or 0)
    return codec.session_from_dict(document, f"Redis key {key}")


def decode_message(session_id: str, seq: int, raw: bytes | str, key: str) -> Message:
    """Build the Message stored at list index seq - 1 of `key`."""
    where = f"Redis key {key} at index {seq - 1} (seq {seq})"
    known = {"session_id": session_id, "seq": seq}
    return codec.message_from_dict(codec.loads(text(raw, where), where), where, known=known)


def encode_record(session: Session, former: tuple[str, ...] = ()) -> str:
    """The record part of a session, stored as JSON in the hash field 'record'.

    `former`: people removed from the session whose participant sets may still name it (removal
    leaves those entries, which readers filter out), so deleting or purging the session clears them.
    """
    document = codec.session_to_dict(session)
    fields = {name: document[name] for name in RECORD_FIELDS}
    extra = {"former": list(former)} if former else {}
    return codec.dumps({**fields, "incarnation": session.incarnation, "version": session.version, **extra})


def encode_message(message: Message) -> str:
    """A message as JSON; seq is implicit (list index + 1) and session_id is in the key."""
    return codec.dumps(codec.message_to_dict(message, omit=("session_id", "seq")))


def flat(pairs: dict[str, int]) -> str:
    """A JSON array [key, value, key, value ...]: the form the script's HSET loop takes."""
    return codec.dumps([item for key, value in pairs.items() for item in (key, value)])


def restore_args(session: Session, messages: Sequence[Message], keep: Keep, now: float) -> list[str]:
    """ARGV of scripts.RESTORE for `session` with `messages` at store time `now`.

    Redis reclaims the keys GRACE_MS after the session's own expiry, as after an append.
    """
    expires = "" if session.expires_at is None else repr(session.expires_at)
    left_ms = None if session.expires_at is None else (session.expires_at - now) * 1000 + GRACE_MS
    ms = "" if left_ms is None else str(math.ceil(min(left_ms, MAX_PEXPIRE_MS)))
    args = [
        encode_record(session),
        repr(float(session.updated_at)),
        expires,
        "" if keep.ttl is None else repr(keep.ttl),
    ]
    clients = {m.client_id: m.seq for m in messages if m.client_id is not None}
    head = [*args, ms, str(session.message_count), repr(now), flat(clients), flat(keep.cursors)]
    return [*head, *(encode_message(m) for m in messages)]
