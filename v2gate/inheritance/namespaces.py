"""Final module namespaces of a project: what `module.name` refers to once every import has run.

Rules, in the order a name is looked up in a project module (the file's final namespace,
so the *last* statement that binds the name wins):

1. a module-level class of that name, or an import or assignment of that name
   (`import a.b as x`, `from m import B as C`, relative imports, `B = make()`), whichever
   comes last in the file: an import is followed to the module it names, across files; an
   assignment binds something external;
3. a submodule (`from pkg import mod` where `pkg/mod.py` is in the project): importing a
   submodule sets it as an attribute of its package, over a star-imported name;
4. `from m import *`: the last star source whose public names (no leading `_`; module-level
   classes and import bindings, transitively through its own star imports) include the
   name; a star import from outside the project supplies any non-builtin name as
   `source.name` (so `from typing import *` then `Protocol` is `typing.Protocol`).

Chains of re-exports are followed iteratively; an import cycle that never reaches a
definition (`a: from b import X`, `b: from a import X`) resolves to nothing.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping

from v2gate.inheritance.modules import child_module, package_names, resolve_import
from v2gate.inheritance.tables import ClassRef, ClassTable, ExternalRef, ModuleRef, Ref
from v2gate.records import Binding

BUILTIN_NAMES = frozenset(dir(builtins))

# One hop of a lookup: a final answer, "look `name` up in `module`" next, or nothing found.
_Step = Ref | tuple[str, str] | None


class ProjectNamespaces:
    """Name lookup across the project's modules, memoised per (module, name)."""

    def __init__(self, tables: Mapping[str, ClassTable]) -> None:
        self.tables = tables
        self._modules = {name: table.module_name for name, table in tables.items()}
        self._packages = package_names(tables)
        self._symbols = {
            name: {record.symbol: index for index, record in enumerate(table.classes)}
            for name, table in tables.items()
        }
        # The last binding of each name (class-body imports count, as module-level ones).
        self._bindings = {
            name: {
                binding.local: binding
                for binding in table.imports
                if binding.name != "*" and not (binding.is_assignment and binding.scope)
            }
            for name, table in tables.items()
        }
        self._stars = {name: table.star_sources for name, table in tables.items()}
        self._exported: dict[str, frozenset[str]] = {}
        self._cache: dict[tuple[str, str], Ref | None] = {}

    def is_module(self, name: str) -> bool:
        """True for a project module or a package prefix of one (namespace packages too)."""
        return name in self._packages or name in self.tables

    def lookup(
        self, module: str, name: str, *, own_classes: bool = True, binding: Binding | None = None
    ) -> Ref | None:
        """What `name` means in `module`'s final namespace, or None if it is not defined.

        `own_classes=False` skips step 1's classes in `module` itself (not in the modules it
        imports from): the caller has already applied its own definition-order rule to the
        module's classes. With `binding` (an import or assignment of `module` binding
        `name`), what that statement binds the name to.
        """
        step = self._step(module, name, own_classes) if binding is None else self._follow(module, binding)
        seen: set[tuple[str, str]] = set()
        while isinstance(step, tuple):
            if step in self._cache:
                step = self._cache[step]
                break
            if step in seen:
                step = None  # an import cycle with no definition in it
                break
            seen.add(step)
            step = self._step(*step, True)
        for key in seen:
            self._cache[key] = step
        return step

    def attribute(self, ref: Ref, name: str) -> Ref:
        """`ref.name`: a module's global, a class's nested class, or a longer external name."""
        if isinstance(ref, ModuleRef):
            found = self.lookup(ref.name, name)
            return found if found is not None else ExternalRef(child_module(ref.name, name))
        if isinstance(ref, ClassRef):
            symbol = self.tables[ref.module].classes[ref.index].symbol + "." + name
            index = self._symbols[ref.module].get(symbol)
            if index is not None:
                return ClassRef(ref.module, index)
        return ExternalRef(f"{self.qualified(ref)}.{name}")

    def qualified(self, ref: Ref) -> str:
        """The dotted name `ignore-bases` entries are matched against (`builtins.` dropped)."""
        if isinstance(ref, ClassRef):
            return child_module(ref.module, self.tables[ref.module].classes[ref.index].symbol)
        text = ref.name if isinstance(ref, ModuleRef) else ref.qualified
        return text.removeprefix("builtins.")

    def _step(self, module: str, name: str, own_classes: bool) -> _Step:
        """One hop of a lookup in `module` (see the module docstring for the order)."""
        if module not in self.tables:
            if self.is_module(child_module(module, name)):
                return ModuleRef(child_module(module, name))
            return None if self.is_module(module) else ExternalRef(child_module(module, name))
        # A symbol without a dot is a module-level class (nested ones are `Outer.Inner`).
        index = self._symbols[module].get(name) if own_classes else None
        binding = self._bindings[module].get(name)
        if index is not None and (binding is None or self.tables[module].classes[index].line > binding.line):
            return ClassRef(module, index)
        if binding is not None:
            return self._follow(module, binding)
        return self._submodule_or_star(module, name)

    def _follow(self, module: str, binding: Binding) -> _Step:
        """Where an import binding in `module` points; an assignment binds something external."""
        if binding.is_assignment:
            return ExternalRef(child_module(module, binding.local))
        if binding.name is None:
            target = binding.module
            return ModuleRef(target) if self.is_module(target) else ExternalRef(target)
        source = resolve_import(self._modules[module], binding.level, binding.module)
        if source is None:  # a relative import above the project's top package
            return ExternalRef("." * binding.level + child_module(binding.module, binding.name))
        return source, binding.name

    def _submodule_or_star(self, module: str, name: str) -> _Step:
        """Steps 3 and 4: submodules, then star imports (the last one supplying `name` wins)."""
        submodule = child_module(module, name)
        if self.is_module(submodule):
            return ModuleRef(submodule)
        for source in reversed(self._stars[module]):
            if source in self.tables:
                if name in self._exported_names(source):
                    return source, name
            elif not self.is_module(source) and name not in BUILTIN_NAMES:
                return ExternalRef(child_module(source, name))
        return None

    def _exported_names(self, module: str) -> frozenset[str]:
        """Public names `from module import *` binds: own and star-imported, transitively."""
        if module not in self._exported:
            names: set[str] = set()
            pending, reached = [module], {module}
            while pending:
                current = pending.pop()
                names.update(symbol for symbol in self._symbols[current] if "." not in symbol)
                names.update(self._bindings[current])
                fresh = [s for s in self._stars[current] if s in self.tables and s not in reached]
                reached.update(fresh)
                pending.extend(fresh)
            self._exported[module] = frozenset(n for n in names if not n.startswith("_"))
        return self._exported[module]
