"""Hybrid store: the cache never costs more than its durable store when it cannot help, and never lies.

- While the cache is switched off, a read is the durable store's own read and nothing else.
- A miss reads what the caller asked for, and caches only that (if it is the tail), within
  cache_messages and cache_bytes; appends keep the tail within both bounds.
- The freshness stamp is the durable record's incarnation: a session deleted and restored with the
  same times and counts but other content is never served from the old entry; a record written
  before incarnations existed is never served from the cache.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from persistence import open_store
from persistence.backends.hybrid.store import HybridStore
from persistence.base import StoreBase
from tests.persistence.backends.hybrid.cache_checks import PREFIX, cache_entry, contents, with_messages
from tests.redis_server import RedisServer

DOWN = "redis://127.0.0.1:1/0"  # nothing listens there: every cache call fails at once
BOUND = 64 * 1024


def test_while_the_cache_is_off_a_read_is_the_durable_read_alone(
    tmp_path: Path, open_url: Callable[[str], StoreBase], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_url(f"hybrid:///?store=sqlite:///{tmp_path}/h.db&cache={DOWN}&prefix={PREFIX}")
    assert isinstance(store, HybridStore)
    session = with_messages(store, 150)  # the first append's cache update fails: the cache is off now
    assert not store.cache.usable()
    calls: list[tuple[Any, ...]] = []
    durable_read = store.durable.get_messages

    def counted(session_id: str, **paging: Any) -> Any:
        calls.append((session_id, paging))
        return durable_read(session_id, **paging)

    monkeypatch.setattr(store.durable, "get_messages", counted)
    monkeypatch.setattr(store.durable, "get_session", lambda _: pytest.fail("no freshness check while off"))
    assert contents(store, session.id, limit=1) == ["m149"]
    assert contents(store, session.id, after_seq=10, limit=2) == ["m10", "m11"]
    assert calls == [
        (session.id, {"after_seq": None, "before_seq": None, "limit": 1}),
        (session.id, {"after_seq": 10, "before_seq": None, "limit": 2}),
    ]


@pytest.fixture
def bounded(fresh_redis: RedisServer, tmp_path: Path, open_url: Callable[[str], StoreBase]) -> HybridStore:
    """A hybrid caching at most 100 messages and BOUND bytes per session."""
    url = f"hybrid:///?store=sqlite:///{tmp_path}/h.db&cache={fresh_redis.url}&cache_bytes={BOUND}&prefix={PREFIX}"
    store = open_url(url)
    assert isinstance(store, HybridStore)
    return store


BIG = "x" * (BOUND // 5 - 200)  # five fit in the bound with their JSON fields, six do not


def behind_the_cache(store: HybridStore, count: int) -> str:
    """A session with `count` BIG messages appended to the durable store only: its first read misses."""
    session = store.create_session(["a"])
    for _ in range(count):
        store.durable.append_message(session.id, "a", BIG)
    return session.id


def test_a_miss_caches_only_what_was_read_within_the_byte_bound(
    bounded: HybridStore, fresh_redis: RedisServer
) -> None:
    session = bounded.get_session(behind_the_cache(bounded, 20))
    with fresh_redis.client() as client:
        assert len(bounded.get_messages(session.id, limit=1)) == 1
        stamp, tail = cache_entry(client, session.id)
        assert (stamp[b"count"], len(tail)) == (b"20", 1), "a limit=1 miss caches that one message"
        assert [m.seq for m in bounded.get_messages(session.id, limit=1)] == [20]  # now a hit
        assert len(bounded.get_messages(session.id, limit=12)) == 12
        stamp, tail = cache_entry(client, session.id)
        assert len(tail) == 5
        assert int(stamp[b"bytes"]) == sum(map(len, tail)) <= BOUND


def test_appends_keep_the_tail_within_the_byte_bound(bounded: HybridStore, fresh_redis: RedisServer) -> None:
    session = bounded.get_session(behind_the_cache(bounded, 20))
    assert len(bounded.get_messages(session.id, limit=12)) == 12  # a miss: caches the newest five
    with fresh_redis.client() as client:
        for _ in range(3):
            bounded.append_message(session.id, "a", BIG)
        stamp, tail = cache_entry(client, session.id)
        assert (stamp[b"count"], len(tail)) == (b"23", 5), "appends keep the tail within the bytes"
        assert int(stamp[b"bytes"]) == sum(map(len, tail)) <= BOUND
    assert [m.seq for m in bounded.get_messages(session.id, limit=5)] == [19, 20, 21, 22, 23]


def test_a_session_restored_with_equal_counters_is_never_served_stale(
    fresh_redis: RedisServer, tmp_path: Path, open_url: Callable[[str], StoreBase]
) -> None:
    durable_url = f"sqlite:///{tmp_path}/h.db"
    hybrid = open_url(f"hybrid:///?store={durable_url}&cache={fresh_redis.url}&prefix={PREFIX}")
    durable = open_url(durable_url)
    session = with_messages(hybrid, 3)
    assert contents(hybrid, session.id) == ["m0", "m1", "m2"]  # the cache is warm
    record, messages = durable.get_session(session.id), durable.get_messages(session.id)
    durable.delete_session(session.id)  # behind the cache
    durable.restore_session(record, [replace(m, content=f"new {m.seq}") for m in messages], ttl=None)
    restored = durable.get_session(session.id)
    assert (restored.created_at, restored.updated_at, restored.message_count) == (
        record.created_at,
        record.updated_at,
        record.message_count,
    )
    assert restored.incarnation != record.incarnation != ""
    assert contents(hybrid, session.id) == ["new 1", "new 2", "new 3"]
    assert contents(hybrid, session.id, limit=1) == ["new 3"]


def test_a_record_without_an_incarnation_is_never_served_from_the_cache(
    fresh_redis: RedisServer, tmp_path: Path
) -> None:
    root = tmp_path / "j"
    with open_store(f"json:///{root}") as durable:  # a JSON store written before incarnations existed
        with_messages(durable, 2)
        (session,) = durable.list_sessions()
    path = root / session.id / "session.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["incarnation"]
    path.write_text(json.dumps(document), encoding="utf-8")
    url = f"hybrid:///?store=json:///{root}&cache={fresh_redis.url}&prefix={PREFIX}"
    with open_store(url) as hybrid:
        assert hybrid.get_session(session.id).incarnation == ""
        assert contents(hybrid, session.id) == ["m0", "m1"]
        hybrid.append_message(session.id, "a", "m2")
        assert contents(hybrid, session.id, limit=2) == ["m1", "m2"]
    with fresh_redis.client() as client:
        assert cache_entry(client, session.id)[1] == [], "never cached as fresh"


def test_a_redis_record_written_before_incarnations_still_opens(fresh_redis: RedisServer) -> None:
    with open_store(f"{fresh_redis.url}?prefix=old") as store:
        created = store.create_session(["a"], session_id="s")
        store.append_message("s", "a", "hi")
        with fresh_redis.client() as client:
            record = json.loads(client.hget("old:{s}:session", "record") or b"{}")
            assert record.pop("incarnation") == created.incarnation != ""
            client.hset("old:{s}:session", "record", json.dumps(record))
        session = store.get_session("s")
        assert (session.incarnation, session.message_count) == ("", 1)
        assert [m.content for m in store.get_messages("s")] == ["hi"]


def test_a_redis_record_written_before_versions_and_client_ids_still_opens(fresh_redis: RedisServer) -> None:
    with open_store(f"{fresh_redis.url}?prefix=old") as store:
        store.create_session(["a", "b"], session_id="s")
        store.append_message("s", "a", "hi")
        with fresh_redis.client() as client:
            record = json.loads(client.hget("old:{s}:session", "record") or b"{}")
            assert record.pop("version") == 1
            client.hset("old:{s}:session", "record", json.dumps(record))
            assert client.exists("old:{s}:clients") == 0, "no key until a message has a client_id"
        assert store.get_session("s").version == 1
        assert store.append_message("s", "a", "again", client_id="c").seq == 2
        assert store.append_message("s", "a", "again", client_id="c").seq == 2
        assert store.remove_participants("s", ["b"]).version == 2
        assert [s.id for s in store.list_sessions(participant="b")] == []
        store.delete_session("s")


def test_deleting_clears_the_sets_of_former_participants_and_the_client_ids(fresh_redis: RedisServer) -> None:
    with open_store(f"{fresh_redis.url}?prefix=old") as store:
        store.create_session(["a", "b"], session_id="s")
        store.append_message("s", "a", "hi", client_id="c")
        store.remove_participants("s", ["b"])
        with fresh_redis.client() as client:
            assert client.smembers("old:participant:b") == {b"s"}, "left for readers to filter out"
        store.delete_session("s")
        with fresh_redis.client() as client:
            assert client.smembers("old:participant:b") == set(), "a former participant's entry went too"
            assert client.exists("old:{s}:clients") == 0
