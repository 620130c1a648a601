"""One small function per limit rule: a file's measured records + its limit -> violations.

A check knows what it measures and how to say it; its code, config key and limit arrive in
the `Limit` it is given (from the rule table, `v2gate.evaluate.rules`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from v2gate.evaluate.subject import Subject
from v2gate.records import ClassRecord, FunctionRecord
from v2gate.violation import Violation


@dataclass(frozen=True, slots=True)
class Limit:
    """One rule's limit for one file: the rule's code and config key, and the limit's value."""

    code: str
    key: str
    value: int

    def file_violation(self, subject: Subject, value: int, message: str) -> Violation:
        """A file-level violation, reported at line 1, column 1, without a symbol."""
        return Violation(subject.path, 1, 1, self.code, self.key, None, value, self.value, message)

    def definition_violation(
        self, subject: Subject, record: FunctionRecord | ClassRecord, value: int, message: str
    ) -> Violation:
        """A violation of one def/class statement, at its keyword, named by its symbol."""
        return Violation(
            subject.path,
            record.line,
            record.column,
            self.code,
            self.key,
            record.symbol,
            value,
            self.value,
            message,
        )


Check = Callable[[Subject, Limit], Iterator[Violation]]


def _plural(count: int, noun: str, plural: str = "") -> str:
    """`1 line`, `2 lines`, `2 classes`."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def check_file_lines(subject: Subject, limit: Limit) -> Iterator[Violation]:
    """V201: physical lines per file."""
    lines = subject.metrics.lines
    if lines > limit.value:
        yield limit.file_violation(subject, lines, f"file has {_plural(lines, 'line')} (limit {limit.value})")


def check_functions(subject: Subject, limit: Limit) -> Iterator[Violation]:
    """V202: functions counted toward the per-file total (module/class-body scope, no overloads)."""
    count = subject.metrics.function_count
    if count > limit.value:
        message = f"file defines {_plural(count, 'function')} (limit {limit.value})"
        yield limit.file_violation(subject, count, message)


def check_classes(subject: Subject, limit: Limit) -> Iterator[Violation]:
    """V203: class statements per file, nested ones included."""
    count = len(subject.metrics.classes)
    if count > limit.value:
        message = f"file defines {_plural(count, 'class', 'classes')} (limit {limit.value})"
        yield limit.file_violation(subject, count, message)


def _each_function(
    subject: Subject, limit: Limit, value_of: Callable[[FunctionRecord], int], says: Callable[[int], str]
) -> Iterator[Violation]:
    """A violation for every function whose `value_of` exceeds the limit; the message is the
    symbol, what `says` of the value and the limit."""
    for function in subject.metrics.functions:
        value = value_of(function)
        if value > limit.value:
            message = f"{function.symbol} {says(value)} (limit {limit.value})"
            yield limit.definition_violation(subject, function, value, message)


def check_complexity(subject: Subject, limit: Limit) -> Iterator[Violation]:
    """V204: cyclomatic complexity of every function, nested ones measured separately."""
    yield from _each_function(
        subject,
        limit,
        lambda function: function.complexity,
        lambda value: f"has cyclomatic complexity {value}",
    )


def check_parameters(subject: Subject, limit: Limit) -> Iterator[Violation]:
    """V205: parameters of every function (self/cls of methods and a bare `*` excluded)."""
    yield from _each_function(
        subject,
        limit,
        lambda function: function.parameters,
        lambda value: f"has {_plural(value, 'parameter')}",
    )


def check_inheritance(subject: Subject, limit: Limit) -> Iterator[Violation]:
    """V206: inheritance depth of every class, with the longest chain in the message."""
    for record, found in zip(subject.metrics.classes, subject.depths, strict=False):
        if found.depth > limit.value:
            message = f"{' → '.join(found.chain)} (depth {found.depth} > {limit.value})"
            yield limit.definition_violation(subject, record, found.depth, message)
