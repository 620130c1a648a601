"""Where a `# noqa` comment belongs: the def/class whose header holds it, and what that covers.

A suppression in a definition's header (first decorator .. the `:` opening the body) covers
that definition and every definition nested inside it: `class Legacy:  # noqa: V204` waives
V204 for all of Legacy's methods (that is the only thing V204 on a class can mean), and
`def outer():  # noqa: V204` waives it for `outer` and its closures as well.
"""

from __future__ import annotations

from collections.abc import Iterator

from v2gate.records import ClassRecord, FileMetrics, FunctionRecord
from v2gate.statements import Place
from v2gate.violation import Violation


def definitions(metrics: FileMetrics) -> list[Place]:
    """Every function and class of the file, in source order, named by its dotted symbol."""
    records: list[FunctionRecord | ClassRecord] = [*metrics.functions, *metrics.classes]
    found = [
        Place(
            record.symbol,
            isinstance(record, ClassRecord),
            record.line,
            record.column,
            record.header_start,
            record.header_end,
        )
        for record in records
    ]
    return sorted(found, key=lambda item: (item.line, item.column))


def header_owner(defined: list[Place], line: int) -> Place | None:
    """The definition whose header spans `line` (headers never overlap), or None."""
    for definition in defined:
        if definition.header_start <= line <= definition.header_end:
            return definition
    return None


def enclosing(defined: list[Place], violation: Violation) -> Iterator[Place]:
    """The violation's own definition, then each enclosing one outwards (none for file rules).

    Found by symbol without end lines: a definition whose symbol is a prefix of the
    violation's and that starts last before it is the one it stands in, because two
    definitions with one symbol share a scope and so their bodies never overlap.
    """
    if violation.symbol is None:
        return
    parts = violation.symbol.split(".")
    position = (violation.line, violation.column)
    for size in range(len(parts), 0, -1):
        prefix = ".".join(parts[:size])
        candidates = [
            item for item in defined if item.name == prefix and (item.line, item.column) <= position
        ]
        if candidates:
            yield candidates[-1]
