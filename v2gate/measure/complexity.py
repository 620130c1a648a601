"""The radon pass: cyclomatic complexity (V204) of every function, keyed by (line, column)."""

from __future__ import annotations

import ast

from radon.visitors import Class, ComplexityVisitor, Function

from v2gate.measure.places import child_statements

# The line of the `def` / `async` keyword, where FunctionRecords point too. A line holds at
# most one def (a compound statement starts a logical line), so the line alone is a key.
Key = int
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _key(node: ast.FunctionDef | ast.AsyncFunctionDef | Function) -> Key:
    return node.lineno


def _collect(blocks: list[Function] | list[Class], into: dict[Key, int]) -> None:
    """Record every function among radon's `blocks`: methods, inner classes and closures."""
    for block in blocks:
        if isinstance(block, Class):
            _collect(block.methods, into)
            _collect(block.inner_classes, into)
        else:
            into[_key(block)] = block.complexity
            _collect(block.closures, into)


def _scan(tree: ast.Module) -> tuple[list[ast.ClassDef], dict[Key, int]]:
    """Classes defined inside functions, and `except*` handlers per innermost function.

    radon drops classes found in a function body (their methods get no record), so they
    are measured on their own. radon also ignores `except*`; a handler is charged where a
    plain `except` handler would be: to the innermost function, unless a class body stands
    between them (radon counts nothing there either).
    """
    nested_classes: list[ast.ClassDef] = []
    handlers: dict[Key, int] = {}
    # Iterative walk: (node, key of the function whose complexity it adds to, in a function).
    stack: list[tuple[ast.stmt | ast.Module, Key | None, bool]] = [(tree, None, False)]
    while stack:
        node, owner, in_function = stack.pop()
        if isinstance(node, ast.TryStar) and owner is not None:
            handlers[owner] = handlers.get(owner, 0) + len(node.handlers)
        if isinstance(node, _FUNCTIONS):
            owner, in_function = node.lineno, True
        elif isinstance(node, ast.ClassDef):
            if in_function:
                nested_classes.append(node)
            owner, in_function = None, False
        # Statements only: defs, classes and try blocks never stand inside an expression,
        # and skipping expressions makes this walk ~10x cheaper.
        stack.extend((child, owner, in_function) for child in child_statements(node))
    return nested_classes, handlers


def function_complexity(tree: ast.Module) -> dict[Key, int]:
    """radon's complexity of every def/async def in `tree` by def line (nested ones
    separately), +1 per `except*` handler. Module-level code is not reported."""
    complexity: dict[Key, int] = {}
    nested_classes, handlers = _scan(tree)
    for root in [tree, *nested_classes]:
        visitor = ComplexityVisitor.from_ast(root)
        _collect(visitor.functions, complexity)
        _collect(visitor.classes, complexity)
    for key, count in handlers.items():
        complexity[key] += count
    return complexity
