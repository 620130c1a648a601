"""Lazy start-up: radon loads, and the engine is checked, only when some file must be parsed;
a measuring run never loads libcst."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from tests.v2gate.speed_project import speed_files

REPO = Path(__file__).resolve().parents[3]
HEAVY = (
    "libcst",
    "radon",
    "v2gate.measure.engine",
    "concurrent.futures.process",
    "v2gate.run.pipeline",
    "v2gate.run.diff",
    "v2gate.cli.explain",
    "v2gate.explain.build",
    "v2gate.cli.report",
    "v2gate.html.build",
    "v2gate.cli.history",
    "v2gate.history.build",
    "jinja2",
    "selenium",
    "v2gate.cli.lsp",
    "pygls",
    "lsprotocol",
)

# Runs the CLI in a fresh interpreter, then reports which heavy modules got imported.
PROBE = f"""
import json, sys
sys.path.insert(0, {str(REPO)!r})
from v2gate.cli import main
code = main(sys.argv[1:])
print(json.dumps({{"code": code, "loaded": [name for name in {HEAVY!r} if name in sys.modules]}}))
"""


def probe(cwd: Path, *args: str) -> dict[str, object]:
    """Run the CLI with `args` in a fresh interpreter; its exit code and the heavy modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=120
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize(
    ("runs", "loaded_last"),
    [
        ([["--jobs", "1"]], ["radon", "v2gate.measure.engine", "v2gate.run.pipeline"]),  # cold
        ([["--jobs", "1"], ["--jobs", "1"]], ["v2gate.run.pipeline"]),  # warm: nothing is parsed
        (
            [["--jobs", "1"], ["--jobs", "1", "--max-complexity", "1"]],
            ["v2gate.run.pipeline"],
        ),  # new limits: still cached
        ([["--jobs", "1"], ["--no-cache"]], ["radon", "v2gate.measure.engine", "v2gate.run.pipeline"]),
        (
            [["--jobs", "1"], ["--jobs", "1", "--add-noqa"]],
            ["libcst", "radon", "v2gate.measure.engine", "v2gate.run.pipeline"],
        ),  # libcst only to rewrite; the rewritten files are measured again
        ([["--version"]], []),
        ([["--show-config"]], []),
        ([["lsp", "--help"]], ["v2gate.cli.lsp"]),  # pygls loads only when the server starts
    ],
)
def test_heavy_modules_load_only_when_needed(
    tmp_path: Path, runs: list[list[str]], loaded_last: list[str]
) -> None:
    write_project(tmp_path, speed_files(modules=3, pool_sized=False))
    for args in runs:
        result = probe(tmp_path, *args)
    assert result["loaded"] == loaded_last
