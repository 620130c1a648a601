"""Shared data for the tools tests: store URLs per backend, a varied data set, and a full dump of a store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from persistence import Message, Session, SessionStore
from persistence.transfer.export import ALL
from tests.persistence.stores import backend_url

# The data set is written on the fake clock (START = 2027-01-15), so it is live for the real clock
# the CLI uses: a session with ttl 3600 created at START expires in 2027.
TRICKY_FLOATS = {"third": 1 / 3, "tiny": 5e-324, "big": 1.7976931348623157e308, "negative zero": -0.0}


def url_for(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    """A fresh store URL of `backend` under `folder` (Redis, cluster, hybrid cache: a fresh key prefix)."""
    folder.mkdir(parents=True, exist_ok=True)
    return backend_url(backend, request, folder)


def populate(store: SessionStore, step: Callable[[float], None]) -> list[str]:
    """Write a varied data set (ttl and none, unicode, JSON edge values, empty sessions); return the ids.

    `step(seconds)` moves the fake clock between writes, so every timestamp is distinct.
    """
    plain = store.create_session(["Agent-1", "Agent-2"], session_id="plain", title="Plain")
    step(0.125)
    sliding = store.create_session(
        ["Ünïcødé 名前", "Agent-2"],
        title="line1\nline2 \x1b[31m",
        metadata=dict(TRICKY_FLOATS, nested={"a": [1, None, True]}),
        ttl=3600.5,
    )
    step(0.001)
    store.create_session(["solo"], session_id="empty.session_1", ttl=86400)
    for number in range(7):
        step(0.1 + number / 1000)
        store.append_message(plain.id, "Agent-1", f"message {number}\n\ttabbed 😀", recipients=["Agent-2"])
        store.append_message(sliding.id, "Ünïcødé 名前", "", metadata={"n": number, "f": number / 7})
    store.append_message(plain.id, "Agent-2", "idempotent", client_id="retry-1.x_y")  # format 2: client_id
    store.update_session(plain.id, title="Plain, renamed")  # format 2: versions
    store.add_participants(plain.id, ["Agent-3"])
    store.mark_read(plain.id, "Agent-2", 5)  # format 2: read cursors
    store.mark_read(sliding.id, "Ünïcødé 名前", 7)
    return ["plain", sliding.id, "empty.session_1"]


Dump = dict[str, tuple[Session, list[Message], dict[str, int]]]


def dump(store: SessionStore) -> Dump:
    """Every live session of `store` with all its messages and its read cursors, by id."""
    return {
        s.id: (s, store.get_messages(s.id), store.read_state(s.id)) for s in store.list_sessions(limit=ALL)
    }


def assert_same_store(copy: Dump, original: Dump) -> None:
    """Every field of every session and message equal, bit for bit for floats (repr compares them exactly),
    and the same read cursors."""
    assert sorted(copy) == sorted(original)
    for session_id, (session, messages, cursors) in original.items():
        assert repr(copy[session_id][0]) == repr(session)
        assert [repr(m) for m in copy[session_id][1]] == [repr(m) for m in messages]
        assert copy[session_id][2] == cursors
