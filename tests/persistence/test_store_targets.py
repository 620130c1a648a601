"""benchmarks/store_targets.py runs and prints one row per backend (tiny sizes; the figures are not judged)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from benchmarks import store_targets


def test_a_tiny_run_prints_a_row_per_backend(tmp_path: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = store_targets.main(
            ["--messages", "120", "--sessions", "3", "--backends", "json,sqlite", "--dir", str(tmp_path)]
        )
    lines = out.getvalue().splitlines()
    assert code == 0
    assert lines[0].startswith("| backend | plain append (msg/s) | with a new client_id")
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| json", "| sqlite"]
    assert all(line.count("|") == 9 for line in lines)
