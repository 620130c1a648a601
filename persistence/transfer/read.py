"""Streaming reader of export files: every record is checked, and any error names the file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from persistence import codec, models
from persistence.codec import Rule
from persistence.errors import InvalidData
from persistence.models import Message, Session
from persistence.rules.verbatim import check_cursors, check_messages, check_record
from persistence.transfer.format import FORMAT_NAME, FORMAT_VERSION, READABLE_VERSIONS, SessionCopy

TEXT: Rule = lambda v: isinstance(v, str)  # noqa: E731 - a rule is a predicate, as in the codec's tables
COUNT: Rule = lambda v: type(v) is int and v >= 0  # noqa: E731
HEADER_RULES: dict[str, Rule] = {
    "type": TEXT,
    "format": TEXT,
    "version": lambda v: type(v) is int,
    "exported_at": codec.is_number,
    "source": TEXT,
}
# The codec's rules, except that ids are checked by models.check_session_id for its clearer message.
SESSION_RULES: dict[str, Rule] = {
    "type": TEXT,
    **codec.SESSION_RULES,
    "id": TEXT,
    "ttl": lambda v: v is None or codec.is_number(v),
    "read_state": lambda v: isinstance(v, dict),
}
MESSAGE_RULES: dict[str, Rule] = {"type": TEXT, **codec.MESSAGE_RULES, "session_id": TEXT, "seq": COUNT}
# Fields version 2 added: optional there (absent means None), unknown in a version 1 file.
OPTIONAL: dict[int, frozenset[str]] = {1: frozenset(), 2: frozenset({"client_id"})}
ADDED_IN_2 = frozenset({"client_id", "version", "read_state"})  # a version 1 session reads as version 1
END_RULES: dict[str, Rule] = {"type": TEXT, "sessions": COUNT, "messages": COUNT}
Lines = Iterator[tuple[int, bytes]]


def obeys(doc: dict[str, Any], name: str, rule: Rule, optional: frozenset[str]) -> bool:
    """Field `name` of `doc` obeys `rule`, or is absent and optional."""
    return rule(doc[name]) if name in doc else name in optional


def check_fields(
    doc: dict[str, Any], rules: dict[str, Rule], where: str, version: int = FORMAT_VERSION
) -> None:
    """Exactly the fields of `rules` for that format `version`, each obeying its rule (true/false is never
    a number); the optional ones of the version may be absent."""
    rules = {name: rule for name, rule in rules.items() if version > 1 or name not in ADDED_IN_2}
    bad = [name for name, rule in rules.items() if not obeys(doc, name, rule, OPTIONAL[version])]
    unknown = sorted(set(doc) - set(rules))
    if bad or unknown:
        raise InvalidData(
            f"{where}: missing or mistyped field(s) {', '.join(bad) or '-'}, unknown field(s) "
            f"{', '.join(unknown) or '-'}; the file is damaged or not format version {version}"
        )


def next_record(lines: Lines, path: Path, expected: str) -> tuple[int, dict[str, Any]]:
    """The next line parsed as a JSON object, with its line number; InvalidData if there is none or it is bad."""
    try:
        number, raw = next(lines)
    except StopIteration:
        raise InvalidData(
            f"{path} ends where {expected} should follow: the file is truncated; export the store again"
        ) from None
    try:
        doc: dict[str, Any] = codec.loads(raw, "the line", InvalidData)
    except InvalidData as exc:
        problem = f"not valid JSON ({exc.__cause__})" if exc.__cause__ else str(exc)
        raise InvalidData(f"{path} line {number}: {problem}; the file is damaged") from exc
    return number, doc


def check_header(doc: dict[str, Any], where: str) -> int:
    """The header names our format and a version this release reads; return that version."""
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
    check_fields(doc, HEADER_RULES, where)
    if doc["type"] != "header" or version not in READABLE_VERSIONS:
        raise InvalidData(
            f"{where}: bad header (type {doc['type']!r}, version {version!r}); the file is damaged"
        )
    return int(doc["version"])


def session_from(
    doc: dict[str, Any], where: str, version: int
) -> tuple[Session, float | None, dict[str, int]]:
    """A session record as (Session, ttl, read_state), checked as restore_session would check it."""
    check_fields(doc, SESSION_RULES, where, version)
    try:
        models.check_session_id(doc["id"])
        session = codec.session_from_dict(doc, where, InvalidData)
        ttl = None if doc["ttl"] is None else models.check_ttl(doc["ttl"])
        check_record(session, f"session {session.id!r}")
        read_state = check_cursors(session, doc.get("read_state", {}))
    except InvalidData as exc:
        raise InvalidData(f"{where}: {exc}") from exc
    if (ttl is None) != (session.expires_at is None):
        raise InvalidData(
            f"{where}: ttl {ttl!r} and expires_at {session.expires_at!r} disagree; "
            "a session expires (both set) or never does (both None)"
        )
    return session, ttl, read_state


def read_message(lines: Lines, path: Path, session: Session, seq: int, limits: tuple[int, int]) -> Message:
    """The next line, which must be message `seq` of `session`, checked as restore_session would check it.

    `limits` is (the importing store's max_message_bytes, the file's format version).
    """
    max_bytes, version = limits
    number, doc = next_record(lines, path, f"message {seq} of session {session.id!r}")
    where = f"{path} line {number}"
    if doc.get("type") != "message":
        raise InvalidData(
            f"{where}: expected message {seq} of session {session.id!r}, found a {doc.get('type')!r} record"
        )
    check_fields(doc, MESSAGE_RULES, where, version)
    message = Message(**{name: doc.get(name) for name in codec.MESSAGE_RULES})  # type: ignore[arg-type]
    try:
        # check_messages numbers from 1: give it the seqs before this one as they must be
        check_messages(session, [message], max_bytes, first=seq)
        message = codec.message_from_dict(doc, where, InvalidData)
    except InvalidData as exc:
        raise InvalidData(f"{where}: {exc}") from exc
    return message


def check_end(doc: dict[str, Any], where: str, sessions: int, messages: int) -> None:
    """The end record's counts match what was read."""
    check_fields(doc, END_RULES, where)
    if (doc["sessions"], doc["messages"]) != (sessions, messages):
        raise InvalidData(
            f"{where}: the end record counts {doc['sessions']} sessions / {doc['messages']} messages but the "
            f"file holds {sessions} / {messages}; the file is damaged"
        )


def read_body(lines: Lines, path: Path, limits: tuple[int, int]) -> Iterator[tuple[int, SessionCopy]]:
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
        session, ttl, read_state = session_from(doc, where, limits[1])
        if session.id in seen:
            raise InvalidData(f"{where}: session {session.id!r} appears twice; the file is damaged")
        seen.add(session.id)
        count = session.message_count
        messages = tuple(read_message(lines, path, session, seq, limits) for seq in range(1, count + 1))
        total += count
        yield number, SessionCopy(session, ttl, messages, read_state)


def read_copies(path: Path, max_bytes: int) -> Iterator[tuple[int, SessionCopy]]:
    """Stream the sessions of export file `path` (opened here), checking every record before yielding it.

    `max_bytes` is the importing store's max_message_bytes. OSError (missing file) is the caller's to report.
    """
    with open(path, "rb") as handle:
        lines = enumerate(handle, start=1)
        number, doc = next_record(lines, path, "the header")
        version = check_header(doc, f"{path} line {number}")
        yield from read_body(lines, path, (max_bytes, version))
