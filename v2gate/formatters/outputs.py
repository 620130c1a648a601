"""Where each requested format goes: `--format NAME[:FILE]` (repeatable) plus `--output FILE`.

A format without `:FILE` writes to `--output` when given, else to stdout. At most one format
may write to stdout and no two to the same file: interleaved reports would be unreadable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from v2gate.errors import GateError
from v2gate.formatters import FORMATTERS, known_formats

Destination = tuple[str, str | None]  # (format name, file or None for stdout)
DEFAULT_FORMAT = "text"


class FormatSpecError(ValueError):
    """A `--format` value that names no known format or has nothing after its `:`."""


def parse_format_spec(spec: str) -> Destination:
    """`json` -> ("json", None); `json:out/report.json` -> ("json", "out/report.json")."""
    name, colon, file = spec.partition(":")
    if name not in FORMATTERS:
        raise FormatSpecError(f"'{name}' is not one of the known formats: {known_formats()}")
    if colon and not file:
        raise FormatSpecError(
            f"'{spec}' names no file after ':'; write {name}:FILE, or just {name} for stdout"
        )
    return (name, file or None)


def destinations(specs: Iterable[Destination], output: str | None) -> tuple[Destination, ...]:
    """Every format with its file (`output` for those without one); checks for clashes."""
    resolved = tuple((name, file or output) for name, file in specs) or ((DEFAULT_FORMAT, output),)
    on_stdout = [name for name, file in resolved if file is None]
    if len(on_stdout) > 1:
        raise GateError(
            f"{len(on_stdout)} formats write to standard output ({', '.join(on_stdout)}); "
            "at most one may: give the others a file, e.g. --format json:report.json"
        )
    seen: dict[str, str] = {}
    for name, file in resolved:
        if file is None:
            continue
        if os.path.abspath(file) in seen:
            raise GateError(
                f"formats {seen[os.path.abspath(file)]} and {name} both write to {file}; "
                "give each format its own file"
            )
        seen[os.path.abspath(file)] = name
    return resolved
