"""Differential run of the measuring engine: one digest of each file's FileMetrics record.

    python benchmarks/measure_diff.py record CORPUS OUT.txt   # one "path digest" line per file
    python benchmarks/measure_diff.py compare OLD.txt NEW.txt # the paths whose records differ

Record a corpus with one build of the gate, record it again with another, and compare: every
line that differs is a file whose measurement changed. The digest is a BLAKE2b hash of the
record as the cache stores it (canonical JSON of `encode_metrics`), so any field counts, with
one projection: each import binding is hashed as (local, module, name, level), the
assignment bindings are left out, and a failure is hashed as (message, line, column). Those
binding positions and assignments were added for V206's binding order (they have their own
table test), the failure's other fields for internal errors; everything else is compared as
stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields, replace
from pathlib import Path

from v2gate.cache.codec import encode_metrics
from v2gate.measure.source import measure_path
from v2gate.records import Binding, FileMetrics

_IMPORTS = [item.name for item in fields(FileMetrics)].index("imports")
_FAILURE = [item.name for item in fields(FileMetrics)].index("failure")


def _comparable(metrics: FileMetrics) -> FileMetrics:
    """`metrics` as the engine before binding positions measured it (see the module docstring)."""
    imports = tuple(
        Binding(item.local, item.module, item.name, item.level)
        for item in metrics.imports
        if not item.is_assignment
    )
    return replace(metrics, imports=imports)


def digest(metrics: FileMetrics) -> str:
    """A short hash of the canonical JSON of `metrics` (the cache's encoding)."""
    row = encode_metrics(_comparable(metrics))
    row[_IMPORTS] = [binding[:4] for binding in row[_IMPORTS]]
    if row[_FAILURE] is not None:
        row[_FAILURE] = row[_FAILURE][:3]  # message, line, column: not the internal-error fields
    text = json.dumps(row, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _line(path: str) -> str:
    metrics = measure_path(path)
    failed = "" if metrics.failure is None else f" V200 {metrics.failure.message[:60]!r}"
    return f"{digest(metrics)}{failed}"


def record(corpus: Path, out: Path) -> int:
    """Measure every `*.py` below `corpus` (2 processes) and write `path digest` lines."""
    paths = sorted(str(path) for path in corpus.rglob("*.py") if path.is_file())
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(_line, paths, chunksize=8))
    lines = [f"{os.path.relpath(path, corpus)} {result}" for path, result in zip(paths, results, strict=True)]
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} files recorded to {out}")
    return 0


def _table(path: Path) -> dict[str, str]:
    rows = (line.split(" ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {name: rest for name, rest in rows}


def compare(old: Path, new: Path) -> int:
    """Print every file whose digest differs (or that only one run has); 1 when any does."""
    before, after = _table(old), _table(new)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in changed:
        print(f"{name}\n  old: {before.get(name)}\n  new: {after.get(name)}")
    print(f"{len(before.keys() & after.keys())} files compared, {len(changed)} differ")
    return 1 if changed else 0


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "record":
        return record(Path(argv[1]), Path(argv[2]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
