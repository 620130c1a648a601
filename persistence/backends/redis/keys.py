"""Redis key names: every key of a session shares the cluster hash tag `{session_id}`."""

from __future__ import annotations


def session_key(prefix: str, session_id: str) -> str:
    """The hash holding the session record, ttl, count, updated_at and expires_at."""
    return f"{prefix}:{{{session_id}}}:session"


def messages_key(prefix: str, session_id: str) -> str:
    """The list of JSON messages; seq = list index + 1."""
    return f"{prefix}:{{{session_id}}}:messages"


def clients_key(prefix: str, session_id: str) -> str:
    """The hash client_id -> seq of the session's idempotent appends (absent until the first one)."""
    return f"{prefix}:{{{session_id}}}:clients"


def cursors_key(prefix: str, session_id: str) -> str:
    """The hash participant -> last read seq of the session (absent until the first mark_read)."""
    return f"{prefix}:{{{session_id}}}:cursors"


def session_keys(prefix: str, session_id: str) -> list[str]:
    """Every key of one session, in the order the scripts take them as KEYS[1..4]."""
    return [
        session_key(prefix, session_id),
        messages_key(prefix, session_id),
        clients_key(prefix, session_id),
        cursors_key(prefix, session_id),
    ]


def index_key(prefix: str) -> str:
    """The sorted set of every session id, score = updated_at (its own cluster slot)."""
    return f"{prefix}:index"


def participant_key(prefix: str, participant: str) -> str:
    """The set of ids of the sessions `participant` takes part in (its own cluster slot)."""
    return f"{prefix}:participant:{participant}"
