"""Add suppression comments to one module's source with libcst, changing no other byte.

Definitions are found by their keyword line, taken from the stdlib tree: both parsers list
the def and class statements of a file in the same (source) order, and pairing them by
order costs nothing, where libcst's PositionProvider costs twice its parse.

libcst keeps every comment, space and line end of the source, so the only change is the
comment text added: at the end of a definition's header line (the line of the `:` that
opens its body, inside the span a `# noqa` covers), and one comment line before the first
statement for file rules (after a shebang, a coding cookie and any leading comments).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import libcst as cst

from v2gate.measure.places import child_statements
from v2gate.rewrite.comments import file_comment, header_comment

_LINE_END = re.compile("[\r\n]")
_EMPTY = cst.Module(body=[])
_Node = TypeVar("_Node", cst.FunctionDef, cst.ClassDef)


@dataclass(frozen=True, slots=True)
class Wanted:
    """The codes to waive in one file: per definition keyword line, and for the whole file."""

    definitions: Mapping[int, Sequence[str]] = field(default_factory=dict)
    file: Sequence[str] = ()
    reason: str | None = None


class _AddComments(cst.CSTTransformer):
    """Writes the header comments of `wanted` and the file comment; remembers what it placed."""

    def __init__(self, wanted: Wanted, lines: Iterator[int]) -> None:
        super().__init__()
        self.wanted = wanted
        self.placed: set[int] = set()
        self._lines = lines  # keyword lines of the definitions, in the order they are visited
        self._open: list[int] = []  # keyword lines of the definitions being visited

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._open.append(next(self._lines))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._open.append(next(self._lines))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        return self._header(updated_node)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        return self._header(updated_node)

    def _header(self, node: _Node) -> _Node:
        """`node` with the wanted codes in the comment after the `:` that opens its body."""
        line = self._open.pop()
        codes = self.wanted.definitions.get(line)
        body = node.body
        trailing = _header_end(body) if codes else None
        if codes is None or trailing is None:
            return node
        existing = None if trailing.comment is None else trailing.comment.value
        spaces = trailing.whitespace if existing is not None else cst.SimpleWhitespace("  ")
        comment = cst.Comment(header_comment(existing, codes, self.wanted.reason))
        trailing = trailing.with_changes(whitespace=spaces, comment=comment)
        self.placed.add(line)
        if isinstance(body, cst.IndentedBlock):
            return node.with_changes(body=body.with_changes(header=trailing))
        return node.with_changes(body=body.with_changes(trailing_whitespace=trailing))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.wanted.file:
            return updated_node
        line = cst.EmptyLine(comment=cst.Comment(file_comment(self.wanted.file, self.wanted.reason)))
        if not updated_node.body:
            return updated_node.with_changes(footer=[*updated_node.footer, line])
        first = updated_node.body[0]
        first = first.with_changes(leading_lines=[*first.leading_lines, line])
        return updated_node.with_changes(body=[first, *updated_node.body[1:]])


def _header_end(body: cst.BaseSuite) -> cst.TrailingWhitespace | None:
    """The space and comment at the end of the header's last line (None: the body runs on there)."""
    if isinstance(body, cst.IndentedBlock):
        return body.header
    if isinstance(body, cst.SimpleStatementSuite) and not _LINE_END.search(
        _EMPTY.code_for_node(body).rstrip("\r\n")
    ):
        return body.trailing_whitespace  # `def f(): return 1`, all on the colon's line
    return None


def _keyword_lines(tree: ast.Module) -> Iterator[int]:
    """The `def`/`class` keyword line of every definition in `tree`, parents before children."""
    stack = [iter(tree.body)]
    while stack:
        statement = next(stack[-1], None)
        if statement is None:
            stack.pop()
            continue
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield statement.lineno
        stack.append(iter(child_statements(statement)))


def add_comments(text: str, wanted: Wanted) -> tuple[str, int, int]:
    """`text` with the comments of `wanted` added, how many comments were written and how
    many definitions could not take one.

    Raises libcst.ParserSyntaxError for source libcst cannot parse, SyntaxError for source
    the stdlib parser rejects.
    """
    module = cst.parse_module(text)
    transformer = _AddComments(wanted, _keyword_lines(ast.parse(text)))
    module = module.visit(transformer)
    added = len(transformer.placed) + (1 if wanted.file else 0)
    return module.code, added, len(set(wanted.definitions) - transformer.placed)
