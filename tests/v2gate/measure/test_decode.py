"""V200 decoding: BOM, PEP 263 cookies, UTF-8 default, invalid bytes and NUL bytes."""

from __future__ import annotations

import pytest

from v2gate.measure.source import measure_source

DECODABLE = [
    # (source, symbol of the one function in it, its line) -- V200 must not fire
    (b"\xef\xbb\xbfdef f(): pass\n", "f", 1),  # UTF-8 BOM
    (b"\xef\xbb\xbf# coding: utf-8\ndef f(): pass\n", "f", 2),  # BOM + utf-8 cookie
    (b"# -*- coding: latin-1 -*-\ns = '\xe9'\ndef f(): pass\n", "f", 3),  # latin-1 cookie
    (b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\ns = '\x80'\ndef f(): pass\n", "f", 4),
    (b"#!/usr/bin/env python\r# -*- coding: latin-1 -*-\rs = '\xe9'\rdef f(): pass\r", "f", 4),  # CR ends
    (b"# coding: latin-1\r\ns = '\xe9'\r\ndef f(): pass\r\n", "f", 3),  # CRLF ends
    ("def f(): return 'caf\u00e9 \u2603'\n".encode(), "f", 1),  # UTF-8 by default
    ("def \u00e9t\u00e9(): pass\n".encode(), "\u00e9t\u00e9", 1),  # non-ASCII identifier
]


@pytest.mark.parametrize(("source", "symbol", "line"), DECODABLE)
def test_decodable_sources(source: bytes, symbol: str, line: int) -> None:
    metrics = measure_source(source)
    assert metrics.failure is None
    assert [(f.symbol, f.line) for f in metrics.functions] == [(symbol, line)]


UNDECODABLE = [
    # (source, failure line, column, words in the message, lines) -- all V200
    (b"x = 1\ny = '\xff'\n", 2, 6, "0xff at line 2, column 6 as UTF-8", 0),  # invalid UTF-8
    (b"\xff\n", 1, 1, "0xff at line 1, column 1", 0),  # invalid UTF-8 on line 1, no cookie
    (b"x = '\xc3", 1, 6, "0xc3", 0),  # truncated multi-byte sequence
    (b"x = 1\r\ny = 2\rz = '\xe9'\n", 3, 6, "line 3", 0),  # CR / CRLF respected in the position
    (b"x = 1\n# coding: latin-1\ns = '\xe9'\n", 3, 6, "UTF-8", 0),  # a cookie on line 2 after code is ignored
    (b"\xef\xbb\xbf# coding: latin-1\nx = 1\n", 1, 1, "byte order mark", 0),  # BOM + non-UTF-8 cookie
    (b"#!/usr/bin/python\n# coding: klingon\n", 2, 1, "unknown encoding 'klingon'", 0),  # unknown codec
    (b"x = 1\ny = 2\x00\n", 2, 6, "NUL byte", 2),  # NUL: decodable, so lines counted
    (b"\x00", 1, 1, "NUL byte", 1),
]


@pytest.mark.parametrize(("source", "line", "column", "words", "lines"), UNDECODABLE)
def test_undecodable_sources(source: bytes, line: int, column: int, words: str, lines: int) -> None:
    metrics = measure_source(source)
    assert metrics.failure is not None
    assert (metrics.failure.line, metrics.failure.column) == (line, column)
    assert words in metrics.failure.message
    assert metrics.lines == lines
    assert metrics.functions == () and metrics.classes == () and metrics.imports == ()
