"""The inspection commands through click's runner: exact output, errors on stderr, exit codes, --help everywhere."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from persistence import open_store
from persistence.cli import PROG, cli
from tests.persistence.stores import BACKENDS, START, FakeClock
from tests.persistence.transfer.data import url_for

PAST = 1_000_000_000.0  # 2001: a session created then with ttl 60 is expired for the real clock the CLI uses


def seed(url: str) -> None:
    """Sessions 'chat' (2 messages, ttl), 'notes' (no ttl) live in 2027, and 'old' expired in 2001."""
    clock = FakeClock(PAST)
    with open_store(url, clock=clock) as store:
        store.create_session(["gone"], session_id="old", ttl=60)
        clock.now = START
        store.create_session(["ann", "bob"], session_id="chat", title="Plan\tA", metadata={"k": 1}, ttl=3600)
        clock.advance(1.5)
        store.append_message("chat", "ann", "hi\nbob", recipients=["bob"])
        clock.advance(0.75)
        store.append_message("chat", "bob", "ok \x1b[2J", metadata={"mood": "good"})
        clock.advance(0.75)
        store.create_session(["bob"], session_id="notes")


def invoke(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the tool run in-process."""
    result = CliRunner().invoke(cli, list(args), prog_name=PROG)
    return result.exit_code, result.stdout, result.stderr


COMMANDS = ["stats", "list", "show", "purge", "export", "import", "migrate"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_has_help(command: str | None) -> None:
    code, out, err = invoke(*([command] if command else []), "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"Usage: {PROG} {command or '[OPTIONS] COMMAND'}")
    if command is None:
        assert all(f"  {name} " in out for name in COMMANDS)
        assert "Exit codes: 0 success; 1" in out


def expected_size(url: str) -> str:
    """What `stats` must print as size: for JSON exactly the bytes of the store's files; else any positive figure.

    (SQLite's -wal/-shm files come and go as connections open and close; Redis MEMORY USAGE is an estimate.)
    """
    if not url.startswith("json:"):
        return r"[1-9]\d*"
    root = url.split(":///", 1)[1]
    return str(sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(root) for f in files))


@pytest.mark.parametrize("backend", BACKENDS)
def test_stats_and_purge(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    url = url_for(backend, request, tmp_path)
    seed(url)
    size = expected_size(url)
    code, out, err = invoke("stats", url)
    assert (code, err) == (0, "")
    assert re.fullmatch(f"sessions  2\nmessages  2\nexpired   1\nsize      {size} bytes\n", out), out
    assert invoke("purge", url) == (0, "purged 1 expired session\n", "")
    assert invoke("purge", url) == (0, "purged 0 expired sessions\n", "")
    assert invoke("stats", url)[1].startswith("sessions  2\nmessages  2\nexpired   0\n")


LISTINGS = [
    # (options, expected stdout)
    (
        (),
        "ID     UPDATED                   EXPIRES                   MESSAGES  PARTICIPANTS  TITLE\n"
        "notes  2027-01-15T08:00:03.000Z  never                     0         bob\n"
        "chat   2027-01-15T08:00:02.250Z  2027-01-15T09:00:02.250Z  2         ann, bob      Plan\\tA\n",
    ),
    (
        ("--participant", "ann"),
        "ID    UPDATED                   EXPIRES                   MESSAGES  PARTICIPANTS  TITLE\n"
        "chat  2027-01-15T08:00:02.250Z  2027-01-15T09:00:02.250Z  2         ann, bob      Plan\\tA\n",
    ),
    (
        ("--limit", "1"),
        "ID     UPDATED                   EXPIRES  MESSAGES  PARTICIPANTS  TITLE\n"
        "notes  2027-01-15T08:00:03.000Z  never    0         bob\n",
    ),
    (("--participant", "nobody"), "no sessions\n"),
]


@pytest.mark.parametrize(("options", "expected"), LISTINGS)
def test_list(tmp_path: Path, options: tuple[str, ...], expected: str) -> None:
    url = f"sqlite:///{tmp_path}/s.db"
    seed(url)
    assert invoke("list", url, *options) == (0, expected, "")


SHOW_HEAD = (
    'session       chat\ntitle         Plan\\tA\nparticipants  ann, bob\nmetadata      {"k": 1}\n'
    "created       2027-01-15T08:00:00.000Z\nupdated       2027-01-15T08:00:02.250Z\n"
    "expires       2027-01-15T09:00:02.250Z\nmessages      2\n"
)
FIRST = "#1  2027-01-15T08:00:01.500Z  ann -> bob\n    hi\n    bob\n"
SECOND = '#2  2027-01-15T08:00:02.250Z  bob\n    ok \\u001b[2J\n    metadata: {"mood": "good"}\n'


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), SHOW_HEAD + FIRST + SECOND),
        (("--limit", "1"), SHOW_HEAD + "(the last 1 of 2 messages)\n" + SECOND),
    ],
)
def test_show(tmp_path: Path, options: tuple[str, ...], expected: str) -> None:
    url = f"sqlite:///{tmp_path}/s.db"
    seed(url)
    assert invoke("show", url, "chat", *options) == (0, expected, "")


