"""export -> import and migrate between every pair of backends keep every field of every record exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from persistence import open_store
from persistence.cli import cli
from tests.persistence.stores import BACKENDS, FakeClock
from tests.persistence.transfer.data import Dump, assert_same_store, dump, populate, url_for

PAIRS = [(source, target) for source in BACKENDS for target in BACKENDS]
PAIR_IDS = [f"{source}-{target}" for source, target in PAIRS]


def assert_ttl_slides_alike(src_url: str, dst_url: str, clock: FakeClock, session_ids: list[str]) -> None:
    """The sliding ttl came along: the same append at the same time gives the same expiry in both stores."""
    clock.advance(42.25)
    with open_store(src_url, clock=clock) as src, open_store(dst_url, clock=clock) as dst:
        for session_id in session_ids:
            src.append_message(session_id, "late", "after the copy")
            dst.append_message(session_id, "late", "after the copy")
            assert repr(dst.get_session(session_id)) == repr(src.get_session(session_id))


@pytest.fixture
def pair(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> tuple[str, str, list[str], Dump]:
    """(source URL, empty target URL, the ids written, a dump of the source) for this test's backend pair."""
    source, target = request.param
    src_url, dst_url = url_for(source, request, tmp_path / "src"), url_for(target, request, tmp_path / "dst")
    with open_store(src_url, clock=clock) as src:
        ids = populate(src, clock.advance)
        original = dump(src)
    return src_url, dst_url, ids, original


@pytest.mark.parametrize("pair", PAIRS, indirect=True, ids=PAIR_IDS)
def test_export_then_import_keeps_every_field(
    pair: tuple[str, str, list[str], Dump], tmp_path: Path, clock: FakeClock
) -> None:
    src_url, dst_url, ids, original = pair
    file = tmp_path / "backup.jsonl"
    runner = CliRunner()
    exported = runner.invoke(cli, ["export", src_url, str(file)])
    assert (exported.exit_code, exported.stdout, exported.stderr) == (
        0,
        f"exported 3 sessions, 15 messages to {file}\n",
        "",
    )
    imported = runner.invoke(cli, ["import", dst_url, str(file)])
    assert (imported.exit_code, imported.stdout, imported.stderr) == (
        0,
        f"imported 3 sessions, 15 messages from {file}\n",
        "",
    )
    with open_store(dst_url, clock=clock) as dst:
        assert_same_store(dump(dst), original)
    assert_ttl_slides_alike(src_url, dst_url, clock, ids)


@pytest.mark.parametrize("pair", PAIRS, indirect=True, ids=PAIR_IDS)
def test_migrate_keeps_every_field(pair: tuple[str, str, list[str], Dump], clock: FakeClock) -> None:
    src_url, dst_url, ids, original = pair
    result = CliRunner().invoke(cli, ["migrate", src_url, dst_url])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "copied 3 sessions, 15 messages written\n"
        "verified 3 sessions, 15 messages in the destination match the source\n"
    )
    with open_store(dst_url, clock=clock) as dst:
        assert_same_store(dump(dst), original)
    assert_ttl_slides_alike(src_url, dst_url, clock, ids)
