"""Read cursors in Redis: hash `PREFIX:{ID}:cursors` (participant -> last read seq), on the session's slot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from persistence.backends.redis.boundary import boundary
from persistence.backends.redis.keys import cursors_key, index_key, participant_key, session_key, session_keys
from persistence.backends.redis.layout import decode_session, text
from persistence.backends.redis.ops import alive, execute, fetch, not_found, run_script
from persistence.models import Session
from persistence.rules.cursors import check_mark


def scores(client: Any, prefix: str, ids: list[str]) -> list[float | None]:
    """The index scores (updated_at) of `ids`: one ZMSCORE (Redis >= 6.2), else one ZSCORE each, pipelined."""
    import redis

    if not ids:
        return []
    try:
        return list(client.zmscore(index_key(prefix), ids))
    except redis.exceptions.ResponseError:  # Redis 6.0: no ZMSCORE
        return execute(client, lambda pipe: [pipe.zscore(index_key(prefix), sid) for sid in ids])


def ranking(client: Any, prefix: str, participant: str) -> list[tuple[float, str]]:
    """(index score, id) of the participant's sessions still indexed, best first."""
    ids = [text(raw, participant) for raw in client.smembers(participant_key(prefix, participant))]
    pairs = zip(ids, scores(client, prefix, ids), strict=True)
    return sorted(((score, sid) for sid, score in pairs if score is not None), reverse=True)


def newest_of(client: Any, prefix: str, participant: str, options: tuple[float, int | None]) -> list[Session]:
    """The participant's live sessions, newest first, at most `limit`; `options` is (now, limit).

    Ranks the ids of the participant's set by their index score (one command), then decodes only the
    best candidates, skipping ids whose record is gone, expired or no longer has the participant. Index
    scores may lag a concurrent append by a moment (as for list_sessions); the records decide the order.
    """
    now, limit = options
    ranked = ranking(client, prefix, participant)
    found: list[Session] = []
    wanted = len(ranked) if limit is None else limit
    while ranked and len(found) < wanted:
        batch, ranked = ranked[: wanted - len(found)], ranked[wanted - len(found) :]
        candidates = fetch(client, prefix, [sid for _, sid in batch])
        found += [s for s in candidates if s is not None and alive(s, now) and participant in s.participants]
    return sorted(found, key=lambda s: (s.updated_at, s.id), reverse=True)


class Cursors:
    """RedisStore's cursor hooks (a base listed before StoreBase, so it implements them)."""

    client: Any
    prefix: str
    where: str
    clock: Callable[[], float]

    def _mark_read(self, session_id: str, participant: str, seq: int) -> int:
        """One script: checks the live session, membership and seq, and keeps the larger cursor."""
        keys = session_keys(self.prefix, session_id)
        args = [repr(self.clock()), participant, seq]
        with boundary(self.where, f"session key {keys[0]}"):
            reply = execute(self.client, lambda pipe: run_script(pipe, "mark", keys, args))[0]
            if reply and int(reply[0]) < 0:  # refused: read the record to say why, as every backend does
                check_mark(self.get_live(session_id), participant, seq)
        if not reply:
            raise not_found(session_id)
        return int(reply[0])

    def get_live(self, session_id: str) -> Session:
        """The live session, else SessionNotFound."""
        key = session_key(self.prefix, session_id)
        fields = self.client.hgetall(key)
        session = decode_session(session_id, fields, key) if fields else None
        if session is None or not alive(session, self.clock()):
            raise not_found(session_id)
        return session

    def _read_state(self, session_id: str) -> dict[str, int]:
        """The session hash and its cursors in one round trip (both on the session's slot)."""
        key, cursors = session_key(self.prefix, session_id), cursors_key(self.prefix, session_id)
        with boundary(self.where, f"session key {key}"):
            fields, stored = execute(self.client, lambda pipe: [pipe.hgetall(key), pipe.hgetall(cursors)])
        session = decode_session(session_id, fields, key) if fields else None
        if session is None or not alive(session, self.clock()):
            raise not_found(session_id)
        seqs = {text(name, cursors): int(value) for name, value in stored.items()}
        return {name: seqs.get(name, 0) for name in session.participants}

    def _unread(self, participant: str, limit: int | None) -> list[tuple[Session, int]]:
        """The participant's set, their sessions' times, then the newest `limit` records and cursors:
        O(that participant's sessions) small reads, and only the records returned decoded."""
        with boundary(self.where, f"participant set of {participant!r}"):
            sessions = newest_of(self.client, self.prefix, participant, (self.clock(), limit))
            cursors = execute(
                self.client,
                lambda pipe: [pipe.hget(cursors_key(self.prefix, s.id), participant) for s in sessions],
            )
        return [(s, s.message_count - int(seq or 0)) for s, seq in zip(sessions, cursors, strict=True)]
