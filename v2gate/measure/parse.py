"""Parse decoded source once with each engine (ast for radon, libcst for structure) and join them.

Imported only from inside `measure_source`, so a run served entirely from a cache never
imports libcst or radon.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import replace

import libcst as cst

from v2gate.measure.chunks import chunk_offsets, parse_chunks
from v2gate.measure.complexity import function_complexity
from v2gate.measure.newer_syntax import newer_syntax_failure
from v2gate.measure.places import definition_places
from v2gate.measure.structure import Structure, read_structure
from v2gate.records import Failure, FileMetrics, FunctionRecord

_LIBCST_AT = re.compile(r"error at (\d+):(\d+):")
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


def _libcst_failure(exc: cst.ParserSyntaxError) -> Failure:
    """A Failure for code the stdlib parser accepts but libcst rejects (a libcst limitation)."""
    # The native parser's raw_line/raw_column are unreliable; its message has "at LINE:COL"
    # with a 0-based column.
    match = _LIBCST_AT.search(exc.message)
    line, column = (int(match[1]), int(match[2]) + 1) if match else (exc.raw_line, 1)
    detail = exc.message[match.end() :] if match else exc.message
    return Failure(
        f"libcst cannot parse this file although Python {_RUNNING} can: {detail.strip()}",
        line,
        column,
    )


def _join(found: Structure, complexity: dict[int, int]) -> list[FunctionRecord] | Failure:
    """Fill in radon's complexity of each function (records carry the stdlib's positions)."""
    functions = []
    for function in found.functions:
        value = complexity.get(function.line)
        if value is None:
            return Failure(
                f"internal error: radon reports no function {function.symbol} at line"
                f" {function.line}; please report this file",
                function.line,
                function.column,
            )
        functions.append(replace(function, complexity=value))
    return functions


def analyse_text(text: str) -> FileMetrics | Failure:
    """FileMetrics of decoded `text` (with `lines` left 0 for the caller), or a Failure."""
    tree = _stdlib_tree(text)
    if isinstance(tree, Failure):
        return tree
    complexity = function_complexity(tree)
    places = definition_places(tree, text)
    offsets = chunk_offsets(tree, text)
    # Peak memory: the stdlib tree is not needed any more; never hold both trees of a big file.
    del tree
    try:
        found = read_structure(parse_chunks(text, offsets), text, places)
    except cst.ParserSyntaxError as exc:
        return _libcst_failure(exc)
    functions = _join(found, complexity)
    if isinstance(functions, Failure):
        return functions
    return FileMetrics(
        lines=0,
        functions=tuple(functions),
        classes=tuple(found.classes),
        imports=tuple(found.imports),
        suppressions=tuple(found.suppressions),
        file_suppressions=tuple(found.file_suppressions),
    )
