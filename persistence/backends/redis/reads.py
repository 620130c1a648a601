"""Flows that walk the index and the participant sets: listing sessions, and the store's own figures
(expired sessions still indexed, and MEMORY USAGE of its keys: the index, session hashes, message lists,
client and cursor hashes, and participant sets of indexed sessions).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from persistence.backends.redis import keys
from persistence.backends.redis.connect import Driven
from persistence.backends.redis.keys import index_key, participant_key, session_key, session_keys
from persistence.backends.redis.layout import decode_message, decode_session, text
from persistence.backends.redis.ops import PAGE, alive, not_found, script
from persistence.backends.redis.wire import Flow, command, one, scan
from persistence.hooks import StorageFigures
from persistence.models import Message, Session


def fetch(prefix: str, ids: Iterable[bytes | str]) -> Flow[list[Session | None]]:
    """Read many session hashes in one round trip; None where a session is gone."""
    names = [text(raw, f"Redis key {index_key(prefix)} member") for raw in ids]
    if not names:
        return []
    replies = yield lambda pipe: [pipe.hgetall(session_key(prefix, sid)) for sid in names]
    return [
        decode_session(sid, fields, session_key(prefix, sid)) if fields else None
        for sid, fields in zip(names, replies, strict=False)
    ]


def newest(prefix: str, now: float, limit: int) -> Flow[list[Session]]:
    """Live sessions by updated_at, newest first: walks the index from the top, skipping dead entries.

    Cost: O(limit + dead entries ranked above them); purge_expired removes the dead ones.
    """
    if not limit:
        return []
    found: dict[str, Session] = {}
    start, size = 0, min(limit + 10, PAGE)  # most entries are live: the first page nearly always suffices
    while len(found) < limit:
        ids = yield from one(command("zrevrange", index_key(prefix), start, start + size - 1))
        sessions = yield from fetch(prefix, ids)
        found.update((s.id, s) for s in sessions if s is not None and alive(s, now))
        if len(ids) < size:
            break
        start, size = start + len(ids), min(size * 2, PAGE)
    # Index scores can lag by a concurrent append; the records themselves decide the order.
    return sorted(found.values(), key=lambda s: s.updated_at, reverse=True)[:limit]


def with_participant(prefix: str, now: float, name: str, limit: int) -> Flow[list[Session]]:
    """Live sessions of `name`, newest first, at most `limit`; cost O(sessions `name` was ever in, until purged)."""
    ids = yield from one(command("smembers", participant_key(prefix, name)))
    sessions = [s for s in (yield from fetch(prefix, ids)) if s is not None and alive(s, now)]
    # The set can hold an id reused by a session without `name`: the record decides.
    sessions = [s for s in sessions if name in s.participants]
    return sorted(sessions, key=lambda s: s.updated_at, reverse=True)[:limit]


def page(prefix: str, session_id: str, args: list[Any]) -> Flow[list[Message]]:
    """One LRANGE by index inside a script that first checks the session is live: O(limit)."""
    keys = session_keys(prefix, session_id)
    result = yield from one(script("read", keys, args))
    if not result:
        raise not_found(session_id)
    first, items = int(result[0]), result[1]
    return [decode_message(session_id, first + i + 1, raw, keys[1]) for i, raw in enumerate(items)]


def memory(names: list[str]) -> Flow[int]:
    """Sum of MEMORY USAGE over the keys `names` (missing keys count 0), PAGE keys per round trip."""
    size = 0
    for start in range(0, len(names), PAGE):
        batch = names[start : start + PAGE]

        def build(pipe: Any, batch: list[str] = batch) -> None:
            for key in batch:
                pipe.memory_usage(key)

        size += sum(value or 0 for value in (yield build))
    return size


def figures(prefix: str, now: float) -> Flow[StorageFigures]:
    """(expired or reclaimed sessions still indexed, MEMORY USAGE bytes of the store's keys) at `now`."""
    index = index_key(prefix)
    ids = [text(raw, index) for raw, _score in (yield from scan(index, PAGE))]
    names = [index]
    expired = 0
    for start in range(0, len(ids), PAGE):
        page = ids[start : start + PAGE]
        sessions = yield from fetch(prefix, page)
        expired += sum(not alive(session, now) for session in sessions)
        names += [
            key(prefix, sid)
            for sid in page
            for key in (keys.session_key, keys.messages_key, keys.clients_key, keys.cursors_key)
        ]
        people = {name for session in sessions if session is not None for name in session.participants}
        names += [participant_key(prefix, name) for name in sorted(people)]
    return StorageFigures(expired, (yield from memory(list(dict.fromkeys(names)))))


class Probe(Driven):
    """RedisStore's storage_figures (a base listed before StoreBase, so it implements the hook)."""

    def storage_figures(self, now: float) -> StorageFigures:
        """Expired sessions still indexed, and MEMORY USAGE of the store's keys."""
        return self._run(figures(self.prefix, now), f"index {index_key(self.prefix)}")
