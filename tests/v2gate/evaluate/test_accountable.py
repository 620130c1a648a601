"""Accountable suppressions: reasons, `(until DATE)` expiry (V297), `require-reason` (V298), and
where reasons show (--report-suppressed text, JSON, SARIF)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from tests.v2gate.measure.snippets import measure
from tests.v2gate.projects import write_project
from v2gate.cli import main
from v2gate.evaluate.accountable import SuppressionPolicy
from v2gate.evaluate.judge import evaluate_file
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.subject import Subject

SIX = "a, b, c, d, e, g"
SOURCE = f"""\
# quality-gates: noqa V201 -- generated tables (until 2999-12-31)
def kept({SIX}):  # noqa: V205 -- mirrors the wire format (until 2999-12-31)
    return a


def lapsed({SIX}):  # noqa: V205 -- until the v2 client ships (until 2000-01-31)
    return a


def bare({SIX}):  # noqa: V205
    return a
"""


def _codes(source: str, today: datetime.date, *, require_reason: bool = False) -> list[tuple[int, str]]:
    subject = Subject("m.py", measure(source))
    kept, _ = evaluate_file(
        subject, Limits({"max-file-lines": 5}), policy=SuppressionPolicy(today, require_reason)
    )
    return sorted((violation.line, violation.code) for violation in kept)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # on its date a suppression still holds; the day after, it is a V297 and the violation is back
        (datetime.date(2027, 6, 30), []),
        (datetime.date(2027, 7, 1), [(1, "V205"), (1, "V297")]),
    ],
)
def test_expiry_is_decided_by_the_given_day(today: datetime.date, expected: list[tuple[int, str]]) -> None:
    source = f"def f({SIX}):  # noqa: V205 -- why (until 2027-06-30)\n    return a\n"
    assert _codes(source, today) == expected


def test_require_reason_reports_each_comment_without_one() -> None:
    today = datetime.date(2026, 1, 1)
    assert _codes(SOURCE, today) == [(6, "V205"), (6, "V297")]
    assert _codes(SOURCE, today, require_reason=True) == [(6, "V205"), (6, "V297"), (10, "V298")]


@pytest.fixture(name="project")
def fixture_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {"pyproject.toml": "[tool.quality-gates]\nmax-file-lines = 5\n", "pkg/m.py": SOURCE}
    monkeypatch.chdir(write_project(tmp_path, files))
    return tmp_path


def test_text_report(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--report-suppressed"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "pkg/m.py:6:1: V205 lapsed has 6 parameters (limit 5)",
        "pkg/m.py:6:1: V297 suppression of V205 expired on 2000-01-31: until the v2 client ships",
        "Suppressed:",
        "  pkg/m.py:1:1: V201 file has 11 lines (limit 5)"
        " [quality-gates: noqa on line 1: generated tables (until 2999-12-31)]",
        "  pkg/m.py:2:1: V205 kept has 6 parameters (limit 5)"
        " [noqa on line 2: mirrors the wire format (until 2999-12-31)]",
        "  pkg/m.py:10:1: V205 bare has 6 parameters (limit 5) [noqa on line 10]",
        "Checked 1 file: 2 violations; 3 suppressed.",
    ]


def test_require_reason_from_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.quality-gates]\nmax-file-lines = 5\nrequire-reason = true\n", encoding="utf-8"
    )
    assert main([]) == 1
    assert capsys.readouterr().out.splitlines()[2] == (
        "pkg/m.py:10:1: V298 suppression needs a reason: write `# noqa: V205 -- why` (require-reason = true)"
    )


def test_require_reason_must_be_a_boolean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.quality-gates]\nrequire-reason = "yes"\n', encoding="utf-8"
    )
    assert main([]) == 2
    assert capsys.readouterr().err.endswith("'require-reason' must be true or false, got 'yes' (a string)\n")


def test_json_and_sarif_carry_the_reason(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--report-suppressed", "--format", "json", "--format", "sarif:out.sarif"]) == 1
    suppressed = json.loads(capsys.readouterr().out)["suppressed"]
    assert [item["suppressed_by"] for item in suppressed] == [
        {"line": 1, "scope": "file", "reason": "generated tables", "expires": "2999-12-31"},
        {"line": 2, "scope": "definition", "reason": "mirrors the wire format", "expires": "2999-12-31"},
        {"line": 10, "scope": "definition", "reason": None, "expires": None},
    ]
    results = json.loads((project / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [result["suppressions"][0]["justification"] for result in results if "suppressions" in result] == [
        "generated tables (until 2999-12-31)",
        "mirrors the wire format (until 2999-12-31)",
        "`# noqa` comment on line 10",
    ]


def test_no_suppress_reports_no_v297(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-suppress"]) == 1
    assert "V297" not in capsys.readouterr().out
