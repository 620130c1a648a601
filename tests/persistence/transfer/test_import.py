"""The export file format: its exact text, and import refusing newer versions, conflicts and damaged lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from persistence import open_store
from persistence.cli import cli
from persistence.transfer.export import write_export
from tests.persistence.stores import START, FakeClock

EXPECTED_EXPORT = [
    '{"type":"header","format":"multichat-sessions","version":2,"exported_at":1800000000.5,"source":"test"}',
    '{"type":"session","id":"b","participants":["bob"],"title":"","metadata":{},"created_at":1800000000.25,'
    '"updated_at":1800000000.25,"expires_at":null,"message_count":0,"version":1,"ttl":null,"read_state":{}}',
    '{"type":"session","id":"a","participants":["ann","bob"],"title":"T\\u00e9","metadata":{"f":0.1},'
    '"created_at":1800000000.0,"updated_at":1800000000.125,"expires_at":1800003600.125,"message_count":1,"version":1,"ttl":3600.0,"read_state":{}}',
    '{"type":"message","session_id":"a","seq":1,"sender":"ann","content":"hi\\nthere","recipients":["bob"],'
    '"timestamp":1800000000.125,"metadata":{"k":[1,null]}}',
    '{"type":"end","sessions":2,"messages":1}',
]


@pytest.fixture
def export_lines(tmp_path: Path, clock: FakeClock) -> list[str]:
    """The lines of an export of a small SQLite store written on the fake clock (sessions 'a' and 'b')."""
    with open_store(f"sqlite:///{tmp_path}/source.db", clock=clock) as store:
        store.create_session(["ann", "bob"], session_id="a", title="Té", metadata={"f": 0.1}, ttl=3600)
        clock.advance(0.125)
        store.append_message("a", "ann", "hi\nthere", recipients=["bob"], metadata={"k": [1, None]})
        clock.advance(0.125)
        store.create_session(["bob"], session_id="b")
        write_export(store, tmp_path / "export.jsonl", source="test", clock=lambda: START + 0.5)
    return (tmp_path / "export.jsonl").read_text(encoding="ascii").splitlines()


def run_import(tmp_path: Path, lines: list[str], *options: str) -> tuple[int, str, str, list[str]]:
    """Import `lines` into a fresh SQLite store: (exit code, stdout, stderr, ids now in the store)."""
    file = tmp_path / "import.jsonl"
    file.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    url = f"sqlite:///{tmp_path}/target.db"
    result = CliRunner().invoke(cli, ["import", url, str(file), *options])
    with open_store(url) as store:
        ids = sorted(s.id for s in store.list_sessions())
    return result.exit_code, result.stdout, result.stderr.replace(str(file), "FILE"), ids


def test_export_writes_the_documented_format_exactly(export_lines: list[str], tmp_path: Path) -> None:
    assert export_lines == EXPECTED_EXPORT
    assert (tmp_path / "export.jsonl").stat().st_mode & 0o777 == 0o600  # chat content: owner-only
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temp file left behind


def replace_line(lines: list[str], number: int, **changes: object) -> list[str]:
    """`lines` with the JSON object on line `number` (1-based) updated by `changes`."""
    doc = json.loads(lines[number - 1])
    doc.update(changes)
    return [*lines[: number - 1], json.dumps(doc), *lines[number:]]


def as_version_1(lines: list[str]) -> list[str]:
    """`lines` as release 1 wrote them: header version 1, sessions without a version."""
    documents = [json.loads(line) for line in lines]
    documents[0]["version"] = 1
    for document in documents:
        for added in ("version", "read_state"):
            document.pop(added, None) if document["type"] == "session" else None
    return [json.dumps(document) for document in documents]


def test_a_version_1_file_imports_as_version_1_sessions(export_lines: list[str], tmp_path: Path) -> None:
    code, _, err, ids = run_import(tmp_path, as_version_1(export_lines))
    assert (code, err, ids) == (0, "", ["a", "b"])
    with open_store(f"sqlite:///{tmp_path}/target.db") as store:
        assert [store.get_session(sid).version for sid in ids] == [1, 1]
        assert [m.client_id for m in store.get_messages("a")] == [None]


DAMAGED = [
    # (name, how the file is changed, the error after "Error: FILE ")
    (
        "newer version",
        lambda ls: replace_line(ls, 1, version=3),
        "line 1: the file has format version 3, newer than this release reads (2); upgrade the persistence package to import it",
    ),
    (
        "a version 1 file with a client_id",
        lambda ls: replace_line(as_version_1(ls), 4, client_id="c1"),
        "line 4: missing or mistyped field(s) -, unknown field(s) client_id; the file is damaged or not "
        "format version 1",
    ),
    (
        "a version 1 file with a session version",
        lambda ls: replace_line(as_version_1(ls), 2, version=1),
        "line 2: missing or mistyped field(s) -, unknown field(s) version",
    ),
    (
        "a cursor beyond the last message",
        lambda ls: replace_line(ls, 3, read_state={"bob": 2}),
        "line 3: session 'a': read_state['bob'] must be an int from 0 to 1",
    ),
    (
        "a bad session version",
        lambda ls: replace_line(ls, 2, version=0),
        "line 2: missing or mistyped field(s) version,",
    ),
    (
        "a bad client_id",
        lambda ls: replace_line(ls, 4, client_id="no spaces"),
        "line 4: missing or mistyped field(s) client_id,",
    ),
    (
        "other format",
        lambda ls: replace_line(ls, 1, format="chat-logs"),
        "line 1: not a multichat-sessions export (format 'chat-logs'); pick an export file",
    ),
    ("not JSON", lambda ls: [*ls[:3], '{"type": "message", ', *ls[4:]], "line 4: not valid JSON"),
    (
        "NaN is not JSON",
        lambda ls: [*ls[:2], ls[2].replace('"ttl":3600.0', '"ttl":NaN'), *ls[3:]],
        "line 3: not valid JSON",
    ),
    (
        "missing field",
        lambda ls: [*ls[:1], ls[1].replace('"title":"",', ""), *ls[2:]],
        "line 2: missing or mistyped field(s) title, unknown field(s) -",
    ),
    (
        "unknown field",
        lambda ls: replace_line(ls, 4, extra=1),
        "line 4: missing or mistyped field(s) -, unknown field(s) extra",
    ),
    (
        "bool as a time",
        lambda ls: replace_line(ls, 3, created_at=True),
        "line 3: missing or mistyped field(s) created_at",
    ),
    (
        "seq gap",
        lambda ls: replace_line(ls, 4, seq=2),
        "line 4: session 'a' message 1: got session 'a' seq 2",
    ),
    ("bad id", lambda ls: replace_line(ls, 2, id="../etc"), "line 2: invalid session id '../etc'"),
    (
        "message missing",
        lambda ls: ls[:3] + ls[4:],
        "line 4: expected message 1 of session 'a', found a 'end' record",
    ),
    ("duplicate session", lambda ls: ls[:2] + ls[1:], "line 3: session 'b' appears twice"),
    (
        "end record missing",
        lambda ls: ls[:4],
        "ends where a session record or the end record should follow: the file is truncated",
    ),
    (
        "end counts wrong",
        lambda ls: replace_line(ls, 5, messages=7),
        "line 5: the end record counts 2 sessions / 7 messages",
    ),
    ("data after the end", lambda ls: ls + ls[1:2], "line 6: data after the end record"),
    ("empty file", lambda ls: [], "ends where the header should follow"),
    (
        "metadata nested 100,000 deep",
        lambda ls: [
            *ls[:1],
            ls[1].replace('"metadata":{}', '"metadata":{"d":' + "[" * 100_000 + "]" * 100_000 + "}"),
            *ls[2:],
        ],
        "line 2: not valid JSON (maximum recursion depth exceeded",
    ),
    (
        "metadata nested 150 deep",
        lambda ls: [
            *ls[:1],
            ls[1].replace('"metadata":{}', '"metadata":{"d":' + "[" * 150 + "]" * 150 + "}"),
            *ls[2:],
        ],
        "line 2: session 'b': metadata nests deeper than 100",
    ),
    (
        "a lone surrogate",
        lambda ls: [*ls[:1], ls[1].replace('"title":""', '"title":"\\ud800"'), *ls[2:]],
        "line 2: session 'b': not storable as JSON ('utf-8' codec can't encode",
    ),
]


@pytest.mark.parametrize(("damage", "error"), [row[1:] for row in DAMAGED], ids=[row[0] for row in DAMAGED])
def test_a_damaged_file_is_refused_naming_the_line_and_nothing_is_written(
    export_lines: list[str], tmp_path: Path, damage: object, error: str
) -> None:
    code, out, err, ids = run_import(tmp_path, damage(export_lines))  # type: ignore[operator]
    assert (code, out, ids) == (1, "", [])
    assert err.startswith(f"Error: FILE {error}"), err
    assert err.count("\n") == 1  # one line, no traceback


def test_conflict_fails_before_writing_anything_by_default(export_lines: list[str], tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/target.db") as store:
        store.create_session(["someone"], session_id="a")
    code, out, err, ids = run_import(tmp_path, export_lines)
    assert (code, out, ids) == (1, "", ["a"])  # 'b', before 'a' in the file, was not written either
    assert err == (
        "Error: FILE line 3: session 'a' already exists in the store; nothing was imported. "
        "Delete it there, or import with --on-conflict skip to keep the existing one\n"
    )


def test_conflict_skip_keeps_the_existing_session_and_reports_it(
    export_lines: list[str], tmp_path: Path
) -> None:
    with open_store(f"sqlite:///{tmp_path}/target.db") as store:
        existing = store.create_session(["someone"], session_id="a")
    code, out, err, ids = run_import(tmp_path, export_lines, "--on-conflict", "skip")
    assert (code, err, ids) == (0, "", ["a", "b"])
    assert (
        out
        == "imported 1 session, 0 messages from "
        + str(tmp_path / "import.jsonl")
        + "\nskipped 1 already in the store: a\n"
    )
    with open_store(f"sqlite:///{tmp_path}/target.db") as store:
        assert store.get_session("a") == existing


def test_sessions_already_expired_are_skipped_with_a_note(export_lines: list[str], tmp_path: Path) -> None:
    # 'a' expires at 1800003600.125 (2027); moved to 2001 it is long expired for the real clock
    lines = replace_line(export_lines, 3, created_at=1e9, updated_at=1e9, expires_at=1e9 + 3600)
    lines = replace_line(lines, 4, timestamp=1e9)
    code, out, err, ids = run_import(tmp_path, lines)
    assert (code, err, ids) == (0, "", ["b"])
    assert out.endswith("\nskipped 1 already expired: a\n")
