"""Redis backend: the session index and participant sets stay consistent, and stale entries are tolerated."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from persistence import SessionExists, SessionNotFound
from persistence.backends.redis.ops import CREATING_SECONDS
from persistence.backends.redis.store import RedisStore
from tests.persistence.stores import FakeClock
from tests.redis_server import RedisServer


@pytest.fixture()
def rstore(fresh_redis: RedisServer, clock: FakeClock) -> Iterator[RedisStore]:
    """A RedisStore on an empty server, with prefix "ix" and the suite's fake clock."""
    opened = RedisStore(fresh_redis.url, prefix="ix", clock=clock)
    yield opened
    opened.close()


def test_sessions_whose_keys_vanished_are_skipped_then_purged(
    rstore: RedisStore, fresh_redis: RedisServer, clock: FakeClock
) -> None:
    for sid in ("a", "b", "c"):
        clock.now += 1
        rstore.create_session(["P"], session_id=sid)
    with fresh_redis.client() as client:
        client.delete("ix:{b}:session")  # as if Redis had reclaimed it behind the index's back
        assert [s.id for s in rstore.list_sessions()] == ["c", "a"]
        assert [s.id for s in rstore.list_sessions(limit=1)] == ["c"]
        assert [s.id for s in rstore.list_sessions(participant="P")] == ["c", "a"]
        # Redis reclaims keys a minute after expiry at the earliest, so real leftovers are never this
        # young; a younger entry may be a create in progress (backends.redis.ops.create) and is kept.
        assert rstore.purge_expired() == 0
        clock.now += CREATING_SECONDS
        assert rstore.purge_expired() == 1  # the stale index entry is removed and counted
        assert sorted(client.zrange("ix:index", 0, -1)) == [b"a", b"c"]


def test_delete_and_purge_clean_index_and_participant_sets(
    rstore: RedisStore, fresh_redis: RedisServer, clock: FakeClock
) -> None:
    rstore.create_session(["P", "Q"], session_id="gone")
    rstore.create_session(["P"], session_id="short", ttl=5)
    rstore.create_session(["Q"], session_id="kept")
    rstore.delete_session("gone")
    clock.now += 6
    assert rstore.purge_expired() == 1
    with fresh_redis.client() as client:
        assert client.zrange("ix:index", 0, -1) == [b"kept"]
        assert client.smembers("ix:participant:P") == set()
        assert client.smembers("ix:participant:Q") == {b"kept"}
        assert sorted(client.keys("ix:{*")) == [b"ix:{kept}:session"]


def test_an_expired_id_can_be_created_again_with_other_participants(
    rstore: RedisStore, clock: FakeClock
) -> None:
    rstore.create_session(["Old"], session_id="reuse", ttl=5)
    rstore.append_message("reuse", "Old", "from the first life")
    rstore.create_session(["Other"], session_id="other")
    clock.now += 10
    fresh = rstore.create_session(["New"], session_id="reuse")
    assert rstore.get_session("reuse") == fresh
    assert rstore.get_messages("reuse") == []  # the old history went with the old session
    assert [s.id for s in rstore.list_sessions()] == ["reuse", "other"]  # newest first, listed once
    assert rstore.list_sessions(participant="Old") == []  # the old id left in Old's set is filtered out
    assert [s.id for s in rstore.list_sessions(participant="New")] == ["reuse"]


def test_concurrent_creators_of_one_id_only_one_wins(fresh_redis: RedisServer) -> None:
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def create(name: str) -> None:
        with RedisStore(fresh_redis.url, prefix="race") as mine:
            barrier.wait()
            try:
                mine.create_session([name], session_id="contested")
                outcomes.append(name)
            except SessionExists:
                outcomes.append("exists")

    threads = [threading.Thread(target=create, args=(f"P{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o != "exists"]
    assert len(winners) == 1 and len(outcomes) == 8
    with RedisStore(fresh_redis.url, prefix="race") as check:
        assert check.get_session("contested").participants == (winners[0],)


def test_appends_survive_a_flushed_script_cache(rstore: RedisStore, fresh_redis: RedisServer) -> None:
    session = rstore.create_session(["A"])
    with fresh_redis.client() as client:
        client.script_flush()  # what a Redis restart or failover does to the cache
    assert rstore.append_message(session.id, "A", "one").seq == 1
    assert [m.seq for m in rstore.get_messages(session.id)] == [1]


@pytest.mark.parametrize(
    ("after_seq", "limit", "expected"),
    [
        (None, None, list(range(1, 8))),  # everything, oldest first
        (None, 3, [5, 6, 7]),  # the 3 most recent: LRANGE -3 -1
        (None, 0, []),  # limit 0 is empty, not "everything" (LRANGE 0 -1 would be)
        (None, 50, list(range(1, 8))),  # limit above the count
        (0, None, list(range(1, 8))),  # after_seq 0 = from the start
        (2, 3, [3, 4, 5]),  # forward paging by list index
        (6, 5, [7]),
        (7, 5, []),  # nothing after the last
        (100, None, []),  # far past the end
    ],
)
def test_paging_maps_to_list_indexes(
    rstore: RedisStore, after_seq: int | None, limit: int | None, expected: list[int]
) -> None:
    session = rstore.create_session(["A"])
    for n in range(1, 8):
        rstore.append_message(session.id, "A", f"m{n}")
    got = rstore.get_messages(session.id, after_seq=after_seq, limit=limit)
    assert [m.seq for m in got] == expected
    assert [m.content for m in got] == [f"m{n}" for n in expected]


def test_operations_on_an_expired_session_change_nothing(
    rstore: RedisStore, fresh_redis: RedisServer, clock: FakeClock
) -> None:
    session = rstore.create_session(["A"], ttl=5)
    rstore.append_message(session.id, "A", "before")
    clock.now += 5  # expires_at == now counts as expired
    for operation in (
        lambda: rstore.append_message(session.id, "A", "after"),
        lambda: rstore.get_messages(session.id),
        lambda: rstore.delete_session(session.id),
    ):
        with pytest.raises(SessionNotFound):
            operation()
    with fresh_redis.client() as client:
        assert client.llen(f"ix:{{{session.id}}}:messages") == 1  # untouched, left for purge_expired
