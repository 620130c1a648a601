"""File discovery: the `*.py` files a run checks, after default and configured excludes.

Rules:
- Only files named `*.py` (never `.pyi`, never other suffixes, even when given explicitly;
  those are skipped silently, as pre-commit may pass them).
- Directories are walked recursively in sorted order. Symlinks to directories met during
  the walk are not followed (so symlink loops cannot hang a run); symlinks to files are
  read like files. A path given explicitly is used even if it is a symlink.
- A directory whose name matches one of `DEFAULT_EXCLUDED_DIRS` is skipped, as is any file
  or directory matched by a configured `exclude` glob. Both apply to explicitly given
  paths too. Names are checked on the path relative to the project root (for a path
  outside the root: on its own name).
- Exclude globs use `/` separators and are relative to the project root; they follow the
  one glob rule of `v2gate.config.globs` that override `paths` follow too (`*_pb2.py`,
  `fixtures`, `tests/fixtures/**`, `**/generated/*.py`, `docs/conf.py`).
- Every file is returned once: paths are made absolute and normalised (`a/../a/x.py`),
  then files reached by several paths (a file and its directory given, a file symlink)
  are kept once, under the first path in sorted order.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from v2gate.config.globs import matches_name, matches_path_glob

DEFAULT_EXCLUDED_DIRS: tuple[str, ...] = (
    ".git",
    ".hg",
    ".venv",
    "venv",
    "env",
    ".tox",
    ".nox",
    "build",
    "dist",
    "__pycache__",
    "node_modules",
    "*.egg-info",
    ".eggs",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
)
# Split for speed (checked for every directory of every path): plain names by set lookup,
# only the few patterns (`*.egg-info`) through the glob matcher.
_DEFAULT_GLOBS = tuple(name for name in DEFAULT_EXCLUDED_DIRS if any(char in name for char in "*?["))
_DEFAULT_NAMES = frozenset(DEFAULT_EXCLUDED_DIRS) - frozenset(_DEFAULT_GLOBS)


@dataclass(frozen=True, slots=True)
class Discovery:
    """The result of `discover`: files to check and the given paths that do not exist.

    A non-empty `missing` is a usage error (the CLI reports each path and exits 2).
    """

    files: tuple[Path, ...]
    missing: tuple[Path, ...] = ()


def discover(paths: Sequence[Path], *, root: Path, exclude: Sequence[str] = ()) -> Discovery:
    """The `*.py` files under `paths` (files or directories), sorted, absolute, each once.

    `root` is the project root that `exclude` globs and default directory names are
    matched against. Never raises for a missing path: it is listed in `missing`.
    """
    base = os.path.abspath(root)
    found: list[str] = []
    missing: list[Path] = []
    links = _Links()
    for given in paths:
        path = os.path.abspath(given)
        if not os.path.exists(path):
            missing.append(Path(given))
        elif os.path.isdir(path):
            if not is_excluded(path, root=base, exclude=exclude, directory=True):
                found.extend(_walk(path, base, exclude, links))
        elif _is_python(path) and not is_excluded(path, root=base, exclude=exclude):
            found.append(path)
    return Discovery(_unique(found, paths, links.seen), tuple(missing))


def is_excluded(path: str, *, root: str, exclude: Sequence[str], directory: bool = False) -> bool:
    """True if the absolute `path` is excluded by a default directory name or an `exclude` glob.

    For a file only its parent directories are checked against the default names (a file
    called `build.py` is fine); for a `directory` its own name is checked too.
    """
    relative = _relative(path, root)
    if not relative:
        return False  # the project root itself
    parts = relative.split("/")
    folders = parts if directory else parts[:-1]
    if any(_default_excluded(part) for part in folders):
        return True
    return any(matches_path_glob(relative, glob) for glob in exclude)


@functools.lru_cache(maxsize=4096)
def _default_excluded(name: str) -> bool:
    """True if a directory called `name` is skipped by default (`build`, `x.egg-info`)."""
    return name in _DEFAULT_NAMES or any(matches_name(name, glob) for glob in _DEFAULT_GLOBS)


@dataclass
class _Links:
    """Whether the walk met a symlink (then files are deduplicated by their real paths)."""

    seen: bool = False


def _walk(top: str, root: str, exclude: Sequence[str], links: _Links) -> Iterator[str]:
    """Python files below `top`, pruning excluded directories; directory symlinks not followed.

    Only a directory's own name is checked against the default names: its parents were
    checked on the way down (`top` by the caller), so the answer is `is_excluded`'s.
    """
    pending = [top]
    while pending:
        for entry in _entries(pending.pop()):
            links.seen |= entry.is_symlink()
            kind = _kind(entry)
            if (
                kind == "dir"
                and not _default_excluded(entry.name)
                and not (exclude and is_excluded(entry.path, root=root, exclude=exclude, directory=True))
            ):
                pending.append(entry.path)
            elif kind == "py" and not (exclude and is_excluded(entry.path, root=root, exclude=exclude)):
                yield entry.path


def _entries(directory: str) -> list[os.DirEntry[str]]:
    """The entries of `directory`; none when it cannot be read (skipped, as os.walk does)."""
    try:
        with os.scandir(directory) as listing:
            return list(listing)
    except OSError:
        return []


def _kind(entry: os.DirEntry[str]) -> str:
    """ "dir" (not a symlink), "link" (a symlink to a directory: not followed), "py" (a
    regular file or a symlink to one, named `<something>.py`) or "" (anything else)."""
    try:
        if entry.is_dir():
            return "link" if entry.is_symlink() else "dir"
        name = entry.name
        return "py" if name.endswith(".py") and len(name) > len(".py") and entry.is_file() else ""
    except OSError:
        return ""


def _unique(found: list[str], paths: Sequence[Path], links_seen: bool) -> tuple[Path, ...]:
    """`found` sorted, each file once: the first path in sorted order of each real file."""
    ordered = sorted(set(map(Path, found)))
    if not links_seen and all(os.path.realpath(given) == os.path.abspath(given) for given in paths):
        # No symlink anywhere (neither above a given path nor met in the walk): every path is
        # its own real path, so the realpath of each file (a syscall per component) is skipped.
        return tuple(ordered)
    files: list[Path] = []
    seen: set[str] = set()
    for file in ordered:
        real = os.path.realpath(file)
        if real not in seen:
            seen.add(real)
            files.append(file)
    return tuple(files)


def _is_python(path: str) -> bool:
    """A regular file (or a symlink to one) named `<something>.py`."""
    name = os.path.basename(path)
    return name.endswith(".py") and len(name) > len(".py") and os.path.isfile(path)


def _relative(path: str, root: str) -> str:
    """`path` relative to `root` with `/` separators; just its name if it is outside `root`."""
    if path == root:
        return ""
    prefix = root.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return os.path.basename(path)
