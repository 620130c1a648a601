"""Redis hook behind StoreBase.restore_session: one Lua script writes a session and its messages verbatim."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from persistence.errors import SessionExists
from persistence.models import Message, Session
from persistence.redis_codec import encode_message, encode_record
from persistence.redis_errors import boundary
from persistence.redis_keys import messages_key, session_key
from persistence.redis_ops import create
from persistence.redis_scripts import LIVE

if TYPE_CHECKING:
    from persistence.redis_store import RedisStore

# ARGV: record JSON, updated_at, expires_at ('' = never), ttl ('' = none), pexpire ms ('' = none),
# message count, now, then the messages' JSON in seq order. Returns 1 if restored, 0 if a live session
# has the id (an expired leftover is replaced). RPUSH in slices: Lua's unpack has a stack limit.
RESTORE = (
    LIVE
    + """
if live(redis.call('HGET', KEYS[1], 'expires_at'), ARGV[7]) then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'record', ARGV[1], 'updated_at', ARGV[2], 'expires_at', ARGV[3],
           'ttl', ARGV[4], 'count', ARGV[6])
for first = 8, #ARGV, 1000 do
  redis.call('RPUSH', KEYS[2], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
if ARGV[5] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return 1
"""
)


def restore(store: RedisStore, session: Session, messages: list[Message], ttl: float | None) -> Session:
    """Index entry and participant sets first, then the script: two round trips, as redis_ops.create explains.

    Bound as `RedisStore._restore`; the records were validated by StoreBase.restore_session.
    """
    from persistence.redis_store import (  # lazily: redis_store imports this module
        GRACE_MS,
        MAX_PEXPIRE_MS,
    )

    sid, now = session.id, store.clock()
    keys = [session_key(store.prefix, sid), messages_key(store.prefix, sid)]
    expires = "" if session.expires_at is None else repr(session.expires_at)
    # Redis reclaims the keys GRACE_MS after the session's own expiry, as after an append.
    left_ms = None if session.expires_at is None else (session.expires_at - now) * 1000 + GRACE_MS
    ms = "" if left_ms is None else str(math.ceil(min(left_ms, MAX_PEXPIRE_MS)))
    args = [
        encode_record(session),
        repr(float(session.updated_at)),
        expires,
        "" if ttl is None else repr(ttl),
    ]
    args += [ms, str(session.message_count), repr(now), *(encode_message(m) for m in messages)]

    def build(pipe: Any) -> None:
        # execute_command, not pipe.eval: redis-py refuses the latter in cluster pipelines; the raw
        # command is routed by its keys, which share the session's slot.
        pipe.execute_command("EVAL", RESTORE, len(keys), *keys, *args)

    with boundary(store.where, f"session key {keys[0]}"):
        if not create(store.client, store.prefix, session, build, confirm=True):
            raise SessionExists(f"session {sid!r} already exists; delete it there first or skip it")
    return session
