"""A broken installation (radon missing or too old) is one error and exit 2, never a V200 per file.

Real virtualenvs (tests/v2gate/cli/engine_venvs.py) run the gate as a subprocess.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.v2gate.cli.engine_venvs import REPO, EngineVenvs
from tests.v2gate.projects import write_project
from tests.v2gate.speed_project import speed_files

FILES = {"m.py": "def f(a):\n    return a\n", "n.py": "x = 1\n", "pyproject.toml": "[tool.quality-gates]\n"}
FIX = "(or reinstall the gate into that Python, or run it with the Python it is installed in)"


def gate(command: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `command` in `cwd` with `env` added (PYTHONPATH and the like cleared first)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**clean, **env},
    )


def expected(python: Path, problem: str, program: str = "quality-gates") -> str:
    """The one stderr line of a broken engine, named after the program that was run."""
    return (
        f"{program}: error: the measuring engine is missing or unusable: {problem}. The gate runs"
        f" with {python}; fix it with: \"{python}\" -m pip install 'radon>=6.0' {FIX}\n"
    )


def test_venvs_take_reasonable_time(broken_engines: EngineVenvs) -> None:
    """Both venvs build in seconds (about 6 s here; 0: this worker reused them)."""
    assert broken_engines.seconds < 60


@pytest.mark.parametrize("args", [["m.py", "n.py"], [], ["--no-cache", "--format", "json"]])
def test_missing_radon_is_one_error(tmp_path: Path, broken_engines: EngineVenvs, args: list[str]) -> None:
    write_project(tmp_path, FILES)
    venv = broken_engines.no_radon
    result = gate([venv / "bin" / "quality-gates", *args], tmp_path)
    problem = "radon is not installed (the gate needs radon>=6.0)"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == expected(EngineVenvs.python(venv), problem)


def test_missing_radon_in_worker_processes_is_one_error(tmp_path: Path, broken_engines: EngineVenvs) -> None:
    """The first worker that fails stops the run with the same line (the files fill a pool)."""
    write_project(tmp_path, speed_files())
    venv = broken_engines.no_radon
    result = gate([venv / "bin" / "quality-gates", "--jobs", "2"], tmp_path)
    problem = "radon is not installed (the gate needs radon>=6.0)"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == expected(EngineVenvs.python(venv), problem)


def test_too_old_radon_is_one_error(tmp_path: Path, broken_engines: EngineVenvs) -> None:
    """radon 5.1.0 on the path of the venv that has the gate: its requirement comes from the metadata."""
    write_project(tmp_path, FILES)
    venv, old = broken_engines.no_radon, broken_engines.old_radon
    site = next((old / "lib").glob("python*/site-packages"))
    result = gate([venv / "bin" / "quality-gates", "--jobs", "1"], tmp_path, PYTHONPATH=str(site))
    problem = "radon 5.1.0 is installed, but the gate needs radon>=6.0"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == expected(EngineVenvs.python(venv), problem)


def test_checkout_run_by_a_python_without_the_gate(tmp_path: Path, broken_engines: EngineVenvs) -> None:
    """`python quality_gates.py` with a Python that has radon 5.1.0 and not the gate: the
    requirement comes from the checkout's pyproject.toml."""
    write_project(tmp_path, FILES)
    python = EngineVenvs.python(broken_engines.old_radon)
    result = gate([python, REPO / "quality_gates.py", "m.py"], tmp_path)
    problem = "radon 5.1.0 is installed, but the gate needs radon>=6.0"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == expected(python, problem, "quality_gates.py")
