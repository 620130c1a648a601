"""Worker processes: the same measurements and the same report for any `--jobs`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from tests.v2gate.speed_project import speed_files
from v2gate.cli import main
from v2gate.run.batch import MeasureOptions, measure_batch
from v2gate.run.workers import POOL_MIN_BYTES, worker_count


@pytest.mark.parametrize(
    ("jobs", "sizes", "expected"),
    [
        (1, [POOL_MIN_BYTES] * 4, 1),  # --jobs 1 always measures in-process
        (4, [POOL_MIN_BYTES], 1),  # one file: nothing to share
        (4, [100] * 50, 1),  # a pre-commit run on a few small files: a pool costs more than it saves
        (2, [POOL_MIN_BYTES // 2] * 2, 2),  # enough bytes: one worker per job
        (8, [POOL_MIN_BYTES] * 3, 3),  # never more workers than files
    ],
)
def test_worker_count(jobs: int, sizes: list[int], expected: int) -> None:
    assert worker_count(jobs, sizes) == expected


def test_pool_measures_exactly_like_one_process(tmp_path: Path) -> None:
    files = sorted(write_project(tmp_path, speed_files()).rglob("*.py"))
    alone = measure_batch(files, MeasureOptions(jobs=1))
    pooled = measure_batch(files, MeasureOptions(jobs=2))
    assert (alone.workers, pooled.workers) == (1, 2)
    assert list(pooled.metrics) == files  # merged back in the order asked for
    assert pooled.metrics == alone.metrics
    assert pooled.metrics[tmp_path / "pkg" / "broken.py"].failure is not None


def test_report_is_identical_for_any_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, speed_files())
    monkeypatch.chdir(tmp_path)
    outputs = set()
    for jobs in ("1", "2", "3"):
        # One run writes both reports: the text one to stdout, the JSON one to a file.
        code = main(["--no-cache", "--jobs", jobs, "--format", "text", "--format", f"json:{jobs}.json"])
        report = (tmp_path / f"{jobs}.json").read_text(encoding="utf-8")
        outputs.add((code, capsys.readouterr().out, report))
    assert len(outputs) == 1
    code, text, report = outputs.pop()
    assert code == 1
    assert "pkg/broken.py:1:" in text and "V206" in text  # V200 and the cross-file chain are there
    assert '"path": "pkg/broken.py"' in report


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err
