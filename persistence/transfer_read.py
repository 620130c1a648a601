"""Streaming reader of export files: every record is checked, and any error names the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from persistence.errors import InvalidData
from persistence.models import Message, Session
from persistence.transfer_checks import check_message, check_session_record
from persistence.transfer_format import FORMAT_NAME, FORMAT_VERSION, SessionCopy

NUMBER = (int, float)
OPTIONAL_NUMBER = (int, float, type(None))
HEADER_FIELDS: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "format": (str,),
    "version": (int,),
    "exported_at": NUMBER,
    "source": (str,),
}
SESSION_FIELDS: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "id": (str,),
    "participants": (list,),
    "title": (str,),
    "metadata": (dict,),
    "created_at": NUMBER,
    "updated_at": NUMBER,
    "expires_at": OPTIONAL_NUMBER,
    "message_count": (int,),
    "ttl": OPTIONAL_NUMBER,
}
MESSAGE_FIELDS: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "session_id": (str,),
    "seq": (int,),
    "sender": (str,),
    "content": (str,),
    "recipients": (list,),
    "timestamp": NUMBER,
    "metadata": (dict,),
}
END_FIELDS: dict[str, tuple[type, ...]] = {"type": (str,), "sessions": (int,), "messages": (int,)}
Lines = Iterator[tuple[int, bytes]]


def check_fields(doc: dict[str, Any], fields: dict[str, tuple[type, ...]], where: str) -> None:
    """Exactly `fields`, each of one of its types (true/false is never a number)."""
    bad = [
        name
        for name, kinds in fields.items()
        if name not in doc or not isinstance(doc[name], kinds) or isinstance(doc[name], bool)
    ]
    unknown = sorted(set(doc) - set(fields))
    if bad or unknown:
        raise InvalidData(
            f"{where}: missing or mistyped field(s) {', '.join(bad) or '-'}, unknown field(s) "
            f"{', '.join(unknown) or '-'}; the file is damaged or not format version {FORMAT_VERSION}"
        )


def reject_constant(name: str) -> None:
    """NaN and Infinity are not JSON; Python's parser would accept them."""
    raise ValueError(f"{name} is not a JSON number")


def next_record(lines: Lines, path: Path, expected: str) -> tuple[int, dict[str, Any]]:
    """The next line parsed as a JSON object, with its line number; InvalidData if there is none or it is bad."""
    try:
        number, raw = next(lines)
    except StopIteration:
        raise InvalidData(
            f"{path} ends where {expected} should follow: the file is truncated; export the store again"
        ) from None
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=reject_constant)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise InvalidData(f"{path} line {number}: not valid JSON ({exc}); the file is damaged") from exc
    if not isinstance(doc, dict):
        raise InvalidData(
            f"{path} line {number}: holds a JSON {type(doc).__name__}, not an object; the file is damaged"
        )
    return number, doc


def check_header(doc: dict[str, Any], where: str) -> None:
    """The header names our format and a version this release reads."""
    if doc.get("format") != FORMAT_NAME:
        raise InvalidData(
            f"{where}: not a {FORMAT_NAME} export (format {doc.get('format')!r}); pick an export file"
        )
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InvalidData(
            f"{where}: the file has format version {version}, newer than this release reads "
            f"({FORMAT_VERSION}); upgrade the persistence package to import it"
        )
    check_fields(doc, HEADER_FIELDS, where)
    if doc["type"] != "header" or version != FORMAT_VERSION:
        raise InvalidData(
            f"{where}: bad header (type {doc['type']!r}, version {version!r}); the file is damaged"
        )


def session_from(doc: dict[str, Any], where: str) -> tuple[Session, float | None]:
    """A session record as (Session, ttl), checked as restore_session would check it."""
    check_fields(doc, SESSION_FIELDS, where)
    ttl = doc["ttl"]
    session = Session(
        id=doc["id"],
        participants=tuple(doc["participants"]),
        title=doc["title"],
        metadata=doc["metadata"],
        created_at=float(doc["created_at"]),
        updated_at=float(doc["updated_at"]),
        expires_at=None if doc["expires_at"] is None else float(doc["expires_at"]),
        message_count=doc["message_count"],
    )
    try:
        check_session_record(session, None if ttl is None else float(ttl))
    except InvalidData as exc:
        raise InvalidData(f"{where}: {exc}") from exc
    if session.message_count < 0:
        raise InvalidData(f"{where}: message_count {session.message_count} is negative; the file is damaged")
    return session, None if ttl is None else float(ttl)


def read_message(lines: Lines, path: Path, session_id: str, seq: int, max_bytes: int) -> Message:
    """The next line, which must be message `seq` of `session_id`."""
    number, doc = next_record(lines, path, f"message {seq} of session {session_id!r}")
    where = f"{path} line {number}"
    if doc.get("type") != "message":
        raise InvalidData(
            f"{where}: expected message {seq} of session {session_id!r}, found a {doc.get('type')!r} record"
        )
    check_fields(doc, MESSAGE_FIELDS, where)
    message = Message(
        session_id=doc["session_id"],
        seq=doc["seq"],
        sender=doc["sender"],
        content=doc["content"],
        recipients=tuple(doc["recipients"]),
        timestamp=float(doc["timestamp"]),
        metadata=doc["metadata"],
    )
    try:
        check_message(message, session_id, seq, max_bytes)
    except InvalidData as exc:
        raise InvalidData(f"{where}: {exc}") from exc
    return message


def check_end(doc: dict[str, Any], where: str, sessions: int, messages: int) -> None:
    """The end record's counts match what was read."""
    check_fields(doc, END_FIELDS, where)
    if (doc["sessions"], doc["messages"]) != (sessions, messages):
        raise InvalidData(
            f"{where}: the end record counts {doc['sessions']} sessions / {doc['messages']} messages but the "
            f"file holds {sessions} / {messages}; the file is damaged"
        )


def read_body(lines: Lines, path: Path, max_bytes: int) -> Iterator[tuple[int, SessionCopy]]:
    """Sessions with their messages up to the end record, each with the line number of its session record."""
    seen: set[str] = set()
    total = 0
    while True:
        number, doc = next_record(lines, path, "a session record or the end record")
        where = f"{path} line {number}"
        if doc.get("type") == "end":
            check_end(doc, where, len(seen), total)
            if next(lines, None) is not None:
                raise InvalidData(f"{path} line {number + 1}: data after the end record; the file is damaged")
            return
        if doc.get("type") != "session":
            raise InvalidData(
                f"{where}: expected a session record or the end record, found {doc.get('type')!r}"
            )
        session, ttl = session_from(doc, where)
        if session.id in seen:
            raise InvalidData(f"{where}: session {session.id!r} appears twice; the file is damaged")
        seen.add(session.id)
        count = session.message_count
        messages = tuple(read_message(lines, path, session.id, seq, max_bytes) for seq in range(1, count + 1))
        total += count
        yield number, SessionCopy(session, ttl, messages)


def read_copies(path: Path, max_bytes: int) -> Iterator[tuple[int, SessionCopy]]:
    """Stream the sessions of export file `path` (opened here), checking every record before yielding it.

    `max_bytes` is the importing store's max_message_bytes. OSError (missing file) is the caller's to report.
    """
    with open(path, "rb") as handle:
        lines = enumerate(handle, start=1)
        number, doc = next_record(lines, path, "the header")
        check_header(doc, f"{path} line {number}")
        yield from read_body(lines, path, max_bytes)
