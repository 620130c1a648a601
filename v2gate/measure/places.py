"""Where each def/class statement stands: its keyword, decorators and header, from the stdlib
tree (which has the keyword's line and column) and the text (the header's `:`)."""

from __future__ import annotations

import ast
import re
import tokenize
from collections.abc import Iterator
from itertools import chain

from v2gate.statements import Place

LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Statement lists that can hold a def or class (handlers and match cases hold `body`).
_BODIES = ("body", "handlers", "orelse", "finalbody", "cases")
_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")
_NESTING = {**dict.fromkeys(_OPENING, 1), **dict.fromkeys(_CLOSING, -1)}
# A header line that certainly ends with its own `:` (no string, comment or continuation
# could hide or add one): `def f(self, x: int) -> None:`.
_PLAIN_HEADER = re.compile(r"[^'\"#\\]*:[ \t\f]*")


def child_statements(statement: ast.stmt | ast.Module) -> list[ast.stmt]:
    """The statements directly inside `statement`, in source order."""
    children: list[ast.stmt] = []
    for name in _BODIES:
        for child in getattr(statement, name, ()):
            # An except handler or a match case is not a statement; its body holds them.
            children.extend([child] if isinstance(child, ast.stmt) else child.body)
    return children


def place(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, lines: list[str]) -> Place:
    """Where `node` stands in the file whose lines (without their ends) are `lines`."""
    # col_offset counts UTF-8 bytes, but only whitespace can precede the keyword on its line.
    column = node.col_offset + 1
    start = decorator_line(node.decorator_list[0], lines) if node.decorator_list else node.lineno
    end = _colon_line(lines, (node.lineno, column), node.body[0].lineno)
    return Place(node.name, isinstance(node, ast.ClassDef), node.lineno, column, start, end)


def decorator_line(expression: ast.expr, lines: list[str]) -> int:
    """The line of the `@` before a decorator expression (a backslash may separate them)."""
    line, prefix = expression.lineno, lines[expression.lineno - 1][: expression.col_offset]
    while "@" not in prefix and line > 1:  # only whitespace and `\` continuations between
        line -= 1
        prefix = lines[line - 1]
    return line


def _colon_line(lines: list[str], keyword: tuple[int, int], body: int) -> int:
    """The line of the `:` that ends the header whose keyword is at `keyword` (line, column);
    `body` is the line of the first statement of the body, which the colon cannot follow."""
    line, column = keyword
    rest = lines[line - 1][column - 1 :]
    if _PLAIN_HEADER.fullmatch(rest) and _balanced(rest):
        return line
    # Only the header's lines are tokenized: later lines may dedent below the (sliced) first.
    source = chain([rest + "\n"], (lines[index] + "\n" for index in range(line, body)))
    return line + _header_colon(tokenize.generate_tokens(lambda: next(source, ""))) - 1


def _header_colon(tokens: Iterator[tokenize.TokenInfo]) -> int:
    """The (relative) line of the first `:` outside brackets that no `lambda` claims."""
    depth = lambdas = 0
    for token in tokens:
        if token.type == tokenize.NAME:
            # `-> lambda: x` annotations: that lambda's `:` is not the header's.
            lambdas += depth == 0 and token.string == "lambda"
        elif token.type == tokenize.OP:
            depth += _NESTING.get(token.string, 0)
            if depth == 0 and token.string == ":":
                if not lambdas:
                    return token.start[0]
                lambdas -= 1
    raise ValueError("no ':' ends the header")


def _balanced(text: str) -> bool:
    return sum(char in _OPENING for char in text) == sum(char in _CLOSING for char in text)
