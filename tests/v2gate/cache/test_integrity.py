"""A damaged, foreign or concurrently written cache never changes a result and never crashes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.v2gate.cache.packs import gate, pack_of, rewrite_pack
from tests.v2gate.projects import write_project
from tests.v2gate.speed_project import speed_files
from v2gate.cache.codec import decode_metrics, encode_metrics
from v2gate.measure.source import measure_source

REPO = Path(__file__).resolve().parents[3]


def _entries(body: dict[str, Any]) -> dict[str, Any]:
    entries: dict[str, Any] = body["entries"]
    return entries


DAMAGE: dict[str, Callable[[Path], object]] = {
    "truncated": lambda pack: pack.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2]),
    "not utf-8": lambda pack: pack.write_bytes(b"\xff\xfe garbage"),
    "empty": lambda pack: pack.write_text("", encoding="utf-8"),
    "body edited, checksum stale": lambda pack: pack.write_text(
        pack.read_text(encoding="utf-8").replace("[", "[1,", 1), encoding="utf-8"
    ),
    "another pack format": lambda pack: pack.write_text(
        pack.read_text(encoding="utf-8").replace('"format": 1', '"format": 99', 1), encoding="utf-8"
    ),
    "head is a list": lambda pack: pack.write_text("[1]\n{}", encoding="utf-8"),
    "entries of the wrong shape": lambda pack: rewrite_pack(
        pack, lambda body: body["entries"].update({key: [1, 2] for key in _entries(body)})
    ),
    "records of the wrong arity": lambda pack: rewrite_pack(
        pack,
        lambda body: body["entries"].update(
            {key: [3, [[1]], [], [], [], [], None] for key in _entries(body)}
        ),
    ),
    "index of the wrong types": lambda pack: rewrite_pack(
        pack, lambda body: body["index"].update({key: 7 for key in body["index"]})
    ),
    "body is a list": lambda pack: rewrite_pack(pack, lambda body: body.clear()),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_pack_is_ignored_and_rebuilt(tmp_path: Path, damage: str) -> None:
    write_project(tmp_path, speed_files(modules=4, pool_sized=False))
    expected, _ = gate(tmp_path, cache=False)
    gate(tmp_path)
    DAMAGE[damage](pack_of(tmp_path))
    report, stats = gate(tmp_path)
    assert report == expected
    assert stats.hits == 0 or damage == "index of the wrong types"  # that one still finds entries by hash
    assert gate(tmp_path)[1].hits == 6  # rebuilt


def test_pack_of_another_gate_version_is_not_read(tmp_path: Path) -> None:
    write_project(tmp_path, speed_files(modules=4, pool_sized=False))
    gate(tmp_path)
    pack = pack_of(tmp_path)
    foreign = pack.with_name("measurements-0123456789abcdef.json")
    pack.rename(foreign)  # what another version (another fingerprint) left behind
    report, stats = gate(tmp_path)
    assert (stats.hits, stats.measured) == (0, 6)
    assert report == gate(tmp_path, cache=False)[0]
    assert foreign.exists()  # not ours to delete while it may be in use


SAMPLES = [
    b"",
    b"def broken(:\n",
    b"\xff\xfe not utf-8",
    b"# quality-gates: noqa V201\nimport a.b as c\nfrom .m import *\n\n"
    b"class A(c.B[int], metaclass=M):\n    def f(self, x):  # noqa: V205\n        if x:\n            return 1\n",
]


@pytest.mark.parametrize("source", SAMPLES)
def test_metrics_survive_a_json_round_trip(source: bytes) -> None:
    metrics = measure_source(source)
    assert decode_metrics(json.loads(json.dumps(encode_metrics(metrics)))) == metrics


def test_two_concurrent_runs_both_give_the_right_report(tmp_path: Path) -> None:
    write_project(tmp_path, speed_files(modules=6, pool_sized=False))
    command = [sys.executable, str(REPO / "quality_gates.py"), "--format", "json", "--jobs", "1"]
    expected = subprocess.run(
        [*command, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [1, 1]
    assert outputs == [expected.stdout, expected.stdout]
    after = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert after.stdout == expected.stdout
    assert not list((tmp_path / ".quality_gates_cache").glob("*.tmp"))  # no temporary file left behind
