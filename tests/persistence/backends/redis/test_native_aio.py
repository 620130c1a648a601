"""persistence.aio on Redis and Redis Cluster is native redis.asyncio: no threads, the same errors,
cancellation that leaves no half-written session, and clients injected or refused with a clear error."""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
import redis
import redis.asyncio

from persistence import InvalidData, SessionNotFound, StoreUnavailable, aio, open_store
from persistence.backends.redis.connect import TIMEOUTS, open_client
from tests.redis_cluster import LocalCluster
from tests.redis_server import RedisServer, free_port

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    """The anyio plugin runs these tests on asyncio."""
    return "asyncio"


@pytest.fixture(params=["redis", "cluster"])
def native_url(request: pytest.FixtureRequest) -> str:
    """A fresh key prefix on the shared redis-server, or on the shared 3-master cluster."""
    fixture = "redis_server" if request.param == "redis" else "redis_cluster"
    server: RedisServer | LocalCluster = request.getfixturevalue(fixture)
    return f"{server.url}?prefix=t{uuid.uuid4().hex}"


async def test_calls_run_on_the_event_loop_over_a_redis_asyncio_client(native_url: str) -> None:
    threads_before = set(threading.enumerate())
    async with aio.open_store(native_url) as store:
        client = store.sync_store.client  # type: ignore[attr-defined]
        assert type(client).__module__.startswith("redis.asyncio"), type(client)
        session = await store.create_session(["ann", "bob"])
        sent = await asyncio.gather(*(store.append_message(session.id, "ann", f"m{n}") for n in range(30)))
        assert sorted(m.seq for m in sent) == list(range(1, 31))
        assert await store.mark_read(session.id, "bob", 30) == 30
        assert (await store.storage_figures(0.0)).size
        assert set(threading.enumerate()) == threads_before, "no worker thread was started"


async def test_a_cancelled_append_is_written_whole_or_not_at_all(native_url: str) -> None:
    async with aio.open_store(native_url) as store:
        session = await store.create_session(["ann"])
        tasks = [asyncio.create_task(store.append_message(session.id, "ann", f"m{n}")) for n in range(200)]
        await asyncio.sleep(0.01)
        for task in tasks[::3]:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        stored = await store.get_messages(session.id)
        assert [m.seq for m in stored] == list(range(1, len(stored) + 1)), "no gap, no duplicate seq"
        assert (await store.get_session(session.id)).message_count == len(stored)
        assert {m.content for m in stored} >= {t.result().content for t in tasks if not t.cancelled()}


async def test_an_injected_asyncio_client_is_used_and_left_open(redis_server: RedisServer) -> None:
    client = open_client(redis_server.url, TIMEOUTS, api="redis.asyncio")
    try:
        prefix = f"t{uuid.uuid4().hex}"
        async with aio.open_store(redis_server.url, client=client, prefix=prefix) as store:
            session = await store.create_session(["ann"])
        assert await client.exists(f"{prefix}:{{{session.id}}}:session") == 1
    finally:
        await client.aclose()


async def test_a_client_of_the_other_kind_is_refused_naming_what_to_do(redis_server: RedisServer) -> None:
    sync_client = redis.Redis.from_url(redis_server.url)
    async_client = redis.asyncio.Redis.from_url(redis_server.url)
    try:
        with pytest.raises(InvalidData, match=r"must be a redis\.asyncio client.*persistence\.open_store"):
            await aio.open_store(redis_server.url, client=sync_client)
        with pytest.raises(InvalidData, match=r"must be a synchronous redis-py client.*persistence\.aio"):
            open_store(redis_server.url, client=async_client)
        with pytest.raises(InvalidData, match=r"persistence\.aio"):
            open_store(redis_server.url, asynchronous=True)
        with pytest.raises(InvalidData, match="can only be passed as a keyword"):
            await aio.open_store(f"{redis_server.url}?asynchronous=1")
    finally:
        sync_client.close()
        await async_client.aclose()


async def test_an_unreachable_server_is_store_unavailable_without_the_password() -> None:
    url = f"redis://:s3cret-pass@127.0.0.1:{free_port()}/0"
    with pytest.raises(StoreUnavailable, match="check that redis-server is running") as caught:
        await aio.open_store(url)
    assert "s3cret-pass" not in str(caught.value)


async def test_flushed_scripts_are_loaded_again(native_url: str) -> None:
    async with aio.open_store(native_url) as store:
        session = await store.create_session(["ann"])
        await store.append_message(session.id, "ann", "before")
        await store.sync_store.client.script_flush()  # type: ignore[attr-defined]
        assert (await store.append_message(session.id, "ann", "after")).seq == 2
        await store.delete_session(session.id)
        with pytest.raises(SessionNotFound):
            await store.get_session(session.id)


async def test_a_server_down_is_store_unavailable_and_its_return_is_used_at_once(
    own_redis: RedisServer,
) -> None:
    """Stopped: StoreUnavailable, nothing else; restarted (empty, scripts gone): the next calls reconnect
    and load the scripts again, with no new store."""
    async with aio.open_store(own_redis.url) as store:
        session = await store.create_session(["ann"])
        own_redis.kill_process()
        with pytest.raises(StoreUnavailable, match="check that redis-server is running"):
            await store.append_message(session.id, "ann", "lost")
        own_redis.restart()
        with pytest.raises(SessionNotFound):  # the restarted server kept nothing
            await store.get_session(session.id)
        again = await store.create_session(["ann"])
        assert (await store.append_message(again.id, "ann", "back")).seq == 1
