"""Parse decoded source once with the stdlib parser and measure that one tree.

The structure pass and radon's complexity visitor walk the same `ast` tree. Imported only
from inside `measure_source`, so a run served entirely from a cache never imports radon.
"""

from __future__ import annotations

import ast
import sys
import warnings
from dataclasses import replace

from v2gate.measure.complexity import function_complexity
from v2gate.measure.newer_syntax import newer_syntax_failure
from v2gate.measure.structure import read_structure
from v2gate.records import Failure, FileMetrics

_RUNNING = f"{sys.version_info[0]}.{sys.version_info[1]}"


def _stdlib_tree(text: str) -> ast.Module | Failure:
    """The stdlib AST of `text`, or a Failure with the parser's message and position."""
    try:
        with warnings.catch_warnings():
            # Invalid escape sequences and the like warn at parse time; not our business.
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except SyntaxError as exc:
        newer = newer_syntax_failure(text, exc)
        if newer is not None:
            return newer
        return Failure(
            f"{type(exc).__name__}: {exc.msg} (Python {_RUNNING} parser)",
            exc.lineno or 1,
            max(exc.offset or 1, 1),
        )


def analyse_text(text: str) -> FileMetrics | Failure:
    """FileMetrics of decoded `text` (with `lines` left 0 for the caller), or a Failure."""
    tree = _stdlib_tree(text)
    if isinstance(tree, Failure):
        return tree
    complexity = function_complexity(tree)
    found = read_structure(tree, text)
    # Both passes key functions by the `def` line of the same tree, so every one is found.
    functions = tuple(replace(function, complexity=complexity[function.line]) for function in found.functions)
    return FileMetrics(
        lines=0,
        functions=functions,
        classes=tuple(found.classes),
        imports=tuple(found.bindings()),
        suppressions=tuple(found.suppressions),
        file_suppressions=tuple(found.file_suppressions),
    )
