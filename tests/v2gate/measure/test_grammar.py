"""Python's own grammar decides what is valid: code the interpreter compiles is measured.

Each row was a false V200 while a second parser (libcst) read the structure.
"""

from __future__ import annotations

import pytest

from v2gate.measure.source import measure_source

# (source, symbols of the functions and classes found, in order)
VALID = [
    (b"if True:\n\x0c    def f(): pass\n", ["f"]),  # a form feed inside indentation
    (b"class A:\n\tif y:\n\x0c\t\tdef m(self): pass\n", ["A", "A.m"]),  # ... before tabs
    (b"(x): int = 1\ndef f(): pass\n", ["f"]),  # a parenthesised annotated target
    (b"class C:\n    (y): int = 2\n", ["C"]),
    ("def to_\u00b5s(): pass\n".encode(), ["to_\u03bcs"]),  # NFKC: MICRO SIGN is GREEK MU to Python
    ("class \u212bngstrom: pass\n".encode(), ["\u00c5ngstrom"]),  # ANGSTROM SIGN
]


@pytest.mark.parametrize(("source", "symbols"), VALID)
def test_valid_python_is_measured(source: bytes, symbols: list[str]) -> None:
    compile(source, "snippet.py", "exec")  # the interpreter accepts it
    metrics = measure_source(source)
    assert metrics.failure is None
    definitions = sorted([*metrics.functions, *metrics.classes], key=lambda record: record.line)
    assert [record.symbol for record in definitions] == symbols


def test_a_big_file_with_a_continuation_is_measured() -> None:
    """Over 64 KB, with a backslash continuation where a piece of the file used to start."""
    filler = b"".join(b"value_%d = %d\n" % (index, index) for index in range(6000))
    source = filler + b"total = 1 + \\\n    2\ndef f(a, b):\n    return a if b else b\n"
    compile(source, "big.py", "exec")
    metrics = measure_source(source)
    assert metrics.failure is None
    assert [(f.symbol, f.complexity, f.parameters) for f in metrics.functions] == [("f", 2, 2)]
