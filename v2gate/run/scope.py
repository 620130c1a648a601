"""Which files a run measures: the checked files and the whole project (for inheritance)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from v2gate.config.settings import Settings
from v2gate.discover import Discovery, discover
from v2gate.errors import GateError


class MissingPathError(GateError):
    """A path given on the command line or in `include` does not exist."""


def _files(found: Discovery, what: str) -> list[Path]:
    """The discovered files, or MissingPathError listing every missing path."""
    if found.missing:
        names = ", ".join(str(path) for path in found.missing)
        raise MissingPathError(f"{what} not found: {names}; check the spelling or the current directory")
    return list(found.files)


def project_files(settings: Settings) -> list[Path]:
    """Every file the configured `include` discovers (relative to the project root)."""
    include = [settings.root / entry for entry in settings.include]
    found = discover(include, root=settings.root, exclude=settings.exclude)
    where = f" (in 'include' of {settings.config_file})" if settings.config_file else ""
    return _files(found, f"include path{where}")


def checked_files(settings: Settings, paths: Sequence[Path]) -> list[Path]:
    """The files the user named (excludes apply to them too)."""
    return _files(discover(paths, root=settings.root, exclude=settings.exclude), "path")
