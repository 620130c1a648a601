"""`--add-noqa`: run the gate, write a suppression for each violation, run again until none is left.

Each round rewrites only the files with violations no earlier round tried; a second round
catches what a first one caused (a file comment line that pushes a file over its line
limit). A file libcst cannot parse, or one that cannot be decoded, is left untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from v2gate.evaluate.rules import DEFINITION_RULE_CODES, FILE_RULE_CODES
from v2gate.measure.decode import decode_source, source_encoding
from v2gate.records import Failure
from v2gate.report import Report
from v2gate.rewrite.noqa import Wanted, add_comments
from v2gate.run.pipeline import RunOptions, run
from v2gate.violation import Violation

_ROUNDS = 3


@dataclass
class NoqaResult:
    """What `--add-noqa` did: comments added, files changed, and per file what it could not do."""

    added: int = 0
    files: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)  # display path -> what was not done


def _wanted(
    violations: Iterable[Violation], reason: str | None, tried: set[tuple[str, int, str]]
) -> dict[str, Wanted]:
    """Per display path, the codes to waive (only violations no earlier round tried)."""
    definitions: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    whole_file: dict[str, list[str]] = defaultdict(list)
    for violation in violations:
        key = (
            violation.path,
            violation.line if violation.code in DEFINITION_RULE_CODES else 0,
            violation.code,
        )
        if key in tried:
            continue
        tried.add(key)
        if violation.code in DEFINITION_RULE_CODES:
            definitions[violation.path][violation.line].append(violation.code)
        elif violation.code in FILE_RULE_CODES:
            whole_file[violation.path].append(violation.code)
    paths = definitions.keys() | whole_file.keys()
    return {
        path: Wanted(
            {line: sorted(codes) for line, codes in definitions[path].items()},
            sorted(whole_file[path]),
            reason,
        )
        for path in paths
    }


def _write(path: Path, data: bytes) -> None:
    """Replace the file's bytes atomically, keeping its permissions."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _rewrite(path: Path, wanted: Wanted) -> tuple[int, str | None]:
    """Add the comments of `wanted` to the file at `path`: (comments added, why not all were)."""
    data = path.read_bytes()
    encoding, text = source_encoding(data), decode_source(data)
    if isinstance(encoding, Failure) or isinstance(text, Failure):
        return 0, "left as it is: it cannot be decoded"
    try:
        new_text, added, missed = add_comments(text, wanted)
    except cst.ParserSyntaxError as exc:
        return 0, f"left as it is: libcst cannot parse it ({str(exc).splitlines()[0]})"
    except (SyntaxError, RecursionError, StopIteration) as exc:
        return 0, f"left as it is: it cannot be rewritten ({type(exc).__name__})"
    if added:
        _write(path, new_text.encode(encoding))
    why = f"no comment for {missed} definition(s) whose one-line body runs on past the header line"
    return added, why if missed else None


def add_noqa(options: RunOptions, reason: str | None) -> tuple[Report, NoqaResult]:
    """Suppress every violation the run reports, by comments; the report of the final run."""
    result, tried = NoqaResult(), set[tuple[str, int, str]]()
    report = run(options)
    for _ in range(_ROUNDS):
        wanted = _wanted(report.violations, reason, tried)
        changed = False
        for display, codes in sorted(wanted.items()):
            added, why = _rewrite(options.cwd / display, codes)
            result.added += added
            if added:
                result.files.add(display)
                changed = True
            if why is not None:
                result.notes[display] = why
        if not changed:
            break
        report = run(options)
    return report, result
