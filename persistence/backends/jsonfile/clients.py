"""Idempotent appends in the JSON-file store: the log is the only record of client ids; each store
object keeps, per session, an index client_id -> (seq, byte offset) that it brings up to date from the
log under the session's lock before every lookup.

So nothing but the log line is written for an idempotent append (one write, one fsync, as for any
append), and the answer is always the log's: an index is extended by the lines appended since it was
last read (by any process), O(new lines); it is built from the whole log, O(history), the first time
a store object looks up a client id in a session, and rebuilt if the log is another file (the session
was deleted and created or restored again) or shorter than what was read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from persistence.backends.jsonfile import files, records, seek
from persistence.errors import CorruptData
from persistence.models import Message

CHUNK = 1024 * 1024  # bytes read at a time while catching up
MARK = b'"client_id":'  # lines without it are counted, not parsed


@dataclass
class Index:
    """What one store object knows of one session's log: which file, how far it has read, the ids found."""

    identity: tuple[int, int, str]  # the log's device and inode, and the session's incarnation
    offset: int = 0  # bytes of complete lines read
    seq: int = 0  # the seq of the last line read
    ids: dict[str, tuple[int, int]] = field(default_factory=dict)  # client_id -> (seq, offset of its line)


class ClientIds:
    """Per-session indexes of client ids, kept by one store object; used only under the session's lock."""

    def __init__(self) -> None:
        self.indexes: dict[str, Index] = {}

    def stored(
        self, directory: Path, state: records.SessionState, client_id: str, *, rebuild: bool = False
    ) -> Message | None:
        """The message of the session that `client_id` names, else None (the caller holds the lock).

        An index that points at a line without that client id (a log replaced by another file that
        happens to look the same) is rebuilt from the whole log once.
        """
        log = directory / files.LOG_NAME
        fd = os.open(log, os.O_RDONLY)
        try:
            info = os.fstat(fd)
            identity = (info.st_dev, info.st_ino, state.session.incarnation)
            index = self.indexes.get(directory.name)
            if index is None or index.identity != identity or index.offset > state.log.end or rebuild:
                index = Index(identity)
            catch_up(fd, index, state.log.end, (directory.name, str(log)))
            self.indexes[directory.name] = index
            found = index.ids.get(client_id)
            if found is None:
                return None
            line = seek.read_line(fd, found[1])
        finally:
            os.close(fd)
        message = records.decode_message(line, directory.name, f"{log} line {found[0]}", found[0])
        if message.client_id == client_id:
            return message
        if rebuild:
            raise CorruptData(
                f"{log} line {found[0]} does not hold client_id {client_id!r}; {records.ADVICE}"
            )
        return self.stored(directory, state, client_id, rebuild=True)


def catch_up(fd: int, index: Index, end: int, names: tuple[str, str]) -> None:
    """Read the complete lines between `index.offset` and `end`, noting each client id with its seq and
    offset; `names` is (the session id, the log's path)."""
    session_id, where = names
    pending = b""
    position = index.offset
    while index.offset < end:
        chunk = os.pread(fd, min(CHUNK, end - position), position)
        if not chunk:
            raise CorruptData(f"{where} is shorter than its last complete line; {records.ADVICE}")
        position += len(chunk)
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        for line in lines:
            index.seq += 1
            if MARK in line:
                message = records.decode_message(line, session_id, f"{where} line {index.seq}", index.seq)
                if message.client_id is not None:
                    index.ids[message.client_id] = (index.seq, index.offset)
            index.offset += len(line) + 1
