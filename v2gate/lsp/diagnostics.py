"""Violations as LSP diagnostics: on the definition's name, with a configurable severity and a
link to the rule's documentation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from v2gate.violation import Violation

DOCS_URL = "https://quality-gates.readthedocs.io/en/latest/"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}
# Each code's section of the docs (anchors as mkdocs writes them).
_PAGES = {
    "V206": "rules/#v206-max-inheritance-depth-default-2",
    "V297": "rules/#v297-expired-suppression-and-v298-suppression-needs-reason",
    "V298": "rules/#v297-expired-suppression-and-v298-suppression-needs-reason",
    "V299": "rules/#v299-unused-suppression",
}
_NAME = re.compile(r"(?:def|class)\s+(\w+)")


def docs_link(code: str, base: str = DOCS_URL) -> str:
    """The page (and section) that documents `code`."""
    return base + _PAGES.get(code, "rules/#what-is-counted-exactly-v200v205")


def name_range(lines: Sequence[str], line: int, column: int) -> types.Range:
    """The range of the definition's name at 1-based `line`/`column` (the `def`/`class` keyword);
    the rest of the line from `column` when no name is found there (a file rule, V200)."""
    index = max(line - 1, 0)
    text = lines[index] if index < len(lines) else ""
    found = _NAME.search(text, max(column - 1, 0))
    if found is not None:
        return types.Range(types.Position(index, found.start(1)), types.Position(index, found.end(1)))
    start = min(max(column - 1, 0), len(text))
    end = len(text) if len(text) > start else start + 1
    return types.Range(types.Position(index, start), types.Position(index, end))


def to_diagnostic(
    violation: Violation, lines: Sequence[str], severity: str = "warning", base: str = DOCS_URL
) -> types.Diagnostic:
    """One violation as a diagnostic; `data` keeps what a code action needs."""
    return types.Diagnostic(
        range=name_range(lines, violation.line, violation.column),
        message=violation.message,
        severity=SEVERITIES.get(severity, types.DiagnosticSeverity.Warning),
        code=violation.code,
        code_description=types.CodeDescription(href=docs_link(violation.code, base)),
        source="quality-gates",
        data={
            "line": violation.line,
            "code": violation.code,
            "symbol": violation.symbol,
            "value": violation.value,
        },
    )
