"""The measuring engine (radon, on the stdlib parser's tree): checked once per process, before
the first file is parsed.

A missing or too-old engine is a broken installation, not a property of the code being
checked: it stops the run with one `EngineError` (exit 2) that names the package, the
Python that runs the gate and the command that fixes it, instead of a V200 on every file.
The check runs lazily, the first time a file must be parsed (in this process or in a
worker), so a run answered entirely from the cache does not import radon.
"""

from __future__ import annotations

import operator
import re
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from v2gate.errors import GateError
from v2gate.records import Failure, FileMetrics

# The distributions a measuring run imports, and the module of each that it needs. libcst
# is not one: it only rewrites files (`--add-noqa`), and a measuring run never imports it.
ENGINE = {"radon": "radon.visitors"}
DISTRIBUTION = "quality-gates"
_CHECKOUT = Path(__file__).resolve().parents[2]  # the repository root, when run from a checkout
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*)(;.*)?$")
_CLAUSE = re.compile(r"\s*(>=|<=|==|!=|>|<)\s*([0-9][^\s,]*)\s*$")
_COMPARE: dict[str, Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}

Analyse = Callable[[str], "FileMetrics | Failure"]


class EngineError(GateError):
    """A package the measuring engine imports is missing, too old or cannot be imported."""


def _declared() -> list[str]:
    """The gate's requirement strings: from its installed metadata, else from the checkout's
    pyproject.toml (the gate's files run by a Python the gate is not installed in)."""
    from importlib import metadata

    try:
        return list(metadata.requires(DISTRIBUTION) or [])
    except metadata.PackageNotFoundError:
        pass
    import tomllib

    try:
        project = tomllib.loads((_CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    except (OSError, ValueError, KeyError):
        return []
    return list(project.get("dependencies", [])) if project.get("name") == DISTRIBUTION else []


def requirements(declared: Iterable[str]) -> dict[str, str]:
    """{distribution: its requirement string} for the engine's packages among `declared`
    (extras and environment markers left out; names compared case-insensitively)."""
    wanted = {name.lower(): name for name in ENGINE}
    found = {}
    for line in declared:
        match = _NAME.match(line)
        if match and match[4] is None and match[1].lower() in wanted:
            found[wanted[match[1].lower()]] = match[1] + "".join(match[3].split())
    return found


def _release(version: str) -> tuple[int, ...]:
    """The release numbers a version starts with (`6.0.1rc1` -> (6, 0, 1)), trailing zeros cut."""
    match = re.match(r"\d+(\.\d+)*", version)
    numbers = [int(part) for part in match[0].split(".")] if match else []
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def satisfies(version: str, requirement: str) -> bool:
    """Does `version` meet every `>=`/`<`/`==`/... clause of `requirement` (release numbers
    only; a clause this small parser does not know, such as `~=`, is not held against it)?"""
    specifier = _NAME.match(requirement)
    clauses = specifier[3].split(",") if specifier else []
    for clause in filter(str.strip, clauses):
        match = _CLAUSE.match(clause)
        if match and not _COMPARE[match[1]](_release(version), _release(match[2])):
            return False
    return True


def _problem(name: str, requirement: str) -> str | None:
    """What is wrong with one engine package ("not installed", "5.1.0 is too old", ...), or None."""
    from importlib import import_module, metadata

    try:
        version: str | None = metadata.version(name)
    except metadata.PackageNotFoundError:
        version = None
    if version is not None and not satisfies(version, requirement):
        return f"{name} {version} is installed, but the gate needs {requirement}"
    try:
        import_module(ENGINE[name])
    except ImportError as exc:
        if version is None:
            return f"{name} is not installed (the gate needs {requirement})"
        return f"{name} {version} is installed but cannot be imported ({type(exc).__name__}: {exc})"
    return None


def engine_message(problems: dict[str, str], needed: dict[str, str]) -> str:
    """The one error line: what is wrong, which Python runs the gate, and the command that fixes it."""
    python = sys.executable or "python"
    install = " ".join(f"'{needed.get(name, name)}'" for name in problems)
    return (
        f"the measuring engine is missing or unusable: {'; '.join(problems.values())}. The gate runs"
        f' with {python}; fix it with: "{python}" -m pip install {install}'
        " (or reinstall the gate into that Python, or run it with the Python it is installed in)"
    )


@cache
def load_engine() -> Analyse:
    """The function that measures decoded text, once the engine is known to be usable.

    Raises EngineError when an engine package is missing, older than the gate requires or
    fails to import (the check is remembered only when it passes).
    """
    needed = requirements(_declared())
    problems = {}
    for name in ENGINE:
        problem = _problem(name, needed.get(name, name))
        if problem is not None:
            problems[name] = problem
    if problems:
        raise EngineError(engine_message(problems, needed))
    try:
        from v2gate.measure.parse import analyse_text
    except ImportError as exc:  # a package the engine imports that ENGINE does not list
        missing = (exc.name or "?").partition(".")[0]
        needed["v2gate"] = DISTRIBUTION  # the gate's own files are missing: reinstall it
        raise EngineError(engine_message({missing: f"{missing} cannot be imported ({exc})"}, needed)) from exc
    return analyse_text
