"""Module names from paths (flat and src layouts) and relative-import resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.v2gate.inheritance.inheritance_project import project_tables
from tests.v2gate.projects import write_project
from v2gate.discover import discover
from v2gate.inheritance.modules import ModuleName, module_name, package_names, resolve_import
from v2gate.inheritance.resolve import ClassTable, class_depths, inheritance_depths
from v2gate.measure.source import measure_path

ROOT = Path("/project")

# (rule, path relative to /project, expected name, expected is_package)
NAMES = [
    ("a top-level module", "mod.py", "mod", False),
    ("a module in a package", "pkg/sub/mod.py", "pkg.sub.mod", False),
    ("__init__.py names the package", "pkg/sub/__init__.py", "pkg.sub", True),
    ("the root's own __init__.py is the implicit root package", "__init__.py", "", True),
    ("a/../a normalises", "a/../a/x.py", "a.x", False),
    ("a file outside the root is named by its stem", "../elsewhere/tool.py", "tool", False),
    ("src layout: src/ is stripped (no src/__init__.py)", "src/pkg/m.py", "pkg.m", False),
]


@pytest.mark.parametrize(("rule", "relative", "name", "is_package"), NAMES, ids=[row[0] for row in NAMES])
def test_module_name(rule: str, relative: str, name: str, is_package: bool) -> None:
    assert module_name(ROOT / relative, ROOT) == ModuleName(name, is_package), rule


def test_src_layout_and_a_src_package(tmp_path: Path) -> None:
    # root/src/pkg/mod.py is `pkg.mod`; a `src` that has its own __init__.py is the package `src`.
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "mod.py").write_text("")
    assert module_name(tmp_path / "src" / "pkg" / "mod.py", tmp_path) == ModuleName("pkg.mod", False)
    assert module_name(tmp_path / "tests" / "t.py", tmp_path) == ModuleName("tests.t", False)
    (tmp_path / "src" / "__init__.py").write_text("")
    assert module_name(tmp_path / "src" / "pkg" / "mod.py", tmp_path) == ModuleName("src.pkg.mod", False)
    # a relative path for the file resolves against the current directory, like the CLI's paths
    assert module_name(Path("x.py"), Path.cwd()) == ModuleName("x", False)


# (rule, current module, is_package, level, module text, expected absolute module)
RELATIVE = [
    ("absolute import unchanged", "a.b", False, 0, "x.y", "x.y"),
    ("one dot in a module: its package", "a.b.c", False, 1, "m", "a.b.m"),
    ("one dot in a package: the package itself", "a.b", True, 1, "m", "a.b.m"),
    ("two dots: one package up", "a.b.c", False, 2, "m", "a.m"),
    ("from .. import x: the package", "a.b.c", False, 2, "", "a"),
    ("exactly the top: the implicit root package", "a.b", False, 2, "m", "m"),
    ("from . import x in a top-level module: the root package", "top", False, 1, "", ""),
    ("above the top: unresolvable", "a.b", False, 3, "m", None),
]


@pytest.mark.parametrize(
    ("current", "package", "level", "text", "expected"),
    [pytest.param(*rest, id=rule) for rule, *rest in RELATIVE],
)
def test_resolve_import(current: str, package: bool, level: int, text: str, expected: str | None) -> None:
    assert resolve_import(ModuleName(current, package), level, text) == expected


def test_package_names_include_namespace_prefixes() -> None:
    assert package_names(["a.b.c", "d", ""]) == {"a", "a.b", "a.b.c", "d"}


def test_src_layout_project_resolves_across_files() -> None:
    # src/app/errors.py is `app.errors`, so `from app.errors import ...` in tests/ resolves to it.
    tables = project_tables(
        {
            "src/app/__init__.py": "",
            "src/app/errors.py": "class AppError(ValueError): ...\n",
            "tests/test_x.py": "from app.errors import AppError\nclass Fake(AppError): ...\n",
        }
    )
    assert sorted(tables) == ["app", "app.errors", "tests.test_x"]
    assert inheritance_depths(tables)["tests.test_x", "Fake"].chain == ("Fake", "AppError", "ValueError")


def test_discovered_real_files_resolve_end_to_end(tmp_path: Path) -> None:
    # discover -> module_name -> measure_path -> class_depths on a src-layout tree; the
    # excluded build/ copy of the package is not part of the project.
    files = {
        "src/shop/__init__.py": "from .errors import ShopError\n",
        "src/shop/errors.py": "class ShopError(RuntimeError): ...\nclass PayError(ShopError): ...\n",
        "src/shop/pay/card.py": "from .. import errors\nfrom shop import ShopError as S\n"
        "class CardError(errors.PayError): ...\nclass Other(S): ...\n",
        "build/lib/shop/errors.py": "class ShopError: ...\n",
    }
    write_project(tmp_path, files)
    found = discover([tmp_path], root=tmp_path).files
    names = [module_name(path, tmp_path) for path in found]
    tables = {
        name.name: ClassTable.from_metrics(name, measure_path(path))
        for name, path in zip(names, found, strict=False)
    }
    assert sorted(tables) == ["shop", "shop.errors", "shop.pay.card"]
    card = class_depths(tables)["shop.pay.card"]
    assert [(row.depth, row.chain) for row in card] == [
        (3, ("CardError", "PayError", "ShopError", "RuntimeError")),
        (2, ("Other", "ShopError", "RuntimeError")),
    ]
    with pytest.raises(ValueError, match="key tables by module"):
        class_depths({"elsewhere": tables["shop"]})
