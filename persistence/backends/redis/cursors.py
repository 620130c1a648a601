"""Read cursors in Redis: hash `PREFIX:{ID}:cursors` (participant -> last read seq), on the session's slot."""

from __future__ import annotations

from persistence.backends.redis.connect import Driven
from persistence.backends.redis.keys import cursors_key, index_key, participant_key, session_key, session_keys
from persistence.backends.redis.layout import decode_session, text
from persistence.backends.redis.ops import alive, live, not_found, script
from persistence.backends.redis.reads import fetch
from persistence.backends.redis.wire import Flow, command, one
from persistence.models import Session
from persistence.rules.cursors import check_mark


def scores(prefix: str, ids: list[str]) -> Flow[list[float | None]]:
    """The index scores (updated_at) of `ids`: one ZMSCORE (Redis >= 6.2), else one ZSCORE each, pipelined."""
    import redis

    if not ids:
        return []
    try:
        return list((yield from one(command("zmscore", index_key(prefix), ids))))
    except redis.exceptions.ResponseError:  # Redis 6.0: no ZMSCORE
        return (yield lambda pipe: [pipe.zscore(index_key(prefix), sid) for sid in ids])


def ranking(prefix: str, participant: str) -> Flow[list[tuple[float, str]]]:
    """(index score, id) of the participant's sessions still indexed, best first."""
    members = yield from one(command("smembers", participant_key(prefix, participant)))
    ids = [text(raw, participant) for raw in members]
    pairs = zip(ids, (yield from scores(prefix, ids)), strict=True)
    return sorted(((score, sid) for sid, score in pairs if score is not None), reverse=True)


def newest_of(prefix: str, participant: str, options: tuple[float, int | None]) -> Flow[list[Session]]:
    """The participant's live sessions, newest first, at most `limit`; `options` is (now, limit).

    Ranks the ids of the participant's set by their index score (one command), then decodes only the
    best candidates, skipping ids whose record is gone, expired or no longer has the participant. Index
    scores may lag a concurrent append by a moment (as for list_sessions); the records decide the order.
    """
    now, limit = options
    ranked = yield from ranking(prefix, participant)
    found: list[Session] = []
    wanted = len(ranked) if limit is None else limit
    while ranked and len(found) < wanted:
        batch, ranked = ranked[: wanted - len(found)], ranked[wanted - len(found) :]
        candidates = yield from fetch(prefix, [sid for _, sid in batch])
        found += [s for s in candidates if s is not None and alive(s, now) and participant in s.participants]
    return sorted(found, key=lambda s: (s.updated_at, s.id), reverse=True)


def mark(prefix: str, session_id: str, cursor: tuple[str, int], now: float) -> Flow[int]:
    """One script: checks the live session, membership and seq, and keeps the larger cursor; `cursor`
    is (participant, seq). A refusal reads the record to say why, as every backend does."""
    participant, seq = cursor
    reply = yield from one(script("mark", session_keys(prefix, session_id), [repr(now), participant, seq]))
    if not reply:
        raise not_found(session_id)
    if int(reply[0]) < 0:
        check_mark((yield from live(prefix, session_id, now)), participant, seq)
    return int(reply[0])


def state(prefix: str, session_id: str, now: float) -> Flow[dict[str, int]]:
    """The session hash and its cursors in one round trip (both on the session's slot)."""
    key, cursors = session_key(prefix, session_id), cursors_key(prefix, session_id)
    fields, stored = yield lambda pipe: [pipe.hgetall(key), pipe.hgetall(cursors)]
    session = decode_session(session_id, fields, key) if fields else None
    if session is None or not alive(session, now):
        raise not_found(session_id)
    seqs = {text(name, cursors): int(value) for name, value in stored.items()}
    return {name: seqs.get(name, 0) for name in session.participants}


def unread(
    prefix: str, participant: str, options: tuple[float, int | None]
) -> Flow[list[tuple[Session, int]]]:
    """The participant's set, their sessions' times, then the newest `limit` records and cursors:
    O(that participant's sessions) small reads, and only the records returned decoded."""
    sessions = yield from newest_of(prefix, participant, options)
    if not sessions:
        return []
    cursors = yield lambda pipe: [pipe.hget(cursors_key(prefix, s.id), participant) for s in sessions]
    return [(s, s.message_count - int(seq or 0)) for s, seq in zip(sessions, cursors, strict=True)]


class Cursors(Driven):
    """RedisStore's cursor hooks (a base listed before StoreBase, so it implements them)."""

    def _mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """See `mark`."""
        flow = mark(self.prefix, session_id, (participant, seq), self.clock())
        return self._run(flow, f"session key {session_key(self.prefix, session_id)}")

    def _read_state(self, session_id: str) -> dict[str, int]:
        """See `state`."""
        flow = state(self.prefix, session_id, self.clock())
        return self._run(flow, f"session key {session_key(self.prefix, session_id)}")

    def _unread(self, participant: str, limit: int | None) -> list[tuple[Session, int]]:
        """See `unread`."""
        flow = unread(self.prefix, participant, (self.clock(), limit))
        return self._run(flow, f"participant set of {participant!r}")
