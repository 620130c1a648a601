"""The result of a run: per-file summary rows, the sorted violations, what was suppressed or baselined.

Paths in a report are display paths (`display_path`): relative to the current directory, `/`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from v2gate.violation import Violation


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A violation a comment silenced: `line` is where that comment stands.

    `scope` is "definition" for a `# noqa: CODES` in a def/class header and "file" for a
    `# quality-gates: noqa CODES` comment line. `reason` and `expires` (ISO date) are the
    comment's ` -- reason (until DATE)`, None when not written.
    """

    violation: Violation
    line: int
    scope: str
    reason: str | None = None
    expires: str | None = None


@dataclass(frozen=True, slots=True)
class FileSummary:
    """One checked file's row: its metrics (0 for an empty file) and its failure, if any."""

    path: str
    lines: int
    functions: int
    classes: int
    max_complexity: int
    max_parameters: int
    max_inheritance_depth: int
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """Every checked file (sorted by path) and every violation (sorted by path, line, column, code).

    `suppressed` is None unless `--report-suppressed` asked for the list (then formatters
    show it, sorted like violations). `baselined` is None without a baseline, else how many
    violations the baseline matched and hid (the debt that remains).
    """

    files: tuple[FileSummary, ...]
    violations: tuple[Violation, ...]
    suppressed: tuple[Suppressed, ...] | None = None
    baselined: int | None = None

    @classmethod
    def build(
        cls,
        files: Iterable[FileSummary],
        violations: Iterable[Violation],
        suppressed: Iterable[Suppressed] | None = None,
    ) -> Report:
        """A report with its lists in their canonical order, whatever order they arrive in."""
        return cls(
            files=tuple(sorted(files, key=lambda row: row.path)),
            violations=tuple(sorted(violations, key=lambda found: found.sort_key)),
            suppressed=None if suppressed is None else sort_suppressed(suppressed),
        )

    @property
    def passed(self) -> bool:
        """True when there is nothing to report (V200 failures count as violations)."""
        return not self.violations


def sort_suppressed(suppressed: Iterable[Suppressed]) -> tuple[Suppressed, ...]:
    """Suppressed violations in report order (path, line, column, code)."""
    return tuple(sorted(suppressed, key=lambda item: item.violation.sort_key))


def display_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` (`../x.py` allowed); absolute posix when on another drive."""
    name, base = os.fspath(path), os.fspath(cwd)
    if (
        os.path.isabs(name)
        and name.startswith(base.rstrip(os.sep) + os.sep)
        and os.path.normpath(name) == name
    ):
        # The usual case, a normalised path below the cwd: relpath would only cut the prefix.
        relative = name[len(base.rstrip(os.sep)) + 1 :]
        return relative if os.sep == "/" else PurePath(relative).as_posix()
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:
        # Windows: no relative path between different drives.
        return PurePath(os.path.abspath(path)).as_posix()
    return PurePath(relative).as_posix()
