"""V206 from hand-made records: result shapes, duplicates, scale and deep chains."""

from __future__ import annotations

import time

from v2gate.inheritance.modules import ModuleName
from v2gate.inheritance.resolve import ClassTable, class_depths, inheritance_depths
from v2gate.records import Binding, ClassRecord, Failure, FileMetrics


def record(name: str, *bases: str | None, line: int = 1, scope: str = "") -> ClassRecord:
    """A class statement at `line`, column 1."""
    symbol = f"{scope}.{name}" if scope else name
    return ClassRecord(name, symbol, line, 1, bases, scope, line, line)


def test_class_depths_are_aligned_with_records_even_for_a_redefined_symbol() -> None:
    # `if ...: class A(OSError)` / `else: class A(B)` -> one Depth per class statement;
    # inheritance_depths keeps the deepest definition of the symbol.
    table = ClassTable(
        "m",
        False,
        (record("B", "KeyError", line=1), record("A", "OSError", line=3), record("A", "B", line=5)),
    )
    rows = class_depths({"m": table})["m"]
    assert [(row.depth, row.chain) for row in rows] == [
        (1, ("B", "KeyError")),
        (1, ("A", "OSError")),
        (2, ("A", "B", "KeyError")),
    ]
    assert inheritance_depths({"m": table})["m", "A"].depth == 2


def test_a_failed_file_has_an_empty_table_and_its_names_are_external() -> None:
    failed = FileMetrics(lines=3, failure=Failure("x", 1, 1))
    broken = ClassTable.from_metrics(ModuleName("bad", False), failed)
    user = ClassTable("user", False, (record("U", "Base"),), (Binding("Base", "bad", "Base", 0),))
    alone = class_depths({"user": user})["user"]
    assert class_depths({"bad": broken, "user": user}) == {"bad": (), "user": alone}
    assert inheritance_depths({"bad": broken, "user": user})["user", "U"].chain == ("U", "Base")


def test_namespace_package_and_plain_import_of_a_deep_module() -> None:
    # `import ns.pkg.mod` binds `ns` (no __init__.py anywhere); `ns.pkg.mod.Base` resolves.
    tables = {
        "ns.pkg.mod": ClassTable("ns.pkg.mod", False, (record("Base", "LookupError"),)),
        "use": ClassTable("use", False, (record("U", "ns.pkg.mod.Base"),), (Binding("ns", "ns", None, 0),)),
    }
    assert inheritance_depths(tables)["use", "U"].chain == ("U", "Base", "LookupError")


def test_a_10000_class_chain_needs_no_recursion_and_little_time() -> None:
    # C0(ValueError), C1(C0), ... in one module: depth = index + 1; the chain is shortened in
    # the middle to its first 20 names, "…", and the external base.
    count = 10_000
    classes = tuple(record(f"C{i}", f"C{i - 1}" if i else "ValueError", line=i + 1) for i in range(count))
    started = time.perf_counter()
    depths = inheritance_depths({"m": ClassTable("m", False, classes)})
    elapsed = time.perf_counter() - started
    last = depths["m", f"C{count - 1}"]
    assert last.depth == count
    assert last.chain == (*(f"C{i}" for i in range(9999, 9979, -1)), "…", "ValueError")
    short = depths["m", "C20"]  # 22 names: not shortened
    assert short.chain == (*(f"C{i}" for i in range(20, -1, -1)), "ValueError")
    assert len(depths["m", "C21"].chain) == 22  # 23 names -> 20 + "…" + "ValueError"
    assert elapsed < 5, elapsed


def test_thousands_of_modules_resolve_across_files_quickly() -> None:
    # 3000 modules, each importing its predecessor's class with a relative import and an alias:
    # a depth-3000 chain through 3000 files, plus 3 unrelated classes per module.
    count = 3000
    tables = {}
    for i in range(count):
        module = f"pkg.m{i}"
        imports = (Binding("Prev", f"m{i - 1}", f"K{i - 1}", 1),) if i else ()
        others = (record(f"X{j}", "object") for j in range(3))
        classes = (record(f"K{i}", "Prev" if i else "Exception"), *others)
        tables[module] = ClassTable(module, False, classes, imports)
    started = time.perf_counter()
    depths = inheritance_depths(tables)
    elapsed = time.perf_counter() - started
    assert depths[f"pkg.m{count - 1}", f"K{count - 1}"].depth == count
    assert depths["pkg.m7", "X2"].depth == 0
    assert elapsed < 10, elapsed


def test_a_long_re_export_chain_is_followed_iteratively() -> None:
    # m0 defines Base; m1..m4999 each re-export it from the previous module.
    count = 5000
    tables = {"m0": ClassTable("m0", False, (record("Base", "RuntimeError"),))}
    for i in range(1, count):
        tables[f"m{i}"] = ClassTable(f"m{i}", False, (), (Binding("Base", f"m{i - 1}", "Base", 0),))
    last = Binding("Base", f"m{count - 1}", "Base", 0)
    tables["use"] = ClassTable("use", False, (record("U", "Base"),), (last,))
    assert inheritance_depths(tables)["use", "U"].chain == ("U", "Base", "RuntimeError")
