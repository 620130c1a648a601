"""Redis Cluster URLs: the forms we accept, clear errors for the rest, unreachable clusters and injected clients."""

from __future__ import annotations

import pytest

from persistence import InvalidData, StoreUnavailable, open_store
from persistence.backends.redis.store import RedisStore
from persistence.urls import cluster_nodes
from tests.persistence.stores import FakeClock
from tests.redis_cluster import LocalCluster
from tests.redis_server import free_port

ACCEPTED: list[tuple[str, tuple[list[tuple[str, int]], str | None, str | None]]] = [
    ("redis+cluster://127.0.0.1:7000/", ([("127.0.0.1", 7000)], None, None)),  # one startup node
    (
        "redis+cluster://a:7000,b:7001,c:7002",
        ([("a", 7000), ("b", 7001), ("c", 7002)], None, None),
    ),  # several, no '/'
    ("redis+cluster://:pw@a:7000,b:7001/", ([("a", 7000), ("b", 7001)], None, "pw")),  # password only
    (
        "redis+cluster://user:p%40ss@a:7000/0",
        ([("a", 7000)], "user", "p@ss"),
    ),  # ACL user; percent-decoded; db 0
    ("rediss+cluster://[::1]:7000/", ([("::1", 7000)], None, None)),  # TLS, an IPv6 node
]

REJECTED: list[tuple[str, str]] = [
    ("redis+cluster://a/", "is not a comma-separated list of host:port"),  # no port
    ("redis+cluster://a:7000,,b:7001/", "is not a comma-separated list"),  # empty entry
    ("redis+cluster://a:99999/", "is not a comma-separated list"),  # no such port
    ("redis+cluster://a:7000/1", "only database 0"),  # SELECT does not exist in a cluster
    (
        "redis+cluster://a:7000/?socket_timeout=1",
        "do not apply to clusters",
    ),  # driver options are not passed on
]


@pytest.mark.parametrize(("url", "expected"), ACCEPTED)
def test_cluster_url_forms(url: str, expected: tuple[list[tuple[str, int]], str | None, str | None]) -> None:
    assert cluster_nodes(url) == expected


@pytest.mark.parametrize(("url", "message"), REJECTED)
def test_bad_cluster_urls_are_invalid_data(url: str, message: str) -> None:
    with pytest.raises(InvalidData, match="write redis\\+cluster://") as caught:
        open_store(url)
    assert message in str(caught.value)


def test_an_unreachable_cluster_is_store_unavailable(clock: FakeClock) -> None:
    ports = [free_port(), free_port()]
    url = f"redis+cluster://:pw-Hunter2@127.0.0.1:{ports[0]},127.0.0.1:{ports[1]}/"
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url, clock=clock)
    message = str(caught.value)
    assert "pw-Hunter2" not in message and f"127.0.0.1:{ports[0]}" in message
    assert "check that redis-server is running" in message
    assert caught.value.__cause__ is not None


def test_an_injected_cluster_client_is_used_and_left_open(
    redis_cluster: LocalCluster, clock: FakeClock
) -> None:
    client = redis_cluster.client()
    try:
        store = RedisStore(client, prefix="injected", clock=clock)
        assert store.where.startswith("redis+cluster://") and "injected client" in store.where
        session = store.create_session(["a"])
        assert store.append_message(session.id, "a", "hi").seq == 1
        store.close()
        assert client.ping(), "close() leaves an injected client to its owner"
        again = RedisStore(client, prefix="injected", clock=clock)
        assert [m.content for m in again.get_messages(session.id)] == ["hi"]
    finally:
        client.close()
