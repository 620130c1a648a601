"""The libcst pass: functions, classes, import bindings and suppression comments of a module.

Speed: this walks statement bodies only (a def, class or import never stands inside an
expression) instead of visiting every node, and takes positions from `v2gate.measure.places`
(the stdlib tree) instead of libcst's PositionProvider, which re-generated the whole
module; together they were ~80% of a cold run. Comments are read with the stdlib tokenizer,
and only in files that contain "noqa" at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

import libcst as cst

from v2gate.measure.comments import comments, file_suppression, line_suppression
from v2gate.measure.structure_parts import (
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
# Fields of libcst statements (and of suites, handlers, cases, else/finally) that hold the
# statements nested in them, in source order.
_BODIES = ("body", "handlers", "orelse", "finalbody", "cases")

Scopes = tuple[tuple[str, str], ...]


class StructureMismatch(ValueError):
    """libcst and the stdlib parser disagree about a file's definitions (a parser bug)."""


@dataclass
class Structure:
    """What the libcst pass found; FunctionRecord.complexity is still 0 here."""

    functions: list[FunctionRecord] = field(default_factory=list)
    classes: list[ClassRecord] = field(default_factory=list)
    imports: list[Binding] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    file_suppressions: list[Suppression] = field(default_factory=list)


def _children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Statements, suites, handlers and cases directly under `node`, in source order."""
    children: list[cst.CSTNode] = []
    for name in _BODIES:
        value = getattr(node, name, None)
        if isinstance(value, cst.CSTNode):
            children.append(value)
        elif value:
            children.extend(value)
    return children


def _checked(place: Place | None, node: cst.FunctionDef | cst.ClassDef) -> Place:
    """The stdlib's place for `node`, after checking both parsers see the same definition."""
    if place is None or place.name != node.name.value or place.is_class != isinstance(node, cst.ClassDef):
        raise StructureMismatch(f"libcst and ast disagree at the definition of {node.name.value!r}")
    return place


def _function(node: cst.FunctionDef, place: Place, scopes: Scopes) -> FunctionRecord:
    in_class = bool(scopes) and scopes[-1][0] == "class"
    parameters = parameter_count(node.params)
    if in_class and not has_decorator(node, "staticmethod"):
        parameters = max(0, parameters - 1)  # self / cls (also __new__'s cls)
    counted = (in_class or not scopes) and not has_decorator(node, "overload")
    name = node.name.value
    return FunctionRecord(
        name,
        symbol(list(scopes), name),
        place.line,
        place.column,
        0,
        parameters,
        counted,
        place.header_start,
        place.header_end,
    )


def _class(node: cst.ClassDef, place: Place, scopes: Scopes) -> ClassRecord:
    name = node.name.value
    bases = tuple(base_name(arg) for arg in node.bases)
    return ClassRecord(
        name,
        symbol(list(scopes), name),
        place.line,
        place.column,
        bases,
        symbol(list(scopes), ""),
        place.header_start,
        place.header_end,
    )


def _add(found: Structure, node: cst.CSTNode, scopes: Scopes, places: Iterator[Place]) -> Scopes:
    """Record `node` if it is a def, class or import; the scopes its children are in."""
    if isinstance(node, cst.FunctionDef):
        found.functions.append(_function(node, _checked(next(places, None), node), scopes))
        return (*scopes, ("function", node.name.value))
    if isinstance(node, cst.ClassDef):
        found.classes.append(_class(node, _checked(next(places, None), node), scopes))
        return (*scopes, ("class", node.name.value))
    if isinstance(node, (cst.Import, cst.ImportFrom)) and all(kind == "class" for kind, _ in scopes):
        bindings = import_bindings(node) if isinstance(node, cst.Import) else import_from_bindings(node)
        found.imports.extend(bindings)
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


def read_structure(modules: Iterable[cst.Module], text: str, places: Sequence[Place]) -> Structure:
    """The structure of `text`, given as libcst `modules` (the whole file, or consecutive
    pieces of it: see `v2gate.measure.chunks`); `places` are its definitions' places from
    `v2gate.measure.places.definition_places`, in source order."""
    found = Structure()
    remaining = iter(places)
    statements = chain.from_iterable(module.body for module in modules)  # a piece at a time
    # Iterative: an `elif` chain nests one If per branch, and real files have long ones.
    stack: list[tuple[Iterator[cst.CSTNode], Scopes]] = [(statements, ())]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            stack.pop()
            continue
        inner = _add(found, node, stack[-1][1], remaining)
        if not isinstance(node, cst.BaseSmallStatement):  # `x = 1`, `import a`: nothing inside
            stack.append((iter(_children(node)), inner))
    if next(remaining, None) is not None:
        raise StructureMismatch("the stdlib parser found definitions libcst did not")
    if _SUPPRESSION_WORD.search(text):
        _read_comments(found, text)
    return found
