"""migrate is safe to re-run: copies are skipped, incomplete copies redone, conflicts left alone, a SIGKILL survived."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from persistence import open_store
from persistence.cli import cli
from tests.persistence.stores import FakeClock
from tests.persistence.transfer.data import assert_same_store, dump, populate

REPO = Path(__file__).resolve().parents[3]
SESSIONS = 300
MESSAGES_EACH = 3


def migrate(src_url: str, dst_url: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `migrate` run in-process."""
    result = CliRunner().invoke(cli, ["migrate", src_url, dst_url])
    return result.exit_code, result.stdout, result.stderr


def test_a_second_run_skips_everything_and_still_verifies(tmp_path: Path, clock: FakeClock) -> None:
    src_url, dst_url = f"sqlite:///{tmp_path}/src.db", f"json:///{tmp_path}/dst"
    with open_store(src_url, clock=clock) as src:
        ids = populate(src, clock.advance)
    assert migrate(src_url, dst_url)[0] == 0
    code, out, err = migrate(src_url, dst_url)
    assert (code, out) == (
        0,
        "copied 0 sessions, 0 messages written\n"
        f"skipped (already in the destination): 3: {', '.join(ids)}\n"
        "verified 3 sessions, 15 messages in the destination match the source\n",
    )
    assert "migrating" in err  # the progress bar's label, on stderr


def test_incomplete_copies_are_redone_and_conflicts_left_alone(tmp_path: Path, clock: FakeClock) -> None:
    src_url, dst_url = f"sqlite:///{tmp_path}/src.db", f"sqlite:///{tmp_path}/dst.db"
    with open_store(src_url, clock=clock) as src, open_store(dst_url, clock=clock) as dst:
        ids = populate(src, clock.advance)
        early = src.get_session("plain")
        assert migrate(src_url, dst_url)[0] == 0
        # 'plain' grows in the source after the first run; 'empty.session_1' is replaced by another session in dst
        src.append_message("plain", "Agent-2", "later")
        src.update_session("plain", title="renamed later")  # a newer version: the copy is redone
        dst.delete_session("empty.session_1")
        other = dst.create_session(["stranger"], session_id="empty.session_1")
        code, out, err = migrate(src_url, dst_url)
        assert code == 1
        assert out.splitlines()[:3] == [
            "copied 0 sessions, 9 messages written",
            f"skipped (already in the destination): 1: {ids[1]}",
            "redone (an incomplete copy was replaced): 1: plain",
        ]
        assert out.splitlines()[3:] == [
            "CONFLICT (a different session has that id in the destination; left alone): 1: empty.session_1",
            "verified 2 sessions, 16 messages in the destination match the source",
        ]
        assert err.endswith("Error: 1 conflict: delete those sessions in the destination and re-run\n")
        assert dst.get_session("empty.session_1") == other
        assert dst.get_session("plain").message_count == early.message_count + 1


def make_source(url: str) -> None:
    """SESSIONS sessions of MESSAGES_EACH messages each."""
    clock = FakeClock()
    with open_store(url, clock=clock) as store:
        for number in range(SESSIONS):
            store.create_session(["a", "b"], session_id=f"s{number:04d}", metadata={"n": number})
            for seq in range(MESSAGES_EACH):
                clock.advance(0.001)
                store.append_message(f"s{number:04d}", "a", f"{number}/{seq}")


def copied_so_far(folder: Path) -> int:
    """Sessions already published in a JSON store (staging directories start with '.')."""
    return len([name for name in os.listdir(folder) if not name.startswith(".")]) if folder.exists() else 0


def test_migrate_killed_midway_completes_on_rerun(tmp_path: Path) -> None:
    src_url, dst_folder = f"sqlite:///{tmp_path}/src.db?synchronous=NORMAL", tmp_path / "dst"
    dst_url = f"json:///{dst_folder}"
    make_source(src_url)
    command = [sys.executable, "-m", "persistence", "migrate", src_url, dst_url]
    child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while copied_so_far(dst_folder) < 10:
            assert child.poll() is None, "migrate ended before it could be killed"
            assert time.monotonic() < deadline, "migrate copied nothing in 60 s"
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    done = copied_so_far(dst_folder)
    assert 10 <= done < SESSIONS, f"killed after {done} sessions: not midway"
    rerun = subprocess.run(command, cwd=REPO, check=False, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    lines = rerun.stdout.splitlines()
    assert (
        lines[0] == f"copied {SESSIONS - done} sessions, {(SESSIONS - done) * MESSAGES_EACH} messages written"
    )
    assert lines[1].startswith(f"skipped (already in the destination): {done}: s0")
    assert (
        lines[2]
        == f"verified {SESSIONS} sessions, {SESSIONS * MESSAGES_EACH} messages in the destination match the source"
    )
    assert "Traceback" not in rerun.stderr
    with open_store(src_url) as src, open_store(dst_url) as dst:
        assert_same_store(dump(dst), dump(src))


@pytest.mark.parametrize("args", [("--help",), ("migrate", "--help")])
def test_help_as_a_subprocess(args: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "persistence", *args],
        cwd=REPO,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Usage: python -m persistence ")
