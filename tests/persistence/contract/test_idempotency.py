"""Contract: idempotent appends by client_id, on every backend (the multi-process race is in test_processes)."""

from __future__ import annotations

from typing import Any

import pytest

from persistence import IdempotencyConflict, InvalidData, PersistenceError, SessionNotFound, SessionStore
from tests.persistence.stores import FakeClock


def test_a_retried_client_id_returns_the_stored_message_and_writes_nothing(
    store: SessionStore, clock: FakeClock
) -> None:
    session = store.create_session(["a", "b"])
    first = store.append_message(
        session.id, "a", "hi", recipients=["b"], metadata={"k": [1]}, client_id="c-1"
    )
    assert (first.seq, first.client_id) == (1, "c-1")
    store.append_message(session.id, "b", "plain")
    before = store.get_session(session.id)
    clock.advance(5)
    again = store.append_message(
        session.id, "a", "hi", recipients=["b"], metadata={"k": [1]}, client_id="c-1"
    )
    assert repr(again) == repr(first)  # same seq, content and timestamp, bit for bit
    assert store.get_session(session.id) == before  # nothing written: count, updated_at and expiry kept
    assert [m.client_id for m in store.get_messages(session.id)] == ["c-1", None]
    assert store.list_sessions()[0].updated_at == before.updated_at


CONFLICTS: list[dict[str, Any]] = [
    {"sender": "b"},
    {"content": "other"},
    {"recipients": ["a"]},
    {"metadata": {"k": [2]}},
    {"metadata": {"k": [True]}},  # True is not 1 in stored JSON
]


@pytest.mark.parametrize("change", CONFLICTS, ids=[str(c) for c in CONFLICTS])
def test_a_client_id_reused_for_another_message_is_a_conflict(
    store: SessionStore, change: dict[str, Any]
) -> None:
    session = store.create_session(["a", "b"])
    call: dict[str, Any] = {"sender": "a", "content": "hi", "recipients": ["b"], "metadata": {"k": [1]}}
    store.append_message(session.id, client_id="x", **call)
    with pytest.raises(IdempotencyConflict, match=r"client_id 'x'.*message 1") as caught:
        store.append_message(session.id, client_id="x", **{**call, **change})
    assert isinstance(caught.value, PersistenceError)
    assert len(store.get_messages(session.id)) == 1


def test_client_ids_are_per_session_and_optional(store: SessionStore) -> None:
    one, two = store.create_session(["a"]), store.create_session(["a"])
    assert store.append_message(one.id, "a", "x", client_id="same").seq == 1
    assert store.append_message(two.id, "a", "y", client_id="same").seq == 1  # another session: a new message
    assert store.append_message(one.id, "a", "x").seq == 2  # no client_id: always a new message
    assert store.append_message(one.id, "a", "x").seq == 3


@pytest.mark.parametrize("bad", ["", " x", "a/b", "x" * 129, ".hidden", 7, b"x"])
def test_a_bad_client_id_is_refused_before_writing(store: SessionStore, bad: object) -> None:
    session = store.create_session(["a"])
    with pytest.raises(InvalidData, match="client_id"):
        store.append_message(session.id, "a", "x", client_id=bad)  # type: ignore[arg-type]
    assert store.get_messages(session.id) == []


def test_a_client_id_of_a_deleted_or_expired_session_is_not_found(
    store: SessionStore, clock: FakeClock
) -> None:
    gone = store.create_session(["a"])
    store.append_message(gone.id, "a", "x", client_id="c")
    store.delete_session(gone.id)
    with pytest.raises(SessionNotFound):
        store.append_message(gone.id, "a", "x", client_id="c")
    old = store.create_session(["a"], ttl=10)
    store.append_message(old.id, "a", "x", client_id="c")
    clock.advance(11)
    with pytest.raises(SessionNotFound):
        store.append_message(old.id, "a", "x", client_id="c")


def test_a_restored_session_keeps_its_client_ids(store: SessionStore) -> None:
    source = store.create_session(["a"])
    store.append_message(source.id, "a", "x", client_id="kept")
    messages = store.get_messages(source.id)
    session = store.get_session(source.id)
    store.delete_session(source.id)
    store.restore_session(session, messages, ttl=None)  # type: ignore[attr-defined]
    assert store.append_message(source.id, "a", "x", client_id="kept") == messages[0]
    assert store.append_message(source.id, "a", "y", client_id="new").seq == 2


def test_a_restore_with_a_client_id_twice_is_refused(store: SessionStore) -> None:
    source = store.create_session(["a"])
    store.append_message(source.id, "a", "x", client_id="twice")
    store.append_message(source.id, "a", "y")
    session = store.get_session(source.id)
    first, second = store.get_messages(source.id)
    store.delete_session(source.id)
    twin = type(second)(**{**second.__dict__, "client_id": "twice"})
    with pytest.raises(InvalidData, match="same client_id"):
        store.restore_session(session, [first, twin], ttl=None)  # type: ignore[attr-defined]
    assert store.list_sessions() == []
