"""The JSON documents of the JSON-file store: `session.json` and the lines of `messages.jsonl`, read together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from persistence import codec
from persistence.backends.jsonfile import files
from persistence.backends.jsonfile.files import Tail
from persistence.errors import CorruptData, SessionNotFound
from persistence.models import Message, Session

FORMAT = 2
READABLE_FORMATS = (1, 2)  # format 1 also kept the log's acknowledged length, which is now ignored
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


def checked(data: bytes, where: str) -> dict[str, Any]:
    """Parse `data` as a JSON object, else raise CorruptData naming `where` and what to do."""
    try:
        document: dict[str, Any] = codec.loads(data, where)
    except CorruptData as exc:
        raise CorruptData(f"{exc}; {ADVICE}") from exc
    return document


def encode_session(session: Session, ttl: float | None) -> bytes:
    """The bytes of `session.json`: the session as created or restored (appends never rewrite it)."""
    document = {
        "format": FORMAT,
        **codec.session_to_dict(session),
        "ttl": ttl,
        "incarnation": session.incarnation,
    }
    return codec.dumps(document, ascii_only=False).encode("utf-8")


def session_document(data: bytes, path: Path) -> dict[str, Any]:
    """session.json's fields: a format we read, its own id and a ttl (read_session checks the codec's fields)."""
    doc = checked(data, str(path))
    ttl = doc.get("ttl", ...)
    if type(doc.get("format")) is not int or not (ttl is None or codec.is_number(ttl)):
        raise CorruptData(f"{path} has missing or mistyped field(s) format or ttl; {ADVICE}")
    if doc["format"] not in READABLE_FORMATS or doc.get("id") != path.parent.name:
        raise CorruptData(f"{path} belongs to format {doc['format']!r} / session {doc.get('id')!r}; {ADVICE}")
    return doc


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
    doc = session_document(data, path)
    last = decode_tail(tail, path.with_name(files.LOG_NAME), doc["id"], ACTIVITY_LINES)[-1:]
    updated_at, expires_at = doc["updated_at"], doc["expires_at"]
    if last and last[0].seq != doc["message_count"]:
        updated_at = last[0].timestamp
        expires_at = None if doc["ttl"] is None else updated_at + doc["ttl"]
    document = {**doc, "updated_at": updated_at, "expires_at": expires_at}
    document["message_count"] = last[0].seq if last else 0
    try:
        session = codec.session_from_dict(document, str(path))
    except CorruptData as exc:
        raise CorruptData(f"{exc}; {ADVICE}") from exc
    return SessionState(session, doc["ttl"], tail)


def read_live(directory: Path, now: float, lines: int | None = 1) -> SessionState:
    """The session in `directory` if it exists and has not expired at `now`, read with its last `lines`
    log lines (None: all); else SessionNotFound."""
    state = read_session(directory / files.SESSION_NAME, lines)
    if state.expired(now):
        raise SessionNotFound(f"session {directory.name!r} has expired; create a new session")
    return state


def encode_message(message: Message) -> bytes:
    """One line of `messages.jsonl` (newline included); the session id is the directory's name."""
    document = codec.message_to_dict(message, omit=("session_id",))
    return codec.dumps(document, ascii_only=False).encode("utf-8") + b"\n"


def decode_message(line: bytes, session_id: str, where: str, seq: int | None) -> Message:
    """Decode one log line, found at `where`; it must hold `seq` (if given, else any seq ≥ 1), else CorruptData."""
    doc = checked(line, where)
    try:
        message = codec.message_from_dict(doc, where, known={"session_id": session_id})
    except CorruptData as exc:
        raise CorruptData(f"{exc}; {ADVICE}") from exc
    if seq is not None and message.seq != seq:
        raise CorruptData(f"{where} holds seq {message.seq}, expected {seq}; {ADVICE}")
    return message


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
