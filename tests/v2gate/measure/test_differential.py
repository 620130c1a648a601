"""Differential test: the engine measures a stdlib sample exactly as the libcst + ast engine did.

`data/stdlib_digests.txt` holds, for every 5th file of CPython 3.11.7's standard library
(plus the files below), its content hash and the digest of the FileMetrics the previous
engine recorded (`benchmarks/measure_diff.py`). Files whose bytes differ from the recorded
ones (another Python release) are not compared. The full run over the whole standard
library and Django is described in docs/speed-and-cache.md.
"""

from __future__ import annotations

import hashlib
import sysconfig
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from benchmarks.measure_diff import digest
from v2gate.measure.source import measure_path

STDLIB = Path(sysconfig.get_paths()["stdlib"])
RECORDED = Path(__file__).parent / "data" / "stdlib_digests.txt"
# Where the previous engine was wrong: valid Python it reported as V200, because libcst
# rejects a parenthesised annotated target (`(x): int = 1`).
FIXED = {
    "test/test_grammar.py": "libcst rejected `(x): int = 1`",
    "test/typinganndata/ann_module.py": "libcst rejected `(x): int = 1`",
}


def _compare(row: str) -> tuple[str, str] | None:
    """(path, what happened) when the file's measurement differs from the recorded one."""
    path, content, recorded = row.split()
    source = STDLIB / path
    if not source.is_file() or hashlib.blake2b(source.read_bytes(), digest_size=12).hexdigest() != content:
        return (path, "not the recorded bytes")
    metrics = measure_path(source)
    if digest(metrics) == recorded:
        return None
    return (path, f"differs (failure: {metrics.failure})")


def test_stdlib_sample_measures_as_recorded() -> None:
    rows = RECORDED.read_text(encoding="utf-8").splitlines()
    with ProcessPoolExecutor(max_workers=2) as pool:
        found = [result for result in pool.map(_compare, rows, chunksize=8) if result is not None]
    missing = [path for path, what in found if what == "not the recorded bytes"]
    if len(missing) > len(rows) // 2:
        pytest.skip(f"{len(missing)} of {len(rows)} stdlib files differ from CPython 3.11.7's")
    changed = {path: what for path, what in found if what != "not the recorded bytes"}
    assert changed.keys() == FIXED.keys() - set(missing)
    assert all("failure: None" in what for what in changed.values())
