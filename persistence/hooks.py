"""What every backend must implement: the hooks StoreBase calls and the rest of the SessionStore contract."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from persistence.models import Message, Session
from persistence.rules.revisions import Change


@dataclass(frozen=True)
class StorageFigures:
    """What a backend's own layout tells beyond the contract; None where it cannot tell."""

    expired: int | None  # expired sessions not purged yet
    size: int | None  # bytes of storage the store's data takes


@dataclass(frozen=True)
class Keep:
    """What a session keeps besides its record and messages, as restore_session gives it to _insert."""

    ttl: float | None  # the sliding ttl (None: never expires)
    cursors: dict[str, int] = field(default_factory=dict)  # read cursors, participant -> seq (none: 0)


class StoreHooks(metaclass=ABCMeta):
    """Abstract methods a backend implements; StoreBase validates input before calling the private ones."""

    @abstractmethod
    def _insert(self, session: Session, messages: Sequence[Message], keep: Keep, *, hint: str) -> Session:
        """Store a new session with its messages (and `keep`'s ttl and cursors) verbatim, atomically;
        `session.message_count == len(messages)`.

        Raise SessionExists (ending with `hint`, what to do) if a live session has the id; an expired,
        unpurged namesake is replaced. Used by create_session (no messages) and restore_session.
        """

    @abstractmethod
    def _append(self, draft: Message) -> Message:
        """Append `draft` atomically, assigning seq (and timestamp, if the backend stamps it itself).

        If `draft.client_id` is set and already names a message of the session, return
        `history.replayed(stored, draft)` instead and write nothing, atomically with the check.
        """

    @abstractmethod
    def _messages(
        self, session_id: str, after_seq: int | None, limit: int | None, *, before_seq: int | None = None
    ) -> list[Message]:
        """Messages oldest first, the seqs history.page_window gives; O(limit), not O(history)."""

    @abstractmethod
    def _update(self, session_id: str, change: Change, expected_version: int | None) -> Session:
        """Replace the live session's record by `revisions.revise(current, change, expected_version)`
        atomically (None: write nothing and return `current`); keep the participant index in step.

        Only title, metadata, participants and version change; counts, times and expiry stay.
        """

    @abstractmethod
    def get_session(self, session_id: str) -> Session:
        """Return the session, or raise SessionNotFound if it is missing or expired."""

    @abstractmethod
    def list_sessions(self, *, participant: str | None = None, limit: int | None = 100) -> list[Session]:
        """Unexpired sessions, most recently updated first, optionally only those with `participant`."""

    @abstractmethod
    def delete_session(self, session_id: str) -> None:
        """Delete the session and its messages; raise SessionNotFound if missing or expired."""

    @abstractmethod
    def purge_expired(self) -> int:
        """Remove expired sessions from storage and return how many were removed."""

    @abstractmethod
    def storage_figures(self, now: float) -> StorageFigures:
        """Expired-but-unpurged sessions at `now` and storage size, read from the backend's own layout."""

    @abstractmethod
    def close(self) -> None:
        """Release files, connections and locks; the store is unusable afterwards."""
