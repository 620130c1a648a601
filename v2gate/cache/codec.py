"""FileMetrics to plain JSON rows and back, for the measurement cache (never pickle).

A cache directory is writable by anyone with access to the repository; unpickling a file
from it would run whatever code its author put there, so entries are JSON: each record is a
list of its field values in declaration order (compact, and fast to rebuild with `cls(*row)`).
`SCHEMA` names every field of every record, so a change to the records changes the cache
fingerprint and old entries are simply not found.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from v2gate.records import Binding, ClassRecord, Failure, FileMetrics, FunctionRecord, Suppression

# FileMetrics fields that hold tuples of records, and the record class of each.
_NESTED: dict[str, type[Any]] = {
    "functions": FunctionRecord,
    "classes": ClassRecord,
    "imports": Binding,
    "suppressions": Suppression,
    "file_suppressions": Suppression,
}
_RECORDS = (FileMetrics, FunctionRecord, ClassRecord, Binding, Suppression, Failure)
_METRICS_FIELDS = tuple(item.name for item in fields(FileMetrics))

# Positions of the tuple fields of each record (JSON hands them back as lists); the
# annotations are strings under `from __future__ import annotations`.
_TUPLE_FIELDS: dict[type[Any], tuple[int, ...]] = {
    cls: tuple(index for index, item in enumerate(fields(cls)) if str(item.type).startswith("tuple"))
    for cls in _RECORDS
}

SCHEMA = ";".join(f"{cls.__name__}({','.join(item.name for item in fields(cls))})" for cls in _RECORDS)


class CorruptEntry(ValueError):
    """A cache entry that does not decode into records; the cache treats it as a miss."""


def _row(record: Any) -> list[Any]:
    """The field values of a flat record (tuples become JSON lists)."""
    return [getattr(record, name) for name in record.__slots__]


def _record(cls: type[Any], row: Any) -> Any:
    """`cls(*row)`, turning the JSON lists of tuple fields back into tuples."""
    if not isinstance(row, list):
        raise CorruptEntry(f"{cls.__name__} row is not a list")
    positions = _TUPLE_FIELDS[cls]
    if positions:
        row = list(row)
        for position in positions:
            row[position] = tuple(row[position])
    return cls(*row)


def _records(cls: type[Any], rows: Any) -> tuple[Any, ...]:
    """`_record` of each row; records without tuple fields (most) skip the per-row call."""
    if _TUPLE_FIELDS[cls]:
        return tuple(_record(cls, row) for row in rows)
    if not all(isinstance(row, list) for row in rows):
        raise CorruptEntry(f"{cls.__name__} row is not a list")
    return tuple(cls(*row) for row in rows)


def encode_metrics(metrics: FileMetrics) -> list[Any]:
    """One JSON-ready row for `metrics`, in FileMetrics field order."""
    row: list[Any] = []
    for name in _METRICS_FIELDS:
        value = getattr(metrics, name)
        if name in _NESTED:
            row.append([_row(record) for record in value])
        elif name == "failure":
            row.append(None if value is None else _row(value))
        else:
            row.append(value)
    return row


def encode_tables(metrics: FileMetrics) -> list[Any]:
    """The JSON rows of a file's classes and import bindings (what inheritance reads)."""
    return [[_row(record) for record in metrics.classes], [_row(record) for record in metrics.imports]]


def decode_metrics(row: Any) -> FileMetrics:
    """The FileMetrics of an `encode_metrics` row; CorruptEntry when it does not fit."""
    if not isinstance(row, list) or len(row) != len(_METRICS_FIELDS):
        raise CorruptEntry("metrics row has the wrong shape")
    values: dict[str, Any] = {}
    try:
        for name, value in zip(_METRICS_FIELDS, row, strict=False):
            if name in _NESTED:
                values[name] = _records(_NESTED[name], value)
            elif name == "failure":
                values[name] = None if value is None else _record(Failure, value)
            else:
                values[name] = value
        return FileMetrics(**values)
    except TypeError as exc:  # wrong number of fields, a non-iterable where rows belong
        raise CorruptEntry(str(exc)) from exc
