"""Redis backend: per session a hash and a list sharing the hash tag `{id}`, written by Lua scripts.

Keys (prefix "chat" by default): `chat:{ID}:session` (hash: record JSON, ttl, count, updated_at,
expires_at), `chat:{ID}:messages` (list of JSON messages, seq = index + 1), `chat:{ID}:clients` (hash
client_id -> seq, only once a message has a client_id), `chat:index` (sorted set,
score = updated_at) and `chat:participant:NAME` (set of ids). Plain Redis >= 6, no KEYS, no pickle.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from persistence import models
from persistence.backends.redis.cursors import Cursors
from persistence.backends.redis.keys import index_key, session_key, session_keys
from persistence.backends.redis.layout import restore_args
from persistence.backends.redis.ops import CREATING_SECONDS, appended, create, delete, live, purge, script
from persistence.backends.redis.reads import Probe, newest, page, with_participant
from persistence.backends.redis.update import update
from persistence.backends.redis.wire import boundary
from persistence.base import StoreBase
from persistence.hooks import Keep
from persistence.models import Message, Session
from persistence.rules.revisions import Change
from persistence.urls import check_prefix


class RedisStore(Cursors, Probe, StoreBase):
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
        `redis.Redis` / `redis.cluster.RedisCluster` (never closed here); either wrapped in
        `connect.Asyncio` means redis.asyncio's, for persistence.aio: the store then only plans its
        round trips (see connect.Driven).

        Redis keeps no store-wide record, so a Redis store exists exactly while its server answers
        (open_store's create=False changes nothing here), and opening or reading it writes no key.
        """
        super().__init__(ttl=ttl, max_message_bytes=max_message_bytes, clock=clock)
        self.prefix = check_prefix(prefix)
        self._connect(url_or_client)

    def _insert(self, session: Session, messages: Sequence[Message], keep: Keep, *, hint: str) -> Session:
        """Index entry and participant sets first, then the restore script (refuses a live id); see ops.create.

        An index score older than half of CREATING_SECONDS (a restored session's old updated_at) is
        written once more after the script, as a purge running meanwhile may have dropped it.
        """
        now = self.clock()
        keys = session_keys(self.prefix, session.id)
        queue = script("restore", keys, restore_args(session, messages, keep, now))
        confirm = session.updated_at <= now - CREATING_SECONDS / 2
        return self._run(create(self.prefix, session, queue, (hint, confirm)), f"session key {keys[0]}")

    def _append(self, draft: Message) -> Message:
        """See `appended`."""
        return self._run(
            appended(self.prefix, draft), f"session key {session_key(self.prefix, draft.session_id)}"
        )

    def _messages(
        self, session_id: str, after_seq: int | None, limit: int | None, *, before_seq: int | None = None
    ) -> list[Message]:
        """See `page`."""
        args = [
            repr(self.clock()),
            *(-1 if value is None else value for value in (after_seq, limit, before_seq)),
        ]
        where = f"message list {session_keys(self.prefix, session_id)[1]}"
        return self._run(page(self.prefix, session_id, args), where)

    def _update(self, session_id: str, change: Change, expected_version: int | None) -> Session:
        """Compare-and-set of the record, participant sets first; see update.update."""
        flow = update(self.prefix, session_id, change, (expected_version, self.clock()))
        return self._run(flow, f"session key {session_key(self.prefix, session_id)}")

    def get_session(self, session_id: str) -> Session:
        """Read the session hash; SessionNotFound if it is missing or expired by the store clock."""
        sid = models.check_session_id(session_id)
        return self._run(live(self.prefix, sid, self.clock()), f"session key {session_key(self.prefix, sid)}")

    def list_sessions(self, *, participant: str | None = None, limit: int | None = 100) -> list[Session]:
        """Live sessions, most recently updated first; see reads.newest / with_participant for the cost."""
        given = models.check_limit(limit, "limit")
        count = models.MAX_INT if given is None else given  # None: every session
        name = None if participant is None else models.check_name(participant, "participant")
        if name is not None:
            flow = with_participant(self.prefix, self.clock(), name, count)
            return self._run(flow, f"participant set of {name!r}")
        return self._run(newest(self.prefix, self.clock(), count), f"index {index_key(self.prefix)}")

    def delete_session(self, session_id: str) -> None:
        """Delete the session's keys atomically (only if live), then drop it from the index and sets."""
        sid = models.check_session_id(session_id)
        self._run(delete(self.prefix, sid, self.clock()), f"session key {session_key(self.prefix, sid)}")

    def purge_expired(self) -> int:
        """Delete expired sessions found through the index; O(sessions in the index)."""
        return self._run(purge(self.prefix, self.clock()), f"index {index_key(self.prefix)}")

    def close(self) -> None:
        """Disconnect the pool this store opened; an injected client is left to its owner."""
        if self.owns_client and not self.planning:  # persistence.aio closes an asyncio client itself
            with boundary(self.where):
                self.client.close()
