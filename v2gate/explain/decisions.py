"""Every decision point of one function, each with its line and weight, summing to its V204 value.

The rules mirror radon's `ComplexityVisitor` as docs/rules.md states them: 1 for the function,
+1 per `if`/`elif`, conditional expression, `for`/`while`/`async for` (+1 more for an `else`),
`except` handler, `try … else`, extra boolean operand, comprehension and each of its `if`s,
`assert` (whose condition radon does not look into), non-wildcard `match` case, and (our
addition) `except*` handler. Only the body
counts (not decorators, defaults or annotations); lambdas fold into the function; nested
functions and classes are measured on their own and add nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True, slots=True)
class Decision:
    """One contribution to a function's complexity: where, what, and how much (`+n`)."""

    line: int
    construct: str
    weight: int


def _wildcard(case: ast.match_case) -> bool:
    """radon's test for `case _:` (and a bare capture such as `case other:`)."""
    return isinstance(case.pattern, ast.MatchAs) and case.pattern.pattern is None


def _loop(node: ast.For | ast.AsyncFor | ast.While, keyword: str) -> Iterator[Decision]:
    yield Decision(node.lineno, keyword, 1)
    if node.orelse:
        yield Decision(node.orelse[0].lineno, f"{keyword} … else", 1)


def _try(node: ast.Try) -> Iterator[Decision]:
    for handler in node.handlers:
        yield Decision(handler.lineno, "except", 1)
    if node.orelse:
        yield Decision(node.orelse[0].lineno, "try … else", 1)


def _match(node: ast.Match) -> Iterator[Decision]:
    # radon: every case, minus one when any case is a wildcard (never below 0).
    wildcard = any(_wildcard(case) for case in node.cases)
    counted = [case for case in node.cases if not _wildcard(case)]
    extra = max(0, len(node.cases) - wildcard) - len(counted)  # several wildcards: radon adds back
    for case in counted:
        yield Decision(case.pattern.lineno, "match case", 1)
    if extra:
        yield Decision(node.lineno, "match (further wildcard cases)", extra)


def _comprehension(node: ast.comprehension) -> Iterator[Decision]:
    yield Decision(node.target.lineno, "comprehension", 1)
    for condition in node.ifs:
        yield Decision(condition.lineno, "comprehension if", 1)


def _single(construct: str) -> Callable[[Any], Iterator[Decision]]:
    """A construct that adds 1 at its own line."""
    return lambda node: iter((Decision(node.lineno, construct, 1),))


def _bool(node: ast.BoolOp) -> Iterator[Decision]:
    operator = "and" if isinstance(node.op, ast.And) else "or"
    yield Decision(node.lineno, f"`{operator}` ({len(node.values)} operands)", len(node.values) - 1)


def _try_star(node: ast.TryStar) -> Iterator[Decision]:
    yield from (Decision(handler.lineno, "except*", 1) for handler in node.handlers)


# What each kind of node adds by itself (its children are visited separately).
_RULES: dict[type[ast.AST], Callable[[Any], Iterator[Decision]]] = {
    ast.If: _single("if"),
    ast.IfExp: _single("conditional expression"),
    ast.Assert: _single("assert"),
    ast.BoolOp: _bool,
    ast.For: lambda node: _loop(node, "for"),
    ast.AsyncFor: lambda node: _loop(node, "async for"),
    ast.While: lambda node: _loop(node, "while"),
    ast.Try: _try,
    ast.TryStar: _try_star,
    ast.Match: _match,
    ast.comprehension: _comprehension,
}


def decision_points(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[Decision]:
    """The function itself (+1), then its decision points in source order."""
    found = [Decision(function.lineno, "function", 1)]
    stack: list[ast.AST] = [node for node in reversed(function.body) if not isinstance(node, _NESTED)]
    points: list[Decision] = []
    while stack:
        node = stack.pop()
        rule = _RULES.get(type(node))
        if rule is not None:
            points.extend(rule(node))
        if isinstance(node, ast.Assert):
            continue  # radon's visit_Assert counts it and does not look inside
        stack.extend(
            reversed([child for child in ast.iter_child_nodes(node) if not isinstance(child, _NESTED)])
        )
    return found + sorted(points, key=lambda point: point.line)


def complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The sum of the weights: the function's V204 value."""
    return sum(point.weight for point in decision_points(function))
