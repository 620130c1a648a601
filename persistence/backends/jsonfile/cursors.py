"""Read cursors in the JSON-file store: `<id>/cursors.json` ({participant: seq}), replaced under the session's lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from persistence import codec
from persistence.backends.jsonfile import dirs, files, records
from persistence.errors import CorruptData
from persistence.models import Session
from persistence.rules.cursors import check_mark

CURSORS_NAME = "cursors.json"


def load(directory: Path) -> dict[str, int]:
    """The session's cursors ({} when none was ever marked); CorruptData if the file is damaged."""
    path = directory / CURSORS_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    cursors = records.checked(data, str(path))
    if not all(type(seq) is int and seq >= 0 for seq in cursors.values()):
        raise CorruptData(f"{path} holds a cursor that is not a seq; {records.ADVICE}")
    return cursors


def keep_only(directory: Path, participants: tuple[str, ...]) -> None:
    """Drop the cursors of people no longer in the session (the caller holds the session's lock)."""
    cursors = load(directory)
    kept = {name: seq for name, seq in cursors.items() if name in participants}
    if kept != cursors:
        files.write_atomic(directory / CURSORS_NAME, codec.dumps(kept).encode("ascii"))


class Cursors:
    """JsonStore's cursor hooks (a base listed before StoreBase, so it implements them)."""

    root: Path
    clock: Callable[[], float]

    @files.guard_os_errors
    def _mark_read(self, session_id: str, participant: str, seq: int) -> int:
        directory = self.root / session_id
        with dirs.locked(directory):
            check_mark(records.read_live(directory, self.clock()).session, participant, seq)
            cursors = load(directory)
            if seq > cursors.get(participant, 0):
                cursors[participant] = seq
                files.write_atomic(directory / CURSORS_NAME, codec.dumps(cursors).encode("ascii"))
        return cursors.get(participant, 0)

    @files.guard_os_errors
    def _read_state(self, session_id: str) -> dict[str, int]:
        directory = self.root / session_id
        session = records.read_live(directory, self.clock()).session
        cursors = load(directory)
        return {name: cursors.get(name, 0) for name in session.participants}

    @files.guard_os_errors
    def _unread(self, participant: str, limit: int | None) -> list[tuple[Session, int]]:
        """O(sessions): the JSON store keeps no participant index (list_sessions scans too)."""
        sessions = self.list_sessions(participant=participant, limit=limit)  # type: ignore[attr-defined]
        found: list[tuple[Session, int]] = []
        for session in sessions:
            try:
                cursor = load(self.root / session.id).get(participant, 0)
            except FileNotFoundError:  # pragma: no cover - deleted meanwhile; load handles the usual case
                continue
            found.append((session, session.message_count - cursor))
        return found
