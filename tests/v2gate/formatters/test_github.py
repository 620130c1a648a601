"""`--format github`: exact `::error` workflow commands, with the Actions runner's escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from v2gate.cli import main
from v2gate.formatters.github import github_line
from v2gate.violation import Violation


def test_one_annotation_per_violation_then_the_summary(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--format", "github"]) == 1
    assert capsys.readouterr().out == (
        "::error file=app/errors.py,line=9,col=1,title=V206 max-inheritance-depth::"
        "DbTimeout → DbError → AppError → ValueError (depth 3 > 2)\n"
        "::error file=app/logic.py,line=1,col=1,title=V204 max-complexity::f has cyclomatic complexity 3 (limit 2)\n"
        "::error file=app/logic.py,line=9,col=1,title=V205 max-parameters::g has 3 parameters (limit 2)\n"
        "Checked 4 files: 3 violations.\n"
    )


def test_a_passing_run_prints_only_the_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "github", "app/ok.py"]) == 0
    assert capsys.readouterr().out == "Checked 1 file: no violations.\n"


# (path, message, expected line). Message data escapes %, CR, LF; properties also `:` and `,`.
ESCAPES = [
    ("a.py", "plain", "::error file=a.py,line=3,col=7,title=V204 max-complexity::plain"),
    ("a.py", "50% done", "::error file=a.py,line=3,col=7,title=V204 max-complexity::50%25 done"),
    (
        "a.py",
        "one\r\ntwo\nthree",
        "::error file=a.py,line=3,col=7,title=V204 max-complexity::one%0D%0Atwo%0Athree",
    ),
    (
        "a.py",
        "keeps: colons, commas ::",
        "::error file=a.py,line=3,col=7,title=V204 max-complexity::keeps: colons, commas ::",
    ),
    ("dir,x/b:c.py", "m", "::error file=dir%2Cx/b%3Ac.py,line=3,col=7,title=V204 max-complexity::m"),
    ("100%/a\nb.py", "m", "::error file=100%25/a%0Ab.py,line=3,col=7,title=V204 max-complexity::m"),
    ("%2C.py", "%0A", "::error file=%252C.py,line=3,col=7,title=V204 max-complexity::%250A"),
]


@pytest.mark.parametrize(("path", "message", "expected"), ESCAPES)
def test_escaping(path: str, message: str, expected: str) -> None:
    violation = Violation(path, 3, 7, "V204", "max-complexity", "f", 14, 10, message)
    assert github_line(violation) == expected
