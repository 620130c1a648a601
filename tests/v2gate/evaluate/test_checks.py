"""Evaluation: measured records + limits -> violations, one table row per rule case."""

from __future__ import annotations

import pytest

from v2gate.evaluate.judge import evaluate, summarize
from v2gate.evaluate.limits import Limits
from v2gate.evaluate.subject import Subject
from v2gate.inheritance.resolve import Depth
from v2gate.records import ClassRecord, Failure, FileMetrics, FunctionRecord
from v2gate.violation import Violation


def function(
    symbol: str, *, complexity: int = 1, parameters: int = 0, counted: bool = True
) -> FunctionRecord:
    """A function record at line 3, column 5 (the `def` keyword)."""
    return FunctionRecord(symbol.rpartition(".")[2], symbol, 3, 5, complexity, parameters, counted, 3, 3)


def klass(symbol: str) -> ClassRecord:
    """A class record at line 7, column 1 (the `class` keyword)."""
    return ClassRecord(symbol.rpartition(".")[2], symbol, 7, 1, (), "", 7, 7)


SMALL = Limits(
    {
        "max-file-lines": 10,
        "max-functions": 2,
        "max-classes": 1,
        "max-complexity": 3,
        "max-parameters": 2,
        "max-inheritance-depth": 1,
    }
)

# (metrics, depths, expected (line, column, code, symbol, value, limit, message) rows) against SMALL
CASES = [
    # V201: physical lines, value > limit only
    (FileMetrics(lines=10), (), []),
    (FileMetrics(lines=11), (), [(1, 1, "V201", None, 11, 10, "file has 11 lines (limit 10)")]),
    # V202: only counted functions (nested and overload stubs are not counted)
    (
        FileMetrics(lines=1, functions=(function("a"), function("b"), function("a.inner", counted=False))),
        (),
        [],
    ),
    (
        FileMetrics(lines=1, functions=(function("a"), function("b"), function("C.c"))),
        (),
        [(1, 1, "V202", None, 3, 2, "file defines 3 functions (limit 2)")],
    ),
    # V203: every class statement
    (
        FileMetrics(lines=1, classes=(klass("A"), klass("A.Inner"))),
        (Depth(0, ("A",)), Depth(0, ("A.Inner",))),
        [(1, 1, "V203", None, 2, 1, "file defines 2 classes (limit 1)")],
    ),
    # V204: every function, nested ones included, by symbol at the def keyword
    (FileMetrics(lines=1, functions=(function("f", complexity=3),)), (), []),
    (
        FileMetrics(lines=1, functions=(function("Store.load", complexity=14),)),
        (),
        [(3, 5, "V204", "Store.load", 14, 3, "Store.load has cyclomatic complexity 14 (limit 3)")],
    ),
    (
        FileMetrics(lines=1, functions=(function("outer.inner", complexity=4, counted=False),)),
        (),
        [(3, 5, "V204", "outer.inner", 4, 3, "outer.inner has cyclomatic complexity 4 (limit 3)")],
    ),
    # V205: parameters
    (
        FileMetrics(lines=1, functions=(function("Foo.bar", parameters=7),)),
        (),
        [(3, 5, "V205", "Foo.bar", 7, 2, "Foo.bar has 7 parameters (limit 2)")],
    ),
    # V206: depth with the chain in the message
    (FileMetrics(lines=1, classes=(klass("E"),)), (Depth(1, ("E", "ValueError")),), []),
    (
        FileMetrics(lines=1, classes=(klass("DbTimeout"),)),
        (Depth(3, ("DbTimeout", "DbError", "AppError", "ValueError")),),
        [(7, 1, "V206", "DbTimeout", 3, 1, "DbTimeout → DbError → AppError → ValueError (depth 3 > 1)")],
    ),
    # V206: one symbol defined twice (if/else): each definition keeps its own depth
    (
        FileMetrics(lines=1, classes=(klass("A"), klass("A"))),
        (Depth(0, ("A",)), Depth(2, ("A", "B", "X"))),
        [
            (1, 1, "V203", None, 2, 1, "file defines 2 classes (limit 1)"),
            (7, 1, "V206", "A", 2, 1, "A → B → X (depth 2 > 1)"),
        ],
    ),
    # V200: the parser's message and position; value/limit None; the run of rules continues (V201)
    (
        FileMetrics(lines=12, failure=Failure("invalid syntax", 4, 9)),
        (),
        [
            (4, 9, "V200", None, None, None, "invalid syntax"),
            (1, 1, "V201", None, 12, 10, "file has 12 lines (limit 10)"),
        ],
    ),
]


