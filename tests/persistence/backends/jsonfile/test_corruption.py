"""JSON store: damaged files raise CorruptData naming file and line, whichever way they are read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from persistence import CorruptData, SessionStore, open_store
from persistence.backends.jsonfile.files import FIRST_CHUNK
from tests.persistence.stores import FakeClock

MESSAGES = 5


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def json_store(root: Path, clock: FakeClock, request: pytest.FixtureRequest) -> SessionStore:
    """A JSON store holding session 's' with messages m1..m5 (all of equal length, padded by `request.param`)."""
    padding = " " * getattr(request, "param", 0)
    store = open_store(f"json:///{root}", clock=clock)
    store.create_session(["a"], session_id="s")
    for number in range(1, MESSAGES + 1):
        store.append_message("s", "a", f"m{number}{padding}")
    return store


# Reads from the end know every line's number when they reach the start of a small log; in a long one
# they check that the last two lines hold consecutive seqs.
LOG_SIZES = pytest.mark.parametrize(
    "json_store", [0, FIRST_CHUNK], indirect=True, ids=["short log read whole", "long log read from the end"]
)


def rewrite_line(log: Path, number: int, new: bytes) -> None:
    """Overwrite line `number` (1-based) in place, padded with spaces to its old length (JSON ignores them)."""
    lines = log.read_bytes().split(b"\n")
    old = lines[number - 1]
    assert len(new) <= len(old)
    lines[number - 1] = new + b" " * (len(old) - len(new))
    log.write_bytes(b"\n".join(lines))


DAMAGED_LINE_3: list[tuple[str, bytes]] = [
    # (what happened to line 3, its new content) -- each raises CorruptData naming line 3
    ("garbage bytes", b"\x00\xff\xfe#garbage"),
    ("cut JSON", b'{"seq":3,"sender":"a","con'),
    ("a JSON array", b"[1, 2, 3]"),
    ("a JSON string", b'"just a string"'),
    ("fields missing", b'{"seq":3}'),
    (
        "a field of the wrong type",
        b'{"seq":3,"sender":7,"content":"m3","recipients":[],"timestamp":1,"metadata":{}}',
    ),
    ("the wrong seq", b'{"seq":9,"sender":"a","content":"m3","recipients":[],"timestamp":1,"metadata":{}}'),
]


@LOG_SIZES
@pytest.mark.parametrize(("case", "new"), DAMAGED_LINE_3, ids=[case for case, _ in DAMAGED_LINE_3])
def test_damaged_middle_line_raises_corrupt_data_naming_file_and_line(
    json_store: SessionStore, root: Path, case: str, new: bytes
) -> None:
    log = root / "s" / "messages.jsonl"
    rewrite_line(log, 3, new)
    with pytest.raises(CorruptData, match=r"messages\.jsonl line 3\b") as caught:
        json_store.get_messages("s")
    assert str(log) in str(caught.value)
    assert "restore" in str(caught.value)  # says what to do
    assert [m.seq for m in json_store.get_messages("s", after_seq=3)] == [4, 5]  # undamaged pages still read
    assert [m.seq for m in json_store.get_messages("s", limit=2)] == [
        4,
        5,
    ]  # read from the end: line 3 unread
    assert json_store.get_session("s").message_count == MESSAGES


def edit_lines(change: Callable[[list[bytes]], list[bytes]]) -> Callable[[bytes], bytes]:
    """Apply `change` to the log's complete lines."""
    return lambda data: b"".join(line + b"\n" for line in change(data.split(b"\n")[:-1]))


SHIFTED_LINES: list[tuple[str, Callable[[bytes], bytes], int]] = [
    # (what happened, the change, the line to blame) -- the error names the cause, not the lines it shifted
    ("lines 2 and 3 merged", edit_lines(lambda lines: [lines[0], lines[1] + b" " + lines[2], *lines[3:]]), 2),
    ("lines 4 and 5 merged", edit_lines(lambda lines: [*lines[:3], lines[3] + b" " + lines[4]]), 4),
    ("line 3 lost", edit_lines(lambda lines: lines[:2] + lines[3:]), 3),
    ("line 2 written twice", edit_lines(lambda lines: lines[:2] + lines[1:]), 3),
]


