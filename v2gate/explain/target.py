"""What `explain TARGET` names: a file (`path`), the definition at a line (`path:LINE`) or by
name (`path::Qualified.name`), and the stdlib tree that finds it."""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from v2gate.errors import GateError

_AT_LINE = re.compile(r"^(?P<path>.+):(?P<line>[0-9]+)$")
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class TargetError(GateError):
    """A TARGET that names no file, or no definition in it."""


@dataclass(frozen=True, slots=True)
class Target:
    """`path`, and at most one of `line` (`path:LINE`) and `symbol` (`path::Qualified.name`)."""

    path: Path
    line: int | None = None
    symbol: str | None = None


def parse_target(text: str, cwd: Path) -> Target:
    """Split TARGET; the path is taken relative to `cwd` and must be an existing `.py` file."""
    path, line, symbol = text, None, None
    if "::" in text:
        path, symbol = text.split("::", 1)
    elif (match := _AT_LINE.match(text)) is not None and not (cwd / text).exists():
        path, line = match["path"], int(match["line"])
    file = cwd / path
    if not file.is_file():
        raise TargetError(f"explain {text}: {path} is not a file (TARGET is path, path:LINE or path::Name)")
    return Target(file, line, symbol or None)


def stdlib_tree(path: Path) -> ast.Module:
    """The file's stdlib tree (the encoding cookie and a BOM are honoured)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, OSError) as exc:
            raise TargetError(
                f"explain: cannot parse {path}: {exc}; run the gate on it for the V200"
            ) from exc


def definitions_with_symbols(tree: ast.Module) -> list[tuple[str, Definition, bool]]:
    """(dotted symbol, node, nearest enclosing scope is a class body) of every def and class."""
    found: list[tuple[str, Definition, bool]] = []
    # (node whose children to visit, symbol prefix, whether that scope is a class body)
    stack: list[tuple[ast.AST, str, bool]] = [(tree, "", False)]
    while stack:
        node, prefix, in_class = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _DEFINITIONS):
                symbol = f"{prefix}{child.name}"
                found.append((symbol, child, in_class))
                stack.append((child, symbol + ".", isinstance(child, ast.ClassDef)))
            elif not isinstance(child, ast.expr):
                stack.append((child, prefix, in_class))
    return sorted(found, key=lambda item: (item[1].lineno, item[1].col_offset))


def _start(node: Definition) -> int:
    return min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])


def _by_symbol(named: list[tuple[str, Definition, bool]], target: Target) -> tuple[str, Definition]:
    """The first definition called `target.symbol`; TargetError with the closest names."""
    for symbol, node, _ in named:
        if symbol == target.symbol:
            return symbol, node
    import difflib  # only for a name that is not there

    close = difflib.get_close_matches(str(target.symbol), [symbol for symbol, _, _ in named], n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise TargetError(f"explain: {target.path.name} defines no {target.symbol}{hint}")


def find_definition(tree: ast.Module, target: Target) -> tuple[str, Definition] | None:
    """The definition TARGET names (innermost around its line), None for the whole file."""
    named = definitions_with_symbols(tree)
    if target.symbol is not None:
        return _by_symbol(named, target)
    if target.line is None:
        return None
    around = [
        (symbol, node)
        for symbol, node, _ in named
        if _start(node) <= target.line <= (node.end_lineno or node.lineno)
    ]
    return around[-1] if around else None
