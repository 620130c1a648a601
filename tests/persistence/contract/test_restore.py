"""StoreBase.restore_session on every backend: records stored verbatim, all or nothing, never over a live session."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from persistence import (
    InvalidData,
    Message,
    Session,
    SessionExists,
    SessionNotFound,
)
from persistence.base import StoreBase
from tests.persistence.stores import START, FakeClock

TTL = 90.5


def record(**changes: object) -> Session:
    """A session as another store assigned it: odd float times, two messages, sliding ttl TTL."""
    base = Session(
        id="restored-1",
        participants=("Agent-1", "Agent-2"),
        title="from elsewhere",
        metadata={"x": 0.1, "y": [1, "two"]},
        created_at=START - 1000.123456789,
        updated_at=START - 10.987654321,
        expires_at=START - 10.987654321 + TTL,
        message_count=2,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def history(session_id: str = "restored-1") -> list[Message]:
    """The two messages of `record()`."""
    return [
        Message(session_id, 1, "Agent-1", "hi", ("Agent-2",), START - 500.5, {"k": 1}),
        Message(session_id, 2, "Agent-2", "hello\nback", (), START - 10.987654321, {}),
    ]


def test_restore_stores_every_field_verbatim_and_appends_continue(store: StoreBase, clock: FakeClock) -> None:
    session = store.restore_session(record(), history(), ttl=TTL)
    assert session == record()
    assert repr(store.get_session("restored-1")) == repr(record())
    assert [repr(m) for m in store.get_messages("restored-1")] == [repr(m) for m in history()]
    assert store.get_messages("restored-1", limit=1) == history()[1:]
    appended = store.append_message("restored-1", "Agent-1", "next")
    assert appended.seq == 3  # the store continues the restored numbering
    assert store.get_session("restored-1").expires_at == clock.now + TTL  # and slides with the restored ttl
    assert [s.id for s in store.list_sessions(participant="Agent-2")] == ["restored-1"]


def test_restore_refuses_a_live_session_and_leaves_it_alone(store: StoreBase) -> None:
    existing = store.create_session(["owner"], session_id="restored-1")
    with pytest.raises(SessionExists, match="restored-1"):
        store.restore_session(record(), history(), ttl=TTL)
    assert store.get_session("restored-1") == existing
    assert store.get_messages("restored-1") == []


def test_restore_replaces_an_expired_namesake(store: StoreBase, clock: FakeClock) -> None:
    store.create_session(["old"], session_id="restored-1", ttl=1)
    store.append_message("restored-1", "old", "stale")
    clock.advance(5)
    later = record(updated_at=clock.now, expires_at=clock.now + TTL)
    store.restore_session(later, history(), ttl=TTL)
    assert store.get_session("restored-1") == later
    assert store.get_messages("restored-1") == history()


def nested(levels: int) -> list[object]:
    """A list `levels` deep."""
    value: list[object] = []
    for _ in range(levels - 1):
        value = [value]
    return value


BAD_RESTORES: list[tuple[str, Callable[[], tuple[Session, list[Message], float | None]]]] = [
    # (what the message says, the rule broken)
    (
        "message_count is 3 but 2 messages",
        lambda: (record(message_count=3), history(), TTL),
    ),  # count must match
    ("seq 1, 2, 3", lambda: (record(), history()[1:] + history()[:1], TTL)),  # seqs in order, gapless
    (
        "must belong to the session",
        lambda: (record(message_count=1), history("other")[:1], TTL),
    ),  # same session
    ("disagree", lambda: (record(), history(), None)),  # ttl None only for a session that never expires
    ("disagree", lambda: (record(expires_at=None), history(), TTL)),
    ("expired at", lambda: (record(expires_at=START - 1), history(), TTL)),  # expired: would be invisible
    ("invalid session id", lambda: (record(id="../x"), history("../x"), TTL)),  # ids as create_session
    ("finite number", lambda: (record(created_at=float("nan")), history(), TTL)),  # times are finite
    ("must be non-empty strings", lambda: (record(participants=("a", "")), history(), TTL)),
    ("metadata", lambda: (record(metadata={"s": {1, 2}}), history(), TTL)),  # JSON values only
    ("ttl must be a positive", lambda: (record(), history(), -5.0)),
    ("valid Unicode", lambda: (record(metadata={"s": "\ud800"}), history(), TTL)),  # a lone surrogate
    (
        "valid Unicode",
        lambda: (record(), [history()[0], dataclasses.replace(history()[1], metadata={"\udfff": 1})], TTL),
    ),
    ("valid Unicode", lambda: (record(title="\ud800"), history(), TTL)),
    ("keys must be str", lambda: (record(metadata={1: "x"}), history(), TTL)),
    ("keys must be str", lambda: (record(metadata={"k": [{(1,): 2}]}), history(), TTL)),
    ("nests deeper than 100", lambda: (record(metadata={"d": nested(101)}), history(), TTL)),
]


@pytest.mark.parametrize(
    ("message", "build"), BAD_RESTORES, ids=[f"{i}:{m}" for i, (m, _) in enumerate(BAD_RESTORES)]
)
def test_invalid_restores_write_nothing(
    store: StoreBase, message: str, build: Callable[[], tuple[Session, list[Message], float | None]]
) -> None:
    session, messages, ttl = build()
    with pytest.raises(InvalidData, match=message):
        store.restore_session(session, messages, ttl=ttl)
    assert store.list_sessions() == []
    with pytest.raises(SessionNotFound):
        store.get_session("restored-1")


def test_content_over_the_stores_limit_is_refused(
    open_url: Callable[[str], StoreBase], url_with: Callable[..., str]
) -> None:
    small = open_url(url_with(max_message_bytes=4))
    with pytest.raises(InvalidData, match="max_message_bytes=4"):
        small.restore_session(record(), history(), ttl=TTL)
    assert small.list_sessions() == []


def test_a_backend_without_the_hooks_cannot_be_created(clock: FakeClock) -> None:
    class Bare(StoreBase):
        """A backend that implements none of the hooks StoreBase declares."""

    with pytest.raises(TypeError, match=r"abstract method.*_insert"):
        Bare(clock=clock)  # type: ignore[abstract]
