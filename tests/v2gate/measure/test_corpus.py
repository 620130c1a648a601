"""Corpus test: measure real code nobody here wrote (the running stdlib) and agree with radon."""

from __future__ import annotations

import ast
import sysconfig
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Class, Function

from v2gate.measure.source import measure_path

STDLIB = Path(sysconfig.get_paths()["stdlib"])
PACKAGES = ("asyncio", "email", "json", "concurrent")
BIG_ONES = ("typing.py", "dataclasses.py")
# Files the stdlib ships broken on purpose (bad cookies, bytes, Python 2 syntax).
KNOWN_BAD = (
    "lib2to3/tests/data/bom.py",
    "lib2to3/tests/data/crlf.py",
    "lib2to3/tests/data/different_encoding.py",
    "lib2to3/tests/data/false_encoding.py",
    "lib2to3/tests/data/py2_test_grammar.py",
    "test/tokenizedata/bad_coding.py",
    "test/tokenizedata/bad_coding2.py",
    "test/tokenizedata/badsyntax_3131.py",
    "test/tokenizedata/badsyntax_pep3120.py",
    "test/bad_coding.py",
    "test/bad_coding2.py",
    "test/badsyntax_3131.py",
    "test/badsyntax_pep3120.py",
)


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def _corpus() -> list[Path]:
    # Whole packages, plus the top-level modules up to 500 lines and two large ones with
    # varied syntax: about 50k lines, which keeps this test near 20 s of CPU.
    top_level = sorted(STDLIB.glob("*.py"))
    files = [path for path in top_level if _lines(path) <= 500 or path.name in BIG_ONES]
    for package in PACKAGES:
        files.extend(sorted((STDLIB / package).rglob("*.py")))
    return files


def _radon_values(source: str) -> dict[int, int]:
    """radon's cc_visit complexity by def line: functions, methods, inner classes, closures,
    leaving out functions that contain an `except*` (radon does not count those handlers)."""
    tree = ast.parse(source)
    star_lines = {node.lineno for node in ast.walk(tree) if isinstance(node, ast.TryStar)}
    values: dict[int, int] = {}
    blocks: list[Function | Class] = list(cc_visit(source))
    while blocks:
        block = blocks.pop()
        if isinstance(block, Class):
            blocks.extend([*block.methods, *block.inner_classes])
            continue
        blocks.extend(block.closures)
        if not any(block.lineno <= line <= block.endline for line in star_lines):
            values[block.lineno] = block.complexity
    return values


def _compare(path: Path) -> list[str]:
    """Disagreements between our measurement of `path` and radon's (empty when none)."""
    metrics = measure_path(path)
    if metrics.failure is not None:
        return [f"{path}: unexpected failure {metrics.failure}"]
    ours = {function.line: function.complexity for function in metrics.functions}
    expected = _radon_values(path.read_text(encoding="utf-8"))
    return [
        f"{path}:{line}: ours {ours.get(line)} radon {value}"
        for line, value in expected.items()
        if ours.get(line) != value
    ]


def test_stdlib_sample_measures_like_radon() -> None:
    """V204 equals radon's cc_visit for every function of ~150 stdlib files; none fails."""
    files = _corpus()
    assert len(files) > 100, "the stdlib sample is unexpectedly small"
    with ProcessPoolExecutor(max_workers=2) as pool:
        problems = [problem for found in pool.map(_compare, files, chunksize=4) for problem in found]
    assert problems == []


@pytest.mark.parametrize("relative", [name for name in KNOWN_BAD if (STDLIB / name).exists()])
def test_stdlib_broken_files_are_failures(relative: str) -> None:
    """V200: files with bad cookies, bytes or syntax are reported, never raised."""
    metrics = measure_path(STDLIB / relative)
    assert metrics.failure is not None
    assert metrics.failure.line >= 1 and metrics.failure.message
    assert metrics.functions == () and metrics.classes == ()
