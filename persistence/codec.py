"""The one codec of Session and Message: dict form and JSON text, with one rule set for every path.

Every backend and the export format build their layout from these dicts (adding or dropping the
fields their layout keeps elsewhere), and every read goes back through `session_from_dict` /
`message_from_dict`. The rules, the same when writing, reading a store and importing a file:

- a number is an int or a float, never a bool, and finite (NaN and Infinity are not JSON);
- times (created_at, updated_at, expires_at, timestamp) are such numbers, read back as floats;
- counts and seqs are ints (message_count >= 0, seq >= 1), never bools;
- participants and recipients are lists of non-empty strings (participants not empty);
- metadata is a JSON object: str keys (never turned into strings: `{1: "x"}` is refused), JSON values
  only, no lone surrogates, nested at most models.MAX_DEPTH objects and lists deep; True and 1, -0.0, 5e-324,
  big ints, key order and every Unicode character come back as they went in.

A violation on the way in is InvalidData (nothing is written); in stored data it is CorruptData.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from persistence import models
from persistence.errors import CorruptData, InvalidData, PersistenceError
from persistence.models import Message, Session

Rule = Callable[[Any], bool]
ErrorType = type[PersistenceError]


def is_number(value: Any) -> bool:
    """An int or float, never a bool (True is not 1 here), and finite."""
    return type(value) in (int, float) and math.isfinite(value)


MESSAGE_RULES: dict[str, Rule] = {
    "session_id": lambda v: isinstance(v, str) and models.SESSION_ID_PATTERN.fullmatch(v) is not None,
    "seq": lambda v: type(v) is int and v >= 1,
    "sender": lambda v: isinstance(v, str) and bool(v),
    "content": lambda v: isinstance(v, str),
    "recipients": lambda v: isinstance(v, list) and all(isinstance(item, str) and item for item in v),
    "timestamp": is_number,
    "metadata": lambda v: isinstance(v, dict),
    # Optional: absent (or null) in messages appended without one, and in every record written before it.
    "client_id": lambda v: (
        v is None or (isinstance(v, str) and models.SESSION_ID_PATTERN.fullmatch(v) is not None)
    ),
}
SESSION_RULES: dict[str, Rule] = {
    "id": MESSAGE_RULES["session_id"],
    "participants": lambda v: bool(v) and MESSAGE_RULES["recipients"](v),
    "title": lambda v: isinstance(v, str),
    "metadata": lambda v: isinstance(v, dict),
    "created_at": is_number,
    "updated_at": is_number,
    "expires_at": lambda v: v is None or is_number(v),
    "message_count": lambda v: type(v) is int and v >= 0,
    # Optional: absent in records written before versions existed, which read as version 1.
    "version": lambda v: v is None or (type(v) is int and 1 <= v <= models.MAX_INT),
}
# One encoder per text form: json.dumps with non-default options would build a new one per call.
ENCODERS = {
    ascii_only: json.JSONEncoder(ensure_ascii=ascii_only, separators=(",", ":"), allow_nan=False)
    for ascii_only in (True, False)
}


def dumps(document: Any, *, ascii_only: bool = True) -> str:
    """Compact JSON text on one line (newlines in strings are escaped); ASCII with \\u escapes unless told."""
    return ENCODERS[ascii_only].encode(document)


def reject_constant(name: str) -> None:
    """NaN and Infinity are not JSON, though Python's parser would accept them."""
    raise ValueError(f"{name} is not a JSON number")


