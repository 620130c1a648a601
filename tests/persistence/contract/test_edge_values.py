"""One table of edge values through every backend and through export -> import: equal values, equal types.

The codec's rules hold on every path: True and 1 stay distinct, -0.0, 5e-324 and 2**70 come back
exactly, every Unicode character and the key order survive, and NaN / Infinity (or a boolean where
a number belongs) are refused with InvalidData before anything is written.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from persistence import InvalidData, Message, Session, SessionStore
from persistence.base import StoreBase
from persistence.transfer.export import write_export
from persistence.transfer.import_ import import_file
from tests.persistence.stores import START, backend_url

EDGE_VALUES = [
    pytest.param(
        {"t": True, "one": 1, "f": False, "zero": 0, "one float": 1.0}, id="booleans are not numbers"
    ),
    pytest.param({"z": -0.0, "list": [-0.0, 0.0, 0]}, id="negative zero"),
    pytest.param({"tiny": 5e-324, "max": 1.7976931348623157e308}, id="smallest subnormal"),
    pytest.param({"big": 2**70, "negative": -(2**70), "huge": 10**40}, id="big integers"),
    pytest.param(
        {"astral": "😀 𝄞", "combining": "e\u0301 a\u0308", "名前": "Ünïcødé", "nul": "a\x00b"}, id="unicode"
    ),
    pytest.param({"b": 1, "a": {"z": [3, 2, 1], "y": None}, "c": [], "": "empty key"}, id="key order"),
    pytest.param({"values": [True, 1, 1.0, None, "1", [False, 0]]}, id="mixed list"),
]
NOT_JSON = [float("nan"), float("inf"), -float("inf")]


def typed(value: Any) -> str:
    """repr shows what == hides: True vs 1, 1.0 vs 1, -0.0 vs 0.0, and dict key order."""
    return repr(value)


def write(store: SessionStore, metadata: dict[str, Any]) -> tuple[Session, list[Message]]:
    """A session and two messages carrying `metadata` (and unicode names and text); what the store returned."""
    session = store.create_session(
        ["Ünïcødé 名前", "e\u0301"], session_id="edge", title="😀\u0301", metadata=metadata
    )
    messages = [
        store.append_message(
            "edge", "Ünïcødé 名前", "𝄞 a\u0308\n", recipients=["e\u0301"], metadata=metadata
        ),
        store.append_message("edge", "e\u0301", "", metadata={"n": len(metadata), **metadata}),
    ]
    return replace(session, updated_at=messages[-1].timestamp, message_count=2), messages


def assert_same(store: SessionStore, session: Session, messages: list[Message]) -> None:
    """Every read path gives back exactly the records written: equal values, equal types, same key order."""
    for found in (store.get_session("edge"), store.list_sessions()[0]):
        assert typed(found) == typed(session)
        assert type(found.created_at) is float and type(found.message_count) is int
    assert [typed(m) for m in store.get_messages("edge")] == [typed(m) for m in messages]
    assert [typed(m) for m in store.get_messages("edge", limit=1)] == [typed(messages[-1])]


@pytest.mark.parametrize("metadata", EDGE_VALUES)
def test_edge_values_come_back_equal_and_of_equal_type(store: SessionStore, metadata: dict[str, Any]) -> None:
    session, messages = write(store, metadata)
    assert typed(messages[0].metadata) == typed(metadata), "what append_message returns is what it stores"
    assert_same(store, session, messages)


@pytest.fixture
def empty_copy(
    backend: str, open_url: Callable[[str], SessionStore], request: pytest.FixtureRequest, tmp_path: Path
) -> StoreBase:
    """A second, empty store of the backend under test."""
    (tmp_path / "copy").mkdir()
    copy = open_url(backend_url(backend, request, tmp_path / "copy"))
    assert isinstance(copy, StoreBase)
    return copy


@pytest.mark.parametrize("metadata", EDGE_VALUES)
def test_edge_values_survive_export_then_import(
    store: SessionStore, empty_copy: StoreBase, tmp_path: Path, metadata: dict[str, Any]
) -> None:
    session, messages = write(store, metadata)
    write_export(store, tmp_path / "edge.jsonl", source="test", clock=lambda: START)
    copy = empty_copy
    assert import_file(copy, tmp_path / "edge.jsonl").imported == 1
    assert_same(copy, session, messages)


@pytest.mark.parametrize("bad", NOT_JSON, ids=repr)
def test_nan_and_infinity_are_refused_before_anything_is_written(store: SessionStore, bad: float) -> None:
    with pytest.raises(InvalidData, match="metadata"):
        store.create_session(["a"], session_id="nan", metadata={"x": [1, bad]})
    assert store.list_sessions() == []
    store.create_session(["a"], session_id="ok")
    with pytest.raises(InvalidData, match="metadata"):
        store.append_message("ok", "a", "text", metadata={"nested": {"x": bad}})
    assert store.get_messages("ok") == [] and store.get_session("ok").message_count == 0


GOOD = Session("restored", ("a",), "", {"k": 1}, START - 5, START - 1, None, 1)
GOOD_MESSAGE = Message("restored", 1, "a", "hi", (), START - 1, {"k": True})
BAD_RECORDS = [
    pytest.param(replace(GOOD, metadata={"x": math.nan}), GOOD_MESSAGE, id="NaN in session metadata"),
    pytest.param(GOOD, replace(GOOD_MESSAGE, metadata={"x": math.inf}), id="Infinity in message metadata"),
    pytest.param(replace(GOOD, updated_at=math.nan), GOOD_MESSAGE, id="NaN as a time"),
    pytest.param(replace(GOOD, created_at=True), GOOD_MESSAGE, id="boolean as a time"),
    pytest.param(GOOD, replace(GOOD_MESSAGE, timestamp=False), id="boolean as a timestamp"),
    pytest.param(replace(GOOD, message_count=True), GOOD_MESSAGE, id="boolean as a count"),
    pytest.param(GOOD, replace(GOOD_MESSAGE, seq=True), id="boolean as a seq"),
]


@pytest.mark.parametrize(("session", "message"), BAD_RECORDS)
def test_restore_refuses_what_the_codec_refuses(
    store: SessionStore, session: Session, message: Message
) -> None:
    assert isinstance(store, StoreBase)
    with pytest.raises(InvalidData):
        store.restore_session(session, [message], ttl=None)
    assert store.list_sessions() == []
    store.restore_session(GOOD, [GOOD_MESSAGE], ttl=None)  # the same records, fixed, are accepted
    assert typed(store.get_messages("restored")) == typed([GOOD_MESSAGE])


LONE_SURROGATE = "\ud800"
SURROGATE_WRITES: dict[str, Callable[[SessionStore], object]] = {
    "metadata": lambda s: s.create_session(["a"], session_id="x", metadata={"k": LONE_SURROGATE}),
    "metadata key": lambda s: s.create_session(["a"], session_id="x", metadata={LONE_SURROGATE: 1}),
    "title": lambda s: s.create_session(["a"], session_id="x", title=LONE_SURROGATE),
    "participant": lambda s: s.create_session([LONE_SURROGATE], session_id="x"),
}


@pytest.mark.parametrize("where", SURROGATE_WRITES)
def test_text_no_backend_can_store_is_refused_on_every_backend(store: SessionStore, where: str) -> None:
    """A lone surrogate fits ASCII JSON (Redis) but not UTF-8 (files, SQLite): one rule refuses it everywhere."""
    with pytest.raises(InvalidData):
        SURROGATE_WRITES[where](store)
    assert store.list_sessions() == []
