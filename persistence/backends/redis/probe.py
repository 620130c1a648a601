"""Figures of a Redis store beyond the contract: expired sessions still indexed, and MEMORY USAGE of its keys.

The keys counted: the index, session hashes, message lists, and participant sets of indexed sessions.
"""

from __future__ import annotations

from typing import Any

from persistence.backends.redis import keys
from persistence.backends.redis.boundary import boundary
from persistence.backends.redis.layout import text
from persistence.backends.redis.ops import PAGE, alive, execute, fetch
from persistence.hooks import StorageFigures


def memory(client: Any, names: list[str]) -> int:
    """Sum of MEMORY USAGE over the keys `names` (missing keys count 0), PAGE keys per round trip."""
    size = 0
    for start in range(0, len(names), PAGE):
        batch = names[start : start + PAGE]

        def build(pipe: Any, batch: list[str] = batch) -> None:
            for key in batch:
                pipe.memory_usage(key)

        size += sum(value or 0 for value in execute(client, build))
    return size


def figures(client: Any, prefix: str, now: float) -> StorageFigures:
    """(expired or reclaimed sessions still indexed, MEMORY USAGE bytes of the store's keys) at `now`."""
    index = keys.index_key(prefix)
    ids = [text(raw, index) for raw, _score in client.zscan_iter(index, count=PAGE)]
    names = [index]
    expired = 0
    for start in range(0, len(ids), PAGE):
        page = ids[start : start + PAGE]
        sessions = fetch(client, prefix, page)
        expired += sum(not alive(session, now) for session in sessions)
        names += [
            key(prefix, sid)
            for sid in page
            for key in (keys.session_key, keys.messages_key, keys.clients_key, keys.cursors_key)
        ]
        people = {name for session in sessions if session is not None for name in session.participants}
        names += [keys.participant_key(prefix, name) for name in sorted(people)]
    return StorageFigures(expired, memory(client, list(dict.fromkeys(names))))


class Probe:
    """RedisStore's storage_figures (a base listed before StoreBase, so it implements the hook)."""

    client: Any
    prefix: str
    where: str

    def storage_figures(self, now: float) -> StorageFigures:
        """Expired sessions still indexed, and MEMORY USAGE of the store's keys."""
        with boundary(self.where, f"index {keys.index_key(self.prefix)}"):
            return figures(self.client, self.prefix, now)
