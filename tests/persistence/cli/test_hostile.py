"""The tools under hostile input: no password shown or written, reading never creates, an import killed by
SIGKILL completes on a plain re-run, and the benchmark runs in both documented forms."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from persistence import open_store
from persistence.cli import PROG, cli
from persistence.transfer.export import write_export
from tests.persistence.stores import FakeClock
from tests.redis_server import RedisServer

REPO = Path(__file__).resolve().parents[3]


def invoke(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the tool run in-process."""
    result = CliRunner().invoke(cli, list(args), prog_name=PROG)
    return result.exit_code, result.stdout, result.stderr


def test_a_query_password_is_hidden_in_output_and_in_the_export_header(
    redis_server_auth: RedisServer, tmp_path: Path
) -> None:
    secret = redis_server_auth.password
    assert secret is not None
    url = f"redis://{redis_server_auth.host}:{redis_server_auth.port}/0?password={secret}&prefix=p{uuid.uuid4().hex}"
    with open_store(url) as store:
        store.create_session(["ann"], session_id="a")
    code, out, err = invoke("export", url, str(tmp_path / "out.jsonl"))
    assert code == 0, err
    text = (tmp_path / "out.jsonl").read_text(encoding="ascii")
    assert json.loads(text.splitlines()[0])["source"].startswith(
        f"redis://{redis_server_auth.host}:{redis_server_auth.port}/0?password=***&prefix=p"
    )
    wrong = url.replace(f"password={secret}", f"password={secret}x")  # refused: the error shows the URL
    code, out, err = invoke("stats", wrong)
    assert code == 2 and "password=***" in err
    assert secret not in text + out + err


READERS = [
    ["stats", "{url}"],
    ["list", "{url}"],
    ["show", "{url}", "a"],
    ["export", "{url}", "{tmp}/out.jsonl"],
    ["purge", "{url}"],
    ["migrate", "{url}", "sqlite:///{tmp}/dst.db"],
]
MISSING = {
    "sqlite": ("sqlite:///{tmp}/typo.db", "typo.db"),
    "json": ("json:///{tmp}/nodir/store", "nodir"),
    "hybrid": ("hybrid:///?store=sqlite:///{tmp}/typo.db&cache=redis://127.0.0.1:1/0", "typo.db"),
}


@pytest.mark.parametrize("kind", sorted(MISSING))
@pytest.mark.parametrize("command", READERS, ids=[c[0] for c in READERS])
def test_reading_a_missing_store_is_an_error_and_creates_nothing(
    kind: str, command: list[str], tmp_path: Path
) -> None:
    url, created = MISSING[kind]
    args = [arg.format(url=url.format(tmp=tmp_path), tmp=tmp_path) for arg in command]
    code, out, err = invoke(*args)
    assert (code, out) == (2, "")
    assert err.startswith("Error: no store at ") and "(only import and migrate create a store)" in err
    assert not (tmp_path / created).exists() and not (tmp_path / "dst.db").exists()


def sessions_in(path: Path) -> int:
    """Sessions in the SQLite file at `path` so far, read behind the importer's back (0 before its schema)."""
    if not path.exists():
        return 0
    with sqlite3.connect(path) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
        except sqlite3.OperationalError:  # the schema is not there yet
            return 0


def test_a_plain_rerun_completes_an_import_killed_midway(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path}/src.db?synchronous=NORMAL"
    total = 1500
    with open_store(source, clock=FakeClock()) as store:
        for number in range(total):
            store.create_session(["ann"], session_id=f"s{number}")
            store.append_message(f"s{number}", "ann", "hi")
        write_export(store, tmp_path / "all.jsonl", source=source, clock=FakeClock())
    target = tmp_path / "dst.db"
    command = [
        sys.executable,
        "-m",
        "persistence",
        "import",
        f"sqlite:///{target}",
        str(tmp_path / "all.jsonl"),
    ]
    child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while sessions_in(target) < 50 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.002)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with open_store(f"sqlite:///{target}") as partial:
        assert 0 < len(partial.list_sessions(limit=None)) < total, "killed midway"
    result = subprocess.run(command, cwd=REPO, check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "already imported (identical in the store): " in result.stdout
    with open_store(f"sqlite:///{target}") as done, open_store(source) as original:
        assert done.list_sessions(limit=None) == original.list_sessions(limit=None)


@pytest.mark.parametrize(
    "command",
    [
        ["benchmarks/store_speed.py", "--help"],
        ["-m", "benchmarks.store_speed", "--help"],
        ["benchmarks/store_hybrid.py", "--help"],
    ],
    ids=["path", "module", "hybrid"],
)
def test_the_store_benchmark_runs_in_both_documented_forms(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, *command], cwd=REPO, check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_help_names_every_url_form() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for form in (
        "json:///",
        "sqlite:///",
        "redis://",
        "rediss://",
        "unix://",
        "redis+cluster://",
        "hybrid:///",
    ):
        assert form in out, form
    code, out, _ = invoke("list", "--help")
    assert "unix://" in out and "hybrid:///" in out and "--all" in out
