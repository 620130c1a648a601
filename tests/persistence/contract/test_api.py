"""Contract: the public API's names, shapes, defaults and keyword-only arguments, on every backend."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

import persistence
from persistence import (
    CorruptData,
    InvalidData,
    Message,
    PersistenceError,
    Session,
    SessionExists,
    SessionNotFound,
    SessionStore,
    StoreUnavailable,
)
from tests.persistence.stores import FakeClock


def test_public_names_and_error_family() -> None:
    # every error is a PersistenceError; the two with a builtin meaning are also that builtin
    assert {name for name in persistence.__all__} >= {
        "open_store",
        "Session",
        "Message",
        "SessionStore",
        "PersistenceError",
        "SessionNotFound",
        "SessionExists",
        "InvalidData",
        "CorruptData",
        "StoreUnavailable",
    }
    for error in (SessionNotFound, SessionExists, InvalidData, CorruptData, StoreUnavailable):
        assert issubclass(error, PersistenceError)
    assert issubclass(SessionNotFound, LookupError)
    assert issubclass(InvalidData, ValueError)


def test_create_session_defaults(store: SessionStore, clock: FakeClock) -> None:
    session = store.create_session(["Agent-1", "Agent-2"])
    assert isinstance(session, Session)
    assert uuid.UUID(hex=session.id).version == 4 and session.id == uuid.UUID(session.id).hex
    assert session.participants == ("Agent-1", "Agent-2")
    assert (session.title, session.metadata, session.message_count) == ("", {}, 0)
    assert session.created_at == session.updated_at == clock.now
    assert session.expires_at is None
    assert store.get_session(session.id) == session


def test_create_session_with_every_option(store: SessionStore, clock: FakeClock) -> None:
    session = store.create_session(
        ("a",), session_id="Team.chat_1-x", title="Planning", metadata={"k": [1, "v"]}, ttl=30
    )
    assert session == Session(
        id="Team.chat_1-x",
        participants=("a",),
        title="Planning",
        metadata={"k": [1, "v"]},
        created_at=clock.now,
        updated_at=clock.now,
        expires_at=clock.now + 30,
        message_count=0,
    )
    assert store.get_session("Team.chat_1-x") == session


def test_append_message_shape_and_session_bookkeeping(store: SessionStore, clock: FakeClock) -> None:
    session = store.create_session(["a", "b"])
    clock.advance(5)
    message = store.append_message(session.id, "a", "hello", recipients=["b"], metadata={"n": 1})
    assert message == Message(
        session_id=session.id,
        seq=1,
        sender="a",
        content="hello",
        recipients=("b",),
        timestamp=clock.now,
        metadata={"n": 1},
    )
    plain = store.append_message(session.id, "b", "hi")
    assert (plain.recipients, plain.metadata, plain.seq) == ((), {}, 2)
    stored = store.get_session(session.id)
    assert (stored.message_count, stored.updated_at, stored.created_at) == (2, clock.now, clock.now - 5)
    assert store.get_messages(session.id) == [message, plain]


CALLS_WITH_EXTRA_POSITIONALS: list[tuple[str, Callable[[SessionStore, str], Any]]] = [
    # everything after the documented positional arguments is keyword-only
    ("create_session(participants, session_id)", lambda s, sid: s.create_session(["a"], "some-id")),  # type: ignore[call-arg]
    ("append_message(..., recipients)", lambda s, sid: s.append_message(sid, "a", "x", ["b"])),  # type: ignore[call-arg]
    ("get_messages(id, after_seq)", lambda s, sid: s.get_messages(sid, 0)),  # type: ignore[call-arg]
    ("list_sessions(participant)", lambda s, sid: s.list_sessions("a")),  # type: ignore[call-arg]
]


@pytest.mark.parametrize(
    ("call", "action"), CALLS_WITH_EXTRA_POSITIONALS, ids=[c for c, _ in CALLS_WITH_EXTRA_POSITIONALS]
)
def test_options_are_keyword_only(
    store: SessionStore, call: str, action: Callable[[SessionStore, str], Any]
) -> None:
    session = store.create_session(["a"])
    with pytest.raises(TypeError):
        action(store, session.id)
    assert store.get_session(session.id).message_count == 0
    assert [s.id for s in store.list_sessions()] == [session.id]


def test_store_is_a_session_store_and_a_context_manager(
    open_url: Callable[[str], SessionStore], url_with: Callable[..., str]
) -> None:
    with open_url(url_with()) as store:
        assert isinstance(store, SessionStore)
        session = store.create_session(["a"])
    store.close()  # a second close is harmless
    with open_url(url_with()) as again:
        assert again.get_session(session.id) == session
