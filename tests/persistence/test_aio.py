"""persistence.aio natively: the async idioms, errors, concurrency, and the event loop's health under load."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from persistence import IdempotencyConflict, InvalidData, PersistenceError, SessionNotFound, aio
from persistence.base import StoreBase
from tests.persistence.heartbeat import MAX_STALL_SECONDS, heap_frozen, heartbeat

pytestmark = pytest.mark.anyio
APPENDS = 2_000
APPENDERS = 20


@pytest.fixture
def anyio_backend() -> str:
    """The anyio plugin runs these tests on asyncio."""
    return "asyncio"


def open_async(url: str, store_options: Callable[[str], dict[str, Any]]) -> aio.AsyncStore:
    """The async store of `url` with the suite's options (fake clock, shared cluster client)."""
    return aio.open_store(url, **store_options(url))


async def test_every_method_is_a_coroutine_with_the_contracts_errors(
    url_with: Callable[..., str], store_options: Callable[[str], dict[str, Any]]
) -> None:
    async with open_async(url_with(), store_options) as store:
        session = await store.create_session(["ann", "bob"], title="t")
        first = await store.append_message(session.id, "ann", "hi", client_id="c1")
        assert await store.append_message(session.id, "ann", "hi", client_id="c1") == first
        with pytest.raises(IdempotencyConflict):
            await store.append_message(session.id, "ann", "other", client_id="c1")
        with pytest.raises(SessionNotFound):
            await store.get_session("missing")
        with pytest.raises(InvalidData):
            await store.get_messages(session.id, limit=-1)
        assert await store.mark_read(session.id, "bob", 1) == 1
        assert [(s.id, n) for s, n in await store.unread_counts("ann")] == [(session.id, 1)]
    with pytest.raises(PersistenceError):
        await store.get_session(session.id)


async def test_await_opens_and_aclose_closes_once(tmp_path: Any) -> None:
    store = await aio.open_store(f"sqlite:///{tmp_path}/s.db")
    assert (await store.create_session(["a"])).participants == ("a",)
    await store.aclose()
    await store.aclose()
    with pytest.raises(AttributeError):
        store.no_such_method  # noqa: B018 -- only the stores' public methods are offered
    with pytest.raises(PersistenceError, match="open the async store first"):
        await store.get_session("any")


def test_every_public_method_is_a_coroutine_with_the_synchronous_signature() -> None:
    """AsyncStore states each signature again (for type checkers and editors); they must not drift."""
    offered = {
        name for name, member in inspect.getmembers(aio.AsyncStore) if inspect.iscoroutinefunction(member)
    }
    lifecycle = {"open", "aclose", "__aenter__", "__aexit__", "_call"}
    assert offered - lifecycle == aio.METHODS
    for name in sorted(aio.METHODS):
        synchronous = inspect.signature(getattr(StoreBase, name))
        asynchronous = inspect.signature(getattr(aio.AsyncStore, name))
        assert asynchronous == synchronous, name


async def test_concurrent_appends_get_distinct_consecutive_seqs(
    url_with: Callable[..., str], store_options: Callable[[str], dict[str, Any]]
) -> None:
    async with open_async(url_with(), store_options) as store:
        session = await store.create_session(["a", "b"])
        sent = await asyncio.gather(*(store.append_message(session.id, "a", f"m{n}") for n in range(40)))
        assert sorted(message.seq for message in sent) == list(range(1, 41))


async def test_the_event_loop_never_stalls_during_appends(
    url_with: Callable[..., str], store_options: Callable[[str], dict[str, Any]], backend: str
) -> None:
    """A heartbeat every 5 ms while 20 tasks append 2,000 messages: no gap may exceed 50 ms."""
    with heap_frozen():
        await appends_with_heartbeat(
            url_with(synchronous="FULL") if backend == "sqlite" else url_with(), store_options
        )


async def appends_with_heartbeat(url: str, store_options: Callable[[str], dict[str, Any]]) -> None:
    """Run the heartbeat during the appends; fail on a gap over MAX_STALL_SECONDS."""
    gaps: list[float] = []
    async with open_async(url, store_options) as store:
        session = await store.create_session(["a", "b"])
        beating = asyncio.create_task(heartbeat(gaps))

        async def appender(number: int) -> None:
            for count in range(APPENDS // APPENDERS):
                await store.append_message(session.id, "a", f"{number}:{count}")

        await asyncio.gather(*(appender(number) for number in range(APPENDERS)))
        beating.cancel()
        assert (await store.get_session(session.id)).message_count == APPENDS
    assert gaps and max(gaps) <= MAX_STALL_SECONDS, f"the loop stalled {max(gaps) * 1000:.1f} ms"


def test_the_async_chat_example_runs_twice_in_a_row() -> None:
    """examples/async_chat.py, twice, on its embedded default store (a fresh temporary SQLite file each run)."""
    example = Path(__file__).resolve().parents[2] / "examples" / "async_chat.py"
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, str(example)], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "20 messages from 4 participants" in result.stdout
        assert result.stdout.count(" unread") == 4
