"""V203 classes and the V206 inputs: bases, scopes and import bindings (structure pass)."""

from __future__ import annotations

import pytest

from tests.v2gate.measure.snippets import measure
from v2gate.records import Binding
from v2gate.statements import ASSIGNED

# (snippet, [(symbol, scope, bases)])
CLASSES = [
    ("class A: pass", [("A", "", ())]),
    ("class A(): pass", [("A", "", ())]),
    ("class A(B, mod.C, pkg.mod.D): pass", [("A", "", ("B", "mod.C", "pkg.mod.D"))]),
    (  # V206: subscripted bases are recorded without the subscript
        "class A(Generic[T], Base[int], mod.Base[int], Protocol[T]): pass",
        [("A", "", ("Generic", "Base", "mod.Base", "Protocol"))],
    ),
    ("class A(B, metaclass=M, flag=True): pass", [("A", "", ("B",))]),  # keywords are no bases
    ("class A(object, abc.ABC): pass", [("A", "", ("object", "abc.ABC"))]),  # ignoring is later
    (  # V206: a call, a starred base or an attribute of a call is not a dotted name
        "class A(make_base(), *bases, f().B, **kw): pass",
        [("A", "", (None, None, None))],
    ),
    (  # V203: nested classes and classes in functions are classes
        "class A:\n    class B(A): pass\ndef f():\n    class C: pass",
        [("A", "", ()), ("A.B", "A", ("A",)), ("f.C", "f", ())],
    ),
    (  # V203: both branches of a module-level if count
        "if X:\n    class A: pass\nelse:\n    class A(B): pass",
        [("A", "", ()), ("A", "", ("B",))],
    ),
    ("f = lambda: type('A', (), {})", []),  # V203: only class statements are classes
]


@pytest.mark.parametrize(("snippet", "expected"), CLASSES)
def test_classes(snippet: str, expected: list[tuple[str, str, tuple[str | None, ...]]]) -> None:
    classes = measure(snippet).classes
    assert [(c.symbol, c.scope, c.bases) for c in classes] == expected


# (snippet, (line, column, header_start, header_end)) of the last class
CLASS_POSITIONS = [
    ("class A: pass", (1, 1, 1, 1)),
    ("@dataclass\n@other\nclass A(\n    B,\n):\n    x: int", (3, 1, 1, 5)),
    ("def f():\n    @dec\n    class C: pass", (3, 5, 2, 3)),
    ("\x0cclass A: pass", (1, 2, 1, 1)),  # form feed before class
]


@pytest.mark.parametrize(("snippet", "expected"), CLASS_POSITIONS)
def test_class_positions(snippet: str, expected: tuple[int, int, int, int]) -> None:
    last = measure(snippet).classes[-1]
    assert (last.line, last.column, last.header_start, last.header_end) == expected


BINDINGS = [
    ("import a", [Binding("a", "a", None, 0)]),
    ("import a.b.c", [Binding("a", "a", None, 0)]),
    ("import a.b.c as x", [Binding("x", "a.b.c", None, 0)]),
    ("import a, b as c", [Binding("a", "a", None, 0), Binding("c", "b", None, 0)]),
    ("from m import A", [Binding("A", "m", "A", 0)]),
    ("from pkg.m import A as B", [Binding("B", "pkg.m", "A", 0)]),
    ("from .m import Base as B", [Binding("B", "m", "Base", 1)]),
    ("from .. import mod", [Binding("mod", "", "mod", 2)]),
    ("from ...a.b import (c,\n    d as e,)", [Binding("c", "a.b", "c", 3), Binding("e", "a.b", "d", 3)]),
    ("from pkg import *", [Binding("*", "pkg", "*", 0)]),
    (  # imports under module-level if/try bind module names
        "if TYPE_CHECKING:\n    import a\ntry:\n    from b import c\nexcept ImportError:\n    c = None",
        [Binding("a", "a", None, 0), Binding("c", "b", "c", 0), Binding("c", "", None, ASSIGNED)],
    ),
    ("def f():\n    import a\n    from b import c", []),  # imports inside functions are local
    ("class A:\n    from b import c", [Binding("c", "b", "c", 0)]),  # outside any function
]


@pytest.mark.parametrize(("snippet", "expected"), BINDINGS)
def test_import_bindings(snippet: str, expected: list[Binding]) -> None:
    found = [(item.local, item.module, item.name, item.level) for item in measure(snippet).imports]
    assert found == [(item.local, item.module, item.name, item.level) for item in expected]


# (snippet, (name, is an assignment, line, scope) of each binding recorded)
BINDING_PLACES = [
    ("import a\nclass A:\n    from b import c", [("a", False, 1, ""), ("c", False, 3, "A")]),
    ("class Base: ...\nBase = make()\nOther = 1", [("Base", True, 2, "")]),  # Other rebinds no base
    ("from m import *\nOther = 1", [("*", False, 1, ""), ("Other", True, 2, "")]),  # a star binds any name
    ("class Base: ...\nBase: type = X\nBase: type", [("Base", True, 2, "")]),  # no value: no binding
    ("class Base: ...\nBase += ()\n(Base, *rest), x = f()", [("Base", True, 2, ""), ("Base", True, 3, "")]),
    ("class Base: ...\nclass K:\n    Base = int", [("Base", True, 3, "K")]),
    ("class Base: ...\ndef f():\n    Base = int\n    import Base", []),  # local to the function
]


@pytest.mark.parametrize(("snippet", "expected"), BINDING_PLACES)
def test_binding_places(snippet: str, expected: list[tuple[str, bool, int, str]]) -> None:
    found = [(item.local, item.is_assignment, item.line, item.scope) for item in measure(snippet).imports]
    assert found == expected
