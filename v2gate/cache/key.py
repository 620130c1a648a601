"""The cache fingerprint: everything besides a file's bytes that can change its measurement."""

from __future__ import annotations

import hashlib
import os
import sys
from importlib.util import find_spec

from v2gate import __version__
from v2gate.cache.codec import SCHEMA

# Parsers whose upgrade can change a measurement (found without importing them: a warm run
# must not pay for loading libcst and radon).
_ENGINES = ("libcst", "radon")


def _stamp(path: str) -> str:
    """Name, size and modification time of one file ("" when it is missing)."""
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def _gate_sources() -> list[str]:
    """Stamps of the gate's own modules: an edited measurement module is a new gate."""
    directory = os.path.dirname(os.path.abspath(__file__))
    names = sorted(name for name in os.listdir(directory) if name.endswith(".py"))
    return [_stamp(os.path.join(directory, name)) for name in names]


def _engine_stamps() -> list[str]:
    """Where each parser is installed and when it was written (an upgrade rewrites it)."""
    stamps = []
    for name in _ENGINES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None and spec.origin else ""
        stamps.append(f"{name}={_stamp(origin)}")
    return stamps


def cache_fingerprint() -> str:
    """A short hash of the gate version and sources, Python (the newer-syntax message names
    the interpreter, and its parser decides what is valid), the parser installs and the
    record schema."""
    parts = [__version__, sys.version, sys.implementation.name, SCHEMA, *_gate_sources(), *_engine_stamps()]
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=8).hexdigest()
