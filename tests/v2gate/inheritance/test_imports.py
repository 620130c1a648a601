"""V206 across files: every import form that can name a base class, measured from real source."""

from __future__ import annotations

import pytest

from tests.v2gate.inheritance.inheritance_project import project_depths

ERRORS = """
class AppError(ValueError): ...
class DbError(AppError): ...
class _Hidden(DbError): ...
"""

# (rule, files, (module, symbol), expected depth, expected chain)
CASES = [
    (
        "same file: earlier classes chain up to the external base",
        {"app/errors.py": ERRORS},
        ("app.errors", "DbError"),
        2,
        ("DbError", "AppError", "ValueError"),
    ),
    (
        "from m import B as C (alias)",
        {
            "app/errors.py": ERRORS,
            "app/db.py": "from app.errors import DbError as Base\nclass T(Base): ...\n",
        },
        ("app.db", "T"),
        3,
        ("T", "DbError", "AppError", "ValueError"),
    ),
    (
        "import a.b then a.b.Base (module attribute chain)",
        {"app/errors.py": ERRORS, "db.py": "import app.errors\nclass T(app.errors.AppError): ...\n"},
        ("db", "T"),
        2,
        ("T", "AppError", "ValueError"),
    ),
    (
        "import a.b as x then x.Base",
        {"app/errors.py": ERRORS, "db.py": "import app.errors as e\nclass T(e.DbError): ...\n"},
        ("db", "T"),
        3,
        ("T", "DbError", "AppError", "ValueError"),
    ),
    (
        "relative: from .m import B",
        {
            "app/__init__.py": "",
            "app/errors.py": ERRORS,
            "app/db.py": "from .errors import AppError\nclass T(AppError): ...\n",
        },
        ("app.db", "T"),
        2,
        ("T", "AppError", "ValueError"),
    ),
    (
        "relative: from .. import m then m.B (two levels up, a submodule)",
        {"app/errors.py": ERRORS, "app/sub/x.py": "from .. import errors\nclass T(errors.AppError): ...\n"},
        ("app.sub.x", "T"),
        2,
        ("T", "AppError", "ValueError"),
    ),
    (
        "re-export: pkg/__init__.py imports from .impl, user imports from pkg",
        {
            "pkg/__init__.py": "from .impl import Base\n",
            "pkg/impl.py": "class Base(Exception): ...\n",
            "use.py": "from pkg import Base\nclass Child(Base): ...\n",
        },
        ("use", "Child"),
        2,
        ("Child", "Base", "Exception"),
    ),
    (
        "re-export then module attribute: import pkg; pkg.Base",
        {
            "pkg/__init__.py": "from pkg.impl import *\n",
            "pkg/impl.py": "class Base(Exception): ...\n",
            "use.py": "import pkg\nclass Child(pkg.Base): ...\n",
        },
        ("use", "Child"),
        2,
        ("Child", "Base", "Exception"),
    ),
    (
        "from m import *: public names, through a second star import",
        {
            "app/errors.py": ERRORS,
            "app/all.py": "from app.errors import *\n",
            "use.py": "from app.all import *\nclass T(DbError): ...\n",
        },
        ("use", "T"),
        3,
        ("T", "DbError", "AppError", "ValueError"),
    ),
    (
        "from m import *: a leading underscore is not exported, so _Hidden is unknown (external)",
        {"app/errors.py": ERRORS, "use.py": "from app.errors import *\nclass T(_Hidden): ...\n"},
        ("use", "T"),
        1,
        ("T", "_Hidden"),
    ),
    (
        "pkg.mod.Base without importing the submodule explicitly: submodules resolve",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": "class Base(OSError): ...\n",
            "use.py": "import pkg\nclass T(pkg.mod.Base): ...\n",
        },
        ("use", "T"),
        2,
        ("T", "Base", "OSError"),
    ),
    (
        "a submodule wins over a star-imported name of the same name (asyncio's `transports`)",
        {
            "pkg/__init__.py": "from .base import *\n",
            "pkg/base.py": "from . import kinds\n",
            "pkg/kinds.py": "class Kind(Exception): ...\n",
            "use.py": "from pkg import kinds\nclass K(kinds.Kind): ...\n",
        },
        ("use", "K"),
        2,
        ("K", "Kind", "Exception"),
    ),
    (
        "a class imported from outside the project is external (depth 0)",
        {"use.py": "from requests import HTTPError\nclass T(HTTPError): ...\n"},
        ("use", "T"),
        1,
        ("T", "HTTPError"),
    ),
    (
        "import cycle with no definition (a: from b import X; b: from a import X) terminates: external",
        {
            "a.py": "from b import X\nclass A(X): ...\n",
            "b.py": "from a import X\nclass B(A): ...\nfrom a import A\n",
        },
        ("b", "B"),
        2,
        ("B", "A", "X"),
    ),
    (
        "import cycle between modules that do define the classes (a imports b, b imports a)",
        {
            "a.py": "import b\nclass A(b.Root): ...\n",
            "b.py": "import a\nclass Root(Exception): ...\nclass Leaf(a.A): ...\n",
        },
        ("b", "Leaf"),
        3,
        ("Leaf", "A", "Root", "Exception"),
    ),
    (
        "star-import cycle (a: from b import *; b: from a import *) terminates",
        {"a.py": "from b import *\nclass A(Missing): ...\n", "b.py": "from a import *\nclass B(A): ...\n"},
        ("b", "B"),
        2,
        ("B", "A", "Missing"),
    ),
]


@pytest.mark.parametrize(("rule", "files", "key", "depth", "chain"), CASES, ids=[case[0] for case in CASES])
def test_cross_file_resolution(
    rule: str, files: dict[str, str], key: tuple[str, str], depth: int, chain: tuple[str, ...]
) -> None:
    result = project_depths(files)[key]
    assert (result.depth, result.chain) == (depth, chain), rule


def test_inheritance_cycle_across_files_is_finite_and_flagged() -> None:
    # a.B(b.A), b.A(a.B): the cycle is walked once, ending at the base as written.
    files = {"a.py": "from b import A\nclass B(A): ...\n", "b.py": "import a\nclass A(a.B): ...\n"}
    depths = project_depths(files)
    assert [(d.depth, d.chain, d.cycle) for d in (depths["a", "B"], depths["b", "A"])] == [
        (2, ("B", "A", "a.B"), True),
        (2, ("A", "B", "A"), True),
    ]


def test_cycle_member_still_counts_bases_outside_the_cycle() -> None:
    # X is on the cycle X <-> Y and also derives from Deep (depth 2): first pass X = 3, Y = 1;
    # then X = 1 + max(Deep 2, Y 1) = 3 and Y = 1 + X's 3 = 4.
    files = {
        "m.py": "class Root(KeyError): ...\nclass Deep(Root): ...\nfrom m import Y\nclass X(Y, Deep): ...\nclass Y(X): ...\n"
    }
    depths = project_depths(files)
    assert (depths["m", "X"].depth, depths["m", "X"].chain, depths["m", "X"].cycle) == (
        3,
        ("X", "Deep", "Root", "KeyError"),
        True,
    )
    assert (depths["m", "Y"].depth, depths["m", "Y"].chain) == (4, ("Y", "X", "Deep", "Root", "KeyError"))


def test_self_import_of_the_class_being_defined_terminates() -> None:
    # `from a import A` inside a.py, then `class A(A)`: the base is A itself (a cycle of one).
    depths = project_depths({"a.py": "from a import A\nclass A(A): ...\n"})
    found = depths["a", "A"]
    assert (found.depth, found.chain, found.cycle) == (2, ("A", "A", "A"), True)
