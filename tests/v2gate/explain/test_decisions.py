"""The decision points `explain` lists: a table of constructs, and the sum equals the measured V204
value for every function of stdlib files and of generated ones."""

from __future__ import annotations

import ast
import sysconfig
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from v2gate.explain.decisions import decision_points
from v2gate.measure.source import measure_source

# (body of `def f(a, b):`, [(line, construct, weight)] after the function's own +1 on line 1);
# an `else` is charged at the first line of its block (the tree keeps no line for the keyword)
TABLE = [
    ("return a", []),
    ("if a:\n    pass\nelif b:\n    pass\nelse:\n    pass", [(2, "if", 1), (4, "if", 1)]),
    ("return a if b else 0", [(2, "conditional expression", 1)]),
    ("return a and b or a", [(2, "`or` (2 operands)", 1), (2, "`and` (2 operands)", 1)]),
    ("return a and b and a", [(2, "`and` (3 operands)", 2)]),
    ("for x in a:\n    pass\nelse:\n    pass", [(2, "for", 1), (5, "for … else", 1)]),
    ("while a:\n    pass", [(2, "while", 1)]),
    (
        "try:\n    pass\nexcept A:\n    pass\nexcept B:\n    pass\nelse:\n    pass\nfinally:\n    pass",
        [(4, "except", 1), (6, "except", 1), (9, "try … else", 1)],
    ),
    ("try:\n    pass\nexcept* A:\n    pass\nexcept* B:\n    pass", [(4, "except*", 1), (6, "except*", 1)]),
    ("with a:\n    pass", []),
    (
        "return [x for x in a if x if b]",
        [(2, "comprehension", 1), (2, "comprehension if", 1), (2, "comprehension if", 1)],
    ),
    ("assert a and b", [(2, "assert", 1)]),  # radon does not look into the condition
    (
        "match a:\n    case 1:\n        pass\n    case [x]:\n        pass\n    case _:\n        pass",
        [(3, "match case", 1), (5, "match case", 1)],
    ),
    ("match a:\n    case _:\n        pass", []),
    ("g = lambda: a if b else 0", [(2, "conditional expression", 1)]),  # lambdas fold in
    ("def inner():\n    if a:\n        pass", []),  # nested functions are separate
    ("class K:\n    x = 1 if a else 2", []),  # and so are classes
]


@pytest.mark.parametrize(("body", "expected"), TABLE)
def test_decision_points(body: str, expected: list[tuple[int, str, int]]) -> None:
    source = "def f(a, b):\n" + textwrap.indent(body, "    ") + "\n"
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    points = [(point.line, point.construct, point.weight) for point in decision_points(function)]
    assert points == [(1, "function", 1), *expected]
    assert sum(weight for _, _, weight in points) == _measured(source)[1]


def _measured(source: str) -> dict[int, int]:
    """The V204 value of every function, by def line, as a run measures it."""
    metrics = measure_source(source.encode("utf-8"))
    assert metrics.failure is None
    return {function.line: function.complexity for function in metrics.functions}


def _check(source: str) -> int:
    """Assert that the points of every function sum to its measured value; how many were checked."""
    measured = _measured(source)
    functions = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    for node in functions:
        assert sum(point.weight for point in decision_points(node)) == measured[node.lineno], node.lineno
    return len(functions)


STDLIB = Path(sysconfig.get_paths()["stdlib"])
CORPUS = [
    "argparse.py",
    "ast.py",
    "datetime.py",
    "email/_header_value_parser.py",
    "pydoc.py",
    "typing.py",
    "asyncio/base_events.py",
    "tarfile.py",
]


@pytest.mark.parametrize("name", CORPUS)
def test_stdlib_functions(name: str) -> None:
    assert _check((STDLIB / name).read_text(encoding="utf-8")) > 20


_CONDITIONS = st.sampled_from(
    ["a", "a and b", "a or b or c", "a if b else c", "[x for x in a if x]", "(lambda: a or b)()"]
)


def _statements(inner: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    """One compound statement around `inner` statements (each a list of lines)."""
    block = inner.map(lambda lines: ["    " + line for line in lines] or ["    pass"])
    return st.one_of(
        st.tuples(_CONDITIONS, block, block).map(lambda t: [f"if {t[0]}:", *t[1], "else:", *t[2]]),
        st.tuples(_CONDITIONS, block).map(lambda t: [f"while {t[0]}:", *t[1]]),
        st.tuples(block, block).map(lambda t: ["for x in a:", *t[0], "else:", *t[1]]),
        st.tuples(block, block).map(lambda t: ["try:", *t[0], "except E:", *t[1], "else:", "    pass"]),
        st.tuples(block, block).map(lambda t: ["try:", *t[0], "except* E:", *t[1]]),
        st.tuples(_CONDITIONS, block).map(
            lambda t: [
                "match a:",
                "    case 1:",
                *("    " + line for line in t[1]),
                "    case _:",
                "        pass",
            ]
        ),
        block.map(lambda lines: ["def inner():", *lines]),
        block.map(lambda lines: ["class K:", *lines]),
        _CONDITIONS.map(lambda c: [f"assert {c}"]),
        _CONDITIONS.map(lambda c: [f"y = {c}"]),
    )


_BODIES = st.recursive(
    st.just(["pass"]),
    lambda inner: st.lists(_statements(inner), min_size=1, max_size=3).map(
        lambda parts: [line for part in parts for line in part]
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(_BODIES)
def test_generated_functions(body: list[str]) -> None:
    source = "def f(a, b, c):\n" + "\n".join("    " + line for line in body) + "\n"
    assert _check(source) >= 1
