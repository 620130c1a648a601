"""Resolving the written bases of a class statement with Python's scoping rules.

A class statement's bases are evaluated in the scope that contains the statement, so
for a base `first.rest...` the name `first` is looked up like this:

1. the enclosing scope itself (module, class body or function body): the last statement
   *earlier* there (by line, then column) that bound the name - a class statement, an
   import or an assignment (`Base = ...`, `Base: T = ...`), which binds something
   external; a statement later in the file has not run yet when the class statement runs;
2. enclosing *function* scopes, innermost first: classes defined there earlier than the
   statement (enclosing class bodies are skipped, as Python skips them);
3. the module: at import time (the statement is at module level or only inside class
   bodies) a module-level class defined earlier than the top-level statement containing
   it (or a module-level import or assignment before it), else the module's imports (`namespaces.ProjectNamespaces.lookup`, which follows
   re-exports and star imports); inside a function, which runs after the module has
   loaded, the module's final namespace (any module-level class, the last definition wins);
4. otherwise a builtin or an unknown name: external, named as written (`ValueError`).

`.rest` is then resolved attribute by attribute (`mod.Base`, `pkg.mod.Base`,
`Outer.Inner`). Imports and assignments inside functions are not recorded and so are not
seen; import statements in class bodies also count as module-level imports.
"""

from __future__ import annotations

from collections import defaultdict

from v2gate.inheritance.namespaces import ProjectNamespaces
from v2gate.inheritance.tables import ClassRef, ClassTable, ExternalRef, Ref
from v2gate.records import Binding, ClassRecord

_Position = tuple[int, int]


class ClassScopes:
    """Base resolution for the class statements of one module."""

    def __init__(self, namespaces: ProjectNamespaces, table: ClassTable) -> None:
        self._namespaces = namespaces
        self._table = table
        self._class_symbols = {record.symbol for record in table.classes}
        self._defined: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, record in enumerate(table.classes):
            self._defined[record.scope, record.name].append(index)
        self._bound: dict[tuple[str, str], list[Binding]] = defaultdict(list)
        for binding in table.imports:
            self._bound[binding.scope, binding.local].append(binding)

    def resolve(self, index: int) -> tuple[Ref | None, ...]:
        """What each written base of class `index` refers to (None: not a dotted name)."""
        record = self._table.classes[index]
        return tuple(None if base is None else self._dotted(record, base) for base in record.bases)

    def _dotted(self, record: ClassRecord, base: str) -> Ref:
        """Resolve `first.rest...` written in `record`'s enclosing scope."""
        first, *rest = base.split(".")
        ref = self._name(record, first)
        for part in rest:
            ref = self._namespaces.attribute(ref, part)
        return ref

    def _name(self, record: ClassRecord, name: str) -> Ref:
        """Rules 1-4 of the module docstring for one bare name."""
        position = (record.line, record.column)
        scope, innermost, at_runtime = record.scope, True, False
        while scope:
            is_class_body = scope in self._class_symbols
            if innermost or not is_class_body:
                found = self._earlier(scope, name, position)
                if found is not None:
                    return found
            at_runtime = at_runtime or not is_class_body
            scope, innermost = scope.rpartition(".")[0], False
        if not at_runtime:
            found = self._earlier("", name, self._statement_position(record))
            if found is not None:
                return found
        module = self._table.module
        ref = self._namespaces.lookup(module, name, own_classes=at_runtime)
        return ref if ref is not None else ExternalRef(name)

    def _earlier(self, scope: str, name: str, before: _Position) -> Ref | None:
        """What the last statement that bound `name` directly in `scope` before position
        `before` bound it to: a class statement, an import or an assignment."""
        best: tuple[_Position, int] | None = None
        for index in self._defined.get((scope, name), ()):
            record = self._table.classes[index]
            position = (record.line, record.column)
            if position < before and (best is None or position > best[0]):
                best = (position, index)
        binding = self._last_binding(scope, name, before[0])
        if binding is not None and (best is None or binding.line > best[0][0]):
            found = self._namespaces.lookup(self._table.module, name, binding=binding)
            return found if found is not None else ExternalRef(name)
        return None if best is None else ClassRef(self._table.module, best[1])

    def _last_binding(self, scope: str, name: str, before: int) -> Binding | None:
        """The last import or assignment of `name` directly in `scope` on a line before `before`."""
        bindings = [binding for binding in self._bound.get((scope, name), ()) if binding.line < before]
        return bindings[-1] if bindings else None

    def _statement_position(self, record: ClassRecord) -> _Position:
        """Where the module-level statement containing `record` starts (itself if top-level)."""
        position = (record.line, record.column)
        if not record.scope:
            return position
        top = record.symbol.split(".")[0]
        starts = [
            (other.line, other.column)
            for index in self._defined.get(("", top), ())
            if ((other := self._table.classes[index]).line, other.column) <= position
        ]
        return max(starts, default=position)
