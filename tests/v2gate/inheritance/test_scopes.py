"""V206 inside one file: ignored bases, subscripts, keywords, definition order and nested scopes."""

from __future__ import annotations

import pytest

from tests.v2gate.inheritance.inheritance_project import project_depths

# (rule, source of m.py, class symbol, expected depth, expected chain)
CASES = [
    (
        "an external base has depth 0, so the class is 1",
        "class E(ValueError): ...",
        "E",
        1,
        ("E", "ValueError"),
    ),
    ("no bases: 0", "class A: ...", "A", 0, ("A",)),
    ("object is not counted", "class A(object): ...", "A", 0, ("A",)),
    (
        "builtins.object is the builtin object",
        "import builtins\nclass A(builtins.object): ...",
        "A",
        0,
        ("A",),
    ),
    (
        "Generic[T] from typing is not counted",
        "from typing import Generic\nclass A(Generic[T]): ...",
        "A",
        0,
        ("A",),
    ),
    (
        "typing.Generic[T] via import typing as t",
        "import typing as t\nclass A(t.Generic[T]): ...",
        "A",
        0,
        ("A",),
    ),
    (
        "Protocol from typing is not counted",
        "from typing import Protocol\nclass P(Protocol): ...",
        "P",
        0,
        ("P",),
    ),
    (
        "Protocol via from typing import *",
        "from typing import *\nclass P(Protocol, object): ...",
        "P",
        0,
        ("P",),
    ),
    ("abc.ABC is not counted", "import abc\nclass A(abc.ABC): ...", "A", 0, ("A",)),
    (
        "ABC imported from abc is not counted",
        "from abc import ABC as Base\nclass A(Base): ...",
        "A",
        0,
        ("A",),
    ),
    (
        "a local class named Protocol is not typing.Protocol",
        "class Protocol: ...\nclass P(Protocol): ...",
        "P",
        1,
        ("P", "Protocol"),
    ),
    (
        "typing_extensions.Protocol is not in the default list: external, counted",
        "from typing_extensions import Protocol\nclass P(Protocol): ...",
        "P",
        1,
        ("P", "Protocol"),
    ),
    (
        "metaclass= and other keywords are not bases",
        "import abc\nclass B(ValueError): ...\nclass A(B, metaclass=abc.ABCMeta, flag=True): ...",
        "A",
        2,
        ("A", "B", "ValueError"),
    ),
    (
        "a subscripted project base uses the class's depth",
        "class Repo(KeyError): ...\nclass R(Repo[int]): ...",
        "R",
        2,
        ("R", "Repo", "KeyError"),
    ),
    (
        "the deepest base wins; Generic beside it is not counted",
        "from typing import Generic\nclass A(OSError): ...\nclass B(A): ...\nclass C(Generic[T], A, B): ...",
        "C",
        3,
        ("C", "B", "A", "OSError"),
    ),
    ("a call base is external", "class Q(make_base()): ...", "Q", 1, ("Q", "<expression>")),
    (
        "a module-level class defined later is not that name yet (the import is)",
        "from other import Base\nclass A(Base): ...\nclass Base(KeyError): ...",
        "A",
        1,
        ("A", "Base"),
    ),
    (
        "a later class that is never imported: the base is unknown, external",
        "class A(Later): ...\nclass Later(KeyError): ...",
        "A",
        1,
        ("A", "Later"),
    ),
    (
        "a redefinition: the class defined last before the statement",
        "class A(OSError): ...\nclass A(A): ...\nclass B(A): ...",
        "B",
        3,
        ("B", "A", "A", "OSError"),
    ),
    (
        "nested: an earlier class in the same class body is visible",
        "class Outer:\n    class Inner(KeyError): ...\n    class Deeper(Inner): ...",
        "Outer.Deeper",
        2,
        ("Outer.Deeper", "Outer.Inner", "KeyError"),
    ),
    (
        "nested: an enclosing class body is skipped (Python scoping), the module's name is used",
        "class Inner(OSError): ...\nclass Outer:\n    class Inner(KeyError): ...\n    class Mid:\n        class X(Inner): ...",
        "Outer.Mid.X",
        2,
        ("Outer.Mid.X", "Inner", "OSError"),
    ),
    (
        "nested: the enclosing class itself is not bound yet while its body runs",
        "from other import Outer\nclass Outer:\n    class X(Outer): ...",
        "Outer.X",
        1,
        ("Outer.X", "Outer"),
    ),
    (
        "attribute: Outer.Inner names the nested class",
        "class Outer:\n    class Inner(KeyError): ...\nclass Sub(Outer.Inner): ...",
        "Sub",
        2,
        ("Sub", "Outer.Inner", "KeyError"),
    ),
    (
        "in a function: module classes defined after the function are bound when it runs",
        "def make():\n    class Local(Later): ...\nclass Later(KeyError): ...",
        "make.Local",
        2,
        ("make.Local", "Later", "KeyError"),
    ),
    (
        "in a function: an earlier class of the enclosing function is visible from a nested class",
        "def make():\n    class Base(KeyError): ...\n    class Holder:\n        class X(Base): ...",
        "make.Holder.X",
        2,
        ("make.Holder.X", "make.Base", "KeyError"),
    ),
]


@pytest.mark.parametrize(
    ("rule", "source", "symbol", "depth", "chain"), CASES, ids=[case[0] for case in CASES]
)
def test_depth_in_one_file(rule: str, source: str, symbol: str, depth: int, chain: tuple[str, ...]) -> None:
    result = project_depths({"m.py": source + "\n"})["m", symbol]
    assert (result.depth, result.chain, result.cycle) == (depth, chain, False), rule


@pytest.mark.parametrize(
    ("ignore_bases", "depth"),
    [
        ((), 2),  # nothing ignored: Generic counts as an external base (0), Base is 1
        (("typing.Generic",), 2),  # Generic ignored, Base still 1
        (("typing.Generic", "m.Base"), 0),  # a project class can be ignored by module.Symbol
        (("builtins.ValueError",), 1),  # `builtins.` is dropped when matching: Base becomes 0
    ],
)
def test_configured_ignore_bases(ignore_bases: tuple[str, ...], depth: int) -> None:
    source = "from typing import Generic\nclass Base(ValueError): ...\nclass A(Base, Generic[T]): ...\n"
    assert project_depths({"m.py": source}, ignore_bases)["m", "A"].depth == depth
