"""The async hybrid (persistence.aio) keeps the hybrid's outage behaviour: Redis down or paused, no
error, nothing lost, bounded latency, and the event loop never held up."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest

from persistence import aio
from tests.persistence.heartbeat import MAX_STALL_SECONDS, heap_frozen, heartbeat
from tests.redis_server import RedisServer, free_port

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    """The anyio plugin runs these tests on asyncio."""
    return "asyncio"


async def test_the_async_hybrid_works_on_when_its_cache_is_down(tmp_path: Path) -> None:
    """Redis unreachable: no error, nothing lost, every call quick (the hybrid's own outage behaviour)."""
    url = f"hybrid:///?store=sqlite:///{tmp_path}/a.db&cache=redis://127.0.0.1:{free_port()}/0"
    async with aio.open_store(url) as store:
        session = await store.create_session(["a", "b"])
        started = time.perf_counter()
        for number in range(20):
            await store.append_message(session.id, "a", f"m{number}")
        assert [m.content for m in await store.get_messages(session.id)] == [f"m{n}" for n in range(20)]
        assert time.perf_counter() - started < 5, "bounded latency while the cache is down"


async def test_the_async_hybrid_rides_out_a_stalled_cache_without_stalling_the_loop(
    tmp_path: Path, own_redis: RedisServer
) -> None:
    """Redis paused (SIGSTOP) mid-conversation: no error, nothing lost, each call held up at most about
    the cache timeout, and the event loop's heartbeat never stalls meanwhile."""
    timeout = 0.2
    url = f"hybrid:///?store=sqlite:///{tmp_path}/h.db&cache={own_redis.url}&cache_timeout={timeout}"
    gaps: list[float] = []
    async with aio.open_store(url) as store:
        session = await store.create_session(["a", "b"])
        await store.append_message(session.id, "a", "before")
        assert own_redis.process is not None
        os.kill(own_redis.process.pid, signal.SIGSTOP)
        latencies = []
        try:
            with heap_frozen():
                beating = asyncio.create_task(heartbeat(gaps))
                for number in range(5):
                    started = time.perf_counter()
                    await store.append_message(session.id, "b", f"during {number}")
                    latencies.append(time.perf_counter() - started)
                beating.cancel()
        finally:
            os.kill(own_redis.process.pid, signal.SIGCONT)
        contents = [m.content for m in await store.get_messages(session.id)]
    assert contents == ["before", *(f"during {n}" for n in range(5))]
    assert max(latencies) < 2 * timeout + 1.0, f"a stalled cache held a call {max(latencies):.2f} s"
    assert gaps and max(gaps) <= MAX_STALL_SECONDS, f"the loop stalled {max(gaps) * 1000:.1f} ms"
