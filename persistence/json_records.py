"""The JSON documents of the JSON-file store: `session.json` and the lines of `messages.jsonl`, read together."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from persistence import json_files as files
from persistence.errors import CorruptData, SessionNotFound
from persistence.json_files import Tail
from persistence.models import Message, Session

FORMAT = 2
READABLE_FORMATS = (1, 2)  # format 1 also kept the log's acknowledged length, which is now ignored
NUMBER = (int, float)
OPTIONAL_NUMBER = (int, float, type(None))
SESSION_FIELDS: dict[str, tuple[type, ...]] = {
    "format": (int,),
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
    "seq": (int,),
    "sender": (str,),
    "content": (str,),
    "recipients": (list,),
    "timestamp": NUMBER,
    "metadata": (dict,),
}
ACTIVITY_LINES = 2  # the last line is the activity; the one before must hold the seq before, a cheap check
ADVICE = "restore the file from a backup, or delete the session directory to drop the session"


@dataclass(frozen=True)
class SessionState:
    """A session as read at one moment: the Session, its own ttl (to slide expiry) and the log lines read with it."""

    session: Session
    ttl: float | None
    log: Tail

    def expired(self, now: float) -> bool:
        """True once `now` has reached the session's expiry time."""
        return self.session.expires_at is not None and self.session.expires_at <= now


def dump(document: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON; newlines inside strings are escaped, so a document never spans lines."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def checked(data: bytes, fields: dict[str, tuple[type, ...]], where: str) -> dict[str, Any]:
    """Parse `data` as a JSON object holding `fields` with the right types, else raise CorruptData naming `where`."""
    try:
        document = json.loads(data)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
        raise CorruptData(f"{where} is not valid JSON ({exc}); {ADVICE}") from exc
    if not isinstance(document, dict):
        raise CorruptData(f"{where} holds a {type(document).__name__}, not a JSON object; {ADVICE}")
    bad = [name for name, kinds in fields.items() if not isinstance(document.get(name, ...), kinds)]
    if bad:
        raise CorruptData(f"{where} has missing or mistyped field(s) {', '.join(bad)}; {ADVICE}")
    return document


def encode_session(session: Session, ttl: float | None) -> bytes:
    """The bytes of `session.json`: the session as created or restored; appends never rewrite it."""
    return dump(
        {
            "format": FORMAT,
            "id": session.id,
            "participants": list(session.participants),
            "title": session.title,
            "metadata": session.metadata,
            "created_at": session.created_at,
            "updated_at": session.updated_at,
            "expires_at": session.expires_at,
            "message_count": session.message_count,
            "ttl": ttl,
        }
    )


def read_session(path: Path, lines: int | None = ACTIVITY_LINES) -> SessionState:
    """Read `session.json` at `path` with at least the last `lines` complete lines of its log (all if None).

    The log's last complete line is the latest activity: its seq is message_count, its timestamp
    updated_at, and expires_at = updated_at + ttl. While the log still ends at the count session.json
    was written with (a new or restored session), session.json's own times apply.
    SessionNotFound if the session is gone, CorruptData if it cannot be read back.
    """
    try:
        data, tail = files.read_session_files(
            path.parent, None if lines is None else max(lines, ACTIVITY_LINES)
        )
    except FileNotFoundError as exc:
        raise SessionNotFound(
            f"session {path.parent.name!r} not found; check the id or create the session first"
        ) from exc
    doc = checked(data, SESSION_FIELDS, str(path))
    if doc["format"] not in READABLE_FORMATS or doc["id"] != path.parent.name:
        raise CorruptData(f"{path} belongs to format {doc['format']!r} / session {doc['id']!r}; {ADVICE}")
    last = decode_tail(tail, path.with_name(files.LOG_NAME), doc["id"], ACTIVITY_LINES)[-1:]
    updated_at, expires_at = doc["updated_at"], doc["expires_at"]
    if last and last[0].seq != doc["message_count"]:
        updated_at = last[0].timestamp
        expires_at = None if doc["ttl"] is None else updated_at + doc["ttl"]
    session = Session(
        id=doc["id"],
        participants=tuple(doc["participants"]),
        title=doc["title"],
        metadata=doc["metadata"],
        created_at=doc["created_at"],
        updated_at=updated_at,
        expires_at=expires_at,
        message_count=last[0].seq if last else 0,
    )
    return SessionState(session, doc["ttl"], tail)


def encode_message(message: Message) -> bytes:
    """One line of `messages.jsonl` (newline included); the session id is the directory's name."""
    document = {
        "seq": message.seq,
        "sender": message.sender,
        "content": message.content,
        "recipients": list(message.recipients),
        "timestamp": message.timestamp,
        "metadata": message.metadata,
    }
    return dump(document) + b"\n"


def decode_message(line: bytes, session_id: str, where: str, seq: int | None) -> Message:
    """Decode one log line, found at `where`; it must hold `seq` (if given, else any seq ≥ 1), else CorruptData."""
    doc = checked(line, MESSAGE_FIELDS, where)
    wrong = doc["seq"] < 1 if seq is None else doc["seq"] != seq
    if wrong:
        expected = "at least 1" if seq is None else seq
        raise CorruptData(f"{where} holds seq {doc['seq']}, expected {expected}; {ADVICE}")
    return Message(
        session_id=session_id,
        seq=doc["seq"],
        sender=doc["sender"],
        content=doc["content"],
        recipients=tuple(doc["recipients"]),
        timestamp=doc["timestamp"],
        metadata=doc["metadata"],
    )


def decode_tail(tail: Tail, log: Path, session_id: str, count: int | None = None) -> list[Message]:
    """Decode the last `count` (all if None) of the lines read, O(count), by their line numbers if the read
    reached the start of the log, else back from the last one's seq (no count from the start needed).

    On damage, CorruptData names the line by its number from the start (see `locate_damage`).
    """
    lines = tail.lines if count is None else tail.lines[len(tail.lines) - min(count, len(tail.lines)) :]
    where = "one of its last lines"  # the path is added only on error: this runs for every read and write
    try:
        if not lines:
            return []
        number = None if tail.first is None else tail.first + len(tail.lines) - 1  # the last line's, if known
        last = decode_message(lines[-1], session_id, where, number)
        earlier = enumerate(lines[:-1], start=last.seq - len(lines) + 1)
        return [decode_message(line, session_id, where, seq) for seq, line in earlier] + [last]
    except CorruptData as exc:
        located = locate_damage(log, session_id, tail.end, len(lines))
        if located is None:  # the log changed meanwhile (outside damage): name the file at least
            raise CorruptData(f"{log}, {exc}") from exc
        raise located  # noqa: B904 - it keeps its own cause, e.g. the JSONDecodeError


def locate_damage(log: Path, session_id: str, end: int, lines: int) -> CorruptData | None:
    """The error for the first bad line of the damaged run that reaches into the last `lines` lines of `log`.

    Line n must hold seq n. Walking back from the end (among the log's first `end` bytes) until a good line
    past those `lines` names the cause -- a merged, lost or cut line -- rather than the lines it shifted.
    Only this error path costs O(history).
    """
    with open(log, "rb") as handle:
        everything = handle.read(end).split(b"\n")[:-1]
    found = None
    for number in range(len(everything), 0, -1):
        try:
            decode_message(everything[number - 1], session_id, f"{log} line {number}", number)
        except CorruptData as exc:
            found = exc
            continue
        if found is not None or number <= len(everything) - lines:
            break
    return found
