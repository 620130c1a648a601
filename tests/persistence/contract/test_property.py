"""Properties, on every backend: any metadata and title are either stored exactly (equal values, equal
types) or refused with InvalidData; and any call of the public API with arbitrary text, nested metadata
and integers (ids, names, content, client ids, after_seq, before_seq, limit, ttl, versions, read
cursors) either works or raises a PersistenceError,
never another exception, and a refused call (or any read) leaves the store exactly as it was."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persistence import InvalidData, Message, PersistenceError, Session
from persistence.base import StoreBase

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=8)  # surrogates too
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats()  # NaN and the infinities included
    | ANY_TEXT
)
JSON_VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(metadata=st.dictionaries(ANY_TEXT, JSON_VALUES, max_size=5), title=ANY_TEXT)
def test_any_record_is_stored_exactly_or_refused_as_ours(
    store: StoreBase, metadata: dict[str, Any], title: str
) -> None:
    before = store.list_sessions(limit=1000)
    try:
        created = store.create_session(["a"], title=title, metadata=metadata)
        message = store.append_message(created.id, "a", "text", metadata=metadata)
    except InvalidData:
        assert store.list_sessions(limit=1000) == before, "a refused write leaves the store unchanged"
        return
    assert repr(store.get_session(created.id).metadata) == repr(metadata)  # True vs 1, -0.0, key order
    assert store.get_session(created.id).title == title
    assert repr(store.get_messages(created.id)) == repr([message])


def deep(levels: int) -> list[Any]:
    """A list nested `levels` deep (over the metadata depth limit when levels > 100)."""
    value: list[Any] = []
    for _ in range(levels):
        value = [value]
    return value


INTS = st.sampled_from([0, 1, 2**63 - 1, 2**63, 2**64, -1, -(2**63)]) | st.integers(-(2**70), 2**70)
MAYBE_INTS = st.none() | INTS
METADATA = st.none() | st.dictionaries(ANY_TEXT, JSON_VALUES | st.just(deep(150)), max_size=3)
NAMES = st.lists(ANY_TEXT, max_size=3) | ANY_TEXT
IDS = st.sampled_from(["keep", "new-1"]) | ANY_TEXT
CALLS = st.one_of(
    st.tuples(
        st.just("create_session"),
        st.fixed_dictionaries(
            {"participants": NAMES, "session_id": st.none() | IDS, "title": ANY_TEXT, "metadata": METADATA},
            optional={"ttl": st.none() | INTS | st.floats()},
        ),
    ),
    st.tuples(
        st.just("append_message"),
        st.fixed_dictionaries(
            {"session_id": IDS, "sender": ANY_TEXT, "content": ANY_TEXT, "metadata": METADATA},
            optional={"recipients": NAMES, "client_id": st.none() | st.just("c1") | IDS | INTS},
        ),
    ),
    st.tuples(
        st.just("get_messages"),
        st.fixed_dictionaries(
            {"session_id": IDS, "after_seq": MAYBE_INTS, "limit": MAYBE_INTS},
            optional={"before_seq": MAYBE_INTS},
        ),
    ),
    st.tuples(
        st.just("list_sessions"),
        st.fixed_dictionaries({"participant": st.none() | ANY_TEXT, "limit": MAYBE_INTS}),
    ),
    st.tuples(st.just("get_session"), st.fixed_dictionaries({"session_id": IDS})),
    st.tuples(
        st.just("mark_read"),
        st.fixed_dictionaries(
            {
                "session_id": IDS,
                "participant": st.just("a") | ANY_TEXT,
                "seq": st.sampled_from([0, 1, 2]) | INTS,
            }
        ),
    ),
    st.tuples(st.just("read_state"), st.fixed_dictionaries({"session_id": IDS})),
    st.tuples(
        st.just("unread_counts"),
        st.fixed_dictionaries({"participant": st.just("a") | ANY_TEXT}, optional={"limit": MAYBE_INTS}),
    ),
    st.tuples(
        st.just("update_session"),
        st.fixed_dictionaries(
            {"session_id": IDS},
            optional={"title": st.none() | ANY_TEXT, "metadata": METADATA, "expected_version": MAYBE_INTS},
        ),
    ),
    st.tuples(
        st.sampled_from(["add_participants", "remove_participants"]),
        st.fixed_dictionaries(
            {"session_id": IDS, "participants": NAMES}, optional={"expected_version": MAYBE_INTS}
        ),
    ),
    st.tuples(
        st.just("restore_session"),
        st.fixed_dictionaries(
            {
                "session": st.builds(
                    Session,
                    id=IDS,
                    participants=st.lists(ANY_TEXT, max_size=2).map(tuple),
                    title=ANY_TEXT,
                    metadata=st.dictionaries(ANY_TEXT, JSON_VALUES, max_size=2),
                    created_at=st.floats(),
                    updated_at=st.sampled_from([1.9e9, 2e9]) | st.floats(),
                    expires_at=st.none() | st.floats(),
                    message_count=st.sampled_from([0, 1]) | INTS,
                    version=st.just(1) | INTS,
                ),
                "messages": st.lists(
                    st.builds(
                        Message,
                        session_id=IDS,
                        seq=st.just(1) | INTS,
                        sender=ANY_TEXT,
                        content=ANY_TEXT,
                        recipients=st.lists(ANY_TEXT, max_size=2).map(tuple),
                        timestamp=st.floats(),
                        metadata=st.dictionaries(ANY_TEXT, JSON_VALUES, max_size=2),
                        client_id=st.none() | IDS,
                    ),
                    max_size=1,
                ),
                "ttl": st.none() | st.floats() | INTS,
            }
        ),
    ),
)
READS = ("get_messages", "list_sessions", "get_session", "read_state", "unread_counts")


def snapshot(store: StoreBase) -> list[tuple[str, Any, Any]]:
    """Every live session with its messages, as comparable text."""
    return [
        (s.id, repr(s), repr(store.get_messages(s.id)), repr(store.read_state(s.id)))
        for s in store.list_sessions(limit=None)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(call=CALLS)
def test_any_call_raises_only_ours_and_a_refused_one_changes_nothing(
    store: StoreBase, call: tuple[str, dict[str, Any]]
) -> None:
    if not store.list_sessions(limit=1):
        store.create_session(["a"], session_id="keep")
        store.append_message("keep", "a", "first", client_id="c1")  # retried or reused by the calls
    name, arguments = call
    before = snapshot(store)
    try:
        getattr(store, name)(**arguments)
    except PersistenceError:
        assert snapshot(store) == before, f"a refused {name} leaves the store unchanged"
        return
    except Exception as exc:  # noqa: BLE001 - the property: nothing but our own errors escapes
        pytest.fail(f"{name}({arguments!r}) raised {type(exc).__name__}: {exc}")
    if name in READS:
        assert snapshot(store) == before, "reading changes nothing"
