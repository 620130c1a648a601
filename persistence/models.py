"""Session and Message records, and the validation every backend applies before writing."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from persistence.errors import InvalidData

SESSION_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024
MAX_DEPTH = 100  # objects and lists inside metadata; deeper input would exhaust Python's recursion
MAX_INT = 2**63 - 1  # the largest count, seq or limit every backend holds (SQLite's INTEGER, Redis's)


@dataclass(frozen=True)
class Session:
    """A chat session: who takes part, its metadata and its bookkeeping."""

    id: str
    participants: tuple[str, ...]
    title: str
    metadata: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0
    updated_at: float = 0.0
    expires_at: float | None = None
    message_count: int = 0
    # 1 at create, +1 on every change of title, metadata or participants (appends leave it alone);
    # records written before versions existed read as 1.
    version: int = 1
    # Which stored record this is: a new random id each time the store creates or restores the session
    # ("" in records written before 2026-11 and in records built by hand). Not content: not compared.
    incarnation: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Message:
    """One message of a session; `seq` (1, 2, 3 ...) and `timestamp` are assigned by the store."""

    session_id: str
    seq: int
    sender: str
    content: str
    recipients: tuple[str, ...] = ()
    timestamp: float = 0.0
    metadata: dict[str, Any] = field(default_factory=dict)
    # The caller's idempotency key (append_message(client_id=...)); None for a message appended without one.
    client_id: str | None = None


def check_session_id(session_id: object) -> str:
    """Return `session_id` if it is a valid id, else raise InvalidData saying what is allowed."""
    if not isinstance(session_id, str) or not SESSION_ID_PATTERN.fullmatch(session_id):
        raise InvalidData(
            f"invalid session id {session_id!r}: use 1-128 characters from A-Z a-z 0-9 . _ -, "
            "starting with a letter or digit"
        )
    return session_id


def check_client_id(client_id: object) -> str | None:
    """Return `client_id` (None or an id with the session id's rules), else raise InvalidData."""
    if client_id is not None and (
        not isinstance(client_id, str) or not SESSION_ID_PATTERN.fullmatch(client_id)
    ):
        raise InvalidData(
            f"invalid client_id {client_id!r}: use None or 1-128 characters from A-Z a-z 0-9 . _ -, "
            "starting with a letter or digit"
        )
    return client_id


def check_names(names: object, what: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    """Return `names` as a tuple of non-empty strings, else raise InvalidData naming `what`."""
    if isinstance(names, str) or not isinstance(names, (list, tuple)):
        raise InvalidData(f"{what} must be a list of strings, got {type(names).__name__}")
    if not names and not allow_empty:
        raise InvalidData(f"{what} must not be empty: give at least one name")
    return tuple(check_name(name, what) for name in names)


def check_name(name: object, what: str) -> str:
    """Return `name` if it is a non-empty str of valid Unicode, else raise InvalidData naming `what`."""
    if not isinstance(name, str) or not name:
        raise InvalidData(f"{what} must be non-empty strings, got {name!r}")
    return check_text(name, what)


def check_text(text: object, what: str) -> str:
    """Return `text` if it is a str every backend can store (no lone surrogate), else raise InvalidData."""
    if not isinstance(text, str):
        raise InvalidData(f"{what} must be a str, got {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidData(f"{what} is not valid Unicode text (lone surrogate?): {exc}") from exc
    return text


def check_content(content: object, max_bytes: int) -> str:
    """Return `content` if it is a str of at most `max_bytes` UTF-8 bytes, else raise InvalidData."""
    text = check_text(content, "content")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise InvalidData(
            f"content is {size} bytes, over the store's max_message_bytes={max_bytes}; "
            "split the message or open the store with a larger max_message_bytes"
        )
    return text


def check_json_shape(value: dict[Any, Any], what: str) -> None:
    """InvalidData unless every object key inside `value` is a str and nothing nests over MAX_DEPTH deep."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise InvalidData(f"{what} nests deeper than {MAX_DEPTH} objects and lists; flatten it")
        if isinstance(item, dict):
            keys = [key for key in item if not isinstance(key, str)]
            if keys:
                raise InvalidData(f"{what} has key {keys[0]!r}: JSON object keys must be str")
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend((child, depth + 1) for child in item)


def check_ttl(ttl: object) -> float | None:
    """Return `ttl` as seconds (None = no expiry), else raise InvalidData."""
    if ttl is None:
        return None
    if isinstance(ttl, bool) or not isinstance(ttl, (int, float)) or not 0 < ttl < math.inf:
        raise InvalidData(f"ttl must be a positive, finite number of seconds or None, got {ttl!r}")
    return float(ttl)


def check_limit(value: object, what: str) -> int | None:
    """Return `value` if it is None or an int from 0 to MAX_INT, else raise InvalidData."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_INT:
        raise InvalidData(f"{what} must be an int from 0 to 2**63-1 or None, got {value!r}")
    return value


def is_expired(expires_at: float | None, now: float) -> bool:
    """The one definition of expiry every backend uses: expired from the instant `expires_at` is reached."""
    return expires_at is not None and expires_at <= now
