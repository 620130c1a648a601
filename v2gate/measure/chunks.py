"""Parse a big module with libcst a group of top-level statements at a time (bounded memory).

libcst's tree of a 300 KB file takes ~190 MB while it is built (the native parser's tree and
the Python nodes coexist). Its structure pass only walks statements in order, so a file is
cut at top-level statement boundaries into pieces of about CHUNK_CHARS, each parsed, walked
and dropped before the next: peak memory follows the largest piece, not the file. A
top-level statement is valid source on its own, so each piece parses as it would in place.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

import libcst as cst

from v2gate.measure.places import LINE_BREAK, decorator_line

CHUNK_CHARS = 64 * 1024
_DECORATED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def chunk_offsets(tree: ast.Module, text: str) -> list[int]:
    """Character offsets where the pieces of `text` start (just [0] for a small file)."""
    if len(text) <= CHUNK_CHARS:
        return [0]
    line_starts = [0, *(match.end() for match in re.finditer(LINE_BREAK, text))]
    lines = LINE_BREAK.split(text)
    offsets, previous_end = [0], 0
    for statement in tree.body:
        decorators = statement.decorator_list if isinstance(statement, _DECORATED) else None
        first = decorator_line(decorators[0], lines) if decorators else statement.lineno
        # Cut only between lines: `a = 1; b = 2` and `x = (1,\n 2); y = 3` stay whole.
        if first > previous_end and line_starts[first - 1] - offsets[-1] >= CHUNK_CHARS:
            offsets.append(line_starts[first - 1])
        previous_end = statement.end_lineno or statement.lineno
    return offsets


def parse_chunks(text: str, offsets: list[int]) -> Iterator[cst.Module]:
    """The libcst module of each piece, parsed only when the previous one has been used."""
    for begin, end in zip(offsets, [*offsets[1:], len(text)], strict=False):
        try:
            piece = cst.parse_module(text[begin:end])
        except cst.ParserSyntaxError:
            if len(offsets) > 1:
                cst.parse_module(text)  # raises the same problem with the file's own line numbers
            raise
        yield piece
