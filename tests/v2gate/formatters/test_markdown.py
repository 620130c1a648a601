"""`--format markdown`: totals per rule, the worst violations first, the baseline's share."""

from __future__ import annotations

from pathlib import Path

import pytest

from v2gate.cli import main
from v2gate.formatters import get_formatter
from v2gate.formatters.markdown import TOP
from v2gate.report import FileSummary, Report
from v2gate.violation import Violation

EXPECTED = """\
## Quality gate

**quality gate failed**: 3 violations, 4 files checked.

| rule | | violations |
|---|---|---:|
| V201 | max-file-lines | 0 |
| V202 | max-functions | 0 |
| V203 | max-classes | 0 |
| V204 | max-complexity | 1 |
| V205 | max-parameters | 1 |
| V206 | max-inheritance-depth | 1 |

### Worst 3 of 3

| where | rule | value / limit | message |
|---|---|---:|---|
| `app/errors.py:9` | V206 | 3 / 2 | DbTimeout → DbError → AppError → ValueError (depth 3 > 2) |
| `app/logic.py:1` | V204 | 3 / 2 | f has cyclomatic complexity 3 (limit 2) |
| `app/logic.py:9` | V205 | 3 / 2 | g has 3 parameters (limit 2) |
"""


def test_summary_of_the_format_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "markdown"]) == 1
    assert capsys.readouterr().out == EXPECTED


def test_the_baseline_says_what_is_new(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--write-baseline", "base.json", "--exit-zero", "--format", "json:x.json"]) == 0
    (project / "app" / "new.py").write_text("def h(a, b, c):\n    return a\n", encoding="utf-8")
    assert main(["--baseline", "base.json", "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert "**quality gate failed**: 1 violation, 5 files checked; against the baseline: " in out
    assert "1 new or worse, 3 baselined (not shown)." in out
    assert "| `app/new.py:1` | V205 | 3 / 2 | h has 3 parameters (limit 2) |" in out


def _violation(number: int, value: int) -> Violation:
    return Violation(f"m{number}.py", 1, 1, "V204", "max-complexity", "f", value, 10, f"f {value} | x")


def test_worst_first_at_most_top_and_pipes_escaped() -> None:
    found = [_violation(number, 11 + number) for number in range(30)]
    found.append(Violation("bad.py", 2, 1, "V200", "parse-error", None, None, None, "invalid syntax"))
    text = get_formatter("markdown")(Report.build([], found), color=True)
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == TOP
    assert rows[0] == "| `bad.py:2` | V200 |  | invalid syntax |"
    assert rows[1] == "| `m29.py:1` | V204 | 40 / 10 | f 40 \\| x |"
    assert "### Worst 20 of 31" in text
    assert "| V200 | parse-error | 1 |" in text


def test_a_passing_report() -> None:
    row = FileSummary("a.py", 1, 0, 0, 0, 0, 0)
    text = get_formatter("markdown")(Report.build([row], []), color=False)
    assert "**quality gate passed**: no violations, 1 file checked." in text
    assert "Worst" not in text
