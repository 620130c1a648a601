"""The cache fingerprint: everything besides a file's bytes that can change its measurement."""

from __future__ import annotations

import hashlib
import os
import sys
from importlib.util import find_spec

from v2gate import __version__
from v2gate.cache.codec import SCHEMA

# What measures: the interpreter's own parser (stamped by `sys.version`) and radon's visitor
# on its tree. libcst only rewrites (`--add-noqa`), so its upgrade changes no measurement.
# Found without importing: a warm run must not pay for loading radon.
_ENGINE = "stdlib-ast+radon"
_ENGINES = ("radon",)


def _stamp(path: str) -> str:
    """Name, size and modification time of one file ("" when it is missing)."""
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def gate_sources() -> list[str]:
    """Stamps of the gate's own modules, in every subpackage: an edited measurement module is
    a new gate."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # v2gate/, above cache/
    paths: list[str] = []
    for directory, folders, files in os.walk(package):
        folders[:] = [name for name in folders if name != "__pycache__"]
        paths.extend(os.path.join(directory, name) for name in files if name.endswith(".py"))
    return [_stamp(path) for path in sorted(paths)]


def _engine_stamps() -> list[str]:
    """Where each parser is installed and when it was written (an upgrade rewrites it)."""
    stamps = []
    for name in _ENGINES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None and spec.origin else ""
        stamps.append(f"{name}={_stamp(origin)}")
    return stamps


def cache_fingerprint() -> str:
    """A short hash of the gate version, its measuring engine and sources, Python (its parser
    decides what is valid, and the newer-syntax message names it), radon's install and the
    record schema."""
    parts = [
        __version__,
        _ENGINE,
        sys.version,
        sys.implementation.name,
        SCHEMA,
        *gate_sources(),
        *_engine_stamps(),
    ]
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=8).hexdigest()
