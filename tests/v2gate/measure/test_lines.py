"""V201 physical lines: only \\n, \\r\\n and \\r end a line (not str.splitlines())."""

from __future__ import annotations

import pytest

from v2gate.measure.lines import count_lines, locate
from v2gate.measure.source import measure_source

LINES = [
    (b"", 0),  # V201: an empty file has 0 lines
    (b"x = 1", 1),  # V201: a last line without terminator counts
    (b"x = 1\n", 1),
    (b"x = 1\ny = 2", 2),  # V201: no trailing newline
    (b"\n", 1),
    (b"x = 1\n\n\n", 3),  # V201: blank lines count
    (b"x = 1\r\ny = 2\r\n", 2),  # V201: CRLF is one break
    (b"x = 1\ry = 2\r", 2),  # V201: lone CR (old Mac) is a break
    (b"a = 1\r\nb = 2\rc = 3\nd = 4", 4),  # V201: mixed terminators
    (b"x = 1\n\x0c\ny = 2\n", 3),  # V201: form feed is not a break
    (b"s = '\x1c\x1d\x1e'\n", 1),  # V201: \x1c-\x1e are not breaks
    (b"# a\xc2\x85b\n", 1),  # V201: U+0085 NEL is not a break
    ("s = '\u2028'  # \u2029\n".encode(), 1),  # V201: U+2028/U+2029 are not breaks
    (b"s = '\x0b'\n", 1),  # V201: vertical tab is not a break
    (b"\xef\xbb\xbfx = 1\ny = 2\n", 2),  # V201: a BOM is not a line
    (b"# -*- coding: latin-1 -*-\ns = '\xe9'\n", 2),  # V201: counted after decoding
    (b'"""doc\r\nstring"""\r\n', 2),  # V201: breaks inside strings count
]


@pytest.mark.parametrize(("source", "expected"), LINES)
def test_physical_lines(source: bytes, expected: int) -> None:
    metrics = measure_source(source)
    assert metrics.failure is None
    assert metrics.lines == expected


TEXT_LINES = [
    ("", 0),
    ("\n\r", 2),  # LF then CR: two breaks
    ("\r\n\r\n", 2),
    ("a\x0cb\x1cc\x85d\u2028e", 1),  # what str.splitlines() would split into 5
]


@pytest.mark.parametrize(("text", "expected"), TEXT_LINES)
def test_count_lines_of_text(text: str, expected: int) -> None:
    assert count_lines(text) == expected


LOCATIONS = [
    ("abc", 0, (1, 1)),
    ("abc", 2, (1, 3)),
    ("a\nbc", 3, (2, 2)),
    ("a\r\nbc", 4, (2, 2)),
    ("a\rb\rc", 4, (3, 1)),
    ("a\x0cb", 2, (1, 3)),  # form feed does not start a line
]


@pytest.mark.parametrize(("text", "index", "expected"), LOCATIONS)
def test_locate(text: str, index: int, expected: tuple[int, int]) -> None:
    assert locate(text, index) == expected
