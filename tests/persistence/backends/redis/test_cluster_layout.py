"""Redis Cluster: a session's keys share one slot, sessions spread over the masters, no KEYS or SCAN is needed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import redis

from persistence import SessionNotFound, SessionStore
from tests.persistence.stores import FakeClock
from tests.redis_cluster import LocalCluster

ACL_USER, ACL_PASSWORD = "nokeys", "pw-NoKeys-1"


def test_each_session_lives_on_one_slot_and_sessions_spread(
    redis_cluster: LocalCluster, open_url: Callable[[str], SessionStore]
) -> None:
    store = open_url(f"{redis_cluster.url}?prefix=slots")
    sessions = [store.create_session(["a"]) for _ in range(24)]
    for session in sessions:
        store.append_message(session.id, "a", "hi")
    client = redis_cluster.client()
    try:
        owners = set()
        for session in sessions:
            slots = {client.keyslot(f"slots:{{{session.id}}}:{kind}") for kind in ("session", "messages")}
            assert len(slots) == 1, "both keys of a session hash to one slot (no CROSSSLOT)"
            assert client.exists(f"slots:{{{session.id}}}:session", f"slots:{{{session.id}}}:messages") == 2
            owners.add(client.get_node_from_key(f"slots:{{{session.id}}}:session").name)
        assert len(owners) >= 2, "24 sessions do not all land on one master"
    finally:
        client.close()
    assert len(store.list_sessions(limit=100)) == 24


def test_every_operation_works_for_a_user_without_keys_or_scan(
    redis_cluster: LocalCluster, open_url: Callable[[str], SessionStore], clock: FakeClock
) -> None:
    # An ACL user refused KEYS and SCAN on every node: the store must list and purge through its index.
    for node in redis_cluster.nodes:
        with node.client() as client:
            client.execute_command(
                "ACL",
                "SETUSER",
                ACL_USER,
                "reset",
                "on",
                f">{ACL_PASSWORD}",
                "~*",
                "&*",
                "+@all",
                "-keys",
                "-scan",
            )
    nodes = redis_cluster.url.removeprefix("redis+cluster://")
    store = open_url(f"redis+cluster://{ACL_USER}:{ACL_PASSWORD}@{nodes}?prefix=acl")
    short = [store.create_session(["a", f"p{n}"], ttl=30) for n in range(5)]
    long = [store.create_session(["a"], ttl=300) for _ in range(5)]
    for session in short + long:
        store.append_message(session.id, "a", "hello")
    assert len(store.list_sessions()) == 10
    assert [s.id for s in store.list_sessions(participant="p3")] == [short[3].id]
    clock.advance(60)
    assert {s.id for s in store.list_sessions(participant="a")} == {s.id for s in long}
    assert store.purge_expired() == 5
    store.delete_session(long[0].id)
    with pytest.raises(SessionNotFound):
        store.get_session(long[0].id)
    assert len(store.list_sessions()) == 4
    first = redis_cluster.nodes[0]
    probe = redis.Redis(host=first.host, port=first.port, username=ACL_USER, password=ACL_PASSWORD)
    with probe, pytest.raises(redis.exceptions.NoPermissionError):
        probe.keys("acl:*")  # the ACL really is in force


def test_scripts_are_reloaded_after_a_flush_on_every_master(
    redis_cluster: LocalCluster, open_url: Callable[[str], SessionStore]
) -> None:
    store = open_url(f"{redis_cluster.url}?prefix=flush")
    sessions = [store.create_session(["a"]) for _ in range(6)]
    for node in redis_cluster.nodes:
        with node.client() as client:
            client.script_flush()
    for session in sessions:
        assert store.append_message(session.id, "a", "after flush").seq == 1
        assert [m.seq for m in store.get_messages(session.id, limit=5)] == [1]
