"""Redis backend: per session a hash and a list sharing the hash tag `{id}`, written by Lua scripts.

Keys (prefix "chat" by default): `chat:{ID}:session` (hash: record JSON, ttl, count, updated_at,
expires_at), `chat:{ID}:messages` (list of JSON messages, seq = index + 1), `chat:{ID}:clients` (hash
client_id -> seq, only once a message has a client_id), `chat:index` (sorted set,
score = updated_at) and `chat:participant:NAME` (set of ids). Plain Redis >= 6, no KEYS, no pickle.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from persistence import models
from persistence.backends.redis import probe
from persistence.backends.redis.boundary import boundary
from persistence.backends.redis.connect import describe, open_client
from persistence.backends.redis.cursors import Cursors
from persistence.backends.redis.keys import index_key, session_key, session_keys
from persistence.backends.redis.layout import decode_message, decode_session, encode_message
from persistence.backends.redis.ops import (
    CREATING_SECONDS,
    alive,
    create,
    execute,
    forget,
    newest,
    not_found,
    purge,
    run_script,
    with_participant,
)
from persistence.backends.redis.restore import restore_args
from persistence.backends.redis.scripts import GRACE_MS, MAX_PEXPIRE_MS
from persistence.backends.redis.update import update
from persistence.base import StoreBase
from persistence.errors import SessionExists
from persistence.hooks import Keep
from persistence.models import Message, Session
from persistence.rules.history import replayed
from persistence.rules.revisions import Change
from persistence.urls import check_prefix, redact

TIMEOUTS = {"socket_timeout": 5.0, "socket_connect_timeout": 5.0, "health_check_interval": 10}


class RedisStore(Cursors, probe.Probe, StoreBase):
    """Sessions in Redis; every write to a session is one Lua script, so it is atomic on one slot."""

    def __init__(
        self,
        url_or_client: Any,
        *,
        prefix: str = "chat",
        ttl: float | None = None,
        max_message_bytes: int = models.DEFAULT_MAX_MESSAGE_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Connect from a redis:// / rediss:// / unix:// / redis+cluster:// URL, or use an injected
        `redis.Redis` / `redis.cluster.RedisCluster` (never closed here).

        Redis keeps no store-wide record, so a Redis store exists exactly while its server answers
        (open_store's create=False changes nothing here), and opening or reading it writes no key.
        """
        super().__init__(ttl=ttl, max_message_bytes=max_message_bytes, clock=clock)
        self.prefix = check_prefix(prefix)
        self.owns_client = isinstance(url_or_client, str)
        if isinstance(url_or_client, str):
            self.where = redact(url_or_client)
            self.client = open_client(url_or_client, TIMEOUTS)
        else:
            self.where = describe(url_or_client)
            self.client = url_or_client
        with boundary(self.where):
            self.client.ping()

    def _insert(self, session: Session, messages: Sequence[Message], keep: Keep, *, hint: str) -> Session:
        """Index entry and participant sets first, then the restore script (refuses a live id); see ops.create.

        An index score older than half of CREATING_SECONDS (a restored session's old updated_at) is
        written once more after the script, as a purge running meanwhile may have dropped it.
        """
        now = self.clock()
        keys = session_keys(self.prefix, session.id)
        args = restore_args(session, messages, keep, now)
        confirm = session.updated_at <= now - CREATING_SECONDS / 2
        with boundary(self.where, f"session key {keys[0]}"):
            if not create(
                self.client,
                self.prefix,
                session,
                lambda pipe: run_script(pipe, "restore", keys, args),
                confirm=confirm,
            ):
                raise SessionExists(f"session {session.id!r} already exists; {hint}")
        return session

    def _append(self, draft: Message) -> Message:
        """One round trip: the append script (check, client_id lookup, RPUSH, counters, TTLs) plus the
        index score update; a replayed client_id puts the score back to the session's own updated_at."""
        sid = draft.session_id
        keys = session_keys(self.prefix, sid)
        cid = "" if draft.client_id is None else draft.client_id
        args = [repr(draft.timestamp), encode_message(draft), GRACE_MS, MAX_PEXPIRE_MS, cid]

        def build(pipe: Any) -> None:
            run_script(pipe, "append", keys, args)
            # XX: a failed append (unknown id) must not add an index entry.
            pipe.zadd(index_key(self.prefix), {sid: draft.timestamp}, xx=True)

        with boundary(self.where, f"session key {keys[0]}"):
            result = execute(self.client, build)[0]
            if result and len(result) == 3:  # the client_id was used: nothing was written
                self.client.zadd(index_key(self.prefix), {sid: float(result[1])}, xx=True)
        if not result:
            raise not_found(sid)
        if len(result) == 3:
            return replayed(decode_message(sid, int(result[0]), result[2], keys[1]), draft)
        return replace(draft, seq=int(result[0]))

    def _messages(
        self, session_id: str, after_seq: int | None, limit: int | None, *, before_seq: int | None = None
    ) -> list[Message]:
        """One LRANGE by index inside a script that first checks the session is live: O(limit)."""
        keys = session_keys(self.prefix, session_id)
        args = [
            repr(self.clock()),
            *(-1 if value is None else value for value in (after_seq, limit, before_seq)),
        ]
        with boundary(self.where, f"message list {keys[1]}"):
            result = execute(self.client, lambda pipe: run_script(pipe, "read", keys, args))[0]
        if not result:
            raise not_found(session_id)
        first, items = int(result[0]), result[1]
        return [decode_message(session_id, first + i + 1, raw, keys[1]) for i, raw in enumerate(items)]

    def _update(self, session_id: str, change: Change, expected_version: int | None) -> Session:
        """Compare-and-set of the record, participant sets first; see update.update."""
        with boundary(self.where, f"session key {session_key(self.prefix, session_id)}"):
            return update(self.client, self.prefix, session_id, change, (expected_version, self.clock()))

    def get_session(self, session_id: str) -> Session:
        """Read the session hash; SessionNotFound if it is missing or expired by the store clock."""
        key = session_key(self.prefix, models.check_session_id(session_id))
        with boundary(self.where, f"session key {key}"):
            fields = self.client.hgetall(key)
        session = decode_session(session_id, fields, key) if fields else None
        if session is None or not alive(session, self.clock()):
            raise not_found(session_id)
        return session

    def list_sessions(self, *, participant: str | None = None, limit: int | None = 100) -> list[Session]:
        """Live sessions, most recently updated first; see ops.newest / with_participant for the cost."""
        given = models.check_limit(limit, "limit")
        count = models.MAX_INT if given is None else given  # None: every session
        name = None if participant is None else models.check_name(participant, "participant")
        now = self.clock()
        with boundary(self.where, f"index {index_key(self.prefix)}"):
            if name is None:
                return newest(self.client, self.prefix, now, count) if count else []
            return with_participant(self.client, self.prefix, now, name)[:count]

    def delete_session(self, session_id: str) -> None:
        """Delete the session's keys atomically (only if live), then drop it from the index and sets."""
        sid = models.check_session_id(session_id)
        keys = session_keys(self.prefix, sid)
        args = [repr(self.clock()), "live"]
        with boundary(self.where, f"session key {keys[0]}"):
            record = execute(self.client, lambda pipe: run_script(pipe, "delete", keys, args))[0]
            if record is None:
                raise not_found(sid)
            forget(self.client, self.prefix, [(sid, record)])

    def purge_expired(self) -> int:
        """Delete expired sessions found through the index; O(sessions in the index)."""
        with boundary(self.where, f"index {index_key(self.prefix)}"):
            return purge(self.client, self.prefix, self.clock())

    def close(self) -> None:
        """Disconnect the pool this store opened; an injected client is left to its owner."""
        if self.owns_client:
            with boundary(self.where):
                self.client.close()
