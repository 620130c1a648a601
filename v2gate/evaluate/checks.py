"""One small function per rule, registered by code: measured records + a limit -> violations."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from v2gate.evaluate.rules import RULES_BY_CODE
from v2gate.records import FileMetrics
from v2gate.violation import Violation


class ClassDepth(Protocol):
    """What evaluation needs from inheritance resolution: a depth and the chain of names."""

    @property
    def depth(self) -> int: ...

    @property
    def chain(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Subject:
    """One file under evaluation: its display path, metrics and class depths.

    `depths[i]` belongs to `metrics.classes[i]` (exact even when a file defines one symbol
    twice); an empty sequence means no depths are known (every class passes V206).
    """

    path: str
    metrics: FileMetrics
    depths: Sequence[ClassDepth] = ()


Check = Callable[[Subject, int], Iterator[Violation]]


def _plural(count: int, noun: str, plural: str = "") -> str:
    """`1 line`, `2 lines`, `2 classes`."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def _file_violation(subject: Subject, code: str, value: int, limit: int, message: str) -> Violation:
    """A file-level violation, reported at line 1, column 1, without a symbol."""
    rule = RULES_BY_CODE[code].key
    return Violation(subject.path, 1, 1, code, rule, None, value, limit, message)


def check_file_lines(subject: Subject, limit: int) -> Iterator[Violation]:
    """V201: physical lines per file."""
    lines = subject.metrics.lines
    if lines > limit:
        message = f"file has {_plural(lines, 'line')} (limit {limit})"
        yield _file_violation(subject, "V201", lines, limit, message)


def check_functions(subject: Subject, limit: int) -> Iterator[Violation]:
    """V202: functions counted toward the per-file total (module/class-body scope, no overloads)."""
    count = subject.metrics.function_count
    if count > limit:
        message = f"file defines {_plural(count, 'function')} (limit {limit})"
        yield _file_violation(subject, "V202", count, limit, message)


def check_classes(subject: Subject, limit: int) -> Iterator[Violation]:
    """V203: class statements per file, nested ones included."""
    count = len(subject.metrics.classes)
    if count > limit:
        message = f"file defines {_plural(count, 'class', 'classes')} (limit {limit})"
        yield _file_violation(subject, "V203", count, limit, message)


def check_complexity(subject: Subject, limit: int) -> Iterator[Violation]:
    """V204: cyclomatic complexity of every function, nested ones measured separately."""
    for function in subject.metrics.functions:
        if function.complexity > limit:
            message = f"{function.symbol} has cyclomatic complexity {function.complexity} (limit {limit})"
            yield Violation(
                subject.path,
                function.line,
                function.column,
                "V204",
                "max-complexity",
                function.symbol,
                function.complexity,
                limit,
                message,
            )


def check_parameters(subject: Subject, limit: int) -> Iterator[Violation]:
    """V205: parameters of every function (self/cls of methods and a bare `*` excluded)."""
    for function in subject.metrics.functions:
        if function.parameters > limit:
            message = f"{function.symbol} has {_plural(function.parameters, 'parameter')} (limit {limit})"
            yield Violation(
                subject.path,
                function.line,
                function.column,
                "V205",
                "max-parameters",
                function.symbol,
                function.parameters,
                limit,
                message,
            )


def check_inheritance(subject: Subject, limit: int) -> Iterator[Violation]:
    """V206: inheritance depth of every class, with the longest chain in the message."""
    for record, found in zip(subject.metrics.classes, subject.depths, strict=False):
        if found.depth <= limit:
            continue
        message = f"{' → '.join(found.chain)} (depth {found.depth} > {limit})"
        yield Violation(
            subject.path,
            record.line,
            record.column,
            "V206",
            "max-inheritance-depth",
            record.symbol,
            found.depth,
            limit,
            message,
        )


LIMIT_CHECKS: dict[str, Check] = {
    "V201": check_file_lines,
    "V202": check_functions,
    "V203": check_classes,
    "V204": check_complexity,
    "V205": check_parameters,
    "V206": check_inheritance,
}
