"""`--format json`: the machine-readable report (version 1; other tools and our tests read it)."""

from __future__ import annotations

import json
from typing import Any

from v2gate.report import FileSummary, Report, Suppressed
from v2gate.violation import Violation

JSON_VERSION = 1


def _violation(violation: Violation) -> dict[str, Any]:
    """A violation object, keys in the documented order."""
    return {
        "path": violation.path,
        "line": violation.line,
        "column": violation.column,
        "code": violation.code,
        "rule": violation.rule,
        "symbol": violation.symbol,
        "value": violation.value,
        "limit": violation.limit,
        "message": violation.message,
    }


def _file(row: FileSummary) -> dict[str, Any]:
    """A file row; `error` is present only for a file that failed to decode or parse (V200)."""
    data: dict[str, Any] = {
        "path": row.path,
        "lines": row.lines,
        "functions": row.functions,
        "classes": row.classes,
        "max_complexity": row.max_complexity,
        "max_parameters": row.max_parameters,
        "max_inheritance_depth": row.max_inheritance_depth,
    }
    if row.error is not None:
        data["error"] = row.error
    return data


def _suppressed(item: Suppressed) -> dict[str, Any]:
    """A suppressed violation: the violation object plus the comment that silenced it (its
    `reason` and `expires` are null when the comment gives none)."""
    by = {"line": item.line, "scope": item.scope, "reason": item.reason, "expires": item.expires}
    return {**_violation(item.violation), "suppressed_by": by}


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data.

    Only when asked for: `summary.suppressed` and a `suppressed` list (`--report-suppressed`),
    `summary.baselined` (a baseline is in use: how many violations it hid).
    """
    summary: dict[str, Any] = {
        "files": len(report.files),
        "violations": len(report.violations),
        "passed": report.passed,
    }
    if report.suppressed is not None:
        summary["suppressed"] = len(report.suppressed)
    if report.baselined is not None:
        summary["baselined"] = report.baselined
    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "summary": summary,
        "violations": [_violation(violation) for violation in report.violations],
        "files": [_file(row) for row in report.files],
    }
    if report.suppressed is not None:
        data["suppressed"] = [_suppressed(item) for item in report.suppressed]
    return data


def format_json(report: Report, *, color: bool) -> str:
    """Indented JSON, newline-terminated; `color` is ignored (JSON is never coloured)."""
    del color
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"
