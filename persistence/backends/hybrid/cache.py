"""The hybrid store's Redis cache of the most recent messages per session; every call may fail harmlessly.

Nothing here is trusted on its own: a reader passes the durable session it just read, and the cache
answers only if its stamp equals that session (see backends.hybrid.scripts). So a cache that missed writes
(Redis down, a timeout, a writer killed between its durable write and its cache update) is never
served; it is refilled on the next read.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from persistence.backends.hybrid.entries import cache_keys, decode, encode, stamp, within
from persistence.backends.hybrid.guard import CacheGuard
from persistence.backends.hybrid.scripts import SCRIPTS, SHAS
from persistence.models import Message, Session
from persistence.urls import CLUSTER_SCHEMES, HybridConfig, check_prefix, cluster_nodes, redact

CACHE_TTL_MS = 3_600_000  # an entry untouched by writes or fills for an hour leaves Redis (memory only)


class TailCache:
    """At most the last `cache_messages` messages (and `cache_bytes` bytes) of each session, in Redis
    (plain or Cluster) at `config.cache`."""

    def __init__(
        self, config: HybridConfig, *, prefix: str, connect: Callable[[str, dict[str, Any]], Any]
    ) -> None:
        url = config.cache
        self.url, self.size, self.bytes, self.connect = (
            url,
            config.cache_messages,
            config.cache_bytes,
            connect,
        )
        self.prefix = check_prefix(prefix)
        self.guard = CacheGuard(redact(url))
        timeout = config.cache_timeout
        self.timeouts = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
        self.client: Any = None
        self.connecting = threading.Lock()
        if urlsplit(url).scheme.lower() in CLUSTER_SCHEMES:
            cluster_nodes(url)  # check the URL now; the cluster client connects on first use
        else:
            self.client = connect(url, self.timeouts)  # connects lazily

    def script(self, name: str, session_id: str, args: Sequence[Any]) -> Any:
        """Run a cache script on the session's keys by EVALSHA, loading the scripts after NOSCRIPT."""
        import redis

        with self.connecting:  # a cluster client connects on first use: once, whichever thread comes first
            if self.client is None:
                self.client = self.connect(self.url, self.timeouts)
        keys = cache_keys(self.prefix, session_id)
        try:
            return self.client.evalsha(SHAS[name], len(keys), *keys, *args)
        except redis.exceptions.NoScriptError:
            self.client.script_load(SCRIPTS[name])  # a restarted or flushed Redis forgot it
            return self.client.evalsha(SHAS[name], len(keys), *keys, *args)

    def read(self, session: Session, lo: int, hi: int) -> list[Message] | None:
        """Messages lo..hi of `session` if the cache holds exactly that session's tail, else None."""

        def action() -> list[Message] | None:
            now = stamp(session.incarnation, session.message_count, session.updated_at)
            raw = self.script("read", session.id, [*now, lo, hi])
            if raw is None:
                return None
            key = cache_keys(self.prefix, session.id)[1]
            return [decode(session.id, lo + i, item, key) for i, item in enumerate(raw)]

        return self.guard.call(action, None)

    def fill(self, session: Session, recent: Sequence[Message]) -> None:
        """Cache `recent` (the last messages, oldest first) as the tail of `session` (count = last seq).

        Only what fits: the newest `size` messages within `bytes` bytes; what a reader already read,
        never more, so a refill costs the caller at most that bound.
        """
        # The stamp comes from the messages themselves: an append may have landed after `session` was read.
        last = recent[-1] if recent else None
        now = stamp(
            session.incarnation,
            session.message_count if last is None else last.seq,
            session.updated_at if last is None else last.timestamp,
        )
        encoded = within(recent[-self.size :], self.bytes)
        size = sum(map(len, encoded))
        self.guard.call(lambda: self.script("fill", session.id, [*now, CACHE_TTL_MS, size, *encoded]), None)

    def extend(self, message: Message) -> None:
        """Add a just-appended message to its session's tail, if the tail ends right before it."""
        args = [message.seq, repr(message.timestamp), encode(message), self.size, CACHE_TTL_MS, self.bytes]
        self.guard.call(lambda: self.script("extend", message.session_id, args), None)

    def drop(self, session_id: str) -> None:
        """Forget a session (after delete or restore); a failure is harmless, as readers check the stamp."""
        self.guard.call(lambda: self.script("drop", session_id, []), None)

    def usable(self) -> bool:
        """False while the cache is switched off after a failure: readers then skip it entirely."""
        return self.guard.usable()

    def close(self) -> None:
        """Disconnect from Redis; errors on the way out do not matter (and a close is no sign Redis is back)."""
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
