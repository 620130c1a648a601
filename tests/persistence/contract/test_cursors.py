"""Contract: read cursors and unread counts, on every backend."""

from __future__ import annotations

from typing import Any

import pytest

from persistence import InvalidData, SessionNotFound, SessionStore
from tests.persistence.stores import FakeClock


def test_cursors_only_move_forward_and_count_what_is_unread(store: SessionStore, clock: FakeClock) -> None:
    session = store.create_session(["ann", "bob"])
    for number in range(5):
        store.append_message(session.id, "ann", f"m{number}")
    before = store.get_session(session.id)
    assert store.read_state(session.id) == {"ann": 0, "bob": 0}
    assert store.mark_read(session.id, "bob", 3) == 3
    assert store.mark_read(session.id, "bob", 1) == 3, "a lower seq is ignored"
    assert store.mark_read(session.id, "ann", 5) == 5
    assert store.read_state(session.id) == {"ann": 5, "bob": 3}
    assert store.get_session(session.id) == before, "reading changes no version, time or count"
    clock.advance(1)
    store.append_message(session.id, "ann", "m5")
    assert [(s.id, n) for s, n in store.unread_counts("bob")] == [(session.id, 3)]
    assert [(s.id, n) for s, n in store.unread_counts("ann")] == [(session.id, 1)]


def test_unread_counts_lists_a_participants_sessions_newest_first(
    store: SessionStore, clock: FakeClock
) -> None:
    ids = []
    for number in range(4):
        clock.advance(1)
        session = store.create_session(["me", f"peer{number}"])
        store.append_message(session.id, f"peer{number}", "hello")
        ids.append(session.id)
    store.create_session(["someone else"])
    clock.advance(1)
    store.append_message(ids[0], "peer0", "again")
    store.mark_read(ids[2], "me", 1)
    counts = store.unread_counts("me")
    assert [(s.id, n) for s, n in counts] == [(ids[0], 2), (ids[3], 1), (ids[2], 0), (ids[1], 1)]
    assert [s.id for s, _ in store.unread_counts("me", limit=2)] == [ids[0], ids[3]]
    assert store.unread_counts("nobody") == []
    assert store.unread_counts("me", limit=0) == []


def test_a_removed_participants_cursor_is_dropped(store: SessionStore) -> None:
    session = store.create_session(["ann", "bob"])
    store.append_message(session.id, "ann", "hi")
    store.mark_read(session.id, "bob", 1)
    store.remove_participants(session.id, ["bob"])
    assert store.read_state(session.id) == {"ann": 0}
    assert store.unread_counts("bob") == []
    store.add_participants(session.id, ["bob"])
    assert store.read_state(session.id) == {"ann": 0, "bob": 0}, "back without the old cursor"


BAD: list[dict[str, Any]] = [
    {"participant": "carol", "seq": 1},  # not in the session
    {"participant": "bob", "seq": 3},  # beyond the last message
    {"participant": "", "seq": 1},
    {"participant": "bob", "seq": -1},
    {"participant": "bob", "seq": True},
    {"participant": "bob", "seq": None},
]


@pytest.mark.parametrize("arguments", BAD, ids=[str(a) for a in BAD])
def test_a_bad_mark_is_refused_before_writing(store: SessionStore, arguments: dict[str, Any]) -> None:
    session = store.create_session(["ann", "bob"])
    store.append_message(session.id, "ann", "one")
    store.append_message(session.id, "ann", "two")
    with pytest.raises(InvalidData):
        store.mark_read(session.id, **arguments)
    assert store.read_state(session.id) == {"ann": 0, "bob": 0}


def test_cursors_of_missing_or_expired_sessions_are_not_found(store: SessionStore, clock: FakeClock) -> None:
    with pytest.raises(SessionNotFound):
        store.mark_read("nobody", "a", 0)
    with pytest.raises(SessionNotFound):
        store.read_state("nobody")
    session = store.create_session(["a"], ttl=10)
    store.append_message(session.id, "a", "x")
    store.mark_read(session.id, "a", 1)
    clock.advance(11)
    with pytest.raises(SessionNotFound):
        store.read_state(session.id)
    assert store.unread_counts("a") == []
    store.delete_session(store.create_session(["a"], session_id="gone").id)
    assert store.unread_counts("a") == []


def test_a_restored_session_keeps_its_cursors(store: SessionStore) -> None:
    source = store.create_session(["ann", "bob"])
    store.append_message(source.id, "ann", "one")
    store.append_message(source.id, "ann", "two")
    store.mark_read(source.id, "bob", 1)
    session, messages, state = (
        store.get_session(source.id),
        store.get_messages(source.id),
        store.read_state(source.id),
    )
    store.delete_session(source.id)
    store.restore_session(session, messages, ttl=None, read_state=state)  # type: ignore[attr-defined]
    assert store.read_state(source.id) == {"ann": 0, "bob": 1}
    assert [(s.id, n) for s, n in store.unread_counts("bob")] == [(source.id, 1)]


@pytest.mark.parametrize("state", [{"carol": 1}, {"bob": 3}, {"bob": -1}, {"bob": True}, ["bob"]], ids=str)
def test_a_restore_with_bad_cursors_is_refused(store: SessionStore, state: object) -> None:
    source = store.create_session(["ann", "bob"], session_id="r")
    store.append_message("r", "ann", "one")
    session, messages = store.get_session("r"), store.get_messages("r")
    store.delete_session("r")
    with pytest.raises(InvalidData, match="read_state"):
        store.restore_session(session, messages, ttl=None, read_state=state)  # type: ignore[attr-defined]
    assert store.list_sessions() == [] and source.id == "r"
