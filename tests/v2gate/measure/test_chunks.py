"""Big files are parsed by libcst in pieces; the measurements must equal a whole-file parse."""

from __future__ import annotations

import ast

import pytest

from v2gate.measure import chunks
from v2gate.measure.chunks import chunk_offsets
from v2gate.measure.source import measure_source

# Top-level statements that must never be cut apart (each row: why).
TRICKY = [
    "x = (1,\n     2); y = 3\n",  # the next statement starts on the line where this one ends
    "a = 1; b = 2\n",  # two statements on one line
    "@decorator\n@ \\\n  other\nclass Decorated(Base):  # noqa: V206\n    pass\n",  # `@` before a continuation
    "def f(a,\n      b):\n    if a:\n        return b\n    return a\n",  # a multi-line header
    "# a comment between statements\n\nimport os.path as p\n",  # comments and imports
    "if True:\n    class Conditional(p.Base):\n        def m(self): ...\n",  # nested definitions
]


@pytest.fixture(name="small_chunks")
def fixture_small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # A tiny piece size turns every statement boundary into a cut (a tuning constant, not behaviour).
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 16)


def test_pieces_measure_like_the_whole_file(small_chunks: None) -> None:
    source = "\n".join(TRICKY * 3)
    pieces = measure_source(source.encode())
    tree = ast.parse(source)
    assert len(chunk_offsets(tree, source)) > 6  # really cut
    chunks.CHUNK_CHARS = 10**9
    assert measure_source(source.encode()) == pieces
    assert pieces.failure is None and len(pieces.classes) == 6


def test_cuts_fall_between_whole_lines_of_statements(small_chunks: None) -> None:
    source = "".join(TRICKY)
    starts = {0} | {index + 1 for index, char in enumerate(source) if char == "\n"}
    offsets = chunk_offsets(ast.parse(source), source)
    assert set(offsets) <= starts
    for begin, end in zip(offsets, [*offsets[1:], len(source)], strict=False):
        ast.parse(source[begin:end])  # every piece is valid source on its own
