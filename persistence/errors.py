"""The persistence exception family: flat, each one saying what to do next.

The caller-side errors live in `caller_errors` (five classes per file at most); this module adds the
storage-side ones and is the one place to import any of them from.
"""

from __future__ import annotations

from persistence.caller_errors import InvalidData, PersistenceError, SessionExists, SessionNotFound


class CorruptData(PersistenceError):
    """Stored data cannot be read back; the message names the file or key and the position."""


class StoreUnavailable(PersistenceError):
    """The backend cannot be reached or opened; the message never contains a password."""


class StoreNotFound(PersistenceError, LookupError):
    """open_store(url, create=False) found no store there (no such directory or database file)."""


class IdempotencyConflict(PersistenceError):
    """A client_id already names a different message in that session; nothing was written."""


class VersionConflict(PersistenceError):
    """expected_version is not the session's version: someone else changed it first; nothing was written."""


def no_store(where: str, what: str) -> StoreNotFound:
    """The error for opening, with create=False, a store that does not exist."""
    return StoreNotFound(f"no store at {where} ({what}); check the URL (create=True creates an empty one)")


__all__ = [
    "CorruptData",
    "IdempotencyConflict",
    "InvalidData",
    "PersistenceError",
    "SessionExists",
    "SessionNotFound",
    "StoreNotFound",
    "StoreUnavailable",
    "VersionConflict",
]
