"""Redis backend: key layout (one cluster slot per session), TTLs on every key, no KEYS/SCAN, clients."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import redis
from redis.crc import key_slot

from persistence import InvalidData
from persistence.backends.redis.scripts import GRACE_MS, MAX_PEXPIRE_MS
from persistence.backends.redis.store import RedisStore
from tests.redis_server import RedisServer

START = 1_800_000_000.0


def fake_clock() -> float:
    """A fixed store clock: these tests look at keys, not at expiry."""
    return START


def test_a_session_lives_on_one_cluster_slot(fresh_redis: RedisServer) -> None:
    with RedisStore(fresh_redis.url, prefix="lay", clock=fake_clock) as store:
        store.create_session(["Agent-1", "Agent-2"], session_id="s-1")
        store.append_message("s-1", "Agent-1", "hello")
    with fresh_redis.client() as client:
        keys = sorted(key.decode() for key in client.keys("*"))
    assert keys == [
        "lay:index",  # sorted set of ids by updated_at: its own slot, written by separate commands
        "lay:participant:Agent-1",  # participant filter sets: their own slots too
        "lay:participant:Agent-2",
        "lay:{s-1}:messages",
        "lay:{s-1}:session",
    ]
    assert key_slot(b"lay:{s-1}:messages") == key_slot(b"lay:{s-1}:session") == key_slot(b"s-1")


@pytest.mark.parametrize(
    ("ttl", "low_ms", "high_ms"),
    [
        (30.0, 30_000, 30_000 + GRACE_MS),  # Redis reclaims an abandoned session itself, after a grace
        (None, -1, -1),  # no ttl: PTTL -1 means "no expiry"
        (1e300, MAX_PEXPIRE_MS, MAX_PEXPIRE_MS),  # a huge ttl is capped to a PEXPIRE Redis accepts
    ],
)
def test_every_session_key_carries_the_session_ttl(
    redis_server: RedisServer, ttl: float | None, low_ms: int, high_ms: int
) -> None:
    with RedisStore(redis_server.url, prefix="ttl", clock=fake_clock) as store:
        session = store.create_session(["A"], ttl=ttl)
        store.append_message(session.id, "A", "refreshes the TTL of both keys")
    with redis_server.client() as client:
        for key in (f"ttl:{{{session.id}}}:session", f"ttl:{{{session.id}}}:messages"):
            assert low_ms - 1_000 <= client.pttl(key) <= high_ms, key


def test_the_store_never_runs_keys_or_scan(redis_server: RedisServer) -> None:
    clock = [START]
    with redis_server.client() as client:
        client.config_resetstat()
        with RedisStore(redis_server.url, prefix="noscan", ttl=10, clock=lambda: clock[0]) as store:
            ids = [store.create_session(["A", "B"]).id for _ in range(3)]
            store.append_message(ids[0], "A", "x")
            store.get_messages(ids[0], limit=50)
            store.list_sessions()
            store.list_sessions(participant="B")
            store.delete_session(ids[1])
            clock[0] += 60
            assert store.purge_expired() == 2
        used = set(client.info("commandstats"))
    assert {"cmdstat_keys", "cmdstat_scan"}.isdisjoint(used), sorted(used)
    assert "cmdstat_evalsha" in used  # writes and reads go through the registered Lua scripts


@pytest.mark.parametrize(
    ("prefix", "accepted"),
    [
        ("chat", True),
        ("team-1:chat_v2.prod", True),  # letters, digits, _ . : - are fine
        ("a{b}", False),  # braces would change the cluster hash tag of every key
        ("", False),  # empty: keys would start with ':'
        ("with space", False),
        ("x" * 65, False),  # over 64 characters
    ],
)
def test_prefix_is_validated(redis_server: RedisServer, prefix: str, accepted: bool) -> None:
    if accepted:
        RedisStore(redis_server.url, prefix=prefix).close()
        return
    with pytest.raises(InvalidData, match="prefix"):
        RedisStore(redis_server.url, prefix=prefix)


@pytest.mark.parametrize("decode_responses", [False, True])  # bytes and str replies both decode
def test_an_injected_client_is_used_and_left_open(redis_server: RedisServer, decode_responses: bool) -> None:
    client = redis.Redis(host=redis_server.host, port=redis_server.port, decode_responses=decode_responses)
    store = RedisStore(client, prefix=f"inj{decode_responses}", clock=fake_clock)
    session = store.create_session(["A", "B"], title="ü title", metadata={"k": [1, "é"]})
    store.append_message(session.id, "A", "héllo ✓", recipients=["B"])
    store.close()
    assert client.ping()  # close() leaves an injected client to its owner
    reopened = RedisStore(client, prefix=f"inj{decode_responses}", clock=fake_clock)
    assert reopened.get_session(session.id) == replace(session, message_count=1)
    assert [(m.seq, m.content, m.recipients) for m in reopened.get_messages(session.id)] == [
        (1, "héllo ✓", ("B",))
    ]
    client.close()


def test_a_unix_socket_url_works(tmp_path: Path) -> None:
    socket_path = tmp_path / "redis.sock"
    server = RedisServer(extra_args=["--unixsocket", str(socket_path), "--unixsocketperm", "700"]).start()
    try:
        with RedisStore(f"unix://{socket_path}?db=0", clock=fake_clock) as store:
            session = store.create_session(["A"])
            assert store.append_message(session.id, "A", "over a socket").seq == 1
    finally:
        server.stop()
