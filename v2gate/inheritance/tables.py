"""Inputs and name targets of inheritance resolution: per-module class tables and references."""

from __future__ import annotations

from dataclasses import dataclass

from v2gate.inheritance.modules import ModuleName, resolve_import
from v2gate.records import Binding, ClassRecord, FileMetrics


@dataclass(frozen=True, slots=True)
class ClassTable:
    """What inheritance resolution needs from one project file: records only, no source.

    `classes` and `imports` are `FileMetrics.classes` / `FileMetrics.imports` in source
    order; a cache of measurements can rebuild this table without parsing.
    """

    module: str
    is_package: bool
    classes: tuple[ClassRecord, ...] = ()
    imports: tuple[Binding, ...] = ()

    @classmethod
    def from_metrics(cls, name: ModuleName, metrics: FileMetrics) -> ClassTable:
        """The table of the file named `name` measured as `metrics` (empty for a V200 file)."""
        return cls(name.name, name.is_package, metrics.classes, metrics.imports)

    @property
    def module_name(self) -> ModuleName:
        """The module's name record, as `modules.resolve_import` wants it."""
        return ModuleName(self.module, self.is_package)

    @property
    def star_sources(self) -> list[str]:
        """Absolute modules of this file's `from ... import *` statements, in source order."""
        sources = (
            resolve_import(self.module_name, binding.level, binding.module)
            for binding in self.imports
            if binding.name == "*"
        )
        return [source for source in sources if source is not None]


@dataclass(frozen=True, slots=True)
class ClassRef:
    """A name that resolved to `tables[module].classes[index]`."""

    module: str
    index: int


@dataclass(frozen=True, slots=True)
class ModuleRef:
    """A name that resolved to a project module or package (namespace packages included)."""

    name: str


@dataclass(frozen=True, slots=True)
class ExternalRef:
    """A name outside the project: `qualified` is its dotted name after resolving imports.

    Builtins are bare (`object`, `ValueError`); `import typing as t` then `t.Generic`
    gives `typing.Generic`.
    """

    qualified: str


Ref = ClassRef | ModuleRef | ExternalRef
