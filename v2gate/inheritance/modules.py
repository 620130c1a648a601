"""Module names of project files and resolution of relative imports between them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ModuleName:
    """A file's dotted module name; `is_package` is True for an `__init__.py`."""

    name: str
    is_package: bool


def module_name(path: Path, root: Path, *, src_layout: bool | None = None) -> ModuleName:
    """The dotted module name of `path` as Python would import it from the project `root`.

    The name comes from the path relative to `root`, or relative to `root/src` when that
    directory holds the file and is not itself a package (a src layout; a `src/` with
    an `__init__.py` is the package `src`). `pkg/__init__.py` -> `pkg` with
    `is_package=True`; `pkg/mod.py` -> `pkg.mod`. The project root's own `__init__.py` is
    the package `""`. A file outside the root is named by its stem alone. Paths are
    compared lexically after `os.path.abspath` (symlinks are not resolved) so the name
    follows the path the user sees. `src_layout` is whether `root/src` is a src layout,
    when the caller knows (one check per run instead of one per file).
    """
    file = os.path.abspath(path)
    base = os.path.abspath(root)
    source = os.path.join(base, "src")
    if _is_within(file, source) and (is_src_layout(root) if src_layout is None else src_layout):
        base = source
    if _is_within(file, base):
        parts = file[len(base.rstrip(os.sep)) + 1 :].split(os.sep)
        parts[-1] = _stem(parts[-1])
    else:
        parts = [_stem(os.path.basename(file))]
    if parts and parts[-1] == "__init__":
        return ModuleName(".".join(parts[:-1]), True)
    return ModuleName(".".join(parts), False)


def is_src_layout(root: Path) -> bool:
    """True if `root/src` is not itself a package (so files below it are named from `src`)."""
    return not os.path.isfile(os.path.join(os.path.abspath(root), "src", "__init__.py"))


def _stem(name: str) -> str:
    """`name` without its suffix, as `Path.stem` has it (`a.b.py` -> `a.b`, `.py` stays)."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _is_within(file: str, directory: str) -> bool:
    """True if the absolute path `file` lies below the absolute path `directory`."""
    return file.startswith(directory.rstrip(os.sep) + os.sep)


def resolve_import(current: ModuleName, level: int, module: str) -> str | None:
    """The absolute module an import statement in `current` refers to.

    `level` is the number of leading dots and `module` the dotted text after them
    (`from ..a.b import x` -> level 2, module "a.b"). Level 0 is absolute and returns
    `module` unchanged. One dot means the package containing `current` (the module
    itself if it is a package); each further dot goes one package up. Going above the
    top of the project's dotted names returns None. Reaching exactly the top yields the
    bare `module` (or "" for `from . import x` in a top-level module): files at the
    project root are treated as one implicit package, which is how they import each
    other when the root is on `sys.path`.
    """
    if level <= 0:
        return module
    package = current.name if current.is_package else current.name.rpartition(".")[0]
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    kept = parts[: len(parts) - (level - 1)]
    return ".".join([*kept, module] if module else kept)


def child_module(package: str, name: str) -> str:
    """The dotted name of submodule `name` of `package` ("" is the implicit root package)."""
    return f"{package}.{name}" if package else name


def package_names(modules: Iterable[str]) -> set[str]:
    """Every module name and every package prefix of one (`a.b.c` -> `a`, `a.b`, `a.b.c`).

    Prefixes cover namespace packages, which have no `__init__.py` and so no table.
    """
    names: set[str] = set()
    for module in modules:
        parts = module.split(".") if module else []
        names.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    return names
