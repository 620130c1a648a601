"""Hybrid store with its Redis stopped, paused or absent: no error to the caller, nothing lost, the cache heals."""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from persistence import SessionStore, StoreUnavailable, open_store
from persistence.backends.hybrid.guard import RETRY_AFTER
from persistence.backends.hybrid.store import HybridStore
from tests.persistence.backends.hybrid.cache_checks import contents
from tests.redis_server import RedisServer, free_port

TIMEOUT = 0.2  # cache_timeout: how long a paused Redis may hold up one call


def hybrid_url(tmp_path: Path, redis_url: str) -> str:
    """SQLite in tmp_path as the truth, `redis_url` as the cache, short cache timeouts."""
    return f"hybrid:///?store=sqlite:///{tmp_path}/h.db&cache={redis_url}&cache_timeout={TIMEOUT}&prefix=out"


def cached_count(server: RedisServer, session_id: str) -> int | None:
    """The message count the cache entry of `session_id` claims, None if there is none."""
    with server.client() as client:
        count = client.hget(f"out:{{{session_id}}}:stamp", "count")
    return None if count is None else int(count)


def skip_retry_pauses(*stores: SessionStore) -> Callable[[], None]:
    """Give the stores' cache guards a monotonic clock that the returned `jump()` moves past RETRY_AFTER.

    The guard's clock is injectable (clocks are what tests may fake), so no test sleeps through the pause.
    """
    offset = [0.0]
    for store in stores:
        assert isinstance(store, HybridStore)
        store.cache.guard.monotonic = lambda: time.monotonic() + offset[0]

    def jump() -> None:
        offset[0] += RETRY_AFTER + 0.1

    return jump


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The hybrid store's log lines captured so far."""
    return [record.getMessage() for record in caplog.records if record.name == "persistence.hybrid"]


def use_during_outage(store: SessionStore, session_id: str) -> str:
    """Append 20 messages (seqs 4..23), create a session and read, all without Redis; return the new id."""
    during = [store.append_message(session_id, "a", f"during {n}").seq for n in range(20)]
    other = store.create_session(["b"])
    assert during == list(range(4, 24)), "appends kept working on the durable store"
    assert contents(store, session_id, after_seq=21) == ["during 18", "during 19"]
    assert [s.id for s in store.list_sessions()] == [other.id, session_id]
    return other.id


def test_redis_stopped_mid_run_then_restarted(
    own_redis: RedisServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="persistence.hybrid")
    store = open_store(hybrid_url(tmp_path, own_redis.url))
    jump = skip_retry_pauses(store)
    session = store.create_session(["a"])
    for n in range(3):
        store.append_message(session.id, "a", f"before {n}")
    assert contents(store, session.id, limit=2) == ["before 1", "before 2"]
    assert cached_count(own_redis, session.id) == 3, "the cache was in use before the outage"
    own_redis.kill_process()  # the real server process goes away
    other = use_during_outage(store, session.id)
    assert len(warnings_of(caplog)) == 1, "one warning for the outage, not one per call"
    own_redis.restart()  # same port, empty
    jump()  # the store tries Redis again after RETRY_AFTER
    assert contents(store, session.id) == [f"before {n}" for n in range(3)] + [
        f"during {n}" for n in range(20)
    ]
    assert cached_count(own_redis, session.id) == 23, "the first read refilled the cache"
    assert "is back" in warnings_of(caplog)[-1]
    assert store.append_message(other, "b", "after").seq == 1
    assert contents(store, other) == ["after"]
    store.close()


def test_paused_redis_never_serves_the_tail_it_missed(own_redis: RedisServer, tmp_path: Path) -> None:
    # A paused (slow) Redis keeps its data: exactly the stale-cache case after an outage.
    url = hybrid_url(tmp_path, own_redis.url)
    writer, reader = open_store(url), open_store(url)
    jump = skip_retry_pauses(writer, reader)
    session = writer.create_session(["a"])
    for n in range(3):
        writer.append_message(session.id, "a", f"m{n}")
    assert contents(reader, session.id) == ["m0", "m1", "m2"]
    assert own_redis.process is not None
    os.kill(own_redis.process.pid, signal.SIGSTOP)
    started = time.monotonic()
    writer.append_message(session.id, "a", "m3")
    writer.append_message(session.id, "a", "m4")
    assert time.monotonic() - started < 2 * TIMEOUT + 1.0, "a slow cache costs at most its timeout"
    os.kill(own_redis.process.pid, signal.SIGCONT)
    jump()
    assert cached_count(own_redis, session.id) in (3, 4), "the cache missed m4 (m3's update may land late)"
    assert contents(reader, session.id, limit=3) == ["m2", "m3", "m4"]
    assert reader.get_session(session.id).message_count == 5
    assert cached_count(own_redis, session.id) == 5, "the stale entry was replaced"
    writer.close()
    reader.close()


def test_cache_unreachable_from_the_start(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="persistence.hybrid")
    url = hybrid_url(tmp_path, f"redis://:pw-Hunter2@127.0.0.1:{free_port()}/0")
    with open_store(url) as store:
        session = store.create_session(["a"], ttl=60)
        for n in range(5):
            store.append_message(session.id, "a", f"m{n}")
        assert contents(store, session.id, limit=2) == ["m3", "m4"]
        assert store.get_session(session.id).message_count == 5
        store.delete_session(session.id)
        assert store.list_sessions() == []
    logged = warnings_of(caplog)
    assert len(logged) == 1 and "pw-Hunter2" not in logged[0] and "***" in logged[0]


def test_an_unusable_durable_store_is_store_unavailable(redis_server: RedisServer, tmp_path: Path) -> None:
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable):
        open_store(f"hybrid:///?store=sqlite:///{blocker}/h.db&cache={redis_server.url}")
