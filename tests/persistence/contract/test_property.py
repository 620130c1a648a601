"""Property: any metadata and title are either stored exactly (equal values, equal types) or refused with
InvalidData, on every backend, and a refusal leaves the store unchanged."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persistence import InvalidData
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
