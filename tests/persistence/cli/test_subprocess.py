"""`python -m persistence` as a real process: exit codes 0 / 1 / 2, one-line errors on stderr, no traceback, no password."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from persistence import open_store
from persistence.transfer.export import write_export
from tests.persistence.stores import FakeClock

REPO = Path(__file__).resolve().parents[3]

CASES = [
    # (arguments; {db} is a store holding session 'a', {file} its export; exit code; start of stdout; start of stderr)
    (["stats", "{db}"], 0, "sessions  1\nmessages  2\n", ""),
    (
        ["stats", "sqlite:///{tmp}/typo.db"],
        2,
        "",
        "Error: no store at sqlite:///{tmp}/typo.db (no such database file)",
    ),
    (["list", "json:///{tmp}/nodir"], 2, "", "Error: no store at json:///{tmp}/nodir (no such directory)"),
    (["list", "{db}", "--limit", "0"], 2, "", "Usage: "),  # 0 is not a count of sessions to show; --all is
    (["list", "{db}", "--all"], 0, "ID", ""),
    (
        ["migrate", "{db}", "sqlite:///{tmp}/./store.db"],
        2,
        "",
        "Error: SRC_URL and DST_URL are the same store",
    ),
    (
        ["list", "redis://127.0.0.1:1/0?password=pa55-word"],
        2,
        "",
        "Error: cannot use Redis at redis://127.0.0.1:1/0?password=***",
    ),
    (["import", "sqlite:///{tmp}/new.db", "{file}"], 0, "imported 1 session", ""),
    (["export", "{db}", "{tmp}/out.jsonl"], 0, "exported 1 session, 2 messages to ", ""),
    (["import", "sqlite:///{tmp}/new.db", "{file}"], 0, "imported 1 session, 1 message from ", ""),
    (
        ["import", "{db}", "{file}"],
        1,
        "",
        "Error: {file} line 2: session 'a' already exists in the store",
    ),  # conflict
    (["import", "{db}", "{file}", "--on-conflict", "skip"], 0, "imported 0 sessions", ""),
    (
        ["import", "{db}", "{tmp}/v9.jsonl"],
        1,
        "",
        "Error: {tmp}/v9.jsonl line 1: the file has format version 9",
    ),
    (["show", "{db}", "missing"], 1, "", "Error: session 'missing' does not exist or has expired"),
    (["list", "ftp://x"], 2, "", "Error: unknown store URL scheme 'ftp'"),  # bad URL: usage
    (
        ["list", "redis://:pa55-word@127.0.0.1:1/0"],
        2,
        "",
        "Error: cannot use Redis at redis://:***@127.0.0.1:1/0",
    ),
    (["import", "{db}"], 2, "", "Usage: python -m persistence import [OPTIONS] URL FILE"),  # missing argument
    (["import", "{db}", "{file}", "--on-conflict", "overwrite"], 2, "", "Usage: "),  # no silent overwrite
    (["nosuchcommand"], 2, "", "Usage: python -m persistence [OPTIONS] COMMAND [ARGS]..."),
]


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    """A SQLite store with session 'a' (one message), its export file, and an export claiming format version 9."""
    db = f"sqlite:///{tmp_path}/store.db"
    with open_store(db, clock=FakeClock()) as store:
        store.create_session(["ann"], session_id="a")
        store.append_message("a", "ann", "hello")
        write_export(store, tmp_path / "a.jsonl", source=db, clock=FakeClock())
        store.append_message("a", "ann", "after the export")  # the store's 'a' now differs from the file's
    header, *rest = (tmp_path / "a.jsonl").read_text(encoding="ascii").splitlines(keepends=True)
    (tmp_path / "v9.jsonl").write_text(
        header.replace('"version":2', '"version":9') + "".join(rest), encoding="ascii"
    )
    return {"db": db, "file": str(tmp_path / "a.jsonl"), "tmp": str(tmp_path)}


@pytest.mark.parametrize(("args", "code", "stdout", "stderr"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_exit_codes_and_messages(
    places: dict[str, str], args: list[str], code: int, stdout: str, stderr: str
) -> None:
    command = [sys.executable, "-m", "persistence", *(arg.format(**places) for arg in args)]
    result = subprocess.run(command, cwd=REPO, check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == code, result.stderr
    assert result.stdout.startswith(stdout.format(**places))
    assert result.stderr.startswith(stderr.format(**places)), result.stderr
    assert "Traceback" not in result.stderr and "pa55-word" not in result.stderr + result.stdout
    if code:
        assert result.stdout == ""
