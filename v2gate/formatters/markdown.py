"""`--format markdown`: a compact summary for `$GITHUB_STEP_SUMMARY` and pull-request comments.

Totals per rule (every limit rule, plus any other code that was found), the worst violations
first (by how far over its limit, a file that fails to parse first of all) and, with a baseline,
how many recorded violations it hid.
"""

from __future__ import annotations

from collections import Counter

from v2gate.evaluate.rules import RULES
from v2gate.report import Report
from v2gate.violation import Violation

TOP = 20


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (pipes escaped, no line breaks)."""
    return text.replace("|", "\\|").replace("\n", " ")


def severity(violation: Violation) -> float:
    """How far over its limit: value / limit; a violation without a limit (V200, V29x) ranks first."""
    if violation.value is None or not violation.limit:
        return float("inf")
    return violation.value / violation.limit


def _totals(report: Report) -> list[str]:
    """One row per limit rule (zeros included) and per other code found, in code order."""
    counts = Counter(violation.code for violation in report.violations)
    keys = {rule.code: rule.key for rule in RULES}
    shown = {rule.code for rule in RULES if rule.default is not None} | set(counts)
    lines = ["| rule | | violations |", "|---|---|---:|"]
    lines += [f"| {code} | {keys.get(code, '')} | {counts.get(code, 0)} |" for code in sorted(shown)]
    return lines


def _top(report: Report) -> list[str]:
    """The `TOP` worst violations as a table, with a line saying how many more there are."""
    worst = sorted(report.violations, key=lambda found: (-severity(found), found.sort_key))[:TOP]
    if not worst:
        return []
    lines = ["", f"### Worst {len(worst)} of {len(report.violations)}", ""]
    lines += ["| where | rule | value / limit | message |", "|---|---|---:|---|"]
    for found in worst:
        measured = "" if found.value is None else f"{found.value} / {found.limit}"
        where = f"`{_cell(found.path)}:{found.line}`"
        lines.append(f"| {where} | {found.code} | {measured} | {_cell(found.message)} |")
    return lines


def _headline(report: Report) -> str:
    """`✅ passed` or `❌ N violations`, with the files checked and the baseline's share."""
    files = len(report.files)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if report.passed:
        verdict = f"**quality gate passed**: no violations, {checked}"
    else:
        count = len(report.violations)
        verdict = f"**quality gate failed**: {count} violation{'s' if count != 1 else ''}, {checked}"
    if report.baselined is not None:
        verdict += f"; against the baseline: {len(report.violations)} new or worse, {report.baselined} baselined (not shown)"
    return verdict + "."


def format_markdown(report: Report, *, color: bool) -> str:
    """The whole summary, GitHub-flavoured Markdown, newline-terminated (`color` is ignored)."""
    del color
    lines = ["## Quality gate", "", _headline(report), "", *_totals(report), *_top(report)]
    return "\n".join(lines) + "\n"
