"""Source bytes to text the way Python reads them: UTF-8 BOM, PEP 263 coding cookie, UTF-8."""

from __future__ import annotations

import re
import tokenize

from v2gate.measure.lines import locate
from v2gate.records import Failure

# The PEP 263 cookie, as the tokenizer looks for it in the first two lines.
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
_BOM = b"\xef\xbb\xbf"
# A physical line as the tokenizer reads one: `\r\n`, `\r` and `\n` all end it.
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def decode_source(data: bytes) -> str | Failure:
    """The text of `data`, or a Failure naming the cookie or byte that prevents decoding."""
    encoding = _detect_encoding(data)
    if isinstance(encoding, Failure):
        return encoding
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        return _undecodable(data, exc, encoding)
    return text


def source_encoding(data: bytes) -> str | Failure:
    """The codec Python reads `data` with (`utf-8-sig` when it starts with a BOM)."""
    return _detect_encoding(data)


def nul_failure(text: str) -> Failure | None:
    """A Failure at the first NUL character of decoded `text` (Python refuses to compile it)."""
    nul = text.find("\x00")
    if nul < 0:
        return None
    line, column = locate(text, nul)
    return Failure(
        "source contains a NUL byte; Python cannot compile it (is this a binary file?)",
        line,
        column,
    )


def _detect_encoding(data: bytes) -> str | Failure:
    """The codec for `data`: BOM, then a cookie in the first two lines, else UTF-8."""
    # Only the first two lines can hold a cookie. Split as Python does: BytesIO.readline
    # would read a file with `\r` line ends as one line and miss a cookie on line 2.
    first_two = iter([match.group() for _, match in zip(range(2), _LINE.finditer(data), strict=False)])
    try:
        encoding, _ = tokenize.detect_encoding(lambda: next(first_two, b""))
    except SyntaxError as exc:
        return _cookie_failure(data, str(exc))
    return encoding


def _cookie_failure(data: bytes, reason: str) -> str | Failure:
    """Turn detect_encoding's complaint into a Failure (or UTF-8 when decoding will say more)."""
    if reason.startswith("invalid or missing encoding declaration"):
        # No cookie and line 1 is not UTF-8: decoding as UTF-8 names the exact byte.
        return "utf-8"
    line, name = _cookie(data)
    if reason.startswith("encoding problem"):
        message = (
            f"the file starts with a UTF-8 byte order mark but its coding cookie says {name!r};"
            " remove the cookie or the BOM"
        )
    else:
        message = f"unknown encoding {name!r} in the coding cookie; use a codec Python knows"
    return Failure(message, line, 1)


def _cookie(data: bytes) -> tuple[int, str]:
    """Line number (1 or 2) and codec name of the coding cookie in `data`."""
    for number, raw in enumerate(data.removeprefix(_BOM).splitlines()[:2], start=1):
        match = _COOKIE.match(raw)
        if match:
            return number, match.group(1).decode("ascii")
    return 1, "?"


def _undecodable(data: bytes, exc: UnicodeDecodeError, encoding: str) -> Failure:
    """A Failure naming the line, column and value of the first byte `encoding` rejects."""
    # latin-1 maps bytes 1:1 to characters, so offsets and line breaks stay where they were.
    line, column = locate(data.decode("latin-1"), exc.start)
    codec = "UTF-8" if encoding.startswith("utf-8") else encoding
    return Failure(
        f"cannot decode byte 0x{data[exc.start]:02x} at line {line}, column {column} as {codec}"
        f" ({exc.reason}); save the file as UTF-8 or declare its encoding with a coding cookie",
        line,
        column,
    )
