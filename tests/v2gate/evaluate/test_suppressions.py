"""Suppression comments through `main([...])`: which violations a `# noqa: V2xx` silences, and V299 for dead ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.v2gate.projects import write_project
from v2gate.cli import main

PYPROJECT = "[tool.quality-gates]\nmax-parameters = 2\nmax-complexity = 2\nmax-inheritance-depth = 1\n"

BLACK_WRAPPED = """\
def load(
    path,
    mode,
    encoding,
):  # noqa: V205
    return path
"""

ON_DECORATOR = """\
@cache(  # noqa: V205
    size=3,
)
def load(path, mode, encoding):
    return path
"""

MIDDLE_OF_SIGNATURE = """\
def load(
    path,  # noqa: V205
    mode,
    encoding,
):
    return path
"""

TWO_CODES = """\
def load(path, mode, encoding):  # NOQA:v204, V205 -- legacy, see #12
    if path:
        return 1
    if mode:
        return 2
    return 3
"""

IN_THE_BODY = """\
def load(path, mode, encoding):
    return path  # noqa: V205
"""

BARE_AND_FOREIGN = """\
def load(path, mode, encoding):  # noqa
    return path


def save(path, mode, encoding):  # noqa: E501
    return path
"""

CLASS_HEADER = """\
from base import Base


class Legacy(Base):  # noqa: V204, V206 (depth 2 > 1)
    def load(self, path, mode):
        if path:
            return 1
        if mode:
            return 2
        return 3
"""

CLOSURE = """\
def outer(a, b, c):  # noqa: V205
    def inner(x, y, z):
        return x
    return inner
"""

# The second `load` (under else) is its own definition: the first one's violation stays.
SAME_NAME_TWICE = """\
if FAST:
    def load(path, mode, encoding):
        return path
else:
    def load(path, mode, encoding):  # noqa: V205
        return path
"""

DEAD = """\
def load(path):  # noqa: V205, V201, V200, V299, V207
    return path
"""

FILE_LEVEL = """\
import os
# quality-gates: noqa V201, V202, V205
def a(x, y, z): pass
def b(): pass
"""

FILE_LEVEL_DEAD = """\
# quality-gates: noqa V203
def a(x, y, z):  # noqa: V205
    pass
"""

V205 = "V205 load has 3 parameters (limit 2)"
V299 = "V299 unused suppression:"
# (case id, source, extra argv, expected report lines before the summary) — what the rule is:
CASES = [
    # a formatter wrapped the signature: the noqa on the last header line (the `):`) still applies
    ("black-wrapped", BLACK_WRAPPED, [], []),
    # anywhere from the first decorator ...
    ("on-decorator", ON_DECORATOR, [], []),
    # ... through the lines in between
    ("middle-of-signature", MIDDLE_OF_SIGNATURE, [], []),
    # several codes, case-insensitive, trailing text and non-V2 codes ignored
    ("two-codes", TWO_CODES, [], []),
    # the body is not the header: the violation stays and the comment is dead
    (
        "in-the-body",
        IN_THE_BODY,
        [],
        [
            f"mod.py:1:1: {V205}",
            f"mod.py:2:1: {V299} `# noqa: V205` only works in a def or class header (first decorator to the `:`"
            " opening the body); move it there or remove it",
        ],
    ),
    # a bare noqa comment and other tools' codes do not silence the gate (and are not ours to call dead)
    (
        "bare-and-foreign",
        BARE_AND_FOREIGN,
        [],
        [
            f"mod.py:1:1: {V205}",
            "mod.py:5:1: V205 save has 3 parameters (limit 2)",
        ],
    ),
    # a class header covers the class and everything defined in it
    ("class-header", CLASS_HEADER, [], []),
    # a function header covers its closures too
    ("closure", CLOSURE, [], []),
    ("same-name-twice", SAME_NAME_TWICE, [], [f"mod.py:2:5: {V205}"]),
    # a code with nothing to silence: one V299 per code, each saying why
    (
        "dead",
        DEAD,
        ["--max-file-lines", "1"],
        [
            "mod.py:1:1: V201 file has 2 lines (limit 1)",
            f"mod.py:1:1: {V299} load has no V205 violation; remove V205 from this comment",
            f"mod.py:1:1: {V299} V201 is a file rule; use a `# quality-gates: noqa V201` comment line instead",
            f"mod.py:1:1: {V299} V200 cannot be suppressed (an unparsable file has no readable comments);"
            " remove V200 from this comment",
            f"mod.py:1:1: {V299} V299 cannot be suppressed; remove V299 from this comment",
            f"mod.py:1:1: {V299} V207 is not a quality-gates rule; remove V207 from this comment",
        ],
    ),
    # the file-level comment line silences file rules and definition rules for the whole file
    ("file-level", FILE_LEVEL, ["--max-file-lines", "2", "--max-functions", "1"], []),
    # a file-level code with nothing to silence is dead; a used header noqa is not
    (
        "file-level-dead",
        FILE_LEVEL_DEAD,
        [],
        [
            f"mod.py:1:1: {V299} the file has no V203 violation; remove V203 from this comment",
        ],
    ),
]


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {"pyproject.toml": PYPROJECT, "base.py": "class Base(Exception):\n    pass\n"}
    monkeypatch.chdir(write_project(tmp_path, files))
    return tmp_path


@pytest.mark.parametrize(
    ("source", "argv", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_suppression_comments(
    project: Path, capsys: pytest.CaptureFixture[str], source: str, argv: list[str], expected: list[str]
) -> None:
    (project / "mod.py").write_text(source, encoding="utf-8")
    count = len(expected)
    summary = (
        f"Checked 1 file: {count} violation{'s' if count > 1 else ''}."
        if expected
        else "Checked 1 file: no violations."
    )
    assert main([*argv, "mod.py"]) == (1 if expected else 0)
    assert capsys.readouterr().out == "".join(f"{line}\n" for line in [*expected, summary])


def test_without_the_comment_each_case_does_violate(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The silenced cases above are real violations: `--no-suppress` shows them all."""
    for name, source, argv, expected in CASES:
        if expected:
            continue
        (project / "mod.py").write_text(source, encoding="utf-8")
        assert main(["--no-suppress", *argv, "mod.py"]) == 1, name
        assert "V299" not in capsys.readouterr().out, name
