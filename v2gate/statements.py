"""Records of the statements that bind a name in a module: imports (`Binding`) and def/class statements (`Place`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Binding:
    """A name bound by an import statement outside any function.

    `import a.b.c`            -> Binding("a", module="a", name=None, level=0)
    `import a.b.c as x`       -> Binding("x", module="a.b.c", name=None, level=0)
    `from .m import Base as B` -> Binding("B", module="m", name="Base", level=1)
    `from .. import mod`      -> Binding("mod", module="", name="mod", level=2)
    `from pkg import *`       -> Binding("*", module="pkg", name="*", level=0)
    """

    local: str
    module: str
    name: str | None
    level: int


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
