"""V200 parse failures: syntax errors, deep nesting, newer-Python syntax, unreadable files;
and measure_source never raises."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from v2gate.measure.source import measure_path, measure_source

RUNNING = sys.version_info[:2]

# (source, failure line, words in the message, lines) -- V200 with the parser's message
SYNTAX_ERRORS = [
    (b"def f(:\n    pass\n", 1, "SyntaxError: invalid syntax", 2),
    (b"def f():\nreturn 1\n", 2, "IndentationError", 2),
    (b"x = 1\nif x:\n\tpass\n        pass\n", 4, "Error", 4),  # inconsistent tabs / spaces
    (b"x = (\n", 1, "never closed", 1),
    (b"print 'hello'\n", 1, "Missing parentheses", 1),  # Python 2
    (b"x = 0777\n", 1, "leading zeros", 1),
    (
        b"x = 1\n" + b"".join(b" " * n + b"if x:\n" for n in range(0, 404, 4)) + b" " * 404 + b"pass\n",
        102,
        "too many levels of indentation",
        103,
    ),  # 101 nested ifs
]


@pytest.mark.parametrize(("source", "line", "words", "lines"), SYNTAX_ERRORS)
def test_syntax_errors(source: bytes, line: int, words: str, lines: int) -> None:
    metrics = measure_source(source)
    assert metrics.failure is not None
    assert metrics.failure.line == line and metrics.failure.column >= 1
    assert words in metrics.failure.message
    assert metrics.lines == lines
    assert metrics.functions == () and metrics.classes == ()


DEEP = [
    b"x = " + b"(" * 200 + b"1" + b")" * 200 + b"\n",  # 200 nested parentheses
    b"x = " + b"(" * 1000 + b"1" + b")" * 1000 + b"\n",
    b"x = " + b"[" * 150 + b"]" * 150 + b"\n",
    b"x = " + b"+".join([b"1"] * 5000) + b"\n",  # beyond the recursion limit of ast
    b"x = " + b"+".join([b"1"] * 600) + b"\n",  # beyond radon's visitor
    b"def f():\n" + b"".join(b" " * n + b"if x:\n" for n in range(4, 404, 4)) + b" " * 404 + b"pass\n",
]


@pytest.mark.parametrize("source", DEEP, ids=range(len(DEEP)))
def test_deep_nesting_never_raises(source: bytes) -> None:
    """V200: deeply nested code is measured or reported as a failure with a line, not raised."""
    metrics = measure_source(source)
    assert metrics.lines == source.count(b"\n")
    assert metrics.failure is None or (metrics.failure.line >= 1 and metrics.failure.message)


# (source, Python version the syntax needs, line of the construct)
NEWER_SYNTAX = [
    (b"type X = int\n", (3, 12), 1),  # PEP 695 alias
    (b"x = 1\ndef f[T](a: T) -> T:\n    return a\n", (3, 12), 2),  # PEP 695 function
    (b"class A[T]: pass\n", (3, 12), 1),
    (b'x = f"{"a"}"\n', (3, 12), 1),  # PEP 701 f-string
    (b"class A[T = int]: pass\n", (3, 13), 1),  # PEP 696 default
    (b"type X = int\nclass A[T = int]: pass\n", (3, 13), 2),  # the newest requirement wins
    (b"try:\n    pass\nexcept A, B:\n    pass\n", (3, 14), 3),  # PEP 758
    (b'x = t"hi {y}"\n', (3, 14), 1),  # PEP 750 t-string
]


@pytest.mark.parametrize(("source", "version", "line"), NEWER_SYNTAX)
def test_newer_python_syntax(source: bytes, version: tuple[int, int], line: int) -> None:
    """V200: on an older interpreter, say plainly which Python the file needs."""
    metrics = measure_source(source)
    if version <= RUNNING:
        assert metrics.failure is None
        return
    assert metrics.failure is not None
    needed = f"syntax needs Python {version[0]}.{version[1]} or newer"
    assert metrics.failure.message.startswith(f"{needed} (running {RUNNING[0]}.{RUNNING[1]})")
    assert metrics.failure.line == line


def test_unreadable_paths_are_failures(tmp_path: Path) -> None:
    """V200: a missing file or a directory is a reported failure, not an exception."""
    for path in (tmp_path / "missing.py", tmp_path):
        metrics = measure_path(path)
        assert metrics.failure is not None and "cannot read the file" in metrics.failure.message
        assert metrics.lines == 0
    good = tmp_path / "good.py"
    good.write_bytes(b"def f(a):\r\n    return a\r\n")
    assert measure_path(good) == measure_source(good.read_bytes())
    assert [f.symbol for f in measure_path(good).functions] == ["f"]


def test_random_damage_never_raises() -> None:
    """V200: 300 randomly damaged variants of real code all come back as FileMetrics."""
    seed = Path(__file__).read_bytes()[:1500]
    rng = random.Random(2)
    for _ in range(300):
        damaged = bytearray(seed)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = rng.randrange(len(damaged) + 1)
        metrics = measure_source(bytes(damaged[:cut]))
        assert metrics.failure is None or metrics.failure.line >= 1


def test_importing_measure_loads_neither_parser() -> None:
    """A fully cached run must not pay for importing libcst or radon."""
    code = "import sys, v2gate.measure.source; print(sorted({'libcst', 'radon'} & set(sys.modules)))"
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert done.stdout.strip() == "[]"


def test_measuring_never_loads_libcst() -> None:
    """libcst is for rewriting only: measuring a file loads radon, never libcst."""
    code = (
        "import sys, v2gate.measure.source as s; m = s.measure_source(b'class A:\\n def f(self): pass\\n');"
        " print(m.failure, sorted({'libcst', 'radon'} & set(sys.modules)))"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert done.stdout.strip() == "None ['radon']"
