"""Contract: versioned updates (update_session, expected_version) and participants who join and leave, on every backend."""

from __future__ import annotations

from typing import Any

import pytest

from persistence import InvalidData, PersistenceError, SessionNotFound, SessionStore, VersionConflict
from tests.persistence.stores import FakeClock


def test_versions_count_record_changes_not_appends(store: SessionStore, clock: FakeClock) -> None:
    session = store.create_session(["a"], title="t", metadata={"k": 1})
    assert session.version == 1
    store.append_message(session.id, "a", "hi")
    assert store.get_session(session.id).version == 1
    before = store.get_session(session.id)
    clock.advance(3)
    renamed = store.update_session(session.id, title="new")
    assert (renamed.version, renamed.title, renamed.metadata) == (2, "new", {"k": 1})
    assert renamed == store.get_session(session.id)
    # times, count and expiry are activity, which an update is not
    assert (renamed.updated_at, renamed.message_count) == (before.updated_at, before.message_count)


def test_each_kind_of_change_adds_one_and_a_no_change_adds_none(store: SessionStore) -> None:
    session = store.create_session(["a"], title="new", metadata={"k": 1})
    assert store.update_session(session.id, title="new", metadata={"k": 1}).version == 1
    assert store.update_session(session.id, metadata={"k": True}).version == 2  # True is not 1 in JSON
    assert store.update_session(session.id, metadata={"k": 2}).version == 3
    assert (
        store.update_session(session.id, title="new", metadata={"k": 2}).version == 3
    )  # no change, no version
    assert store.update_session(session.id).version == 3
    assert store.add_participants(session.id, ["b"]).version == 4
    assert store.remove_participants(session.id, ["a"]).version == 5
    assert store.get_session(session.id).participants == ("b",)


def test_a_stale_expected_version_is_a_conflict_and_writes_nothing(store: SessionStore) -> None:
    session = store.create_session(["a"], title="t")
    store.update_session(session.id, title="u", expected_version=1)
    calls: list[tuple[str, dict[str, Any]]] = [
        ("update_session", {"title": "v"}),
        ("add_participants", {"participants": ["b"]}),
        ("remove_participants", {"participants": ["a"]}),
    ]
    for name, arguments in calls:
        with pytest.raises(VersionConflict, match="version 2, not the expected 1") as caught:
            getattr(store, name)(session.id, expected_version=1, **arguments)
        assert isinstance(caught.value, PersistenceError)
    after = store.get_session(session.id)
    assert (after.title, after.participants, after.version) == ("u", ("a",), 2)
    assert store.add_participants(session.id, ["b"], expected_version=2).version == 3


def test_participants_join_and_leave_and_listing_follows_at_once(store: SessionStore) -> None:
    session = store.create_session(["a", "b"])
    store.create_session(["c"])
    joined = store.add_participants(session.id, ["c", "d", "c"])
    assert joined.participants == ("a", "b", "c", "d")
    assert {s.id for s in store.list_sessions(participant="d")} == {session.id}
    assert len(store.list_sessions(participant="c")) == 2
    left = store.remove_participants(session.id, ["b", "d"])
    assert left.participants == ("a", "c")
    assert store.list_sessions(participant="b") == []
    assert store.list_sessions(participant="d") == []
    assert store.add_participants(session.id, ["b"]).participants == ("a", "c", "b")  # back again
    assert [s.id for s in store.list_sessions(participant="b")] == [session.id]


def test_adding_someone_present_or_removing_someone_absent_is_a_no_op(store: SessionStore) -> None:
    session = store.create_session(["a", "b"])
    assert store.add_participants(session.id, ["a"]) == session
    assert store.remove_participants(session.id, ["zed"]) == session
    assert store.get_session(session.id).version == 1


def test_removing_the_last_participant_is_refused(store: SessionStore) -> None:
    session = store.create_session(["a", "b"])
    with pytest.raises(InvalidData, match="without participants"):
        store.remove_participants(session.id, ["a", "b"])
    assert store.get_session(session.id) == session
    assert len(store.list_sessions(participant="b")) == 1


def test_changes_to_missing_or_expired_sessions_are_not_found(store: SessionStore, clock: FakeClock) -> None:
    with pytest.raises(SessionNotFound):
        store.update_session("nobody", title="x")
    session = store.create_session(["a"], ttl=10)
    clock.advance(11)
    for call in (
        lambda: store.update_session(session.id, title="x"),
        lambda: store.add_participants(session.id, ["b"]),
        lambda: store.remove_participants(session.id, ["a"]),
    ):
        with pytest.raises(SessionNotFound):
            call()


BAD: list[tuple[str, dict[str, Any]]] = [
    ("update_session", {"title": 5}),
    ("update_session", {"metadata": {"x": float("nan")}}),
    ("update_session", {"expected_version": 0}),
    ("update_session", {"expected_version": True}),
    ("add_participants", {"participants": []}),
    ("add_participants", {"participants": "ab"}),
    ("add_participants", {"participants": [""]}),
    ("remove_participants", {"participants": [None]}),
    ("remove_participants", {"participants": ["a"], "expected_version": -1}),
]


@pytest.mark.parametrize(("name", "arguments"), BAD, ids=[f"{n}-{a}" for n, a in BAD])
def test_bad_input_is_refused_before_writing(
    store: SessionStore, name: str, arguments: dict[str, Any]
) -> None:
    session = store.create_session(["a"])
    with pytest.raises(InvalidData):
        getattr(store, name)(session.id, **arguments)
    assert store.get_session(session.id) == session


def test_deleting_a_session_clears_it_for_former_participants(store: SessionStore) -> None:
    session = store.create_session(["a", "b"])
    store.remove_participants(session.id, ["b"])
    store.delete_session(session.id)
    assert store.list_sessions(participant="b") == []
    assert store.list_sessions(participant="a") == []
