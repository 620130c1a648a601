"""Flows behind RedisStore (see wire): pipelined scripts, and the index walks for listing and purging."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from persistence.backends.redis.keys import index_key, participant_key, session_key, session_keys
from persistence.backends.redis.layout import decode_message, decode_session, encode_message, text
from persistence.backends.redis.scripts import GRACE_MS, MAX_PEXPIRE_MS, SHAS
from persistence.backends.redis.wire import Build, Flow, command, one, scan
from persistence.errors import SessionExists, SessionNotFound
from persistence.models import Message, Session
from persistence.rules.history import replayed

PAGE = 500  # ids per round trip when walking the index
# An index entry whose session does not exist yet may belong to a create between its two round trips
# (see `create`): purge leaves it alone while its score (the creation time) is this recent.
CREATING_SECONDS = 60.0


def not_found(session_id: str) -> SessionNotFound:
    """The error for a missing or expired session."""
    return SessionNotFound(f"no session {session_id!r} (never created, deleted or expired)")


def run_script(pipe: Any, name: str, session_keys: Sequence[str], args: Sequence[Any]) -> None:
    """Queue the named script of backends.redis.scripts on `pipe`."""
    # execute_command, not pipe.evalsha: redis-py blocks the latter in cluster pipelines, while the raw
    # command is routed by its keys (all on the session's slot).
    pipe.execute_command("EVALSHA", SHAS[name], len(session_keys), *session_keys, *args)


def script(name: str, keys: Sequence[str], args: Sequence[Any]) -> Build:
    """The round trip of one script."""
    return lambda pipe: run_script(pipe, name, keys, args)


def alive(session: Session | None, now: float) -> bool:
    """True for a session that exists and has not expired (expired means expires_at <= now)."""
    return session is not None and (session.expires_at is None or session.expires_at > now)


def live(prefix: str, session_id: str, now: float) -> Flow[Session]:
    """The live session; SessionNotFound if it is missing or expired at `now`."""
    key = session_key(prefix, session_id)
    fields = yield from one(command("hgetall", key))
    session = decode_session(session_id, fields, key) if fields else None
    if session is None or not alive(session, now):
        raise not_found(session_id)
    return session


def create(prefix: str, session: Session, queue: Build, options: tuple[str, bool]) -> Flow[Session]:
    """Register `session` in the index and its participants' sets, then run the script `queue` adds.

    Two round trips, on purpose: on a cluster those keys live on other nodes than the session's,
    and a cluster pipeline sends each node's commands together, in node order, so one round trip
    would not guarantee the index write lands first. Acknowledged first, a creator that dies before
    its script leaves at worst an index entry without a session, which listing skips and
    purge_expired removes; never a session missing from the index. Returns the script's reply
    (falsy: a live session has the id, and nothing was created: SessionExists ending with `hint`, what
    to do); `options` is (hint, confirm). `confirm` writes the score once
    more after the script: a restore's old updated_at is outside purge's CREATING_SECONDS window,
    so a purge running meanwhile could have dropped the entry.
    """

    def register(pipe: Any) -> None:
        pipe.zadd(
            index_key(prefix), {session.id: session.updated_at}, nx=True
        )  # NX: never moves a live session
        for name in set(session.participants):
            pipe.sadd(participant_key(prefix, name), session.id)

    hint, confirm = options
    fresh = yield from one(register)
    created = bool((yield from one(queue)))
    if not created:
        raise SessionExists(f"session {session.id!r} already exists; {hint}")
    if confirm or not fresh:  # not fresh: a stale entry (expired leftover) kept its old score
        yield lambda pipe: pipe.zadd(index_key(prefix), {session.id: session.updated_at})
    return session


def forget(prefix: str, deleted: Sequence[tuple[str, bytes | str]]) -> Flow[None]:
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

    if deleted:
        yield build


def delete(prefix: str, session_id: str, now: float) -> Flow[None]:
    """Delete the session's keys atomically (only if live), then drop it from the index and sets."""
    record = yield from one(script("delete", session_keys(prefix, session_id), [repr(now), "live"]))
    if record is None:
        raise not_found(session_id)
    yield from forget(prefix, [(session_id, record)])


def purge(prefix: str, now: float) -> Flow[int]:
    """Delete every expired session (and index entries whose keys Redis already reclaimed); return how many.

    Cost: O(sessions in the index), PAGE scripts per round trip.
    """
    members = yield from scan(index_key(prefix), PAGE)
    scores = {text(raw, f"Redis key {index_key(prefix)} member"): float(score) for raw, score in members}
    ids = list(scores)
    removed = 0
    for start in range(0, len(ids), PAGE):
        batch = ids[start : start + PAGE]
        keys = [session_keys(prefix, sid) for sid in batch]

        def build(pipe: Any, keys: list[list[str]] = keys) -> None:
            for one_keys in keys:
                run_script(pipe, "delete", one_keys, [repr(now), "expired"])

        replies = yield build
        # A reply of '' means the session's keys do not exist: gone, or not created yet (see `create`).
        deleted = [
            (sid, record)
            for sid, record in zip(batch, replies, strict=False)
            if record is not None and (record not in ("", b"") or scores[sid] <= now - CREATING_SECONDS)
        ]
        yield from forget(prefix, deleted)
        removed += len(deleted)
    return removed


def appended(prefix: str, draft: Message) -> Flow[Message]:
    """One round trip: the append script (check, client_id lookup, RPUSH, counters, TTLs) plus the
    index score update; a replayed client_id puts the score back to the session's own updated_at."""
    sid = draft.session_id
    keys = session_keys(prefix, sid)
    cid = "" if draft.client_id is None else draft.client_id
    args = [repr(draft.timestamp), encode_message(draft), GRACE_MS, MAX_PEXPIRE_MS, cid]
    queue = script("append", keys, args)
    # XX: a failed append (unknown id) must not add an index entry.
    result = yield from one(
        lambda pipe: [queue(pipe), pipe.zadd(index_key(prefix), {sid: draft.timestamp}, xx=True)]
    )
    if not result:
        raise not_found(sid)
    if len(result) == 3:  # the client_id was used: nothing was written
        yield lambda pipe: pipe.zadd(index_key(prefix), {sid: float(result[1])}, xx=True)
        return replayed(decode_message(sid, int(result[0]), result[2], keys[1]), draft)
    return replace(draft, seq=int(result[0]))
