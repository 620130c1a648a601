"""JSON-file session store: one directory per session, an append-only JSON-lines log, a flock per session.

Layout under the root directory (created 0700; every file 0600, every directory 0700):

    <id>/session.json    participants, title, metadata, created_at, the session's own ttl, and its
                         times and count as created or restored; written once (temp file, fsync,
                         rename), never rewritten
    <id>/messages.jsonl  one compact JSON object per line, line n holding seq n; appended with
                         O_APPEND and fsynced before append_message returns -- O(1), never rewritten
    <id>/lock            fcntl.flock'ed for every write of that session (fresh descriptor each time)
    .tmp-*/ .trash-*     sessions being created / deleted; ids cannot start with '.', scans skip them

An append is one write and one fsync of the log. The log's last complete line is the session's
latest activity: message_count is its seq, updated_at its timestamp, expires_at = updated_at + ttl
(while the log ends at the count session.json was written with, session.json's own times apply).
Every read takes that line, and the one before (it must hold the seq before), from the end of the
log, O(1); `limit` alone reads backwards, O(limit); paging with `after_seq` reads from the start,
O(history). Format 1 stores (session.json rewritten per append) are read and continued as they are.

Ids are validated before any path is built, so they cannot leave the root. A session is created
complete in a staging directory and renamed into place (the rename is the existence check), and
deleted by renaming it aside first, so readers see a whole session or none; they take no lock and
open both files through one descriptor of the session directory.

Crash rules: a line counts once its b"\n" is written, so a crash leaves the message fully there or
not there (a whole line whose append was interrupted before returning stays). A torn final line (no
b"\n"; its append never returned) is ignored by readers and cut off, with a warning, by the next
locked write -- also when outside damage truncated the log. A damaged line raises CorruptData naming
the file and line, counted from the start even when it was read from the end. Expiry follows the
store's clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from persistence import models
from persistence.backends.jsonfile import clients, dirs, files, probe, records, restore, seek
from persistence.backends.jsonfile.cursors import Cursors, keep_only
from persistence.base import StoreBase
from persistence.errors import SessionExists, SessionNotFound
from persistence.hooks import Keep
from persistence.models import Message, Session
from persistence.rules import history
from persistence.rules.history import replayed
from persistence.rules.revisions import Change, revise


class JsonStore(Cursors, probe.Probe, StoreBase):
    """Sessions as files under one directory; safe for many threads and processes on one machine."""

    missing_store = staticmethod(probe.missing)  # open_store(create=False) asks before opening

    @files.guard_os_errors
    def __init__(
        self,
        directory: str,
        *,
        ttl: float | None = None,
        max_message_bytes: int = models.DEFAULT_MAX_MESSAGE_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(ttl=ttl, max_message_bytes=max_message_bytes, clock=clock)
        self.root = Path(directory).absolute()
        self.root.mkdir(mode=files.DIR_MODE, parents=True, exist_ok=True)
        self.client_ids = clients.ClientIds()  # see clients: the log is the record, this its index

    @files.guard_os_errors
    def _insert(self, session: Session, messages: Sequence[Message], keep: Keep, *, hint: str) -> Session:
        if not restore.publish_session(self.root, session, messages, keep, self.clock):
            raise SessionExists(f"session {session.id!r} already exists; {hint}")
        return session

    @files.guard_os_errors
    def _append(self, draft: Message) -> Message:
        directory = self.root / draft.session_id
        with dirs.locked(directory):
            now = self.clock()  # stamped under the lock, so timestamps never decrease along seq
            state = records.read_live(directory, now)
            log = directory / files.LOG_NAME
            count = state.session.message_count
            known = (
                None if draft.client_id is None else self.client_ids.stored(directory, state, draft.client_id)
            )
            if known is not None:
                return replayed(known, draft)
            files.cut_torn(log, state.log)
            message = replace(draft, seq=count + 1, timestamp=now)
            files.append_durable(log, records.encode_message(message))  # the one durable write
        return message

    @files.guard_os_errors
    def _messages(
        self, session_id: str, after_seq: int | None, limit: int | None, *, before_seq: int | None = None
    ) -> list[Message]:
        directory = self.root / session_id
        log = directory / files.LOG_NAME
        if after_seq is None and before_seq is None and limit is not None:  # the newest: read backwards
            state = records.read_live(directory, self.clock(), limit)
            return records.decode_tail(state.log, log, session_id, limit)
        state = records.read_live(directory, self.clock())
        lo, hi = history.page_window(state.session.message_count, after_seq, before_seq, limit)
        if lo > hi:
            return []
        found = seek.read_range(log, session_id, (lo, hi), state.log.end)  # O(log history + page)
        if found is not None:
            return found
        state = records.read_live(directory, self.clock(), None)  # damage: read it all to name it
        return [
            records.decode_message(line, session_id, f"{log} line {number}", number)
            for number, line in files.page(state.log.lines, lo - 1, hi - lo + 1)
        ]

    @files.guard_os_errors
    def _update(self, session_id: str, change: Change, expected_version: int | None) -> Session:
        directory = self.root / session_id
        with dirs.locked(directory):
            current = records.read_live(directory, self.clock()).session
            new = revise(current, change, expected_version)
            if new is not None:
                restore.rewrite(directory, new)  # temp file + rename: readers see the old or the new
                keep_only(directory, new.participants)  # a removed participant's cursor goes
        return current if new is None else new

    @files.guard_os_errors
    def get_session(self, session_id: str) -> Session:
        """Return the session, or raise SessionNotFound if it is missing or expired."""
        return records.read_live(self.root / models.check_session_id(session_id), self.clock()).session

    @files.guard_os_errors
    def list_sessions(self, *, participant: str | None = None, limit: int | None = 100) -> list[Session]:
        """Unexpired sessions, most recently updated first, optionally only those with `participant`."""
        wanted = None if participant is None else models.check_name(participant, "participant")
        count = models.check_limit(limit, "limit")
        now = self.clock()
        found: list[Session] = []
        for directory in dirs.session_dirs(self.root):
            try:
                state = records.read_session(directory / files.SESSION_NAME)
            except SessionNotFound:  # deleted while we were scanning
                continue
            if not state.expired(now) and (wanted is None or wanted in state.session.participants):
                found.append(state.session)
        found.sort(key=lambda session: (session.updated_at, session.id), reverse=True)
        return found[:count]

    @files.guard_os_errors
    def delete_session(self, session_id: str) -> None:
        """Delete the session and its messages; raise SessionNotFound if missing or expired."""
        directory = self.root / models.check_session_id(session_id)
        with dirs.locked(directory):
            records.read_live(directory, self.clock())
            dirs.remove_dir(directory)

    @files.guard_os_errors
    def purge_expired(self) -> int:
        """Remove expired sessions (and leftovers of interrupted creates/deletes); return how many sessions."""
        now = self.clock()
        removed = sum(dirs.remove_if_expired(directory, now) for directory in dirs.session_dirs(self.root))
        dirs.clean_leftovers(self.root)
        return removed

    def close(self) -> None:
        """Nothing to release: every operation opens and closes its own files and locks."""
