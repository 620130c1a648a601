"""V204 cyclomatic complexity: radon's definition per function, nested functions separate,
+1 per `except*` handler."""

from __future__ import annotations

import pytest

from tests.v2gate.measure.snippets import measure

# (snippet, {symbol: complexity})
COMPLEXITY = [
    ("def f(): pass", {"f": 1}),  # V204: straight-line code is 1
    ("def f(x):\n    if x: pass\n    elif x > 1: pass\n    else: pass", {"f": 3}),  # if/elif
    ("def f(a, b, c): return a and b or c", {"f": 3}),  # V204: each extra boolean operand
    ("def f(x): return 1 if x else 2", {"f": 2}),  # V204: conditional expression
    (  # V204: for/while +1 each, their else +1
        "def f(x):\n    for i in x: pass\n    else: pass\n    while x: pass",
        {"f": 4},
    ),
    (  # V204: each except handler +1, try-else +1, finally 0
        (
            "def f():\n    try: pass\n    except A: pass\n    except B: pass\n"
            "    else: pass\n    finally: pass"
        ),
        {"f": 4},
    ),
    (  # V204: each except* handler +1 like except (radon alone says 1)
        "def f():\n    try: pass\n    except* A: pass\n    except* B: pass",
        {"f": 3},
    ),
    (  # V204: an except* handler is charged to the innermost function only
        "def outer():\n    def inner():\n        try: pass\n        except* A: pass\n    return inner",
        {"outer": 1, "outer.inner": 2},
    ),
    (  # V204: except* in a class body inside a function counts nowhere (like except)
        "def f():\n    class C:\n        try: pass\n        except* A: pass",
        {"f": 1},
    ),
    ("def f():\n    with a: pass\n    with b, c: pass", {"f": 1}),  # V204: `with` is no branch
    ("def f(x): return [a for a in x if a if a > 1]", {"f": 4}),  # V204: comprehension + ifs
    ("def f(x):\n    assert x\n    assert x, 'msg'", {"f": 3}),  # V204: radon counts assert
    (  # V204: match cases, a wildcard case is not a branch
        "def f(x):\n    match x:\n        case 1: pass\n        case 2: pass\n        case _: pass",
        {"f": 3},
    ),
    (  # V204: lambdas are folded into the function around them
        "def f(x): return lambda y: y if y else x",
        {"f": 2},
    ),
    (  # V204: nested functions are measured separately, not folded into the parent
        (
            "def outer(x):\n    if x: pass\n    def inner(y):\n        if y: pass\n"
            "        if y: pass\n    return inner"
        ),
        {"outer": 2, "outer.inner": 3},
    ),
    (  # V204: closures of methods, methods of inner classes
        (
            "class A:\n    def m(self):\n        def helper():\n            if 1: pass\n"
            "        return helper\n    class B:\n        def n(self, x): return x or 1"
        ),
        {"A.m": 1, "A.m.helper": 2, "A.B.n": 2},
    ),
    (  # V204: methods of a class defined inside a function (radon drops these)
        "def f():\n    class C:\n        def m(self, x):\n            if x: pass\n    return C",
        {"f": 1, "f.C.m": 2},
    ),
    (  # V204: decorated async function; async for counts like for
        "@dec\nasync def f(x):\n    async for a in x: pass\n    async with x: pass",
        {"f": 2},
    ),
    (  # V204: a def under module-level if; module-level code is not reported
        "if X and Y:\n    def f(x):\n        if x: pass",
        {"f": 2},
    ),
]


@pytest.mark.parametrize(("snippet", "expected"), COMPLEXITY)
def test_complexity(snippet: str, expected: dict[str, int]) -> None:
    functions = measure(snippet).functions
    assert {f.symbol: f.complexity for f in functions} == expected


def test_deep_but_valid_nesting_is_measured() -> None:
    """V204: 98 nested ifs in a function (just under the parser's indentation limit)."""
    body = "".join("    " * depth + "if x:\n" for depth in range(1, 99))
    snippet = "def f(x):\n" + body + "    " * 99 + "pass\n"
    assert [f.complexity for f in measure(snippet).functions] == [99]