def loads(text: str | bytes, where: str, error: ErrorType = CorruptData, kind: type = dict) -> Any:
    """Parse JSON text that must hold a `kind` (an object unless told), else raise `error` naming `where`."""
    try:
        document = json.loads(text, parse_constant=reject_constant)
    except (TypeError, ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError: ValueErrors
        raise error(f"{where} is not valid JSON ({type(exc).__name__}: {exc})") from exc
    if not isinstance(document, kind):
        raise error(f"{where} holds a JSON {type(document).__name__}, expected a {kind.__name__}")
    return document


def json_object(value: object, what: str) -> dict[str, Any]:
    """Return a JSON round-tripped copy of `value` (None -> {}; tuples become lists), else InvalidData."""
    if value is None or value == {}:
        return {}
    if not isinstance(value, dict):
        raise InvalidData(f"{what} must be a dict, got {type(value).__name__}")
    models.check_json_shape(value, what)
    try:
        copy: dict[str, Any] = loads(dumps(value, ascii_only=False).encode("utf-8"), what, InvalidData)
    except (TypeError, ValueError) as exc:  # NaN/Infinity, a non-JSON value, a lone surrogate
        raise InvalidData(
            f"{what} must hold JSON values only (no NaN or Infinity, valid Unicode): {exc}"
        ) from exc
    return copy


def check_fields(document: dict[str, Any], rules: dict[str, Rule], where: str, error: ErrorType) -> None:
    """Every field of `rules` is present in `document` and obeys its rule, else `error` naming them."""
    bad = [name for name, rule in rules.items() if not rule(document.get(name))]
    if bad:
        raise error(
            f"{where} has missing or mistyped field(s) {', '.join(bad)} (each number a finite number, "
            "never a boolean; names non-empty strings)"
        )


def session_to_dict(session: Session) -> dict[str, Any]:
    """The session's fields in their fixed order (id ... message_count), participants as a list."""
    return {
        "id": session.id,
        "participants": list(session.participants),
        "title": session.title,
        "metadata": session.metadata,
        "created_at": session.created_at,
        "updated_at": session.updated_at,
        "expires_at": session.expires_at,
        "message_count": session.message_count,
        "version": session.version,
    }


def message_to_dict(message: Message, omit: tuple[str, ...] = ()) -> dict[str, Any]:
    """The message's fields in their fixed order (session_id ... metadata[, client_id]), recipients as a list.

    `client_id` is there only when the message has one, so records without one keep their old bytes.
    `omit` drops fields a layout keeps elsewhere (the session id in a key, the seq as a position).
    """
    document = {
        "session_id": message.session_id,
        "seq": message.seq,
        "sender": message.sender,
        "content": message.content,
        "recipients": list(message.recipients),
        "timestamp": message.timestamp,
        "metadata": message.metadata,
    }
    if message.client_id is not None:
        document["client_id"] = message.client_id
    for name in omit:
        del document[name]
    return document


def session_from_dict(document: dict[str, Any], where: str, error: ErrorType = CorruptData) -> Session:
    """A Session from its dict form, checked by SESSION_RULES (extra keys are the caller's business)."""
    check_fields(document, SESSION_RULES, where, error)
    expires_at = document["expires_at"]
    return Session(
        id=document["id"],
        participants=tuple(document["participants"]),
        title=document["title"],
        metadata=document["metadata"],
        created_at=float(document["created_at"]),
        updated_at=float(document["updated_at"]),
        expires_at=None if expires_at is None else float(expires_at),
        message_count=document["message_count"],
        version=document.get("version") or 1,
        # Where a backend's layout keeps one (never in the export format); "" where it does not.
        incarnation=str(document.get("incarnation") or ""),
    )


def message_from_dict(
    document: dict[str, Any], where: str, error: ErrorType = CorruptData, known: dict[str, Any] | None = None
) -> Message:
    """A Message from its dict form, checked by MESSAGE_RULES (extra keys are the caller's business).

    `known` gives the fields the layout keeps outside the document (the session id, the seq).
    """
    if known:
        document = {**document, **known}
    check_fields(document, MESSAGE_RULES, where, error)
    return Message(
        session_id=document["session_id"],
        seq=document["seq"],
        sender=document["sender"],
        content=document["content"],
        recipients=tuple(document["recipients"]),
        timestamp=float(document["timestamp"]),
        metadata=document["metadata"],
        client_id=document.get("client_id"),
    )
