"""The structure pass: functions, classes, import bindings and suppression comments of a module.

It reads the stdlib tree that radon's complexity visitor walks too (one parse per file),
walking statement bodies only (a def, class or import never stands inside an expression).
Positions come from `v2gate.measure.places`; comments are read with the stdlib tokenizer,
and only in files that contain "noqa" at all.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from v2gate.measure.comments import comments, file_suppression, line_suppression
from v2gate.measure.places import LINE_BREAK, child_statements, place
from v2gate.measure.structure_parts import (
    assigned_bindings,
    base_name,
    has_decorator,
    import_bindings,
    import_from_bindings,
    parameter_count,
    symbol,
)
from v2gate.records import Binding, ClassRecord, FunctionRecord, Suppression
from v2gate.statements import Place

# Every suppression comment contains this word; a file without it needs no comment scan.
_SUPPRESSION_WORD = re.compile("noqa", re.IGNORECASE)

_BINDING_STATEMENTS = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.AugAssign)

Scopes = tuple[tuple[str, str], ...]


@dataclass
class Structure:
    """What the structure pass found; FunctionRecord.complexity is still 0 here."""

    functions: list[FunctionRecord] = field(default_factory=list)
    classes: list[ClassRecord] = field(default_factory=list)
    imports: list[Binding] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    file_suppressions: list[Suppression] = field(default_factory=list)
    assignments: list[Binding] = field(default_factory=list)

    def bindings(self) -> list[Binding]:
        """Imports and the assignments that can rebind a base, in source order."""
        names = {binding.local for binding in self.imports} | {record.name for record in self.classes}
        if "*" in names:
            kept = self.assignments  # a star import may bind any name
        else:
            kept = [binding for binding in self.assignments if binding.local in names]
        if not kept:
            return self.imports
        return sorted([*self.imports, *kept], key=lambda binding: binding.line)


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef, where: Place, scopes: Scopes) -> FunctionRecord:
    in_class = bool(scopes) and scopes[-1][0] == "class"
    parameters = parameter_count(node.args)
    if in_class and not has_decorator(node, "staticmethod"):
        parameters = max(0, parameters - 1)  # self / cls (also __new__'s cls)
    counted = (in_class or not scopes) and not has_decorator(node, "overload")
    return FunctionRecord(
        node.name,
        symbol(list(scopes), node.name),
        where.line,
        where.column,
        0,
        parameters,
        counted,
        where.header_start,
        where.header_end,
    )


def _class(node: ast.ClassDef, where: Place, scopes: Scopes) -> ClassRecord:
    return ClassRecord(
        node.name,
        symbol(list(scopes), node.name),
        where.line,
        where.column,
        tuple(base_name(base) for base in node.bases),
        symbol(list(scopes), ""),
        where.header_start,
        where.header_end,
    )


def _add(found: Structure, node: ast.stmt, scopes: Scopes, lines: list[str]) -> Scopes:
    """Record `node` if it is a def, class or import; the scopes its children are in."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        found.functions.append(_function(node, place(node, lines), scopes))
        return (*scopes, ("function", node.name))
    if isinstance(node, ast.ClassDef):
        found.classes.append(_class(node, place(node, lines), scopes))
        return (*scopes, ("class", node.name))
    if isinstance(node, _BINDING_STATEMENTS) and all(kind == "class" for kind, _ in scopes):
        scope = symbol(list(scopes), "")
        if isinstance(node, ast.Import):
            found.imports.extend(import_bindings(node, scope))
        elif isinstance(node, ast.ImportFrom):
            found.imports.extend(import_from_bindings(node, scope))
        else:
            found.assignments.extend(assigned_bindings(node, scope))
    return scopes


def _read_comments(found: Structure, text: str) -> None:
    for comment, line in comments(text):
        whole_file = file_suppression(comment, line)
        if whole_file is not None:
            found.file_suppressions.append(whole_file)
            continue
        on_line = line_suppression(comment, line)
        if on_line is not None:
            found.suppressions.append(on_line)


def read_structure(tree: ast.Module, text: str) -> Structure:
    """The structure of `text`, parsed as `tree`: every definition and module-level import
    (class bodies included) in source order, and the suppression comments."""
    found = Structure()
    lines = LINE_BREAK.split(text)
    # Iterative: an `elif` chain nests one If per branch, and real files have long ones.
    stack: list[tuple[Iterator[ast.stmt], Scopes]] = [(iter(tree.body), ())]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            stack.pop()
            continue
        inner = _add(found, node, stack[-1][1], lines)
        children = child_statements(node)
        if children:
            stack.append((iter(children), inner))
    if _SUPPRESSION_WORD.search(text):
        _read_comments(found, text)
    return found
