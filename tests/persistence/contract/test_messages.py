"""Contract: seq numbering, timestamps, paging, verbatim content and metadata round trips, on every backend."""

from __future__ import annotations

from typing import Any

import pytest

from persistence import SessionStore
from tests.persistence.stores import START, FakeClock


def test_seqs_are_gapless_per_session_and_timestamps_come_from_the_clock(
    store: SessionStore, clock: FakeClock
) -> None:
    first = store.create_session(["a"])
    second = store.create_session(["a"])
    for step in range(1, 11):
        clock.advance(1)
        store.append_message(first.id, "a", f"m{step}")
        if step % 2 == 0:
            store.append_message(second.id, "a", f"n{step}")
    messages = store.get_messages(first.id)
    assert [m.seq for m in messages] == list(range(1, 11))
    assert [m.timestamp for m in messages] == [START + step for step in range(1, 11)]
    assert [m.content for m in messages] == [f"m{step}" for step in range(1, 11)]
    assert [m.seq for m in store.get_messages(second.id)] == [1, 2, 3, 4, 5]  # its own numbering
    assert store.get_session(first.id).message_count == 10
    assert store.get_session(second.id).message_count == 5


PAGING: list[tuple[dict[str, int], list[int]]] = [
    # (get_messages keyword arguments, expected seqs) over a history of seqs 1..10
    ({}, list(range(1, 11))),  # no arguments: everything, oldest first
    ({"limit": 3}, [8, 9, 10]),  # limit only: the 3 most recent, oldest first
    ({"limit": 1}, [10]),
    ({"limit": 10}, list(range(1, 11))),  # exactly the history
    ({"limit": 50}, list(range(1, 11))),  # more than the history: all of it
    ({"limit": 0}, []),  # limit=0 asks for nothing
    ({"after_seq": 0}, list(range(1, 11))),  # seq > 0 is everything
    ({"after_seq": 4}, [5, 6, 7, 8, 9, 10]),  # after_seq only: the rest
    ({"after_seq": 4, "limit": 3}, [5, 6, 7]),  # forward paging: the next 3 after seq 4
    ({"after_seq": 8, "limit": 5}, [9, 10]),  # a short last page
    ({"after_seq": 0, "limit": 0}, []),
    ({"after_seq": 10}, []),  # after the last seq: nothing
    ({"after_seq": 99, "limit": 5}, []),  # beyond the end: nothing, not an error
    # scroll-back: before_seq (exclusive) with limit gives the `limit` just before it, oldest first
    ({"before_seq": 8, "limit": 3}, [5, 6, 7]),
    ({"before_seq": 3, "limit": 5}, [1, 2]),  # a short first page
    ({"before_seq": 1, "limit": 5}, []),
    ({"before_seq": 0}, []),
    ({"before_seq": 6}, [1, 2, 3, 4, 5]),  # before_seq only: everything before it
    ({"before_seq": 99, "limit": 2}, [9, 10]),  # past the end: the newest
    ({"before_seq": 8, "limit": 0}, []),
    ({"after_seq": 2, "before_seq": 6}, [3, 4, 5]),  # the range between
    ({"after_seq": 2, "before_seq": 9, "limit": 2}, [7, 8]),  # limit counts back from before_seq
    ({"after_seq": 5, "before_seq": 6}, []),
    ({"after_seq": 7, "before_seq": 3}, []),
]


@pytest.mark.parametrize(("kwargs", "expected"), PAGING, ids=[str(kw) for kw, _ in PAGING])
def test_get_messages_paging(store: SessionStore, kwargs: dict[str, int], expected: list[int]) -> None:
    session = store.create_session(["a"])
    for number in range(1, 11):
        store.append_message(session.id, "a", f"m{number}")
    messages = store.get_messages(session.id, **kwargs)
    assert [m.seq for m in messages] == expected
    assert [m.content for m in messages] == [f"m{seq}" for seq in expected]


def test_get_messages_of_an_empty_session(store: SessionStore) -> None:
    session = store.create_session(["a"])
    assert store.get_messages(session.id) == []
    assert store.get_messages(session.id, limit=5) == []
    assert store.get_messages(session.id, after_seq=0, limit=5) == []


VERBATIM = [
    # content that has broken stores before, stored and returned byte for byte
    "'); DROP TABLE messages; --",  # SQL injection: parameterised SQL only
    "Robert'); DELETE FROM sessions WHERE ('1'='1",
    "quotes \" ' ` and \\ backslashes \\n (not a newline)",
    "line one\nline two\r\nline three\r",  # newlines must not split a JSON-lines record
    "sep\u2028arators\u2029and\x85next line",  # unicode line breaks (str.splitlines would split here)
    "héllo wörld — 中文 — 🌍🚀 — \u200b",  # non-ASCII, astral plane, zero-width
    "nul\x00inside and \x1b[31m escapes",  # NUL and control characters
    '{"seq": 99, "sender": "mallory"}',  # JSON-looking text stays text
    "",  # the empty message
    "  leading and trailing spaces  ",
    "*1\r\n$4\r\nPING\r\n",  # Redis protocol-looking text
]


@pytest.mark.parametrize("content", VERBATIM)
def test_content_is_stored_verbatim(store: SessionStore, content: str) -> None:
    session = store.create_session(["wörld", "'; --"])
    store.append_message(session.id, "'; --", content, recipients=["wörld"])
    store.append_message(session.id, "wörld", "after")
    first, second = store.get_messages(session.id)
    assert (first.content, first.sender, first.recipients) == (content, "'; --", ("wörld",))
    assert (second.seq, second.content) == (2, "after")
    assert store.get_session(session.id).participants == ("wörld", "'; --")


METADATA: list[dict[str, Any]] = [
    {},
    {"nested": {"list": [1, 2.5, "three", None, True, False], "empty": {}}},
    {"unicode ключ": "значение 🌍", 'quote"key': "'"},
    {"big": 2**53, "negative": -1, "float": 0.1, "zero": 0},
]


@pytest.mark.parametrize("metadata", METADATA)
def test_metadata_round_trips(store: SessionStore, metadata: dict[str, Any]) -> None:
    session = store.create_session(["a"], metadata=metadata)
    message = store.append_message(session.id, "a", "x", metadata=metadata)
    assert store.get_session(session.id).metadata == metadata
    assert message.metadata == metadata
    assert store.get_messages(session.id)[0].metadata == metadata
    assert [s.metadata for s in store.list_sessions()] == [metadata]


def test_returned_records_are_copies(store: SessionStore) -> None:
    # mutating what we passed in or got back never changes what is stored
    metadata: dict[str, Any] = {"tags": ["a"]}
    session = store.create_session(["a"], metadata=metadata)
    metadata["tags"].append("changed")
    session.metadata["tags"].append("changed too")
    assert store.get_session(session.id).metadata == {"tags": ["a"]}


def test_scroll_back_anywhere_in_a_long_history(store: SessionStore) -> None:
    session = store.create_session(["a"])
    sizes = [1, 5000, 30, 9000, 2]  # lines shorter and longer than one read of the JSON log's search
    for seq in range(1, 121):
        store.append_message(session.id, "a", f"{seq}:" + "x" * sizes[seq % len(sizes)])
    for before in (121, 120, 97, 64, 33, 17, 2):
        page = store.get_messages(session.id, before_seq=before, limit=7)
        assert [m.seq for m in page] == list(range(max(1, before - 7), before))
        assert all(m.content.startswith(f"{m.seq}:") for m in page)
    assert [m.seq for m in store.get_messages(session.id, after_seq=60, limit=3)] == [61, 62, 63]
