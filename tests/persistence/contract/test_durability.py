"""Contract: data outlives the store object, and concurrent threads lose or duplicate nothing, on every backend."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from persistence import SessionExists, SessionStore
from tests.persistence.contract.history_checks import assert_interleaved
from tests.persistence.stores import FakeClock

THREADS = 8
APPENDS_PER_THREAD = 50


def test_data_survives_close_and_reopen(
    open_url: Callable[[str], SessionStore], url_with: Callable[..., str], clock: FakeClock
) -> None:
    first = open_url(url_with())
    session = first.create_session(["a", "b"], title="kept", metadata={"v": 1}, ttl=3600)
    written = [first.append_message(session.id, "a", f"m{n}", recipients=["b"]) for n in range(5)]
    stored = first.get_session(session.id)
    first.close()
    second = open_url(url_with())  # a new store object, as after a process restart
    assert second.get_session(session.id) == stored
    assert second.get_messages(session.id) == written
    assert second.list_sessions() == [stored]
    clock.advance(10)
    assert second.append_message(session.id, "b", "after restart").seq == 6


def test_two_stores_on_one_url_see_each_others_writes(
    open_url: Callable[[str], SessionStore], url_with: Callable[..., str]
) -> None:
    left, right = open_url(url_with()), open_url(url_with())
    session = left.create_session(["a"])
    assert right.append_message(session.id, "a", "from right").seq == 1
    assert left.append_message(session.id, "a", "from left").seq == 2
    assert [m.content for m in right.get_messages(session.id)] == ["from right", "from left"]
    right.delete_session(session.id)
    assert left.list_sessions() == []


def test_threads_sharing_one_store_append_gaplessly(store: SessionStore) -> None:
    session = store.create_session(["a"])

    def writer(thread: int) -> list[int]:
        return [
            store.append_message(session.id, f"t{thread}", f"{thread}:{n}").seq
            for n in range(APPENDS_PER_THREAD)
        ]

    with ThreadPoolExecutor(THREADS) as pool:
        returned = [seq for seqs in pool.map(writer, range(THREADS)) for seq in seqs]
    total = THREADS * APPENDS_PER_THREAD
    assert sorted(returned) == list(range(1, total + 1))  # every seq handed out exactly once
    expected = {f"t{t}": [f"{t}:{n}" for n in range(APPENDS_PER_THREAD)] for t in range(THREADS)}
    assert_interleaved(store.get_messages(session.id), expected)
    assert store.get_session(session.id).message_count == total


def test_threads_with_their_own_stores_append_gaplessly(
    open_url: Callable[[str], SessionStore], url_with: Callable[..., str]
) -> None:
    stores = [open_url(url_with()) for _ in range(4)]
    session = stores[0].create_session(["a"])

    def writer(index: int) -> None:
        for n in range(25):
            stores[index].append_message(session.id, "a", f"{index}:{n}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(writer, range(4)))
    assert [m.seq for m in stores[3].get_messages(session.id)] == list(range(1, 101))
    assert stores[1].get_session(session.id).message_count == 100


def test_concurrent_creates_of_one_id_let_exactly_one_win(store: SessionStore) -> None:
    def creator(thread: int) -> str:
        try:
            store.create_session([f"p{thread}"], session_id="contested", title=f"by {thread}")
        except SessionExists:
            return "exists"
        return "created"

    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = Counter(pool.map(creator, range(THREADS)))
    assert outcomes == Counter({"created": 1, "exists": THREADS - 1})
    winner = store.get_session("contested")
    assert winner.participants == (f"p{winner.title.removeprefix('by ')}",)
    assert [s.id for s in store.list_sessions()] == ["contested"]
