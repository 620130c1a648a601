"""`--format text`: one `path:line:col: CODE message` line per violation, then a summary line."""

from __future__ import annotations

import click

from v2gate.report import Report, Suppressed
from v2gate.violation import Violation


def _count(number: int, noun: str) -> str:
    """`1 file`, `3 files`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _line(violation: Violation, color: bool) -> str:
    """One violation; on a terminal the location is bold and the code red."""
    location = f"{violation.path}:{violation.line}:{violation.column}:"
    code = violation.code
    if color:
        location = click.style(location, bold=True)
        code = click.style(code, fg="red", bold=True)
    return f"{location} {code} {violation.message}"


def _suppressed_lines(suppressed: tuple[Suppressed, ...]) -> list[str]:
    """`--report-suppressed`: an indented section (problem matchers skip it), empty when none."""
    if not suppressed:
        return []
    lines = ["Suppressed:"]
    for item in suppressed:
        found = item.violation
        comment = "quality-gates: noqa" if item.scope == "file" else "noqa"
        why = f": {item.reason}" if item.reason else ""
        until = f" (until {item.expires})" if item.expires else ""
        lines.append(
            f"  {found.path}:{found.line}:{found.column}: {found.code} {found.message}"
            f" [{comment} on line {item.line}{why}{until}]"
        )
    return lines


def summary_line(report: Report) -> str:
    """`Checked 12 files: 3 violations.`, `... no violations.`, with `; 2 suppressed` when listed
    and `; 3 baselined violations not shown` when a baseline hid some (the debt stays visible)."""
    found = _count(len(report.violations), "violation") if report.violations else "no violations"
    clauses = [f"Checked {_count(len(report.files), 'file')}: {found}"]
    if report.suppressed is not None:
        clauses.append(f"{len(report.suppressed)} suppressed")
    if report.baselined:
        clauses.append(f"{_count(report.baselined, 'baselined violation')} not shown")
    return "; ".join(clauses) + "."


def format_text(report: Report, *, color: bool) -> str:
    """The whole text report, newline-terminated."""
    lines = [_line(violation, color) for violation in report.violations]
    lines.extend(_suppressed_lines(report.suppressed or ()))
    summary = summary_line(report)
    if color:
        summary = click.style(summary, fg="green" if report.passed else "red")
    lines.append(summary)
    return "\n".join(lines) + "\n"
