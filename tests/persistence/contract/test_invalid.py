"""Contract: every invalid input raises InvalidData before anything is written, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from persistence import InvalidData, SessionNotFound, SessionStore

BAD_IDS: list[object] = [
    # ids match [A-Za-z0-9][A-Za-z0-9._-]{0,127}
    "..",  # path traversal
    "../escape",
    "a/../../b",
    "/etc/passwd",  # absolute path
    "a/b",  # separator
    "a\\b",  # Windows separator
    "a\x00b",  # NUL
    "",  # empty
    "x" * 129,  # one over the 128-character limit
    "x" * 300,
    ".hidden",  # must start with a letter or digit
    "-flag",
    "_private",
    "with space",
    "semi;colon",
    "{hash-tag}",  # would break Redis cluster slots
    "star*",  # a Redis glob character
    "é",  # ASCII only
    "new\nline",
    "ok\n",  # a trailing newline must not slip through `$`
    5,  # not a str
    b"bytes-id",  # bytes, not a str (None is not here: create_session(session_id=None) generates one)
]

DEEP: list[Any] = []
for _ in range(3000):  # ~3,000 levels: the depth that raised RecursionError
    DEEP = [DEEP]

BAD_CREATES: list[tuple[str, dict[str, Any]]] = [
    ("participants empty", {"participants": []}),
    ("participants a bare str", {"participants": "ab"}),
    ("participant empty", {"participants": ["a", ""]}),
    ("participant not a str", {"participants": ["a", 7]}),
    ("participant None", {"participants": [None]}),
    ("participants None", {"participants": None}),
    ("metadata not a dict", {"metadata": ["a"]}),
    ("metadata not JSON: set", {"metadata": {"k": {1, 2}}}),
    ("metadata not JSON: object", {"metadata": {"k": object()}}),
    ("metadata not JSON: bytes", {"metadata": {"k": b"x"}}),
    ("metadata not JSON: NaN", {"metadata": {"k": float("nan")}}),
    ("ttl zero", {"ttl": 0}),
    ("ttl negative", {"ttl": -5}),
    ("ttl a str", {"ttl": "60"}),
    ("ttl a bool", {"ttl": True}),
    ("ttl NaN", {"ttl": float("nan")}),
    ("title not a str", {"title": 5}),
    ("title a lone surrogate", {"title": "x\ud800"}),
    ("participant a lone surrogate", {"participants": ["a", "\udfff"]}),
    ("metadata value a lone surrogate", {"metadata": {"k": ["\ud800"]}}),
    ("metadata key a lone surrogate", {"metadata": {"\ud800": 1}}),
    ("metadata nested over the depth limit", {"metadata": {"k": DEEP}}),
    ("metadata key an int", {"metadata": {1: "x"}}),  # never silently turned into "1"
    ("metadata nested key a tuple", {"metadata": {"k": [{(1, 2): "x"}]}}),
]


def assert_nothing_written(store: SessionStore) -> None:
    """The store still holds exactly the session 'keep', with no messages."""
    assert [s.id for s in store.list_sessions()] == ["keep"]
    assert store.get_session("keep").message_count == 0
    assert store.get_messages("keep") == []


@pytest.mark.parametrize("bad_id", BAD_IDS, ids=repr)
def test_bad_session_ids(store: SessionStore, bad_id: Any) -> None:
    store.create_session(["a"], session_id="keep")
    actions: list[Callable[[], Any]] = [
        lambda: store.create_session(["a"], session_id=bad_id),
        lambda: store.append_message(bad_id, "a", "x"),
        lambda: store.get_session(bad_id),
        lambda: store.get_messages(bad_id),
        lambda: store.delete_session(bad_id),
    ]
    for action in actions:
        with pytest.raises(InvalidData, match="session id"):
            action()
    assert_nothing_written(store)


@pytest.mark.parametrize(("case", "kwargs"), BAD_CREATES, ids=[case for case, _ in BAD_CREATES])
def test_bad_create_session_arguments(store: SessionStore, case: str, kwargs: dict[str, Any]) -> None:
    store.create_session(["a"], session_id="keep")
    arguments = {"participants": ["a"], "session_id": "new", **kwargs}
    with pytest.raises(InvalidData):
        store.create_session(arguments.pop("participants"), **arguments)
    assert_nothing_written(store)
    with pytest.raises(SessionNotFound):
        store.get_session("new")


BAD_APPENDS: list[tuple[str, dict[str, Any]]] = [
    # (rule broken, keyword arguments that break it); the store allows max_message_bytes=10
    ("sender empty", {"sender": ""}),
    ("sender not a str", {"sender": 5}),
    ("sender None", {"sender": None}),
    ("content not a str: int", {"content": 5}),
    ("content not a str: bytes", {"content": b"bytes"}),
    ("content None", {"content": None}),
    ("content 11 ASCII bytes", {"content": "x" * 11}),
    ("content 12 UTF-8 bytes in 6 characters", {"content": "é" * 6}),  # bytes count, not characters
    ("content 4-byte emoji x3", {"content": "🌍🌍🌍"}),
    ("content lone surrogate", {"content": "\ud800"}),
    ("recipients a bare str", {"recipients": "b"}),
    ("recipient empty", {"recipients": ["b", ""]}),
    ("recipient not a str", {"recipients": [3]}),
    ("metadata not a dict", {"metadata": "x"}),
    ("metadata not JSON", {"metadata": {"k": {1}}}),
    ("metadata not JSON: infinity", {"metadata": {"k": float("inf")}}),
    ("sender a lone surrogate", {"sender": "\ud800"}),
    ("recipient a lone surrogate", {"recipients": ["\ud800"]}),
    ("metadata a lone surrogate", {"metadata": {"k": "\udc80"}}),
    ("metadata nested over the depth limit", {"metadata": {"k": DEEP}}),
    ("metadata key an int", {"metadata": {1: "x"}}),
]


@pytest.mark.parametrize(("case", "kwargs"), BAD_APPENDS, ids=[case for case, _ in BAD_APPENDS])
def test_bad_append_message_arguments(
    open_url: Callable[[str], SessionStore], url_with: Callable[..., str], case: str, kwargs: dict[str, Any]
) -> None:
    store = open_url(url_with(max_message_bytes=10))
    store.create_session(["a"], session_id="keep")
    arguments = {"sender": "a", "content": "ok", **kwargs}
    with pytest.raises(InvalidData):
        store.append_message("keep", arguments.pop("sender"), arguments.pop("content"), **arguments)
    assert_nothing_written(store)


def test_content_at_the_byte_limit_is_accepted(
    open_url: Callable[[str], SessionStore], url_with: Callable[..., str]
) -> None:
    store = open_url(url_with(max_message_bytes=10))
    store.create_session(["a"], session_id="keep")
    for content in ("x" * 10, "é" * 5, "🌍🌍a" + "b"):  # 10 bytes each
        store.append_message("keep", "a", content)
    assert [m.content for m in store.get_messages("keep")] == ["x" * 10, "é" * 5, "🌍🌍ab"]


BAD_READS: list[tuple[str, Callable[[SessionStore], Any]]] = [
    ("get_messages limit negative", lambda s: s.get_messages("keep", limit=-1)),
    ("get_messages after_seq negative", lambda s: s.get_messages("keep", after_seq=-1)),
    ("get_messages limit a str", lambda s: s.get_messages("keep", limit="5")),  # type: ignore[arg-type]
    ("get_messages limit a float", lambda s: s.get_messages("keep", limit=1.5)),  # type: ignore[arg-type]
    ("get_messages after_seq a bool", lambda s: s.get_messages("keep", after_seq=True)),
    ("list_sessions limit negative", lambda s: s.list_sessions(limit=-1)),
    ("list_sessions limit a str", lambda s: s.list_sessions(limit="10")),  # type: ignore[arg-type]
    ("list_sessions participant not a str", lambda s: s.list_sessions(participant=5)),  # type: ignore[arg-type]
    ("list_sessions participant a lone surrogate", lambda s: s.list_sessions(participant="\ud800")),
    ("get_messages after_seq over 2**63-1", lambda s: s.get_messages("keep", after_seq=2**63)),
    ("get_messages limit over 2**63-1", lambda s: s.get_messages("keep", limit=2**70)),
    ("get_messages both over 2**63-1", lambda s: s.get_messages("keep", after_seq=2**64, limit=2**64)),
    ("list_sessions limit over 2**63-1", lambda s: s.list_sessions(limit=2**63)),
]


def test_the_list_limit_rule_is_the_same_everywhere(store: SessionStore) -> None:
    """limit=None: every session; limit=0: none; the largest int every backend holds works too."""
    for name in ("a", "b", "c"):
        store.create_session(["p"], session_id=name)
    assert len(store.list_sessions(limit=None)) == 3
    assert len(store.list_sessions(participant="p", limit=None)) == 3
    assert store.list_sessions(limit=0) == []
    assert store.list_sessions(participant="p", limit=0) == []
    assert len(store.list_sessions(limit=2**63 - 1)) == 3


def test_the_message_limit_rule_is_the_same_everywhere(store: SessionStore) -> None:
    """limit=None: every message; limit=0: none; after_seq and limit up to 2**63-1 work."""
    store.create_session(["p"], session_id="a")
    store.append_message("a", "p", "one")
    store.append_message("a", "p", "two")
    assert [m.seq for m in store.get_messages("a", limit=None)] == [1, 2]
    assert store.get_messages("a", limit=0) == []
    assert store.get_messages("a", after_seq=0, limit=0) == []
    assert [m.seq for m in store.get_messages("a", limit=2**63 - 1)] == [1, 2]
    assert [m.seq for m in store.get_messages("a", after_seq=1, limit=2**63 - 1)] == [2]
    assert store.get_messages("a", after_seq=2**63 - 1, limit=2**63 - 1) == []
    assert store.get_messages("a", after_seq=2**63 - 1) == []


@pytest.mark.parametrize(("case", "action"), BAD_READS, ids=[case for case, _ in BAD_READS])
def test_bad_read_arguments(store: SessionStore, case: str, action: Callable[[SessionStore], Any]) -> None:
    store.create_session(["a"], session_id="keep")
    with pytest.raises(InvalidData):
        action(store)
    assert_nothing_written(store)
