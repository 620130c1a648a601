"""Measure one file's bytes into a FileMetrics record; never raises, whatever the input.

The one exception is a broken installation (EngineError, from v2gate.measure.engine), which
is not a property of the file and stops the run.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from v2gate.measure.decode import decode_source, nul_failure
from v2gate.measure.lines import count_lines
from v2gate.records import Failure, FileMetrics

_TOO_DEEP = (
    "nesting too deep to measure (Python's recursion limit was reached while parsing);"
    " split the deeply nested expression or block"
)
_NO_MEMORY = "ran out of memory while parsing; the file is too large or too deeply nested to measure"
_BUG = (
    "internal error while measuring (a bug in quality-gates; please report it with this file"
    " and the traceback that --debug shows)"
)


def _analyse(text: str) -> FileMetrics | Failure:
    """Parse and measure `text`, turning every way that can blow up into a Failure."""
    # Loaded here, checked once per process: the engine is only needed when something must be
    # parsed, and a broken installation raises EngineError instead of failing every file.
    from v2gate.measure.engine import load_engine

    analyse_text = load_engine()
    try:
        return analyse_text(text)
    except RecursionError:
        return Failure(_TOO_DEEP, 1, 1)
    except MemoryError:
        return Failure(_NO_MEMORY, 1, 1)
    except Exception as exc:  # noqa: BLE001 -- a bug fails this file (V200), not the whole run
        return _internal_failure(exc)


def _internal_failure(exc: Exception) -> Failure:
    """The V200 of a file the gate failed on through a bug of its own (fail closed)."""
    import traceback  # only on this path: a clean run never needs it

    summary = f"{type(exc).__name__}: {exc}"
    text = "".join(traceback.format_exception(exc))
    return Failure(f"{_BUG}: {summary}", 1, 1, internal=summary, traceback=text)


def measure_source(data: bytes) -> FileMetrics:
    """Decode, count lines, parse once with the stdlib parser, and measure `data` (V200-V205 inputs).

    Any decode or parse problem comes back as `FileMetrics(lines, failure=Failure(...))`,
    with `lines` counted when the bytes could be decoded and 0 otherwise. Raises EngineError
    when the engine (radon) is missing or too old.
    """
    text = decode_source(data)
    if isinstance(text, Failure):
        return FileMetrics(lines=0, failure=text)
    lines = count_lines(text)
    result = nul_failure(text) or _analyse(text)
    if isinstance(result, Failure):
        return FileMetrics(lines=lines, failure=result)
    return replace(result, lines=lines)


def measure_path(path: str | os.PathLike[str]) -> FileMetrics:
    """`measure_source` of the file at `path`; an unreadable file is a Failure, not an error."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return unreadable(exc)
    return measure_source(data)


def unreadable(exc: OSError) -> FileMetrics:
    """The V200 record of a file that could not be read."""
    reason = exc.strerror or str(exc)
    message = f"cannot read the file: {reason}; check that it exists and is readable"
    return FileMetrics(lines=0, failure=Failure(message, 1, 1))
