"""Text the inspection commands print: aligned tables, UTC times, and stored text made safe for a terminal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from persistence.models import Message, Session

ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` on one line with control characters escaped, so stored data cannot drive the terminal."""
    return "".join(ch if ch.isprintable() else ESCAPES.get(ch, f"\\u{ord(ch):04x}") for ch in text)


def when(timestamp: float | None) -> str:
    """A store time as ISO 8601 UTC with milliseconds; "never" for no expiry."""
    if timestamp is None:
        return "never"
    try:
        moment = datetime.fromtimestamp(timestamp, UTC)
    except (OverflowError, OSError, ValueError):
        return repr(timestamp)  # outside what datetime can show
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def table(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as lines with columns padded to a common width (the last column is not padded)."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)) + "  " + row[-1]
        for row in rows
    ]


def session_table(sessions: Sequence[Session]) -> list[str]:
    """One line per session under a header line: what `list` prints."""
    rows = [["ID", "UPDATED", "EXPIRES", "MESSAGES", "PARTICIPANTS", "TITLE"]]
    for s in sessions:
        people = printable(", ".join(s.participants))
        rows.append(
            [s.id, when(s.updated_at), when(s.expires_at), str(s.message_count), people, printable(s.title)]
        )
    return [line.rstrip() for line in table(rows)]


def session_details(session: Session) -> list[str]:
    """The session record, one field per line: the head of what `show` prints."""
    rows = [
        ["session", session.id],
        ["title", printable(session.title)],
        ["participants", printable(", ".join(session.participants))],
        ["metadata", printable(json.dumps(session.metadata, ensure_ascii=False, sort_keys=True))],
        ["created", when(session.created_at)],
        ["updated", when(session.updated_at)],
        ["expires", when(session.expires_at)],
        ["messages", str(session.message_count)],
    ]
    return [line.rstrip() for line in table(rows)]


def message_lines(message: Message) -> list[str]:
    """A message header line (seq, time, sender -> recipients), then its content lines indented."""
    head = f"#{message.seq}  {when(message.timestamp)}  {printable(message.sender)}"
    if message.recipients:
        head += " -> " + printable(", ".join(message.recipients))
    lines = [head] + ["    " + printable(line) for line in message.content.split("\n")]
    if message.metadata:
        lines.append(
            "    metadata: " + printable(json.dumps(message.metadata, ensure_ascii=False, sort_keys=True))
        )
    return lines
