"""A bug in the measuring code (a fault injected into radon's visitor): V200 per file, fail closed,
`--debug` tracebacks, never cached, and one message once the same bug hits too many files."""

from __future__ import annotations

import itertools
import multiprocessing
from pathlib import Path

import pytest
from radon.visitors import ComplexityVisitor

from tests.v2gate.projects import write_project
from tests.v2gate.speed_project import speed_files
from v2gate.cli import main
from v2gate.records import Failure
from v2gate.run.batch import MeasureOptions, measure_batch
from v2gate.run.bugs import MAX_SAME_INTERNAL_ERROR, RepeatedInternalError
from v2gate.run.workers import worker_count

BUG = (
    "internal error while measuring (a bug in quality-gates; please report it with this file"
    " and the traceback that --debug shows)"
)


def inject_fault(monkeypatch: pytest.MonkeyPatch, messages: itertools.count[int] | None = None) -> None:
    """Make radon's complexity visitor raise ValueError("boom"), or "boom N" with a fresh N each time."""

    def broken(cls: type[ComplexityVisitor], *args: object, **kwargs: object) -> ComplexityVisitor:
        raise ValueError("boom" if messages is None else f"boom {next(messages)}")

    monkeypatch.setattr(ComplexityVisitor, "from_ast", classmethod(broken))


def project(root: Path, count: int) -> Path:
    files = {f"m{index}.py": f"def f{index}(a):\n    return a\n" for index in range(count)}
    return write_project(root, {"pyproject.toml": "[tool.quality-gates]\n", **files})


@pytest.fixture(name="cwd")
def fixture_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_internal_error_is_a_v200_that_says_it_is_a_bug(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(cwd, 1)
    inject_fault(monkeypatch)
    assert main(["--jobs", "1", "m0.py"]) == 1
    out, err = capsys.readouterr()
    assert out == f"m0.py:1:1: V200 {BUG}: ValueError: boom\nChecked 1 file: 1 violation.\n"
    assert err == ""


def test_debug_shows_the_traceback(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(cwd, 1)
    inject_fault(monkeypatch)
    assert main(["--jobs", "1", "--debug", "m0.py"]) == 1
    out, err = capsys.readouterr()
    assert out == f"m0.py:1:1: V200 {BUG}: ValueError: boom\nChecked 1 file: 1 violation.\n"
    assert err.startswith("m0.py: internal error while measuring:\nTraceback (most recent call last):\n")
    assert "in function_complexity\n" in err and "in broken\n" in err
    assert err.endswith(
        '    raise ValueError("boom" if messages is None else f"boom {next(messages)}")\nValueError: boom\n'
    )


def test_internal_errors_are_not_cached(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rerun measures the file again: with --debug it shows the traceback, once fixed it passes."""
    project(cwd, 1)
    with monkeypatch.context() as patch:
        inject_fault(patch)
        assert main(["--jobs", "1"]) == 1
        assert main(["--jobs", "1", "--debug"]) == 1
        assert "Traceback (most recent call last)" in capsys.readouterr().err
    assert main(["--jobs", "1"]) == 0
    assert capsys.readouterr().out == "Checked 1 file: no violations.\n"


def test_the_same_bug_on_a_handful_of_files_is_reported_per_file(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(cwd, MAX_SAME_INTERNAL_ERROR)
    inject_fault(monkeypatch)
    assert main(["--jobs", "1"]) == 1
    out, err = capsys.readouterr()
    assert out.count(f"V200 {BUG}: ValueError: boom\n") == MAX_SAME_INTERNAL_ERROR
    assert err == ""


def test_the_same_bug_on_more_files_stops_the_run(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(cwd, MAX_SAME_INTERNAL_ERROR + 3)
    inject_fault(monkeypatch)
    assert main(["--jobs", "1"]) == 2
    assert capsys.readouterr() == (
        "",
        "quality_gates.py: error: measuring stopped: the same internal error hit 6 files, a bug in"
        " quality-gates, not in the code checked: ValueError: boom; please report it with one of"
        " these files (m0.py) and the traceback that --debug shows\n",
    )


def test_different_bugs_are_counted_apart(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exceptions with different messages are different errors: each file keeps its V200."""
    project(cwd, MAX_SAME_INTERNAL_ERROR + 3)
    inject_fault(monkeypatch, itertools.count())
    assert main(["--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert out.count(f"V200 {BUG}: ValueError: boom ") == MAX_SAME_INTERNAL_ERROR + 3


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers inherit the injected fault only when forked"
)
def test_worker_processes_carry_the_bug_and_its_traceback_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(write_project(tmp_path, speed_files()).rglob("*.py"))
    assert worker_count(2, [path.stat().st_size for path in files]) == 2
    inject_fault(monkeypatch)
    seen: list[tuple[Path, Failure]] = []
    with pytest.raises(RepeatedInternalError, match="the same internal error hit 6 files"):
        measure_batch(
            files,
            MeasureOptions(jobs=2, on_internal_error=lambda path, failure: seen.append((path, failure))),
        )
    assert len(seen) == MAX_SAME_INTERNAL_ERROR + 1
    for _path, failure in seen:
        assert failure.internal == "ValueError: boom"
        assert failure.traceback.startswith("Traceback (most recent call last):\n")
        assert failure.traceback.endswith("ValueError: boom\n")