@pytest.mark.parametrize(
    ("change", "blamed"), [row[1:] for row in SHIFTED_LINES], ids=[row[0] for row in SHIFTED_LINES]
)
def test_shifted_lines_raise_corrupt_data_naming_the_cause(
    json_store: SessionStore, root: Path, change: Callable[[bytes], bytes], blamed: int
) -> None:
    # a short log: reads from the end reach its start, so they know line numbers too (a long log's
    # shifted lines are found by reads from the start only)
    log = root / "s" / "messages.jsonl"
    log.write_bytes(change(log.read_bytes()))
    for action in (
        lambda: json_store.get_messages("s"),
        lambda: json_store.get_session("s"),
    ):  # from start / end
        with pytest.raises(CorruptData, match=rf"messages\.jsonl line {blamed}\b"):
            action()


def line(seq: int) -> bytes:
    """A well-formed log line holding `seq`."""
    return b'{"seq":%d,"sender":"a","content":"m","recipients":[],"timestamp":1,"metadata":{}}' % seq


DAMAGED_LAST_LINES: list[tuple[str, int, bytes]] = [
    # (what happened, line damaged, its new content) -- every read and write decodes the last two lines
    # (the last is the session's activity, the one before must hold the seq before it); on damage the
    # store counts lines from the start to name the one that is wrong
    ("garbage in the last line", 5, b"\x00\xff#garbage"),
    ("the last line holds a JSON list", 5, b"[5]"),
    ("the last line holds seq 0", 5, line(0)),
    ("the last line holds a seq too high", 5, line(9)),
    ("the one before holds a wrong seq", 4, line(2)),
    ("the one before is cut JSON", 4, b'{"seq":4,"sender":"a"'),
]


@LOG_SIZES
@pytest.mark.parametrize(
    ("number", "new"), [row[1:] for row in DAMAGED_LAST_LINES], ids=[row[0] for row in DAMAGED_LAST_LINES]
)
def test_damaged_last_lines_raise_corrupt_data_naming_the_line(
    json_store: SessionStore, root: Path, number: int, new: bytes
) -> None:
    log = root / "s" / "messages.jsonl"
    rewrite_line(log, number, new)
    damaged = log.read_bytes()
    for action in (
        lambda: json_store.get_session("s"),
        lambda: json_store.get_messages("s", limit=1),
        lambda: json_store.get_messages("s", after_seq=1, limit=1),
        lambda: json_store.append_message("s", "a", "x"),
        json_store.list_sessions,
        lambda: json_store.delete_session("s"),
    ):
        with pytest.raises(CorruptData, match=rf"messages\.jsonl line {number}\b"):
            action()
    assert log.read_bytes() == damaged  # nothing appended after damage, nothing "repaired" or deleted


SESSION_DAMAGE: list[tuple[str, bytes]] = [
    ("garbage", b"\x00\x01 not json"),
    ("empty file", b""),
    ("cut JSON", b'{"format":1,"id":"s","partic'),
    ("a JSON list", b"[]"),
    ("fields missing", b'{"format":1,"id":"s"}'),
    ("another session's record", b"COPY-OTHER"),
    ("an unknown format", b"FORMAT-99"),
]


@pytest.mark.parametrize(("case", "content"), SESSION_DAMAGE, ids=[case for case, _ in SESSION_DAMAGE])
def test_damaged_session_json_raises_corrupt_data(
    json_store: SessionStore, root: Path, case: str, content: bytes
) -> None:
    path = root / "s" / "session.json"
    json_store.create_session(["a"], session_id="other")
    if content == b"COPY-OTHER":
        content = (root / "other" / "session.json").read_bytes()
    elif content == b"FORMAT-99":
        content = path.read_bytes().replace(b'"format":2', b'"format":99')
    path.write_bytes(content)
    for action in (
        lambda: json_store.get_session("s"),
        lambda: json_store.get_messages("s"),
        lambda: json_store.append_message("s", "a", "x"),
        json_store.list_sessions,
        lambda: json_store.delete_session("s"),
    ):
        with pytest.raises(CorruptData, match=r"s/session\.json"):
            action()
    assert json_store.get_session("other").id == "other"  # other sessions are unaffected
    assert path.read_bytes() == content  # nothing "repaired" it silently
