"""Hybrid store: the cache serves recent messages, but only when it holds exactly the durable session's tail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from persistence import SessionStore
from tests.persistence.backends.hybrid.cache_checks import PREFIX, cache_entry, contents, with_messages
from tests.persistence.stores import FakeClock
from tests.redis_cluster import LocalCluster
from tests.redis_server import RedisServer


@pytest.fixture
def urls(fresh_redis: RedisServer, tmp_path: Path) -> tuple[str, str]:
    """(hybrid URL caching 5 messages, the URL of its durable SQLite store) for this test."""
    durable = f"sqlite:///{tmp_path}/h.db"
    return f"hybrid:///?store={durable}&cache={fresh_redis.url}&cache_messages=5&prefix={PREFIX}", durable


def test_recent_reads_come_from_the_cache(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer
) -> None:
    store = open_url(urls[0])
    session = with_messages(store, 12)
    with fresh_redis.client() as client:
        stamp, tail = cache_entry(client, session.id)
        assert (stamp[b"count"], len(tail)) == (b"12", 5), (
            "appends extended the tail, trimmed to cache_messages"
        )
        # A probe, not a use case: rewrite a cached message behind the store's back to see who answers.
        client.lset(f"{PREFIX}:{{{session.id}}}:tail", -1, tail[-1].replace(b"m11", b"probe"))
    assert contents(store, session.id, limit=2) == ["m10", "probe"], "a recent read is served by Redis"
    assert contents(store, session.id, after_seq=9, limit=1) == ["m9"]
    assert contents(store, session.id, after_seq=2, limit=3) == ["m2", "m3", "m4"], (
        "older than the window: durable"
    )
    assert len(store.get_messages(session.id)) == 12


def test_a_write_the_cache_missed_is_never_hidden(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer, clock: FakeClock
) -> None:
    # The durable store written directly = a writer killed between its durable write and its cache update.
    hybrid, durable = open_url(urls[0]), open_url(urls[1])
    session = hybrid.create_session(["a"])
    hybrid.append_message(session.id, "a", "m0")
    assert contents(hybrid, session.id, limit=5) == ["m0"]
    clock.advance(1)
    durable.append_message(session.id, "a", "behind the cache")
    assert contents(hybrid, session.id, limit=5) == ["m0", "behind the cache"]
    clock.advance(1)
    hybrid.append_message(session.id, "a", "m2")
    assert contents(hybrid, session.id, after_seq=1) == ["behind the cache", "m2"]
    with fresh_redis.client() as client:
        assert cache_entry(client, session.id)[0][b"count"] == b"3", "the miss refilled the cache"


def test_an_out_of_order_cache_update_is_skipped(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer
) -> None:
    # Two writers: seq 2's cache update never arrives (or arrives late), seq 3's must not append after seq 1.
    hybrid, durable = open_url(urls[0]), open_url(urls[1])
    session = hybrid.create_session(["a"])
    hybrid.append_message(session.id, "a", "m1")
    durable.append_message(session.id, "a", "m2")
    hybrid.append_message(session.id, "a", "m3")
    with fresh_redis.client() as client:
        stamp, tail = cache_entry(client, session.id)
    assert (stamp[b"count"], len(tail)) == (b"1", 1), "the tail stays at seq 1 rather than skip seq 2"
    assert contents(hybrid, session.id) == ["m1", "m2", "m3"]


def test_stale_stamps_are_not_served(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer
) -> None:
    store = open_url(urls[0])
    session = with_messages(store, 3)
    key = f"{PREFIX}:{{{session.id}}}:stamp"
    with fresh_redis.client() as client:
        for field, wrong in ((b"count", b"2"), (b"updated", b"1.5"), (b"incarnation", b"0" * 32)):
            right = client.hget(key, field)
            client.hset(key, field, wrong)
            client.lset(f"{PREFIX}:{{{session.id}}}:tail", 0, b'{"not": "served"}')
            assert contents(store, session.id) == ["m0", "m1", "m2"], f"a wrong {field!r} is a miss"
            assert client.hget(key, field) == right, "the miss refilled the entry"


def test_delete_forgets_the_cache_and_a_new_namesake_starts_empty(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer, clock: FakeClock
) -> None:
    store = open_url(urls[0])
    store.create_session(["a"], session_id="again")
    store.append_message("again", "a", "old")
    store.delete_session("again")
    with fresh_redis.client() as client:
        assert cache_entry(client, "again") == ({}, [])
    clock.advance(1)
    store.create_session(["b"], session_id="again")
    assert store.get_messages("again") == []
    assert store.append_message("again", "b", "new").seq == 1
    assert contents(store, "again") == ["new"]


def test_a_damaged_cache_entry_falls_back_to_the_durable_store(
    urls: tuple[str, str], open_url: Callable[[str], SessionStore], fresh_redis: RedisServer
) -> None:
    store = open_url(urls[0])
    session = store.create_session(["a"])
    store.append_message(session.id, "a", "kept")
    with fresh_redis.client() as client:
        client.lset(f"{PREFIX}:{{{session.id}}}:tail", 0, b"\xff not json")
        assert contents(store, session.id) == ["kept"]
        client.delete(f"{PREFIX}:{{{session.id}}}:tail")
        client.set(f"{PREFIX}:{{{session.id}}}:tail", "wrong type")
        assert contents(store, session.id) == ["kept"]


def test_a_redis_cluster_as_the_cache(
    redis_cluster: LocalCluster, tmp_path: Path, open_url: Callable[[str], SessionStore]
) -> None:
    store = open_url(f"hybrid:///?store=sqlite:///{tmp_path}/c.db&cache={redis_cluster.url}&prefix={PREFIX}")
    sessions = [store.create_session(["a"]) for _ in range(6)]
    for session in sessions:
        for n in range(3):
            store.append_message(session.id, "a", f"{session.id}:{n}")
    for session in sessions:
        assert contents(store, session.id, limit=2) == [f"{session.id}:1", f"{session.id}:2"]
    client = redis_cluster.client()
    try:
        for session in sessions:
            stamp, tail = f"{PREFIX}:{{{session.id}}}:stamp", f"{PREFIX}:{{{session.id}}}:tail"
            assert client.keyslot(stamp) == client.keyslot(tail)
            assert client.hget(stamp, "count") == b"3"
    finally:
        client.close()
