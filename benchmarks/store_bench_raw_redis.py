"""The raw redis-py baseline: per append one MULTI/EXEC with the commands the store's append script runs."""

from __future__ import annotations

import json
import math
import time
from typing import Any, cast

import redis

from benchmarks import store_bench_data as data
from benchmarks.store_bench_data import Sizes

PREFIX = "raw"
INDEX = f"{PREFIX}:index"
CHUNK = 1000  # messages per RPUSH while populating


def keys(session_id: str) -> tuple[str, str]:
    """(session hash, message list) of a session, with the hash tag the store uses too."""
    return f"{PREFIX}:{{{session_id}}}:session", f"{PREFIX}:{{{session_id}}}:messages"


class RawRedis:
    """redis-py on the same server as the store, under its own key prefix; no store code involved."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=10)

    def populate(self, sizes: Sizes, now: float) -> None:
        """The same sessions (hash + index entry) and messages (list) as the store gets, pipelined."""
        pipe = self.client.pipeline(transaction=False)
        for record in data.records(sizes, now):
            session_key, messages_key = keys(record.id)
            pipe.hset(
                session_key,
                mapping={
                    "record": data.session_json(record),
                    "count": record.message_count,
                    "ttl": data.TTL,
                    "updated_at": record.updated_at,
                    "expires_at": repr(record.expires_at),
                },
            )
            pipe.zadd(INDEX, {record.id: record.updated_at})
            lines = [data.message_json(m.seq, m.timestamp) for m in data.history(record)]
            for start in range(0, len(lines), CHUNK):
                pipe.rpush(messages_key, *lines[start : start + CHUNK])
                pipe.execute()
        pipe.execute()

    def append(self, session_id: str) -> None:
        """MULTI: RPUSH, HINCRBY count, HSET updated_at/expires_at, PEXPIRE both keys, ZADD XX; EXEC."""
        session_key, messages_key = keys(session_id)
        now = time.time()
        pipe = self.client.pipeline(transaction=True)
        pipe.rpush(messages_key, data.message_json(0, now))
        pipe.hincrby(session_key, "count", 1)
        pipe.hset(session_key, mapping={"updated_at": repr(now), "expires_at": repr(now + data.TTL)})
        for key in (session_key, messages_key):
            pipe.pexpire(key, math.ceil(data.TTL * 1000))
        pipe.zadd(INDEX, {session_id: now}, xx=True)
        pipe.execute()

    def recent(self) -> list[Any]:
        """LRANGE of the 50 newest messages of the big session, decoded."""
        raw = self.client.lrange(keys(data.BIG_ID)[1], -data.READ_LIMIT, -1)
        return [json.loads(item) for item in raw]

    def newest(self) -> list[Any]:
        """ZREVRANGE of the 100 newest ids, then their hashes in one pipelined round trip, decoded."""
        ids = cast(list[bytes], self.client.zrevrange(INDEX, 0, data.LIST_LIMIT - 1))
        pipe = self.client.pipeline(transaction=False)
        for session_id in ids:
            pipe.hgetall(keys(session_id.decode())[0])
        return [json.loads(fields[b"record"]) for fields in pipe.execute()]

    def close(self) -> None:
        """Disconnect."""
        self.client.close()
