"""The arguments of the restore script, which writes a session and its messages verbatim (creating is restoring none)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from persistence import codec
from persistence.backends.redis.layout import encode_message, encode_record
from persistence.backends.redis.scripts import GRACE_MS, MAX_PEXPIRE_MS
from persistence.hooks import Keep
from persistence.models import Message, Session


def flat(pairs: dict[str, int]) -> str:
    """A JSON array [key, value, key, value ...]: the form the script's HSET loop takes."""
    return codec.dumps([item for key, value in pairs.items() for item in (key, value)])


def restore_args(session: Session, messages: Sequence[Message], keep: Keep, now: float) -> list[str]:
    """ARGV of scripts.RESTORE for `session` with `messages` at store time `now`.

    Redis reclaims the keys GRACE_MS after the session's own expiry, as after an append.
    """
    expires = "" if session.expires_at is None else repr(session.expires_at)
    left_ms = None if session.expires_at is None else (session.expires_at - now) * 1000 + GRACE_MS
    ms = "" if left_ms is None else str(math.ceil(min(left_ms, MAX_PEXPIRE_MS)))
    args = [
        encode_record(session),
        repr(float(session.updated_at)),
        expires,
        "" if keep.ttl is None else repr(keep.ttl),
    ]
    clients = {m.client_id: m.seq for m in messages if m.client_id is not None}
    head = [*args, ms, str(session.message_count), repr(now), flat(clients), flat(keep.cursors)]
    return [*head, *(encode_message(m) for m in messages)]
