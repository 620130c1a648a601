"""Redis Cluster: create_session writes the index and participant sets before the session, so no crash hides a session."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
import redis

from persistence import SessionNotFound, SessionStore
from persistence.backends.redis.ops import CREATING_SECONDS
from tests.persistence.stores import FakeClock
from tests.redis_cluster import LocalCluster

INDEX_WRITES = ("ZADD", "SADD")


@pytest.fixture()
def cluster_client(redis_cluster: LocalCluster) -> Iterator[redis.RedisCluster]:
    """A cluster client for looking behind the store's back."""
    client = redis_cluster.client()
    yield client
    client.close()


def layout(client: Any, prefix: str) -> tuple[str, list[str]]:
    """A session id on the index's own node, and participants whose sets lie on every other node.

    With the old single pipeline this was the worst case: the index node's batch (index entry and
    session script together) was sent first, the other nodes' participant writes after it.
    `client` is a redis.RedisCluster, typed Any: redis-py leaves its node lookups unannotated.
    """
    home = client.get_node_from_key(f"{prefix}:index").name
    sid = next(
        f"s{n}" for n in range(1000) if client.get_node_from_key(f"{prefix}:{{s{n}}}:session").name == home
    )
    others = {node.name for node in client.get_primaries()} - {home}
    people: dict[str, str] = {}
    for n in range(1000):
        owner = client.get_node_from_key(f"{prefix}:participant:p{n}").name
        if owner in others and owner not in people:
            people[owner] = f"p{n}"
    return sid, list(people.values())


def monitored(stack: ExitStack, cluster: LocalCluster) -> list[Any]:
    """A MONITOR connection on every node, open until `stack` closes."""
    monitors = []
    for node in cluster.nodes:
        client = stack.enter_context(redis.Redis(host=node.host, port=node.port, socket_timeout=0.2))
        monitors.append(stack.enter_context(client.monitor()))
    return monitors


def seen(monitors: list[Any], prefix: str) -> list[tuple[float, str]]:
    """(server time, command name) of the writes on our prefix each node executed, oldest first."""
    found: list[tuple[float, str]] = []
    deadline = time.monotonic() + 10
    for monitor in monitors:
        while time.monotonic() < deadline:
            try:
                event = monitor.next_command()
            except redis.exceptions.TimeoutError:
                break  # quiet for socket_timeout: this node has nothing more for us
            name = event["command"].split()[0].upper()
            # redis-py also asks the nodes COMMAND GETKEYS about our script call: not a write, skipped.
            if prefix in event["command"] and name in (*INDEX_WRITES, "EVALSHA"):
                found.append((float(event["time"]), name))
    return sorted(found)


def test_index_and_participant_writes_are_acknowledged_before_the_session_script(
    redis_cluster: LocalCluster, cluster_client: redis.RedisCluster, open_url: Callable[[str], SessionStore]
) -> None:
    store = open_url(f"{redis_cluster.url}?prefix=order")
    sid, people = layout(cluster_client, "order")
    assert len(people) == 2, "the participants' sets lie on both other masters"
    store.create_session(["warm-up"])  # loads the scripts on every master: no NOSCRIPT retry below
    with ExitStack() as stack:
        monitors = monitored(stack, redis_cluster)
        store.create_session(people, session_id=sid)
        events = seen(monitors, "order")
    names = [name for _, name in events]
    assert sorted(names) == sorted(["ZADD", *["SADD"] * len(people), "EVALSHA"]), events
    # Rule: every index write was executed (and answered) before the script that creates the session arrived.
    assert names[-1] == "EVALSHA", events
    assert max(t for t, name in events if name in INDEX_WRITES) < events[-1][0]


def test_a_creator_that_died_after_registering_hides_nothing_and_is_cleaned_up(
    redis_cluster: LocalCluster,
    cluster_client: redis.RedisCluster,
    open_url: Callable[[str], SessionStore],
    clock: FakeClock,
) -> None:
    store = open_url(f"{redis_cluster.url}?prefix=died")
    kept = store.create_session(["a"], session_id="kept")
    # What a creator leaves when it dies between its two round trips: index and set entries, no session.
    for sid in ("half", "retried"):
        cluster_client.zadd("died:index", {sid: clock()})
        cluster_client.sadd("died:participant:a", sid)
    assert store.list_sessions() == [kept]
    assert store.list_sessions(participant="a") == [kept]
    with pytest.raises(SessionNotFound):
        store.get_session("half")
    assert store.purge_expired() == 0, "a fresh entry may be a create in progress: purge keeps it"
    assert cluster_client.zscore("died:index", "half") is not None
    clock.advance(1)
    retried = store.create_session(["a"], session_id="retried")  # the same id, created properly later
    assert cluster_client.zscore("died:index", "retried") == retried.updated_at
    clock.advance(CREATING_SECONDS)
    assert store.purge_expired() == 1, "only the leftover whose create never finished is removed and counted"
    assert sorted(cluster_client.zrange("died:index", 0, -1)) == [b"kept", b"retried"]
    assert {s.id for s in store.list_sessions(participant="a")} == {"kept", "retried"}


def test_add_participants_acknowledges_the_new_sets_before_the_update_script(
    redis_cluster: LocalCluster, cluster_client: redis.RedisCluster, open_url: Callable[[str], SessionStore]
) -> None:
    store = open_url(f"{redis_cluster.url}?prefix=joins")
    sid, people = layout(cluster_client, "joins")
    store.create_session(["first"], session_id=sid)  # also loads the scripts on every master
    store.update_session(sid, title="warm-up")
    with ExitStack() as stack:
        monitors = monitored(stack, redis_cluster)
        joined = store.add_participants(sid, people)
        events = seen(monitors, "joins")
    names = [name for _, name in events]
    assert sorted(names) == sorted([*["SADD"] * len(people), "EVALSHA"]), events
    assert names[-1] == "EVALSHA", "every new set entry was answered before the record changed"
    assert joined.participants == ("first", *people)
    assert all(store.list_sessions(participant=name) == [joined] for name in people)


def test_a_joiner_that_died_before_its_script_hides_nothing(
    redis_cluster: LocalCluster, cluster_client: redis.RedisCluster, open_url: Callable[[str], SessionStore]
) -> None:
    store = open_url(f"{redis_cluster.url}?prefix=halfjoin")
    session = store.create_session(["a"], session_id="s")
    cluster_client.sadd("halfjoin:participant:b", "s")  # what a joiner leaves when it dies after its SADD
    assert store.list_sessions(participant="b") == [], "the record decides: b never joined"
    assert store.add_participants("s", ["b"]).version == session.version + 1
    assert store.list_sessions(participant="b") == [store.get_session("s")]