@pytest.mark.parametrize(("metrics", "depths", "expected"), CASES)
def test_rules(metrics: FileMetrics, depths: tuple[Depth, ...], expected: list[tuple[object, ...]]) -> None:
    found = evaluate(Subject("pkg/mod.py", metrics, depths), SMALL)
    assert [(v.line, v.column, v.code, v.symbol, v.value, v.limit, v.message) for v in found] == expected
    assert all(v.path == "pkg/mod.py" for v in found)


def test_rule_names_are_the_config_keys() -> None:
    metrics = FileMetrics(
        lines=99,
        functions=(function("f", complexity=9, parameters=9),) * 3,
        classes=(klass("A"), klass("B")),
        failure=None,
    )
    depths = (Depth(2, ("A", "B", "X")), Depth(1, ("B", "X")))
    found = evaluate(Subject("m.py", metrics, depths), SMALL)
    assert sorted({(v.code, v.rule) for v in found}) == [
        ("V201", "max-file-lines"),
        ("V202", "max-functions"),
        ("V203", "max-classes"),
        ("V204", "max-complexity"),
        ("V205", "max-parameters"),
        ("V206", "max-inheritance-depth"),
    ]


def test_singular_messages() -> None:
    zero = Limits({"max-file-lines": 0, "max-functions": 0, "max-classes": 0, "max-parameters": 0})
    metrics = FileMetrics(lines=1, functions=(function("f", parameters=1),), classes=(klass("A"),))
    messages = [v.message for v in evaluate(Subject("m.py", metrics, (Depth(0, ("A",)),)), zero)]
    assert messages == [
        "file has 1 line (limit 0)",
        "file defines 1 function (limit 0)",
        "file defines 1 class (limit 0)",
        "f has 1 parameter (limit 0)",
    ]


def test_violation_is_frozen() -> None:
    violation = Violation("m.py", 1, 1, "V201", "max-file-lines", None, 2, 1, "file has 2 lines (limit 1)")
    with pytest.raises(AttributeError):
        violation.line = 2  # type: ignore[misc]


SUMMARIES = [
    # empty file: every metric 0
    (FileMetrics(lines=0), (), (0, 0, 0, 0, 0, 0, None)),
    # maxima over all functions (nested included) and classes; V202 count only counted ones
    (
        FileMetrics(
            lines=20,
            functions=(
                function("a", complexity=2, parameters=4),
                function("a.b", complexity=6, parameters=1, counted=False),
            ),
            classes=(klass("A"), klass("B")),
        ),
        (Depth(1, ("A", "X")), Depth(2, ("B", "A", "X"))),
        (20, 1, 2, 6, 4, 2, None),
    ),
    # a failed file keeps its line count and carries the failure message
    (FileMetrics(lines=3, failure=Failure("bad", 1, 1)), (), (3, 0, 0, 0, 0, 0, "bad")),
]


@pytest.mark.parametrize(("metrics", "depths", "expected"), SUMMARIES)
def test_summary_rows(metrics: FileMetrics, depths: tuple[Depth, ...], expected: tuple[object, ...]) -> None:
    row = summarize(Subject("m.py", metrics, depths))
    assert (
        row.lines,
        row.functions,
        row.classes,
        row.max_complexity,
        row.max_parameters,
        row.max_inheritance_depth,
        row.error,
    ) == expected
