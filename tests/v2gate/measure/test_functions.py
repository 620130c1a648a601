"""V202 counted functions, V205 parameters, symbols and def positions (structure pass)."""

from __future__ import annotations

import pytest

from tests.v2gate.measure.snippets import measure

# (snippet, [(symbol, counted toward V202, V205 parameters)])
FUNCTIONS = [
    # V205: posonly + regular + *args + kwonly + **kwargs
    ("def f(a, b, /, c, *args, d, e=1, **kw): pass", [("f", True, 7)]),
    ("def f(a, *, b, c): pass", [("f", True, 3)]),  # V205: a bare * is not a parameter
    ("def f(): pass", [("f", True, 0)]),
    ("def f(*args, **kwargs): pass", [("f", True, 2)]),
    (  # V205: self/cls excluded unless @staticmethod; __new__'s cls excluded
        """
        class A:
            def m(self, a): pass
            @staticmethod
            def s(a, b): pass
            @classmethod
            def c(cls, a, /, *, b): pass
            def __new__(cls, *args, **kwargs): pass
            def z(): pass
            def only_star(*args): pass
        """,
        [
            ("A.m", True, 1),
            ("A.s", True, 2),
            ("A.c", True, 2),
            ("A.__new__", True, 2),
            ("A.z", True, 0),
            ("A.only_star", True, 0),
        ],
    ),
    (  # V202: nested functions do not count; V205: a nested def's first param is a param
        """
        def outer(a):
            def inner(self, b): pass
        class A:
            def m(self):
                def helper(self, x): pass
        """,
        [("outer", True, 1), ("outer.inner", False, 2), ("A.m", True, 0), ("A.m.helper", False, 2)],
    ),
    (  # V202: methods of nested classes count, also for a class inside a function
        """
        class A:
            class B:
                def m(self, x): pass
        def f():
            class C:
                def m(self): pass
        """,
        [("A.B.m", True, 1), ("f", True, 0), ("f.C.m", True, 0)],
    ),
    (  # V202: @overload stubs (any dotted name ending in overload) do not count
        """
        import typing, typing as t
        from typing import overload
        @overload
        def f(a: int) -> int: ...
        @typing.overload
        def f(a: str) -> str: ...
        @t.overload
        def f(a: bytes) -> bytes: ...
        def f(a): return a
        class A:
            @overload
            def m(self, a: int) -> int: ...
            def m(self, a): return a
        """,
        [
            ("f", False, 1),
            ("f", False, 1),
            ("f", False, 1),
            ("f", True, 1),
            ("A.m", False, 1),
            ("A.m", True, 1),
        ],
    ),
    (  # V202: definitions under module-level if/try (and in class-level if) count
        """
        if X:
            def f(): pass
        else:
            def f(a): pass
        try:
            def g(): pass
        except ImportError:
            def g(): pass
        class A:
            if X:
                def m(self, a): pass
        """,
        [("f", True, 0), ("f", True, 1), ("g", True, 0), ("g", True, 0), ("A.m", True, 1)],
    ),
    (  # V202/V205: async functions are functions
        """
        async def f(a): pass
        class A:
            async def m(self, a, b): pass
        """,
        [("f", True, 1), ("A.m", True, 2)],
    ),
    (  # V202: lambdas are not functions (at module level, in classes, in defs)
        """
        f = lambda a, b: a
        class A:
            g = lambda self: 1
        def h():
            return lambda x: x
        """,
        [("h", True, 0)],
    ),
]


@pytest.mark.parametrize(("snippet", "expected"), FUNCTIONS)
def test_functions(snippet: str, expected: list[tuple[str, bool, int]]) -> None:
    metrics = measure(snippet)
    assert [(f.symbol, f.counted, f.parameters) for f in metrics.functions] == expected
    assert metrics.function_count == sum(counted for _, counted, _ in expected)


# (snippet, (line, column, header_start, header_end)) of the last function: at the def /
# async keyword, never the decorator; the header ends at the line of the body's colon.
POSITIONS = [
    ("def f(): pass", (1, 1, 1, 1)),
    ("async def f(): pass", (1, 1, 1, 1)),
    ("@dec\n@dec2(\n    1)\ndef f(\n    a,\n):\n    pass", (4, 1, 1, 6)),
    ("class A:\n    @property\n    async def m(self): pass", (3, 5, 2, 3)),
    ("class A:\n\tdef m(self): pass", (2, 2, 2, 2)),  # a tab is one column
    ("def f() \\\n  :\n  pass", (1, 1, 1, 2)),  # backslash before the colon
    ("def f(\n    a,\n) -> dict[\n    str, int\n]:\n    pass", (1, 1, 1, 5)),
    ('@dec("\u00e9\u00e9")\ndef f(): pass', (2, 1, 1, 2)),  # non-ASCII on the decorator line
    ("\x0cdef f(): pass", (1, 2, 1, 1)),  # form feed before def
    ("\n\n# comment\n\n@dec\n\ndef f(): pass", (7, 1, 5, 7)),  # blank line after decorator
]


@pytest.mark.parametrize(("snippet", "expected"), POSITIONS)
def test_function_positions(snippet: str, expected: tuple[int, int, int, int]) -> None:
    last = measure(snippet).functions[-1]
    assert (last.line, last.column, last.header_start, last.header_end) == expected
