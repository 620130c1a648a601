"""Contract: listing, filtering, existence and deletion of sessions, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from persistence import SessionExists, SessionNotFound, SessionStore
from tests.persistence.stores import FakeClock


def test_list_sessions_most_recently_updated_first(store: SessionStore, clock: FakeClock) -> None:
    for name in ("old", "middle", "new"):
        store.create_session(["a"], session_id=name)
        clock.advance(1)
    assert [s.id for s in store.list_sessions()] == ["new", "middle", "old"]
    store.append_message("old", "a", "bump")  # an append makes it the most recently updated
    listed = store.list_sessions()
    assert [s.id for s in listed] == ["old", "new", "middle"]
    assert listed[0] == store.get_session("old")
    assert listed[0].message_count == 1


def test_list_sessions_participant_filter(store: SessionStore, clock: FakeClock) -> None:
    for name, people in (("s1", ["alice", "bob"]), ("s2", ["bob"]), ("s3", ["carol"]), ("s4", ["alice"])):
        store.create_session(people, session_id=name)
        clock.advance(1)
    assert [s.id for s in store.list_sessions(participant="alice")] == ["s4", "s1"]
    assert [s.id for s in store.list_sessions(participant="bob")] == ["s2", "s1"]
    assert [s.id for s in store.list_sessions(participant="carol")] == ["s3"]
    assert store.list_sessions(participant="dave") == []
    assert store.list_sessions(participant="ali") == []  # a whole name, not a substring
    assert [s.id for s in store.list_sessions(participant="alice", limit=1)] == ["s4"]


def test_list_sessions_limit(store: SessionStore, clock: FakeClock) -> None:
    for number in range(5):
        store.create_session(["a"], session_id=f"s{number}")
        clock.advance(1)
    assert [s.id for s in store.list_sessions(limit=2)] == ["s4", "s3"]
    assert store.list_sessions(limit=0) == []
    assert len(store.list_sessions()) == 5  # default limit 100
    assert len(store.list_sessions(limit=100)) == 5


def test_list_sessions_default_limit_is_100(store: SessionStore, clock: FakeClock) -> None:
    for number in range(105):
        store.create_session(["a"], session_id=f"s{number:03d}")
        clock.advance(1)
    listed = store.list_sessions()
    assert [s.id for s in listed] == [f"s{number:03d}" for number in range(104, 4, -1)]


def test_empty_store_lists_nothing(store: SessionStore) -> None:
    assert store.list_sessions() == []
    assert store.purge_expired() == 0


def test_session_exists(store: SessionStore) -> None:
    original = store.create_session(["a"], session_id="taken", title="first")
    store.append_message("taken", "a", "kept")
    with pytest.raises(SessionExists, match="taken"):
        store.create_session(["b"], session_id="taken", title="second")
    assert store.get_session("taken") == replace(original, message_count=1)  # untouched by the attempt
    assert [m.content for m in store.get_messages("taken")] == ["kept"]
    assert [s.id for s in store.list_sessions()] == ["taken"]


MISSING: list[tuple[str, Callable[[SessionStore, str], Any]]] = [
    ("get_session", lambda s, sid: s.get_session(sid)),
    ("append_message", lambda s, sid: s.append_message(sid, "a", "x")),
    ("get_messages", lambda s, sid: s.get_messages(sid)),
    ("get_messages limit", lambda s, sid: s.get_messages(sid, limit=5)),
    ("delete_session", lambda s, sid: s.delete_session(sid)),
]


@pytest.mark.parametrize(("name", "action"), MISSING, ids=[name for name, _ in MISSING])
def test_missing_session_raises_session_not_found(
    store: SessionStore, name: str, action: Callable[[SessionStore, str], Any]
) -> None:
    store.create_session(["a"], session_id="present")
    with pytest.raises(SessionNotFound, match="no-such-session") as caught:
        action(store, "no-such-session")
    assert isinstance(caught.value, LookupError)
    assert [s.id for s in store.list_sessions()] == ["present"]
    with pytest.raises(LookupError):  # the documented way for callers that only know the builtin
        action(store, "no-such-session")


def test_delete_session(store: SessionStore) -> None:
    doomed = store.create_session(["a"], session_id="doomed")
    kept = store.create_session(["a"], session_id="kept")
    for number in range(3):
        store.append_message(doomed.id, "a", f"d{number}")
        store.append_message(kept.id, "a", f"k{number}")
    assert store.delete_session(doomed.id) is None  # type: ignore[func-returns-value]
    for action in (store.get_session, store.get_messages, store.delete_session):
        with pytest.raises(SessionNotFound):
            action(doomed.id)
    with pytest.raises(SessionNotFound):
        store.append_message(doomed.id, "a", "too late")
    assert [s.id for s in store.list_sessions()] == ["kept"]
    assert [m.content for m in store.get_messages(kept.id)] == ["k0", "k1", "k2"]


def test_deleted_id_can_be_created_again_with_a_fresh_history(store: SessionStore) -> None:
    store.create_session(["a"], session_id="reused", title="first")
    store.append_message("reused", "a", "old")
    store.delete_session("reused")
    again = store.create_session(["b"], session_id="reused", title="second")
    assert (again.title, again.message_count) == ("second", 0)
    assert store.get_messages("reused") == []
    assert store.append_message("reused", "b", "new").seq == 1
