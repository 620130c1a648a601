"""Judge one file's measurements against its limits: FileMetrics + Limits -> violations."""

from __future__ import annotations

from collections.abc import Iterable

from v2gate.evaluate.accountable import SuppressionPolicy
from v2gate.evaluate.checks import Limit
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.rules import LIMIT_RULES, PARSE_ERROR, Rule
from v2gate.evaluate.subject import Subject
from v2gate.evaluate.suppressions import apply_suppressions
from v2gate.report import FileSummary, Suppressed
from v2gate.violation import Violation


def evaluate(subject: Subject, limits: Limits, *, rules: Iterable[Rule] = LIMIT_RULES) -> list[Violation]:
    """Every violation in one file, V200 first, in rule order (the Report sorts them).

    `rules` are the limit rules to check (default: the table's), each against `limits[rule.key]`.
    """
    found: list[Violation] = []
    failure = subject.metrics.failure
    if failure is not None:
        found.append(
            Violation(
                subject.path,
                failure.line,
                failure.column,
                PARSE_ERROR.code,
                PARSE_ERROR.key,
                None,
                None,
                None,
                failure.message,
            )
        )
    for rule in rules:
        if rule.check is not None:
            found.extend(rule.check(subject, Limit(rule.code, rule.key, limits[rule.key])))
    return found


def evaluate_file(
    subject: Subject, limits: Limits, *, suppress: bool = True, policy: SuppressionPolicy | None = None
) -> tuple[list[Violation], list[Suppressed]]:
    """(violations to report, violations silenced by comments) of one file.

    With `suppress` False (`--no-suppress`, audit mode) every comment is ignored, so nothing
    is silenced and no V297-V299 is reported. `policy` says what day it is and whether a
    suppression needs a reason (default: today, no).
    """
    found = evaluate(subject, limits)
    if not suppress:
        return found, []
    return apply_suppressions(subject, found, policy)


def summarize(subject: Subject) -> FileSummary:
    """The file's row in the report: its measured maxima (0 when there is nothing to measure)."""
    metrics = subject.metrics
    functions = metrics.functions
    return FileSummary(
        path=subject.path,
        lines=metrics.lines,
        functions=metrics.function_count,
        classes=len(metrics.classes),
        max_complexity=max((function.complexity for function in functions), default=0),
        max_parameters=max((function.parameters for function in functions), default=0),
        max_inheritance_depth=max((found.depth for found in subject.depths), default=0),
        error=metrics.failure.message if metrics.failure is not None else None,
    )
