"""Redis round trips behind RedisStore: pipelined scripts, and the index walks for listing and purging."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from persistence.backends.redis.keys import index_key, participant_key, session_key, session_keys
from persistence.backends.redis.layout import decode_session, text
from persistence.backends.redis.scripts import SCRIPTS, SHAS
from persistence.errors import SessionNotFound
from persistence.models import Session

PAGE = 500  # ids per round trip when walking the index
# An index entry whose session does not exist yet may belong to a create between its two round trips
# (see `create`): purge leaves it alone while its score (the creation time) is this recent.
CREATING_SECONDS = 60.0


def not_found(session_id: str) -> SessionNotFound:
    """The error for a missing or expired session."""
    return SessionNotFound(f"no session {session_id!r} (never created, deleted or expired)")


def execute(client: Any, build: Callable[[Any], object]) -> list[Any]:
    """Run the commands `build` queues on one non-transactional pipeline: a single round trip.

    Scripts run by EVALSHA; after NOSCRIPT (server restarted or SCRIPT FLUSH) they are loaded and the
    pipeline is re-run, which is safe because NOSCRIPT means the script did not run and every other
    command we pipeline next to a script is idempotent.
    """
    import redis

    for attempt in range(2):
        pipe = client.pipeline(transaction=False)
        build(pipe)
        try:
            return list(pipe.execute())
        except redis.exceptions.NoScriptError:
            if attempt:
                raise
            for source in SCRIPTS.values():
                client.script_load(source)
    raise AssertionError("unreachable")  # pragma: no cover


def run_script(pipe: Any, name: str, session_keys: Sequence[str], args: Sequence[Any]) -> None:
    """Queue the named script of backends.redis.scripts on `pipe`."""
    # execute_command, not pipe.evalsha: redis-py blocks the latter in cluster pipelines, while the raw
    # command is routed by its keys (all on the session's slot).
    pipe.execute_command("EVALSHA", SHAS[name], len(session_keys), *session_keys, *args)


def alive(session: Session | None, now: float) -> bool:
    """True for a session that exists and has not expired (expired means expires_at <= now)."""
    return session is not None and (session.expires_at is None or session.expires_at > now)


def fetch(client: Any, prefix: str, ids: Iterable[bytes | str]) -> list[Session | None]:
    """Read many session hashes in one round trip; None where a session is gone."""
    names = [text(raw, f"Redis key {index_key(prefix)} member") for raw in ids]
    replies = execute(client, lambda pipe: [pipe.hgetall(session_key(prefix, sid)) for sid in names])
    return [
        decode_session(sid, fields, session_key(prefix, sid)) if fields else None
        for sid, fields in zip(names, replies, strict=False)
    ]


def newest(client: Any, prefix: str, now: float, limit: int) -> list[Session]:
    """Live sessions by updated_at, newest first: walks the index from the top, skipping dead entries.

    Cost: O(limit + dead entries ranked above them); purge_expired removes the dead ones.
    """
    found: dict[str, Session] = {}
    start, size = 0, min(limit + 10, PAGE)  # most entries are live: the first page nearly always suffices
    while len(found) < limit:
        ids = client.zrevrange(index_key(prefix), start, start + size - 1)
        found.update((s.id, s) for s in fetch(client, prefix, ids) if s is not None and alive(s, now))
        if len(ids) < size:
            break
        start, size = start + len(ids), min(size * 2, PAGE)
    # Index scores can lag by a concurrent append; the records themselves decide the order.
    return sorted(found.values(), key=lambda s: s.updated_at, reverse=True)[:limit]


def with_participant(client: Any, prefix: str, now: float, name: str) -> list[Session]:
    """Live sessions of `name`, newest first; cost O(sessions `name` was ever in, until purged)."""
    ids = client.smembers(participant_key(prefix, name))
    sessions = [s for s in fetch(client, prefix, ids) if s is not None and alive(s, now)]
    # The set can hold an id reused by a session without `name`: the record decides.
    sessions = [s for s in sessions if name in s.participants]
    return sorted(sessions, key=lambda s: s.updated_at, reverse=True)


def create(
    client: Any, prefix: str, session: Session, queue: Callable[[Any], object], *, confirm: bool = False
) -> bool:
    """Register `session` in the index and its participants' sets, then run the script `queue` adds.

    Two round trips, on purpose: on a cluster those keys live on other nodes than the session's,
    and a cluster pipeline sends each node's commands together, in node order, so one round trip
    would not guarantee the index write lands first. Acknowledged first, a creator that dies before
    its script leaves at worst an index entry without a session, which listing skips and
    purge_expired removes; never a session missing from the index. Returns the script's reply
    (falsy: a live session has the id, and nothing was created). `confirm` writes the score once
    more after the script: a restore's old updated_at is outside purge's CREATING_SECONDS window,
    so a purge running meanwhile could have dropped the entry.
    """

    def register(pipe: Any) -> None:
        pipe.zadd(
            index_key(prefix), {session.id: session.updated_at}, nx=True
        )  # NX: never moves a live session
        for name in set(session.participants):
            pipe.sadd(participant_key(prefix, name), session.id)

    fresh = execute(client, register)[0]
    created = bool(execute(client, queue)[0])
    if created and (confirm or not fresh):  # not fresh: a stale entry (expired leftover) kept its old score
        client.zadd(index_key(prefix), {session.id: session.updated_at})
    return created


def forget(client: Any, prefix: str, deleted: Sequence[tuple[str, bytes | str]]) -> None:
    """Drop deleted sessions (id, record JSON) from the index and their participants' sets, in one round trip."""

    def build(pipe: Any) -> None:
        for session_id, record in deleted:
            try:
                document = json.loads(record or "{}")
                people = [*document.get("participants", []), *document.get("former", [])]
            except (ValueError, AttributeError):
                people = []  # a damaged record: its participant sets keep a dead id, which reads filter out
            pipe.zrem(index_key(prefix), session_id)
            for name in people if isinstance(people, list) else []:
                pipe.srem(participant_key(prefix, str(name)), session_id)

    execute(client, build)


def purge(client: Any, prefix: str, now: float) -> int:
    """Delete every expired session (and index entries whose keys Redis already reclaimed); return how many.

    Cost: O(sessions in the index), PAGE scripts per round trip.
    """
    members = client.zscan_iter(index_key(prefix), count=PAGE)
    scores = {text(raw, f"Redis key {index_key(prefix)} member"): float(score) for raw, score in members}
    ids = list(scores)
    removed = 0
    for start in range(0, len(ids), PAGE):
        batch = ids[start : start + PAGE]
        keys = [session_keys(prefix, sid) for sid in batch]

        def build(pipe: Any, keys: list[list[str]] = keys) -> None:
            for one in keys:
                run_script(pipe, "delete", one, [repr(now), "expired"])

        replies = execute(client, build)
        # A reply of '' means the session's keys do not exist: gone, or not created yet (see `create`).
        deleted = [
            (sid, record)
            for sid, record in zip(batch, replies, strict=False)
            if record is not None and (record not in ("", b"") or scores[sid] <= now - CREATING_SECONDS)
        ]
        forget(client, prefix, deleted)
        removed += len(deleted)
    return removed
