"""V206 follows Python's binding order: each fixture is measured, then imported, and the depth the
gate gives a class must equal the depth of its runtime `__bases__` (project classes only).

Each row marked "was" was measured differently while the earliest class of a name won.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import pytest

from tests.v2gate.inheritance.inheritance_project import project_depths
from tests.v2gate.projects import write_project

PACKAGE = "binding_order_fixture"
DEEP = "class D1(ValueError): ...\nclass D2(D1): ...\nclass D3(D2): ...\n"  # D3 has depth 3

# (rule, module source, class symbol, attribute path of the class at runtime, depth)
CASES = [
    (
        "a later `from x import C as Base` rebinds Base (was 2)",
        f"""
        class Base(ValueError): ...
        class A(Base): ...
        from {PACKAGE}.deep import D3 as Base
        class B(Base): ...
        """,
        "B",
        "B",
        4,
    ),
    (
        "a later `Base = ...` rebinds Base to something external (was 2)",
        "class Base(KeyError): ...\nclass Mid(Base): ...\nBase = KeyError\nclass C(Base): ...\n",
        "C",
        "C",
        1,
    ),
    (
        "a later annotated assignment rebinds it too (was 2)",
        "class Base(KeyError): ...\nBase: type = LookupError\nclass C(Base): ...\n",
        "C",
        "C",
        1,
    ),
    (
        "an assignment in a class body rebinds the name in that body (was 2)",
        """
        class Outer:
            class Base(KeyError): ...
            Base = LookupError
            class Inner(Base): ...
        """,
        "Outer.Inner",
        "Outer.Inner",
        1,
    ),
    (
        "an import in a class body, after a class of that name (was 2)",
        f"""
        class Outer:
            class Base(KeyError): ...
            from {PACKAGE}.deep import D3 as Base
            class Inner(Base): ...
        """,
        "Outer.Inner",
        "Outer.Inner",
        4,
    ),
    (
        "a class after the import wins, as before",
        f"from {PACKAGE}.deep import D3 as Base\nclass Base(KeyError): ...\nclass E(Base): ...\n",
        "E",
        "E",
        2,
    ),
    (
        "the class before the rebinding keeps the class",
        "class Base(KeyError): ...\nclass Mid(Base): ...\nBase = KeyError\n",
        "Mid",
        "Mid",
        2,
    ),
    (
        "another module's final namespace: its last binding (was 2)",
        f"from {PACKAGE}.rebound import Base\nclass X(Base): ...\n",
        "X",
        "X",
        1,
    ),
    (
        "another module's final namespace: a class after an import there",
        f"from {PACKAGE}.reclassed import Base\nclass X(Base): ...\n",
        "X",
        "X",
        2,
    ),
    (
        "a class in a function sees the module's final namespace when it runs (was 2)",
        """
        class Base(KeyError): ...
        def make():
            class Local(Base): ...
            return Local
        Base = LookupError
        made = make()
        """,
        "make.Local",
        "made",
        1,
    ),
]

OTHERS = {
    "deep.py": DEEP,
    "rebound.py": "class Base(KeyError): ...\nBase = KeyError\n",
    "reclassed.py": f"from {PACKAGE}.deep import D3 as Base\nclass Base(KeyError): ...\n",
}


def _runtime_depth(cls: type) -> int:
    """1 + the deepest base defined in the fixture package; other bases have depth 0."""
    bases = [base for base in cls.__bases__ if base is not object]
    if not bases:
        return 0
    return 1 + max(_runtime_depth(base) if base.__module__.startswith(PACKAGE) else 0 for base in bases)


@pytest.fixture(name="imported")
def fixture_imported(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
        del sys.modules[name]


@pytest.mark.parametrize("case", CASES, ids=[row[0] for row in CASES])
def test_depth_follows_the_runtime_bases(imported: Path, case: tuple[str, str, str, str, int]) -> None:
    rule, source, symbol, attribute, depth = case
    files = {f"{PACKAGE}/__init__.py": "", f"{PACKAGE}/case.py": dedent(source).lstrip()}
    files.update({f"{PACKAGE}/{name}": text for name, text in OTHERS.items()})
    write_project(imported, files)
    runtime: object = importlib.import_module(f"{PACKAGE}.case")
    for part in attribute.split("."):
        runtime = getattr(runtime, part)
    assert isinstance(runtime, type)
    assert _runtime_depth(runtime) == depth, "the fixture's own expectation"
    assert project_depths(files)[f"{PACKAGE}.case", symbol].depth == depth, rule
