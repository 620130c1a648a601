"""The real runner as a subprocess: `python quality_gates.py ...` exit codes, streams, no tracebacks."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.v2gate.projects import write_project

RUNNER = Path(__file__).resolve().parents[3] / "quality_gates.py"


def run_gate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the gate in `cwd` and capture its output (UTF-8, whatever the locale)."""
    return subprocess.run(
        [sys.executable, str(RUNNER), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path) -> Path:
    files = {
        "pyproject.toml": "[tool.quality-gates]\nmax-parameters = 2\n",
        "ok.py": "def f(a, b):\n    return a\n",
        "wide.py": "class C:\n    def m(self, a, b, c):\n        return a\n",
    }
    write_project(tmp_path, files)
    (tmp_path / "latin.py").write_bytes(b"\xff\xfe = 1\n")  # not UTF-8: bytes, not text
    return tmp_path


# (argv, exit code, expected stdout or None, fragment of stderr or "")
CASES = [
    (["ok.py"], 0, "Checked 1 file: no violations.\n", ""),
    (["wide.py"], 1, "wide.py:2:5: V205 C.m has 3 parameters (limit 2)\nChecked 1 file: 1 violation.\n", ""),
    (["--exit-zero", "wide.py"], 0, None, ""),
    (["--version"], 0, "quality_gates.py, version 0.1.0\n", ""),
    (["--max-parameters", "x"], 2, "", "'x' is not a valid integer"),
    (["--config", "nope.toml"], 2, "", "cannot read config file"),
    (["nope.py"], 2, "", "path not found: nope.py"),
]


@pytest.mark.parametrize(("argv", "code", "stdout", "stderr"), CASES)
def test_exit_codes_and_streams(
    project: Path, argv: list[str], code: int, stdout: str | None, stderr: str
) -> None:
    result = run_gate(project, *argv)
    assert result.returncode == code, result.stderr
    if stdout is not None:
        assert result.stdout == stdout
    assert stderr in result.stderr
    assert "Traceback" not in result.stderr


def test_undecodable_file_is_reported_and_the_run_continues(project: Path) -> None:
    result = run_gate(project, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["summary"] == {"files": 3, "violations": 2, "passed": False}
    assert [(v["path"], v["code"]) for v in data["violations"]] == [("latin.py", "V200"), ("wide.py", "V205")]
    assert [row["path"] for row in data["files"]] == ["latin.py", "ok.py", "wide.py"]
    assert data["files"][0]["error"] == data["violations"][0]["message"]


def test_bad_config_exits_2_naming_key_and_file(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.quality-gates]\nmax-paramters = 2\n", encoding="utf-8")
    result = run_gate(project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"quality_gates.py: error: [tool.quality-gates] in {project / 'pyproject.toml'}: "
        "unknown key 'max-paramters' (did you mean 'max-parameters'?)\n"
    )


def test_colour_only_on_a_terminal(project: Path) -> None:
    assert "\x1b[" not in run_gate(project, "wide.py").stdout
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, str(RUNNER), "wide.py"], cwd=project, stdout=follower) as process:
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    os.close(leader)
    assert process.returncode == 1
    assert b"\x1b[" in output
    assert b"V205" in output
