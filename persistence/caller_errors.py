"""The root of the exception family and the errors about what the caller asked for (a leaf: imports nothing of ours)."""

from __future__ import annotations


class PersistenceError(Exception):
    """Base of every error the persistence package raises; driver errors are chained as the cause."""


class SessionNotFound(PersistenceError, LookupError):
    """The session does not exist or has expired."""


class SessionExists(PersistenceError):
    """A session with that id already exists."""


class InvalidData(PersistenceError, ValueError):
    """Input was rejected before anything was written."""
