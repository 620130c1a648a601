"""Multichat session persistence: one contract, JSON-file, SQLite and Redis backends."""

from persistence.config import open_store
from persistence.errors import (
    CorruptData,
    IdempotencyConflict,
    InvalidData,
    PersistenceError,
    SessionExists,
    SessionNotFound,
    StoreNotFound,
    StoreUnavailable,
    VersionConflict,
)
from persistence.interface import SessionStore
from persistence.models import Message, Session

__all__ = [
    "CorruptData",
    "IdempotencyConflict",
    "InvalidData",
    "Message",
    "PersistenceError",
    "Session",
    "SessionExists",
    "SessionNotFound",
    "SessionStore",
    "StoreNotFound",
    "StoreUnavailable",
    "VersionConflict",
    "open_store",
]
