"""Contract: per-session and default TTLs, sliding expiry, invisibility of expired sessions, purge, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from persistence import SessionNotFound, SessionStore
from tests.persistence.stores import FakeClock

HIDDEN_WHEN_EXPIRED: list[tuple[str, Callable[[SessionStore, str], Any]]] = [
    ("get_session", lambda s, sid: s.get_session(sid)),
    ("append_message", lambda s, sid: s.append_message(sid, "a", "x")),
    ("get_messages", lambda s, sid: s.get_messages(sid)),
    ("get_messages after_seq", lambda s, sid: s.get_messages(sid, after_seq=0, limit=5)),
    ("delete_session", lambda s, sid: s.delete_session(sid)),
]


@pytest.mark.parametrize(
    ("name", "action"), HIDDEN_WHEN_EXPIRED, ids=[name for name, _ in HIDDEN_WHEN_EXPIRED]
)
def test_expired_session_is_invisible_before_any_purge(
    store: SessionStore, clock: FakeClock, name: str, action: Callable[[SessionStore, str], Any]
) -> None:
    store.create_session(["a"], session_id="brief", ttl=60)
    store.append_message("brief", "a", "hello")
    clock.advance(59)  # still alive one second before expiry
    assert store.get_session("brief").message_count == 1
    clock.advance(2)
    with pytest.raises(SessionNotFound, match="brief"):
        action(store, "brief")
    assert store.list_sessions() == []
    assert store.list_sessions(participant="a") == []


def test_ttl_slides_with_every_append(store: SessionStore, clock: FakeClock) -> None:
    created = store.create_session(["a"], session_id="chatty", ttl=60)
    assert created.expires_at == clock.now + 60
    for _ in range(5):  # 5 x 50 s = 250 s in all, far past the first expiry, but never 60 s idle
        clock.advance(50)
        message = store.append_message("chatty", "a", "still here")
        assert store.get_session("chatty").expires_at == message.timestamp + 60 == clock.now + 60
    clock.advance(59)
    assert store.get_session("chatty").message_count == 5
    assert [s.id for s in store.list_sessions()] == ["chatty"]
    clock.advance(2)
    with pytest.raises(SessionNotFound):
        store.get_session("chatty")


def test_reads_do_not_extend_the_ttl(store: SessionStore, clock: FakeClock) -> None:
    store.create_session(["a"], session_id="read-only", ttl=60)
    clock.advance(40)
    store.get_session("read-only")
    store.get_messages("read-only")
    store.list_sessions()
    clock.advance(21)
    with pytest.raises(SessionNotFound):  # 61 s after the only write: reads did not slide the expiry
        store.get_session("read-only")


def test_default_ttl_from_the_url_and_per_session_override(
    open_url: Callable[[str], SessionStore], url_with: Callable[..., str], clock: FakeClock
) -> None:
    store = open_url(url_with(ttl=120))
    by_default = store.create_session(["a"], session_id="default")
    own = store.create_session(["a"], session_id="own", ttl=10)
    assert by_default.expires_at == clock.now + 120
    assert own.expires_at == clock.now + 10
    clock.advance(11)
    assert [s.id for s in store.list_sessions()] == ["default"]
    message = store.append_message("default", "a", "x")  # slides by the session's own ttl
    assert store.get_session("default").expires_at == message.timestamp + 120


def test_no_ttl_never_expires(store: SessionStore, clock: FakeClock) -> None:
    store.create_session(["a"], session_id="forever")
    store.append_message("forever", "a", "x")
    clock.advance(10 * 365 * 24 * 3600)
    assert store.get_session("forever").expires_at is None
    assert store.purge_expired() == 0
    assert store.get_messages("forever")[0].content == "x"


def test_purge_expired_counts_and_removes(store: SessionStore, clock: FakeClock) -> None:
    for name, ttl in (("gone-1", 10), ("gone-2", 20), ("alive", 100), ("forever", None)):
        store.create_session(["a"], session_id=name, ttl=ttl)
        store.append_message(name, "a", f"in {name}")
    clock.advance(21)
    assert store.purge_expired() == 2
    assert store.purge_expired() == 0  # nothing left to purge
    assert sorted(s.id for s in store.list_sessions()) == ["alive", "forever"]
    assert [m.content for m in store.get_messages("alive")] == ["in alive"]
    for name in ("gone-1", "gone-2"):
        with pytest.raises(SessionNotFound):
            store.get_messages(name)
    clock.advance(100)
    assert store.purge_expired() == 1
    assert [s.id for s in store.list_sessions()] == ["forever"]


def test_expired_id_can_be_created_again(store: SessionStore, clock: FakeClock) -> None:
    # an expired session is gone for every purpose, purged or not: its id is free again
    store.create_session(["a"], session_id="phoenix", ttl=10, title="old")
    store.append_message("phoenix", "a", "old message")
    clock.advance(11)
    reborn = store.create_session(["b"], session_id="phoenix", title="new")
    assert (reborn.title, reborn.participants, reborn.expires_at) == ("new", ("b",), None)
    assert store.get_messages("phoenix") == []
    assert store.append_message("phoenix", "b", "first again").seq == 1
    clock.advance(100)
    assert store.purge_expired() == 0
    assert store.get_session("phoenix").message_count == 1
