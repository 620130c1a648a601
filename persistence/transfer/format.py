"""The export file format "multichat-sessions" version 2: JSON lines, one record per line.

Line 1 is the header, then each session followed by its messages in seq order, then the end record:

    {"type": "header", "format": "multichat-sessions", "version": 2, "exported_at": T, "source": URL}
    {"type": "session", "id", "participants", "title", "metadata", "created_at", "updated_at",
     "expires_at", "message_count", "version", "ttl", "read_state"}
    {"type": "message", "session_id", "seq", "sender", "content", "recipients", "timestamp", "metadata",
     "client_id" (only when the message has one)}

Version 2 added a session's version and read_state (its read cursors) and a message's client_id; a
version 1 file (without them) still imports, as version 1 sessions without cursors.
    {"type": "end", "sessions": N, "messages": M}

Floats are written by Python's repr (shortest round-trip form), so every time reads back bit for bit;
text is ASCII with \\u escapes, so any string survives any transport. The end record makes a
truncated file detectable. README "Export format" is the field-by-field spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from persistence import codec
from persistence.models import Message, Session

FORMAT_NAME = "multichat-sessions"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 files (before client ids) still import
TTL_DIGITS = 6  # ttl is recovered as expires_at - updated_at rounded to microseconds (see derive_ttl)


@dataclass(frozen=True)
class SessionCopy:
    """A session with its sliding ttl and all of its messages: what export writes and import restores."""

    session: Session
    ttl: float | None
    messages: tuple[Message, ...]
    read_state: dict[str, int] = field(default_factory=dict)  # the cursors worth keeping (seq > 0)


def derive_ttl(session: Session) -> float | None:
    """The session's sliding ttl, which the public API does not expose: expires_at - updated_at.

    Stores set expires_at = updated_at + ttl, so the difference is the ttl up to the rounding of that
    sum (under a microsecond for epoch times); rounding to microseconds gives the ttl back exactly
    for any ttl with at most 6 decimals.
    """
    if session.expires_at is None:
        return None
    exact = session.expires_at - session.updated_at
    rounded = round(exact, TTL_DIGITS)
    return rounded if rounded > 0 else exact  # a non-positive difference is refused as a bad ttl on restore


def dump_line(document: dict[str, Any]) -> str:
    """One record as a line: compact, ASCII-only JSON (floats by repr) and a newline."""
    return codec.dumps(document) + "\n"


def header_line(exported_at: float, source: str) -> str:
    """The first line; `source` is the redacted URL of the exported store (informational)."""
    return dump_line(
        {
            "type": "header",
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported_at": exported_at,
            "source": source,
        }
    )


def session_line(copy: SessionCopy) -> str:
    """The line of a session record: every Session field (the codec's dict) plus its ttl."""
    record = {"type": "session", **codec.session_to_dict(copy.session), "ttl": copy.ttl}
    return dump_line({**record, "read_state": copy.read_state})


def message_line(message: Message) -> str:
    """The line of one message: every Message field (the codec's dict)."""
    return dump_line({"type": "message", **codec.message_to_dict(message)})


def end_line(sessions: int, messages: int) -> str:
    """The last line: how many session and message records the file holds."""
    return dump_line({"type": "end", "sessions": sessions, "messages": messages})
