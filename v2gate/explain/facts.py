"""The counted facts behind each limit, as JSON-ready data: a function's decision points and
parameters, a class's resolved bases, a file's lines, functions and classes."""

from __future__ import annotations

import ast
from collections.abc import Collection, Mapping
from typing import Any

from v2gate.explain.decisions import decision_points
from v2gate.inheritance.namespaces import ProjectNamespaces
from v2gate.inheritance.resolve import EXPRESSION_BASE
from v2gate.inheritance.scopes import ClassScopes
from v2gate.inheritance.tables import ClassRef, ClassTable
from v2gate.records import FileMetrics

Data = dict[str, Any]


def complexity_facts(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Data:
    """Every decision point (line, construct, +n); their weights sum to the V204 value."""
    points = decision_points(node)
    return {
        "value": sum(point.weight for point in points),
        "points": [{"line": p.line, "construct": p.construct, "weight": p.weight} for p in points],
    }


def _is_staticmethod(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A decorator that is a dotted name ending in `staticmethod` (as the measurement checks)."""
    for decorator in node.decorator_list:
        name = decorator.attr if isinstance(decorator, ast.Attribute) else getattr(decorator, "id", None)
        if name == "staticmethod":
            return True
    return False


def _listed(spec: ast.arguments) -> list[tuple[str, str]]:
    """(name, kind) of every parameter, in the order they are written."""
    variadic = [(f"*{spec.vararg.arg}", "*args")] if spec.vararg else []
    keywords = [(f"**{spec.kwarg.arg}", "**kwargs")] if spec.kwarg else []
    return [
        *((arg.arg, "positional-only") for arg in spec.posonlyargs),
        *((arg.arg, "regular") for arg in spec.args),
        *variadic,
        *((arg.arg, "keyword-only") for arg in spec.kwonlyargs),
        *keywords,
    ]


def _markers(spec: ast.arguments) -> list[Data]:
    """The bare `/` and `*` of a signature: written, never counted."""
    found = [{"name": "/", "why": "a marker, not a parameter"}] if spec.posonlyargs else []
    if spec.kwonlyargs and spec.vararg is None:
        found.append({"name": "*", "why": "a marker, not a parameter"})
    return found


def parameter_facts(node: ast.FunctionDef | ast.AsyncFunctionDef, in_class: bool) -> Data:
    """The parameters as V205 counts them, and those it leaves out with why."""
    listed = _listed(node.args)
    excluded: list[Data] = []
    if in_class and listed and not _is_staticmethod(node):
        name, _ = listed.pop(0)
        excluded.append({"name": name, "why": "first parameter of a method (self/cls), not counted"})
    return {
        "value": len(listed),
        "counted": [{"name": name, "kind": kind} for name, kind in listed],
        "excluded": excluded + _markers(node.args),
    }


def file_facts(metrics: FileMetrics) -> Data:
    """Lines (V201), the functions V202 counts and those it does not, the classes V203 counts."""
    return {
        "lines": metrics.lines,
        "functions": [{"symbol": f.symbol, "line": f.line} for f in metrics.functions if f.counted],
        "functions_not_counted": [
            {"symbol": f.symbol, "line": f.line} for f in metrics.functions if not f.counted
        ],
        "classes": [{"symbol": c.symbol, "line": c.line} for c in metrics.classes],
    }


class BaseTree:
    """Where each base of a class resolves, followed through the project's classes."""

    def __init__(
        self, tables: Mapping[str, ClassTable], places: Mapping[str, str], ignore: Collection[str]
    ) -> None:
        self._tables = tables
        self._places = places  # module name -> display path of its file
        self._ignore = {name.removeprefix("builtins.") for name in ignore}
        self._namespaces = ProjectNamespaces(tables)
        self._scopes: dict[str, ClassScopes] = {}

    def bases(self, module: str, index: int, seen: frozenset[tuple[str, int]] = frozenset()) -> list[Data]:
        """Each written base of class `index` of `module`: where it resolved, and its own bases."""
        scopes = self._scopes.setdefault(module, ClassScopes(self._namespaces, self._tables[module]))
        record = self._tables[module].classes[index]
        rows = []
        for written, ref in zip(record.bases, scopes.resolve(index), strict=False):
            row: Data = {"written": EXPRESSION_BASE if written is None else written}
            qualified = None if ref is None else self._namespaces.qualified(ref)
            if qualified is not None and qualified in self._ignore:
                row["resolved"] = f"ignored (ignore-bases: {qualified})"
            elif isinstance(ref, ClassRef):
                target = self._tables[ref.module].classes[ref.index]
                row["resolved"] = f"{self._places.get(ref.module, ref.module)}:{target.line} ({qualified})"
                key = (ref.module, ref.index)
                row["bases"] = [] if key in seen else self.bases(ref.module, ref.index, seen | {key})
            else:
                row["resolved"] = "external" + (f" ({qualified})" if qualified else "")
            rows.append(row)
        return rows