ERRORS = [
    # (arguments, exit code, stderr) -- {url} is a seeded SQLite store
    (
        ("show", "{url}", "old"),
        1,
        "Error: session 'old' does not exist or has expired; create it with create_session() first\n",
    ),
    (
        ("show", "{url}", "../etc"),
        1,
        "Error: invalid session id '../etc': use 1-128 characters from A-Z a-z 0-9 . _ -, "
        "starting with a letter or digit\n",
    ),
    (("list", "nosuch://x"), 2, "Error: unknown store URL scheme 'nosuch' in nosuch://x; use one of: "),
    (
        ("list", "redis://:pw-secret@127.0.0.1:1/0"),
        2,
        "Error: cannot use Redis at redis://:***@127.0.0.1:1/0: ",
    ),
    (("list", "{url}", "--limit", "-1"), 2, "Usage: python -m persistence list [OPTIONS] URL\n"),
    (("stats",), 2, "Usage: python -m persistence stats [OPTIONS] URL\n"),
    (
        ("export", "{url}", "/nonexistent/folder/x.jsonl"),
        2,
        "Error: cannot write /nonexistent/folder/x.jsonl: No such file or directory; check that its folder exists and is writable\n",
    ),
    (
        ("import", "{url}", "/nonexistent/x.jsonl"),
        2,
        "Usage: python -m persistence import [OPTIONS] URL FILE\n",
    ),
    (
        ("migrate", "{url}", "{url}"),
        2,
        "Error: SRC_URL and DST_URL are the same store; give two different stores\n",
    ),
]


@pytest.mark.parametrize(("args", "code", "stderr"), ERRORS)
def test_errors_are_one_message_on_stderr_with_our_exit_code(
    tmp_path: Path, args: tuple[str, ...], code: int, stderr: str
) -> None:
    url = f"sqlite:///{tmp_path}/s.db"
    seed(url)
    result = invoke(*(arg.format(url=url) for arg in args))
    assert result[:2] == (code, "")
    assert result[2].startswith(stderr), result[2]
    assert "Traceback" not in result[2] and "pw-secret" not in result[2]


def test_export_header_and_messages_never_show_the_password(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server = request.getfixturevalue("redis_server_auth")
    url = f"{server.url}?prefix=t{tmp_path.name}"
    seed(url)
    code, out, err = invoke("export", url, str(tmp_path / "x.jsonl"))
    assert (code, out, err) == (0, f"exported 2 sessions, 2 messages to {tmp_path / 'x.jsonl'}\n", "")
    header = (tmp_path / "x.jsonl").read_text(encoding="ascii").splitlines()[0]
    assert f'"source":"redis://:***@127.0.0.1:{server.port}/0?prefix=t{tmp_path.name}"' in header
    assert server.password not in (tmp_path / "x.jsonl").read_text(encoding="ascii")
