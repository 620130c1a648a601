"""Records of the statements that bind a name in a module: imports and assignments (`Binding`)
and def/class statements (`Place`)."""

from __future__ import annotations

from dataclasses import dataclass

# The `level` of a Binding made by an assignment rather than an import.
ASSIGNED = -1


@dataclass(frozen=True, slots=True)
class Binding:
    """A name bound outside any function by an import statement, or by an assignment.

    `import a.b.c`            -> Binding("a", module="a", name=None, level=0)
    `import a.b.c as x`       -> Binding("x", module="a.b.c", name=None, level=0)
    `from .m import Base as B` -> Binding("B", module="m", name="Base", level=1)
    `from .. import mod`      -> Binding("mod", module="", name="mod", level=2)
    `from pkg import *`       -> Binding("*", module="pkg", name="*", level=0)
    `Base = make()`, `Base: type = X` -> Binding("Base", module="", name=None, level=ASSIGNED)

    `line` is the line where the statement starts; `scope` the symbol of the class body it
    stands in ("" at module level). An assignment is recorded only where it can rebind a
    base: its name is also bound by a class or import statement of the file, or the file
    has a star import.
    """

    local: str
    module: str
    name: str | None
    level: int
    line: int = 0
    scope: str = ""

    @property
    def is_assignment(self) -> bool:
        """True for a name bound by `=`, `: T =` or an augmented assignment, not by an import."""
        return self.level == ASSIGNED


@dataclass(frozen=True, slots=True)
class Place:
    """A def/class statement: its name, the 1-based line and column of its keyword (`async`
    for `async def`), the line of its first decorator's `@` (else `line`) and the line of
    the `:` that opens its body.

    Measuring knows only the statement's own `name` (`method`); where a file's records are
    known (suppression scopes), `name` is the dotted symbol (`Outer.method`).
    """

    name: str
    is_class: bool
    line: int
    column: int
    header_start: int
    header_end: int
